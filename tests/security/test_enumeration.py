"""Nobody learns from the portal's answers which e-mail addresses have an account: the password reset,
the sign-up and the sign-in answer an existing address exactly as an unknown one (status, redirect,
page text), with allauth's ACCOUNT_PREVENT_ENUMERATION. Only the address's owner is told, by e-mail."""

import re

import pytest
from django.test import Client

from accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

UNKNOWN = "nobody-here@example.kg"


def page_text(response, email):
    """The page as a reader sees it, without what differs between any two requests (the CSRF token)
    and with the address typed in replaced by a placeholder."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r"csrftoken=[^;\"']*", "", html)
    return html.replace(email, "EMAIL").replace(email.lower(), "EMAIL")


def answer(path, data, email):
    """Post from a new browser; returns (status, redirect target, text of the page it ends on)."""
    client = Client()
    response = client.post(path, data)
    location = response.get("Location")
    final = client.get(location) if location else response
    return response.status_code, location, final.status_code, page_text(final, email)


# An approved member, a member awaiting approval, and an approved member's address in capitals; one
# per test, as allauth limits repeated confirmation e-mails to one address (which is the same for all).
EXISTING = ["approved", "pending", "capitals"]


@pytest.fixture
def existing(request, servant, pending_member):
    return {"approved": servant.email, "pending": pending_member.email, "capitals": servant.email.upper()}[
        request.param
    ]


@pytest.mark.parametrize("existing", EXISTING, indirect=True)
@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_password_reset_answers_the_same_for_an_existing_and_an_unknown_address(lang, existing):
    path = f"/{lang}/accounts/password/reset/"
    unknown = answer(path, {"email": UNKNOWN}, UNKNOWN)
    assert unknown[0] == 302
    assert answer(path, {"email": existing}, existing) == unknown


def test_password_reset_tells_only_the_owner_by_e_mail(client, servant, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": servant.email})
        client.post("/en/accounts/password/reset/", {"email": UNKNOWN})
    assert sorted(recipient for message in mailoutbox for recipient in message.to) == sorted([servant.email, UNKNOWN])
    to_servant = next(m for m in mailoutbox if m.to == [servant.email])
    assert "/password/reset/key/" in to_servant.body
    to_unknown = next(m for m in mailoutbox if m.to == [UNKNOWN])
    assert "/password/reset/key/" not in to_unknown.body


@pytest.mark.parametrize("existing", EXISTING, indirect=True)
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_sign_up_answers_the_same_for_an_existing_and_an_unknown_address(lang, municipality, existing):
    from tests.accounts.test_signup import signup_data

    path = f"/{lang}/accounts/signup/"
    unknown = answer(path, signup_data(municipality, email=UNKNOWN), UNKNOWN)
    assert unknown[0] == 302
    assert answer(path, signup_data(municipality, email=existing), existing) == unknown
    assert User.objects.filter(email__iexact=existing).count() == 1


@pytest.mark.parametrize("existing", EXISTING, indirect=True)
@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_a_failed_sign_in_answers_the_same_for_an_existing_and_an_unknown_address(lang, existing):
    path = f"/{lang}/accounts/login/"
    unknown = answer(path, {"login": UNKNOWN, "password": "not-the-password-1"}, UNKNOWN)
    assert unknown[0] == 200
    assert answer(path, {"login": existing, "password": "not-the-password-1"}, existing) == unknown


def test_the_lock_after_failed_sign_ins_is_the_same_for_an_unknown_address(servant):
    """An unknown address is locked after as many failures as a real one: the lock reveals nothing."""
    answers = {}
    for email in (servant.email, UNKNOWN):
        client = Client(REMOTE_ADDR=f"192.0.2.{len(answers) + 1}")
        for n in range(6):
            response = client.post("/en/accounts/login/", {"login": email, "password": f"wrong-{n}"})
        answers[email] = (response.status_code, page_text(response, email))
    assert answers[servant.email] == answers[UNKNOWN]
    assert "Too many failed login attempts" in answers[UNKNOWN][1]


def test_the_right_password_of_a_member_awaiting_approval_is_not_an_oracle_without_it(pending_member):
    """Only someone who knows the password sees the account's state; without it, nothing differs."""
    path = "/en/accounts/login/"
    assert answer(path, {"login": pending_member.email, "password": "wrong-1"}, pending_member.email) == answer(
        path, {"login": UNKNOWN, "password": "wrong-1"}, UNKNOWN
    )
    assert Client().post(path, {"login": pending_member.email, "password": PASSWORD}).status_code == 302
