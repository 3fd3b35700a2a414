"""The home page: theme grid with counts, the latest practices, upcoming events, the latest news,
the portal's figures."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from accounts.models import User
from accounts.visibility import Visibility
from events.models import Event
from news.models import News
from practices.models import Practice, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_event(db):
    """make_event(title, days=...) -> a published online event starting in `days` days (at 10:00 UTC)."""
    counter = iter(range(1, 1000))

    def make(title, *, days=None, **fields):
        number = next(counter)
        start = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=days or number)
        fields.setdefault("is_published", True)
        return Event.objects.create(
            slug=f"event-{number}",
            title_ky=f"{title} (ky)",
            title_ru=f"{title} (ru)",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            **fields,
        )

    return make


@pytest.fixture
def make_news(db):
    """make_news(title, days_ago=...) -> a published news item; number 1 is the newest."""
    counter = iter(range(1, 1000))

    def make(title, *, days_ago=None, **fields):
        number = next(counter)
        fields.setdefault("is_published", True)
        fields.setdefault("date", timezone.now() - timedelta(days=days_ago if days_ago is not None else number))
        return News.objects.create(
            slug=f"news-{number}", title_ky=f"{title} (ky)", title_ru=f"{title} (ru)", lead_ru=f"Лид {title}", **fields
        )

    return make


def theme_counts(html):
    """{theme short name: count} from the tiles, in page order."""
    tiles = re.findall(r'theme-tile-name">([^<]+)</span>\s*<span class="theme-tile-count">(\d+)', html)
    return {name: int(count) for name, count in tiles}


def test_it_shows_the_theme_grid_ordered_by_the_practices_the_reader_may_see(client, make_practice):
    budget = Theme.objects.get(slug="budget")
    make_practice("Water one")
    make_practice("Water two")
    make_practice("Budget one", theme=budget)
    make_practice("Members only budget", theme=budget, visibility=Visibility.MEMBERS)
    make_practice("Members only budget 2", theme=budget, visibility=Visibility.MEMBERS)
    make_practice("Draft", theme=budget, status=Practice.Status.DRAFT)
    with translation.override("en"):
        utilities_name, budget_name = Theme.objects.get(slug="utilities").short_name, budget.short_name
        html = client.get("/en/").content.decode()
    counts = theme_counts(html)
    assert len(counts) == 10
    assert list(counts)[:2] == [utilities_name, budget_name]
    assert counts[utilities_name] == 2 and counts[budget_name] == 1


def test_a_member_sees_the_members_only_practices_counted(client, servant, make_practice):
    budget = Theme.objects.get(slug="budget")
    make_practice("Water one")
    make_practice("Members only budget", theme=budget, visibility=Visibility.MEMBERS)
    make_practice("Members only budget 2", theme=budget, visibility=Visibility.MEMBERS)
    client.force_login(servant)
    with translation.override("en"):
        html = client.get("/en/").content.decode()
        assert list(theme_counts(html).items())[0] == (budget.short_name, 2)
    assert "Members only budget 2" in html


def test_it_lists_the_six_latest_practices_the_reader_may_see(client, make_practice):
    for n in range(8):
        make_practice(f"Practice number {n}")  # number 0 is the newest
    make_practice("Secret plan", visibility=Visibility.DEPUTIES)
    html = client.get("/ru/").content.decode()
    shown = re.findall(r"Practice number (\d) \(ru\)", html)
    assert shown == ["0", "1", "2", "3", "4", "5"]
    assert "Secret plan" not in html


def test_it_shows_the_portals_figures(client, make_practice, servant, pending_member, municipality):
    make_practice("One")
    make_practice("Two", visibility=Visibility.MEMBERS)
    make_practice("Draft", status=Practice.Status.DRAFT)
    response = client.get("/en/")
    stats = response.context["stats"]
    assert stats["practices"] == 1  # what a visitor may read
    assert stats["themes"] == 10
    assert stats["municipalities"] == 1 and stats["ulsg_members"] == 1
    assert stats["members"] == User.objects.filter(status=User.Status.APPROVED).count() == 1
    html = response.content.decode()
    assert "The portal in numbers" in html and "approved members of the portal" in html


def test_it_links_to_search_and_to_the_feed(client):
    html = client.get("/ky/").content.decode()
    assert 'action="/ky/search/"' in html
    assert '<link rel="alternate" type="application/rss+xml"' in html and 'href="/ky/feeds/practices/"' in html


def test_it_works_with_an_empty_library(client):
    response = client.get("/ky/")
    assert response.status_code == 200
    assert response.context["latest"] == []


def test_it_refuses_post(client):
    assert client.post("/en/").status_code == 405


def test_it_runs_a_fixed_number_of_queries(client, make_practice, make_event, make_news, django_assert_num_queries):
    make_practice("One")
    make_event("Event 0")
    make_news("News 0")
    # 1 themes with counts, 2 latest practices (with theme and place), 3 municipality figures,
    # 4 practices the reader may see, 5 approved members, 6 upcoming events, 7 latest news
    with django_assert_num_queries(7):
        client.get("/ky/")
    for n in range(10):
        make_practice(f"More {n}")
        make_event(f"Event {n + 1}")
        make_news(f"News {n + 1}")
    with django_assert_num_queries(7):
        client.get("/ky/")


def test_it_runs_a_fixed_number_of_queries_for_a_member(client, deputy, make_practice, django_assert_num_queries):
    make_practice("One")
    client.force_login(deputy)
    # 1 session, 2 user, 3 the user's groups (visibility), then the seven of a visitor
    with django_assert_num_queries(10):
        client.get("/ru/")


def test_it_shows_the_next_three_published_events_in_bishkek_time(client, make_event):
    make_event("Past seminar", days=-3)
    make_event("Draft training", days=1, is_published=False)
    for n in range(4):
        make_event(f"Webinar {n}", days=n + 2)  # 0 is the nearest
    html = client.get("/ru/").content.decode()
    assert re.findall(r"Webinar (\d) \(ru\)", html) == ["0", "1", "2"]
    assert "Past seminar" not in html and "Draft training" not in html
    assert "16:00" in html  # 10:00 UTC is 16:00 in Bishkek
    assert 'href="/ru/events/event-3/"' in html
    with translation.override("ru"):
        assert str(Event.Format.ONLINE.label) in html


def test_it_shows_the_three_latest_published_news(client, make_news):
    for n in range(4):
        make_news(f"Story {n}", days_ago=n)
    make_news("Hidden story", is_published=False)
    make_news("Tomorrow story", days_ago=-1)
    with translation.override("ky"):
        html = client.get("/ky/").content.decode()
    assert re.findall(r"Story (\d) \(ky\)", html) == ["0", "1", "2"]
    assert "Hidden story" not in html and "Tomorrow story" not in html
    assert 'href="/ky/news/news-1/"' in html and 'href="/ky/feeds/news/"' in html


def test_it_says_so_when_there_are_no_events_or_news(client):
    html = client.get("/en/").content.decode()
    assert "No event is planned at the moment." in html and "There is no news yet." in html
