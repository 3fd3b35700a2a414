"""A news page: text with the fallback note, themes, municipalities, related practices per reader."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from accounts.visibility import Visibility
from practices.models import Practice, Theme
from tests.practices.sample_files import image_bytes

pytestmark = pytest.mark.django_db


def test_it_shows_a_published_news_item(client, make_news, theme, municipality):
    news = make_news("Final seminar", themes=[theme], municipalities=[municipality], body_ru="<p>Текст новости</p>")
    with translation.override("ru"):
        response = client.get(f"/ru/news/{news.slug}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'href="{theme.get_absolute_url()}"' in html and theme.short_name in html
    assert '<h1 id="news-title">Final seminar (ru)</h1>' in html
    assert "Кратко: Final seminar" in html and "<p>Текст новости</p>" in html
    assert f'href="/ru/municipalities/{municipality.code}/"' in html and municipality.name_ru in html
    assert 'class="breadcrumbs"' in html and 'href="/ru/news/"' in html
    assert "not yet translated" not in html and "noindex" not in html


def test_it_notes_a_body_shown_in_another_language(client, make_news):
    news = make_news("Round table", title_ky="", body_ru="<p>Только по-русски</p>")
    with translation.override("ky"):
        html = client.get(f"/ky/news/{news.slug}/").content.decode()
    assert '<h1 id="news-title" lang="ru">' in html
    assert 'class="notice fallback-notice"' in html
    assert '<div lang="ru"><p>Только по-русски</p></div>' in html
    assert 'class="fallback-note"' in html


def test_it_shows_the_large_image_with_its_size(client, make_news):
    news = make_news("Conference")
    news.image = SimpleUploadedFile("photo.png", image_bytes(size=(1600, 1000)), content_type="image/png")
    news.save()
    html = client.get(f"/ru/news/{news.slug}/").content.decode()
    image = re.search(r'<figure class="news-image">\s*<img[^>]+>', html).group(0)
    assert ".webp" in image and 'width="1200" height="750"' in image


def test_it_refuses_post(client, make_news):
    assert client.post(f"/ru/news/{make_news().slug}/").status_code == 405


@pytest.mark.parametrize("fields", [{"is_published": False}, {"days_ago": -1}])
def test_unpublished_news_is_not_found(client, servant, make_news, fields):
    news = make_news("Hidden", **fields)
    assert client.get(f"/ru/news/{news.slug}/").status_code == 404
    client.force_login(servant)
    assert client.get(f"/ru/news/{news.slug}/").status_code == 404


def test_an_editor_may_preview_unpublished_news(client, editor, make_news):
    news = make_news("Draft", is_published=False)
    client.force_login(editor)
    response = client.get(f"/ru/news/{news.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="notice notice-preview"' in html and '<meta name="robots" content="noindex">' in html


def test_a_missing_slug_is_not_found(client):
    assert client.get("/ru/news/no-such-news/").status_code == 404


@pytest.fixture
def related_setup(make_news, make_practice, theme, municipality, region):
    from portal.models import Municipality

    other_place = Municipality.objects.create(
        code="test-toktogul", name_ru="Токтогул", name_ky="Токтогул", region=region, kind=Municipality.Kind.CITY
    )
    budget = Theme.objects.get(slug="budget")
    roads = Theme.objects.get(slug="infrastructure")
    practices = {
        "same theme": make_practice("Same theme", municipality=other_place),
        "further theme": make_practice("Further theme", theme=roads, themes=[theme], municipality=other_place),
        "same place": make_practice("Same place", theme=budget),
        "members only": make_practice("Members only", visibility=Visibility.MEMBERS),
        "draft": make_practice("Draft practice", status=Practice.Status.DRAFT),
        "unrelated": make_practice("Unrelated", theme=roads, municipality=other_place),
    }
    news = make_news("Water seminar", themes=[theme], municipalities=[municipality])
    return news, practices


def related_titles(response):
    return sorted(practice.title_en for practice in response.context["related"])


def test_it_suggests_related_practices_the_reader_may_see(client, related_setup):
    news, _practices = related_setup
    response = client.get(f"/ru/news/{news.slug}/")
    assert related_titles(response) == ["Further theme", "Same place", "Same theme"]
    html = response.content.decode()
    assert "Members only" not in html and "Draft practice" not in html and "Unrelated" not in html
    assert 'class="card practice-card"' in html


def test_a_member_also_sees_members_only_practices_up_to_four(client, servant, related_setup):
    news, _practices = related_setup
    client.force_login(servant)
    response = client.get(f"/ru/news/{news.slug}/")
    assert related_titles(response) == ["Further theme", "Members only", "Same place", "Same theme"]


def test_news_without_themes_or_places_has_no_related_practices(client, make_news, make_practice):
    make_practice("Anything")
    news = make_news("General")
    assert client.get(f"/ru/news/{news.slug}/").context["related"] == []


@pytest.mark.parametrize("extra", [1, 8])
def test_it_runs_a_fixed_number_of_queries(
    client, make_news, make_practice, theme, municipality, extra, django_assert_num_queries
):
    budget = Theme.objects.get(slug="budget")
    for n in range(extra):
        make_practice(f"Practice {n}", themes=[budget])
    news = make_news("Seminar", themes=[theme, budget], municipalities=[municipality], date=timezone.now())
    # 1 the news item, 2 its themes, 3 its municipalities, 4 related practices (with theme and place)
    with django_assert_num_queries(4):
        client.get(f"/ru/news/{news.slug}/")
