"""`next` never sends a reader to another site: login, logout, sign-up (through the e-mail
confirmation), the admin's sign-in and the language switch (Django's set_language, used by the admin's
language picker; the public site's switcher is plain links with no `next`) each land on a page of
ours, whatever form the foreign address takes. None of our own views reads `next`."""

import re
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.core import mail

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

HOST = "testserver"
FOREIGN = [
    "//evil.test",
    "/\\evil.test",
    "\\\\evil.test",
    "https://evil.test",
    "http://evil.test/ky/",
    "https:evil.test",
    "///evil.test",
    " //evil.test",
    "/\t/evil.test",
    "http://testserver@evil.test/",
    "javascript:alert(1)",
    # Encoded: sent as they are, so the view receives the percent signs (a browser does not decode them
    # into slashes before reading the host) ...
    "%2F%2Fevil.test",
    "/%5Cevil.test",
    "%2F%5Cevil.test",
    "https%3A%2F%2Fevil.test",
]
# ... and as a query string written by an attacker, which Django decodes once.
RAW_QUERIES = ["next=%2F%2Fevil.test", "next=%2F%5Cevil.test", "next=https%3A%2F%2Fevil.test", "next=%5C%5Cevil.test"]


def where_a_browser_goes(location, base):
    """The address a browser opens for a Location header: it drops surrounding spaces and control
    characters and reads a backslash as a slash before resolving it against the current page."""
    cleaned = re.sub(r"[\x00-\x20]", "", location).replace("\\", "/")
    return urljoin(base, cleaned)


def assert_lands_at_home(client, response, base, *, hops=5, found=True):
    """Follow the redirects as a browser would; each must stay on this site (and end on a page that
    exists, unless `found` is False)."""
    while response.status_code in (301, 302, 303, 307, 308) and hops:
        target = where_a_browser_goes(response["Location"], base)
        parts = urlsplit(target)
        assert parts.scheme in ("http", "https"), response["Location"]
        assert parts.netloc == HOST, response["Location"]
        base = target
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        hops -= 1
    assert response.status_code < (500 if not found else 400)
    return response


def assert_links_stay_here(response, page):
    """Every link, form and resource on a page resolves to this site (a `next` may ride along in a
    link's query string, where it is checked again when used)."""
    for value in re.findall(r'(?:href|action|src)="([^"]*)"', response.content.decode()):
        target = urlsplit(where_a_browser_goes(value.replace("&amp;", "&"), page))
        assert target.netloc == HOST or target.scheme == "mailto", value


def login_page(query):
    return f"http://{HOST}/ky/accounts/login/?{query}"


@pytest.mark.parametrize("next_url", FOREIGN)
def test_signing_in_with_a_foreign_next_stays_here(client, servant, next_url):
    form = client.get("/ky/accounts/login/?" + urlencode({"next": next_url}))
    assert form.status_code == 200
    assert_links_stay_here(form, login_page(urlencode({"next": next_url})))
    response = client.post("/ky/accounts/login/", {"login": servant.email, "password": PASSWORD, "next": next_url})
    assert "_auth_user_id" in client.session
    assert_lands_at_home(client, response, login_page(""))


@pytest.mark.parametrize("query", RAW_QUERIES)
def test_signing_in_from_an_encoded_query_stays_here(client, servant, query):
    response = client.post(
        f"/ky/accounts/login/?{query}", {"login": servant.email, "password": PASSWORD}, QUERY_STRING=query
    )
    assert "_auth_user_id" in client.session
    assert_lands_at_home(client, response, login_page(query))


@pytest.mark.parametrize("next_url", FOREIGN)
def test_signing_out_with_a_foreign_next_stays_here(client, servant, next_url):
    client.force_login(servant)
    response = client.post("/ky/accounts/logout/", {"next": next_url})
    assert "_auth_user_id" not in client.session
    assert_lands_at_home(client, response, f"http://{HOST}/ky/accounts/logout/")


@pytest.mark.parametrize("next_url", FOREIGN)
def test_the_language_switch_with_a_foreign_next_stays_here(client, next_url):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": next_url}, HTTP_REFERER="https://evil.test/")
    # Django's set_language follows an encoded `next` ("%2F%2Fevil.test" is a relative path, "/%5Cevil.test"
    # a path): a 404 of ours, never another site.
    assert_lands_at_home(client, response, f"http://{HOST}/i18n/setlang/", found="%" not in next_url)


@pytest.mark.parametrize("query", RAW_QUERIES)
def test_the_language_switch_from_an_encoded_query_stays_here(client, query):
    response = client.post(f"/i18n/setlang/?{query}", {"language": "ru"}, HTTP_REFERER="//evil.test/")
    assert_lands_at_home(client, response, f"http://{HOST}/i18n/setlang/?{query}")


@pytest.mark.parametrize("next_url", FOREIGN)
def test_the_admin_sign_in_with_a_foreign_next_stays_here(client, editor, next_url):
    response = client.get("/admin/login/?" + urlencode({"next": next_url}))
    assert response.status_code == 302
    login = where_a_browser_goes(response["Location"], f"http://{HOST}/admin/login/")
    assert urlsplit(login).netloc == HOST
    response = client.post(login, {"login": editor.email, "password": PASSWORD})
    final = assert_lands_at_home(client, response, login)
    assert final.status_code == 200


# The confirmation e-mail is sent after the transaction commits (portal.mail).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("next_url", ["//evil.test", "/\\evil.test", "https://evil.test", "%2F%2Fevil.test"])
def test_signing_up_with_a_foreign_next_stays_here_after_the_confirmation(client, municipality, next_url):
    from tests.accounts.test_signup import signup_data

    response = client.post("/ky/accounts/signup/?" + urlencode({"next": next_url}), signup_data(municipality))
    assert_lands_at_home(client, response, f"http://{HOST}/ky/accounts/signup/")
    link = re.search(r"http://\S+/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    response = client.post(path)
    assert_lands_at_home(client, response, f"http://{HOST}{path}")


@pytest.mark.parametrize("next_url", FOREIGN)
def test_signing_up_posts_a_foreign_next_and_stays_here(client, municipality, next_url):
    from tests.accounts.test_signup import signup_data

    response = client.post("/ky/accounts/signup/", {**signup_data(municipality), "next": next_url})
    assert_lands_at_home(client, response, f"http://{HOST}/ky/accounts/signup/")


def test_a_next_on_this_site_is_still_followed(client, servant):
    response = client.post(
        "/ky/accounts/login/", {"login": servant.email, "password": PASSWORD, "next": "/ru/practices/"}
    )
    assert response["Location"] == "/ru/practices/"
