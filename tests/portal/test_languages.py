"""The three languages end to end: prefixes, the root redirect, the switcher,
<html lang> and the visible fallback for content missing in the reader's language."""

import re

import pytest
from django.utils import translation

from portal.models import Municipality

pytestmark = pytest.mark.django_db

PAGES = [
    "",
    "municipalities/",
    "search/",
    "practices/",
    "deputies/",
    "magazine/",
    "events/",
    "news/",
    "accounts/login/",
    "accounts/signup/",
    "accounts/password/reset/",
]


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [("ru-RU,ru;q=0.9", "/ru/"), ("en-US,en;q=0.8", "/en/"), ("ky", "/ky/"), ("fr-FR", "/ky/"), ("", "/ky/")],
)
def test_root_sends_the_reader_to_their_browser_language(client, accept_language, target):
    response = client.get("/", headers={"accept-language": accept_language} if accept_language else {})
    assert response.status_code == 302
    assert response["Location"] == target


def test_root_prefers_the_language_the_reader_chose_before(client):
    client.get("/ru/")
    response = client.get("/", headers={"accept-language": "en"})
    assert response["Location"] == "/ru/"


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_the_right_html_lang(client, language, page):
    response = client.get(f"/{language}/{page}")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_switcher_keeps_the_reader_on_the_same_page(client, page):
    html = client.get(f"/ru/{page}").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert f'href="/ky/{page}"' in switcher
    assert f'href="/en/{page}"' in switcher
    assert 'aria-current="true" lang="ru"' in switcher


def test_switcher_keeps_the_query_string(client):
    html = client.get("/ky/search/", {"q": "Ош"}).content.decode()
    assert 'href="/ru/search/?q=%D0%9E%D1%88"' in html


def test_switcher_on_a_missing_page_leads_to_the_same_address_in_the_other_language(client):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert 'href="/ky/no-such-page/"' in response.content.decode()


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_the_interface_speaks_the_language_of_the_prefix(client, language):
    with translation.override(language):
        words = [
            translation.gettext(text) for text in ("Practices", "Magazine", "For deputies", "Skip to main content")
        ]
    if language != "en":
        assert words[0] != "Practices", f"no {language} translation"
    html = client.get(f"/{language}/").content.decode()
    for word in words:
        assert word in html


def test_content_missing_in_the_readers_language_falls_back_visibly(client, district):
    Municipality.objects.create(
        code="only-russian",
        name_ru="Ивановский айылный аймак",
        kind="aiyl_aimak",
        region=district.region,
        district=district,
    )
    html = client.get("/ky/municipalities/").content.decode()
    assert '<span lang="ru">Ивановский айылный аймак</span>' in html
    assert 'class="fallback-note"' in html


def test_fallback_order_is_russian_then_kyrgyz_then_english(district):
    municipality = Municipality.objects.create(
        code="ky-and-en",
        name_ky="Ак-Суу",
        name_en="Ak-Suu",
        kind="aiyl_aimak",
        region=district.region,
        district=district,
    )
    with translation.override("ru"):
        assert municipality.name == "Ак-Суу"
    municipality.name_ru = "Ак-Суу (рус.)"
    with translation.override("en"):
        assert municipality.name == "Ak-Suu"
    municipality.name_en = ""
    with translation.override("en"):
        assert municipality.name == "Ак-Суу (рус.)"


def test_text_in_the_readers_language_has_no_fallback_note(client, municipality):
    html = client.get("/ky/municipalities/").content.decode()
    assert "Кумбел айыл аймагы" in html
    assert 'class="fallback-note"' not in html
