"""The RSS feed of the latest news, per language."""

from xml.etree import ElementTree

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def items(response):
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own response)
    return [{child.tag: child.text for child in item} for item in root.iter("item")]


def test_it_lists_the_latest_published_news_in_the_urls_language(client, make_news, theme):
    make_news("Story 1", themes=[theme])
    make_news("Hidden", is_published=False)
    make_news("Scheduled", days_ago=-1)
    with translation.override("ky"):
        response = client.get("/ky/feeds/news/")
        theme_name = theme.short_name
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    (item,) = items(response)
    assert item["title"] == "Story 1 (ky)"
    assert item["description"] == "Кыскача: Story 1"
    assert item["link"] == "http://testserver/ky/news/news-1/"
    assert item["pubDate"] and item["category"] == theme_name


def test_russian_readers_get_russian_text_and_links(client, make_news):
    make_news("Story 1")
    (item,) = items(client.get("/ru/feeds/news/"))
    assert item["title"] == "Story 1 (ru)" and item["description"] == "Кратко: Story 1"
    assert item["link"] == "http://testserver/ru/news/news-1/"


def test_a_missing_translation_falls_back(client, make_news):
    make_news("Story 1")  # no English text
    (item,) = items(client.get("/en/feeds/news/"))
    assert item["title"] == "Story 1 (ru)"


def test_it_keeps_the_latest_twenty(client, make_news):
    for n in range(23):
        make_news(f"Story {n}", days_ago=n)
    titles = [item["title"] for item in items(client.get("/ru/feeds/news/"))]
    assert titles == [f"Story {n} (ru)" for n in range(20)]


@pytest.mark.parametrize("count", [2, 21])
def test_it_runs_a_fixed_number_of_queries(client, make_news, theme, count, django_assert_num_queries):
    for n in range(count):
        make_news(f"Story {n}", themes=[theme])
    # 1 the news, 2 their themes
    with django_assert_num_queries(2):
        client.get("/ru/feeds/news/")
