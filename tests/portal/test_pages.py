"""Site-wide pages: home, directory, search, health check, error pages."""

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.test import Client, override_settings
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext

from portal import urls as portal_urls
from portal.models import Municipality

pytestmark = pytest.mark.django_db


def test_home_explains_the_portal(client):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ["Practices library", "Municipality magazine", "For deputies", "Who can join"]:
        assert text in html


def test_base_layout_has_landmarks_skip_link_and_navigation(client):
    html = client.get("/en/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    for label in ["Practices", "Magazine", "For deputies", "Events", "Search", "Sign in"]:
        assert label in html
    assert "Development Policy Institute" in html
    assert "<script" not in html


@pytest.mark.parametrize("url", ["/en/", "/en/municipalities/", "/en/search/?q=x", "/en/deputies/"])
def test_pages_refuse_post(client, url):
    assert client.post(url).status_code == 405


def test_directory_groups_municipalities_in_a_fixed_number_of_queries(client, district, django_assert_num_queries):
    def add(count):
        for i in range(count):
            Municipality.objects.create(
                code=f"m-{Municipality.objects.count()}-{i}",
                name_ky=f"Айыл {i}",
                name_ru=f"Село {i}",
                kind="aiyl_aimak",
                region=district.region,
                district=district,
            )

    add(2)
    # 1 regions, 2 municipalities joined with region and district (no session or user for a visitor)
    with django_assert_num_queries(2):
        client.get("/ru/municipalities/")
    add(30)
    with django_assert_num_queries(2):
        response = client.get("/ru/municipalities/")
    assert response.content.decode().count('class="municipality-name"') == 32


def test_directory_sorts_by_the_kyrgyz_alphabet(client, district):
    for code, name in [("yasnoe", "Ясное"), ("ozgon", "Өзгөн"), ("uch", "Үч-Коргон"), ("ak", "Ак-Суу")]:
        Municipality.objects.create(
            code=code, name_ky=name, name_ru=name, kind="aiyl_aimak", region=district.region, district=district
        )
    html = Client().get("/ky/municipalities/").content.decode()
    positions = [html.index(name) for name in ["Ак-Суу", "Өзгөн", "Үч-Коргон", "Ясное"]]
    assert positions == sorted(positions)


def test_search_finds_a_municipality_by_any_language(client, municipality):
    html = client.get("/ru/search/", {"q": "kumbel"}).content.decode()
    assert "айылный аймак Кумбел" in html
    html = client.get("/en/search/", {"q": "Кумбел"}).content.decode()
    assert "Kumbel aiyl aimak" in html


def test_search_without_results_says_so(client, municipality):
    html = client.get("/en/search/", {"q": "zzzz"}).content.decode()
    assert "Nothing found" in html


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("portal.faults._probe_database", broken)
    assert client.get("/healthz").status_code == 503


def translated(language, text):
    """The catalogue's translation, asserting there is one for ky and ru."""
    with translation.override(language):
        result = gettext(text)
    assert language == "en" or result != text, f"{text!r} has no {language} translation"
    return result


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_404_page_in_each_language(client, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert translated(language, "Page not found") in response.content.decode()


def boom(request):
    raise RuntimeError("boom")


def forbidden(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


class ErrorURLConf:
    """The portal's URLs plus two that fail, under the language prefixes."""

    urlpatterns = portal_urls.urlpatterns + i18n_patterns(path("boom/", boom), path("forbidden/", forbidden))
    handler403 = "portal.views.permission_denied"
    handler500 = "portal.views.server_error"


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_500_page_in_each_language(language):
    client = Client(raise_request_exception=False)
    with override_settings(ROOT_URLCONF=ErrorURLConf):
        response = client.get(f"/{language}/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert translated(language, "Something went wrong") in html
    assert f'<html lang="{language}">' in html


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_403_page_in_each_language(language):
    with override_settings(ROOT_URLCONF=ErrorURLConf):
        response = Client().get(f"/{language}/forbidden/")
    assert response.status_code == 403
    assert translated(language, "Access denied") in response.content.decode()


# The home page's query counts are pinned in tests/portal/test_home.py.
