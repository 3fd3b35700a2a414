"""Sign-up, e-mail confirmation, and the answers that must not reveal who is a member."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.utils import translation
from django.utils.html import escape

from accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def signup_data(place, **overrides):
    data = {
        "first_name": "Гүлнара",
        "last_name": "Асанова",
        "email": "gulnara@aiyl.kg",
        "password1": "kumbel-water-2026!",
        "password2": "kumbel-water-2026!",
        "applied_role": "deputy",
        "municipality": str(place.pk),
        "organization": "",
        "position": "Айылдык кеңештин депутаты",
        "preferred_language": "ru",
    }
    data.update(overrides)
    return data


def test_signup_form_asks_for_everything_a_member_must_tell(client, municipality):
    html = client.get("/en/accounts/signup/").content.decode()
    for name in [
        "first_name",
        "last_name",
        "email",
        "password1",
        "password2",
        "applied_role",
        "municipality",
        "organization",
        "position",
        "preferred_language",
    ]:
        assert f'name="{name}"' in html
    assert "<optgroup" in html  # municipalities grouped by region
    assert 'value="en" selected' in html  # preferred language defaults to the page's


# E-mail is delivered after the transaction commits (portal.mail): these tests commit for real.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_signup_creates_a_pending_member_and_sends_a_confirmation(client, municipality):
    response = client.post("/ky/accounts/signup/", signup_data(municipality))
    assert response.status_code == 302
    member = User.objects.get(email="gulnara@aiyl.kg")
    assert member.status == User.Status.PENDING
    assert member.applied_role == "deputy"
    assert member.municipality == municipality
    assert member.preferred_language == "ru"
    assert member.role is None
    assert member.password.startswith("md5$") or member.password.startswith("argon2")
    assert len(mail.outbox) == 1
    assert "/ky/accounts/confirm-email/" in mail.outbox[0].body


def test_member_without_municipality_or_organization_is_told_and_nothing_is_created(client, municipality):
    response = client.post("/en/accounts/signup/", signup_data(municipality, municipality="", organization=""))
    assert response.status_code == 200
    assert "Choose your municipality, or name the organization you work for." in response.content.decode()
    assert not User.objects.exists()
    # what the member typed is kept in the form
    assert 'value="Гүлнара"' in response.content.decode()


def test_member_of_a_national_body_signs_up_with_an_organization(client, municipality):
    response = client.post(
        "/en/accounts/signup/", signup_data(municipality, municipality="", organization="Ministry of Finance")
    )
    assert response.status_code == 302
    member = User.objects.get()
    assert member.municipality is None
    assert member.organization == "Ministry of Finance"


def test_unknown_municipality_is_rejected(client, municipality):
    response = client.post("/en/accounts/signup/", signup_data(municipality, municipality="99999"))
    assert response.status_code == 200
    assert not User.objects.exists()


# E-mail is delivered after the transaction commits (portal.mail): these tests commit for real.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_confirming_the_email_lets_the_pending_member_sign_in_and_tells_admins(client, municipality, ulsg_admin):
    client.post("/ky/accounts/signup/", signup_data(municipality))
    link = re.search(r"http://\S+/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
    client.post("/" + path)
    assert EmailAddress.objects.get(email="gulnara@aiyl.kg").verified
    # the ULSG admin is told, in their own language (Russian here)
    notice = mail.outbox[-1]
    assert notice.to == [ulsg_admin.email]
    assert "gulnara@aiyl.kg" in notice.subject
    response = client.post("/ky/accounts/login/", {"login": "gulnara@aiyl.kg", "password": "kumbel-water-2026!"})
    assert response.status_code == 302
    profile = client.get("/en/accounts/profile/").content.decode()
    assert "pending approval" in profile


# E-mail is delivered after the transaction commits (portal.mail): these tests commit for real.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_signup_with_an_existing_email_answers_the_same_as_a_new_one(client, municipality, servant):
    new = client.post("/en/accounts/signup/", signup_data(municipality))
    client.logout()
    existing = client.post("/en/accounts/signup/", signup_data(municipality, email=servant.email))
    assert new.status_code == existing.status_code == 302
    assert new["Location"] == existing["Location"]
    assert User.objects.filter(email=servant.email).count() == 1
    # the real owner of the address is told by e-mail instead
    assert mail.outbox[-1].to == [servant.email]


def test_password_reset_answers_the_same_whether_or_not_the_email_exists(client, servant):
    known = client.post("/en/accounts/password/reset/", {"email": servant.email})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@nowhere.kg"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_login_failure_does_not_say_whether_the_email_exists(client, servant):
    wrong_password = client.post("/en/accounts/login/", {"login": servant.email, "password": "wrong-password-1"})
    unknown_email = client.post("/en/accounts/login/", {"login": "nobody@nowhere.kg", "password": "wrong-password-1"})
    assert wrong_password.status_code == unknown_email.status_code == 200
    error = "The email address and/or password you specified are not correct."
    assert error in wrong_password.content.decode()
    assert error in unknown_email.content.decode()


def test_login_attempts_are_throttled(client, servant):
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": servant.email, "password": "wrong-password-1"})
    response = client.post("/en/accounts/login/", {"login": servant.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2(settings):
    from portal import settings as real_settings

    assert real_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_a_too_short_password_is_explained_in_the_readers_language(client, municipality, language):
    response = client.post(
        f"/{language}/accounts/signup/", signup_data(municipality, password1="short1", password2="short1")
    )
    assert response.status_code == 200
    assert not User.objects.exists()
    with translation.override(language):
        message = (
            translation.ngettext(
                "This password is too short. It must contain at least %d character.",
                "This password is too short. It must contain at least %d characters.",
                10,
            )
            % 10
        )
    assert "This password is too short" not in message
    assert escape(message) in response.content.decode()


# E-mail is delivered after the transaction commits (portal.mail): these tests commit for real.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_confirmation_email_names_the_portal_not_the_host(client, municipality):
    client.post("/ru/accounts/signup/", signup_data(municipality))
    with translation.override("ru"):
        name = str(settings.SITE_NAME)
    message = mail.outbox[0]
    assert "testserver" not in message.subject
    assert name in message.body
