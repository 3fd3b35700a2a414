"""RSS feeds of new practices, per language and per theme."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone, translation

from accounts.visibility import Visibility
from practices.models import Practice, Theme

pytestmark = pytest.mark.django_db


def items(response):
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own response)
    return channel, [
        {child.tag: child.text for child in item} | {"categories": [c.text for c in item.findall("category")]}
        for item in channel.findall("item")
    ]


@pytest.fixture
def practices(make_practice):
    budget = Theme.objects.get(slug="budget")
    return {
        "water": make_practice(
            "Drinking water",
            title_ky="Ичүүчү суу",
            title_ru="Питьевая вода",
            title_en="",
            summary_ru="Служба <воды> & тариф",
        ),
        "budget": make_practice("Open budget", title_ru="Открытый бюджет", theme=budget),
        "hearings": make_practice("Hearings", title_ru="Слушания", themes=[budget]),
        "members": make_practice("Members only", visibility=Visibility.MEMBERS),
        "draft": make_practice("Draft", status=Practice.Status.DRAFT),
    }


def test_the_feed_lists_public_published_practices_in_the_urls_language(client, practices):
    channel, entries = items(client.get("/ru/feeds/practices/"))
    assert channel.find("language").text == "ru"
    assert channel.find("link").text == "http://testserver/ru/practices/"
    assert [entry["title"] for entry in entries] == ["Питьевая вода", "Открытый бюджет", "Слушания"]
    water = entries[0]
    assert water["link"] == f"http://testserver/ru/practices/{practices['water'].slug}/"
    assert water["description"] == "Служба &lt;воды&gt; &amp; тариф — айылный аймак Кумбел"
    assert water["pubDate"]
    with translation.override("ru"):
        assert water["categories"] == [Theme.objects.get(slug="utilities").short_name]


def test_the_feed_in_kyrgyz_and_with_the_fallback(client, practices):
    _channel, entries = items(client.get("/ky/feeds/practices/"))
    assert entries[0]["title"] == "Ичүүчү суу"
    assert entries[0]["link"].endswith(f"/ky/practices/{practices['water'].slug}/")
    _channel, entries = items(client.get("/en/feeds/practices/"))
    assert entries[0]["title"] == "Питьевая вода"  # no English title: Russian comes first in the fallback order


def test_the_feed_never_shows_members_only_or_drafts_even_to_a_member(client, deputy, practices):
    client.force_login(deputy)
    _channel, entries = items(client.get("/en/feeds/practices/"))
    titles = {entry["title"] for entry in entries}
    assert "Members only" not in titles and "Draft" not in titles


def test_the_feed_keeps_the_thirty_newest(client, make_practice):
    for n in range(32):
        make_practice(f"Practice {n}", published_at=timezone.now() - timezone.timedelta(days=n))
    _channel, entries = items(client.get("/en/feeds/practices/"))
    assert len(entries) == 30
    assert entries[0]["title"] == "Practice 0" and entries[-1]["title"] == "Practice 29"


def test_a_themes_feed_lists_its_main_and_further_theme_practices(client, practices):
    channel, entries = items(client.get("/ru/feeds/practices/budget/"))
    assert [entry["title"] for entry in entries] == ["Открытый бюджет", "Слушания"]
    with translation.override("ru"):
        assert Theme.objects.get(slug="budget").name in channel.find("title").text
    assert channel.find("link").text == "http://testserver/ru/practices/themes/budget/"


def test_an_unknown_themes_feed_is_404(client):
    assert client.get("/ru/feeds/practices/no-such-theme/").status_code == 404


def test_an_empty_feed_is_valid(client):
    _channel, entries = items(client.get("/ky/feeds/practices/"))
    assert entries == []


def test_the_feeds_run_a_fixed_number_of_queries(client, practices, make_practice, django_assert_num_queries):
    for n in range(5):
        make_practice(f"More {n}")
    # 1 the practices with their theme and municipality
    with django_assert_num_queries(1):
        client.get("/ru/feeds/practices/")
    # 1 the theme, 2 its practices
    with django_assert_num_queries(2):
        client.get("/ru/feeds/practices/budget/")


def test_the_feed_links_are_in_the_footer(client):
    assert 'href="/en/feeds/practices/"' in client.get("/en/municipalities/").content.decode()
