"""Guessing passwords: allauth's login_failed rate limit (settings.ACCOUNT_RATE_LIMITS, 5 failures per
5 minutes per address and per account) stops a guesser, tells the reader why in their language, and
lets the real member in once the window has passed. The admin signs in through the same form.

allauth keeps each limit as a list of hit times in the cache and drops those older than the window
(allauth.core.internal.ratelimit); the tests move the clock on rather than clear the cache."""

import time
from unittest import mock

import pytest
from django.utils import translation

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/{lang}/accounts/login/"
WINDOW = 5 * 60
ATTACKER = "203.0.113.7"
MEMBER_ADDRESS = "198.51.100.20"


def too_many(lang):
    with translation.override(lang):
        return translation.gettext("Too many failed login attempts. Try again later.")


def attempt(client, email, password, *, lang="ky", ip=ATTACKER, next_url=None):
    data = {"login": email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN.format(lang=lang), data, REMOTE_ADDR=ip)


def signed_in(client):
    return "_auth_user_id" in client.session


def guess_twenty_times(client, email, ip=ATTACKER):
    for n in range(20):
        response = attempt(client, email, f"wrong-password-{n}", ip=ip)
        assert response.status_code == 200
    return response


def later(seconds):
    """Move the clock on: allauth's rate limit and the local-memory cache both read time.time()."""
    now = time.time()
    return mock.patch("time.time", return_value=now + seconds)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_it_refuses_even_the_right_password_after_twenty_wrong_ones(client, servant, lang):
    last = guess_twenty_times(client, servant.email)
    assert too_many(lang) != "Too many failed login attempts. Try again later."  # translated
    assert too_many("ky") in last.content.decode()

    response = attempt(client, servant.email, PASSWORD, lang=lang)
    assert response.status_code == 200
    assert too_many(lang) in response.content.decode()
    assert not signed_in(client)


def test_the_real_member_signs_in_once_the_window_has_passed(client, servant):
    guess_twenty_times(client, servant.email)
    with later(WINDOW - 30):
        response = attempt(client, servant.email, PASSWORD)
    assert too_many("ky") in response.content.decode()
    assert not signed_in(client)
    with later(WINDOW + 1):
        response = attempt(client, servant.email, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_the_account_stays_locked_from_another_address(client, servant):
    guess_twenty_times(client, servant.email, ip=ATTACKER)
    response = attempt(client, servant.email, PASSWORD, ip=MEMBER_ADDRESS)
    assert too_many("ky") in response.content.decode()
    assert not signed_in(client)


def test_the_guessing_address_is_locked_for_other_accounts_too(client, servant, deputy):
    guess_twenty_times(client, servant.email, ip=ATTACKER)
    response = attempt(client, deputy.email, PASSWORD, ip=ATTACKER)
    assert too_many("ky") in response.content.decode()
    assert not signed_in(client)
    # The deputy, from their own address, is not affected.
    assert attempt(client, deputy.email, PASSWORD, ip=MEMBER_ADDRESS).status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_does_not_reset_the_count_for_a_guesser(client, servant, deputy):
    """A guesser who owns an account cannot sign into it between guesses to wipe the address's count."""
    for n in range(4):
        attempt(client, servant.email, f"wrong-{n}")
    assert attempt(client, deputy.email, PASSWORD).status_code == 302
    client.logout()
    attempt(client, servant.email, "wrong-5")
    response = attempt(client, servant.email, PASSWORD)
    assert too_many("ky") in response.content.decode()


def test_the_admin_sign_in_is_the_same_throttled_form(client, editor):
    # The admin's own login form is never shown: it sends to allauth's, where the limit applies.
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/ky/accounts/login/?next=")
    # A POST to the admin's login does not authenticate (no way around the limit).
    response = client.post("/admin/login/", {"username": editor.email, "password": PASSWORD})
    assert response.status_code == 302
    assert not signed_in(client)

    guess_twenty_times(client, editor.email)
    response = attempt(client, editor.email, PASSWORD, next_url="/admin/")
    assert too_many("ky") in response.content.decode()
    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302

    with later(WINDOW + 1):
        response = attempt(client, editor.email, PASSWORD, next_url="/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
