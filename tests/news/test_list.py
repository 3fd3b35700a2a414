"""The news list: published news newest first, filters (theme, year), pagination, a fixed number of queries."""

import re
from datetime import datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from practices.models import CARD_SIZE, Theme
from tests.practices.sample_files import image_bytes

pytestmark = pytest.mark.django_db


def shown(html, language="ru"):
    """The numbers of the "Story N" titles on the page, in order."""
    return re.findall(rf"Story (\d+) \({language}\)", html)


def test_it_lists_published_news_newest_first(client, make_news):
    for n in range(3):
        make_news(f"Story {n}", days_ago=n)
    make_news("Draft story", is_published=False)
    make_news("Scheduled story", days_ago=-2)
    with translation.override("ru"):
        response = client.get("/ru/news/")
    assert response.status_code == 200
    html = response.content.decode()
    assert shown(html) == ["0", "1", "2"]
    assert "Draft story" not in html and "Scheduled story" not in html
    assert "Кратко: Story 0" in html


def test_it_shows_the_list_in_kyrgyz_with_dates_and_themes(client, make_news, theme):
    make_news("Story 1", date=timezone.make_aware(datetime(2025, 3, 14, 12, 0)), themes=[theme])
    with translation.override("ky"):
        html = client.get("/ky/news/").content.decode()
        assert theme.short_name in html
    assert shown(html, "ky") == ["1"]
    assert 'datetime="2025-03-14T12:00:00+06:00"' in html
    assert "14 " in html and "2025 ж." in html  # Kyrgyz date format
    assert "Кыскача: Story 1" in html


def test_it_refuses_post(client):
    assert client.post("/ru/news/").status_code == 405


def test_a_member_sees_the_same_list(client, servant, make_news):
    make_news("Story 1")
    client.force_login(servant)
    assert shown(client.get("/ru/news/").content.decode()) == ["1"]


def test_it_says_so_when_there_is_no_news(client):
    html = client.get("/en/news/").content.decode()
    assert "There is no news yet." in html


def test_it_filters_by_theme(client, make_news, theme):
    budget = Theme.objects.get(slug="budget")
    make_news("Story 1", themes=[theme])
    make_news("Story 2", themes=[budget])
    make_news("Story 3", themes=[theme, budget])
    response = client.get("/ru/news/", {"theme": "utilities"})
    assert shown(response.content.decode()) == ["1", "3"]
    assert response.context["page_obj"].paginator.count == 2
    # Only themes that have news are offered.
    offered = [value for value, _label in response.context["filter"].form.fields["theme"].choices if value]
    assert offered == ["utilities", "budget"]


def test_it_filters_by_year(client, make_news):
    make_news("Story 1", date=timezone.make_aware(datetime(2025, 6, 1, 9, 0)))
    make_news("Story 2", date=timezone.make_aware(datetime(2024, 12, 31, 23, 30)))  # Bishkek time
    response = client.get("/ru/news/", {"year": "2024"})
    assert shown(response.content.decode()) == ["2"]
    years = [value for value, _label in response.context["filter"].form.fields["year"].choices if value]
    assert years == ["2025", "2024"]


def test_a_wrong_filter_value_is_reported_and_ignored(client, make_news, theme):
    make_news("Story 1", themes=[theme], date=timezone.make_aware(datetime(2025, 6, 1, 9, 0)))
    make_news("Story 2", date=timezone.make_aware(datetime(2024, 6, 1, 9, 0)))
    with translation.override("en"):
        html = client.get("/en/news/", {"theme": "nonsense", "year": "2025"}).content.decode()
    assert "No news is on this theme" in html
    assert re.findall(r"Story (\d+) \(ru\)", html) == ["1"]  # English falls back to Russian


def test_it_shows_ten_news_a_page(client, make_news):
    for n in range(23):
        make_news(f"Story {n}", days_ago=n)
    first = client.get("/ru/news/").content.decode()
    assert shown(first) == [str(n) for n in range(10)]
    assert "23 " in first and 'href="?page=2"' in first
    third = client.get("/ru/news/", {"page": "3"}).content.decode()
    assert shown(third) == ["20", "21", "22"]
    assert shown(client.get("/ru/news/", {"page": "99"}).content.decode()) == ["20", "21", "22"]


def test_pages_keep_the_filters(client, make_news, theme):
    for n in range(12):
        make_news(f"Story {n}", themes=[theme])
    html = client.get("/ru/news/", {"theme": "utilities"}).content.decode()
    assert 'href="?theme=utilities&amp;page=2"' in html


def test_a_card_shows_the_webp_thumbnail_with_its_size_lazily(client, make_news):
    news = make_news("Story 1")
    news.image = SimpleUploadedFile("photo.png", image_bytes(size=(800, 500)), content_type="image/png")
    news.save()
    html = client.get("/ru/news/").content.decode()
    image = re.search(r'<img class="news-item-image"[^>]+>', html).group(0)
    assert ".webp" in image and 'loading="lazy"' in image
    assert f'width="{CARD_SIZE[0]}" height="{CARD_SIZE[1]}"' in image


def test_it_links_to_the_feed(client):
    html = client.get("/ky/news/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html and 'href="/ky/feeds/news/"' in html


@pytest.mark.parametrize("count", [3, 25])
def test_it_runs_a_fixed_number_of_queries(client, make_news, theme, count, django_assert_num_queries):
    budget = Theme.objects.get(slug="budget")
    for n in range(count):
        make_news(f"Story {n}", themes=[theme, budget], date=timezone.now() - timedelta(days=400 * (n % 3) + n))
    # 1 themes that have news, 2 years that have news, 3 count, 4 the page's news, 5 their themes
    with django_assert_num_queries(5):
        client.get("/ru/news/", {"theme": "utilities"})
