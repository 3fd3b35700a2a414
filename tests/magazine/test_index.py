"""The magazine's index: the latest issue first, then the archive by year with its filters."""

import datetime
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from PIL import Image

from magazine.models import COVER_CARD_SIZE, Article, Issue, Rubric
from practices.models import Theme

pytestmark = pytest.mark.django_db

JAN_2026 = datetime.date(2026, 1, 1)


@pytest.fixture
def rubrics(db):
    return {
        "hot": Rubric.objects.create(
            slug="hot", name_ru="Актуальная тема", name_ky="Актуалдуу тема", name_en="Hot topic"
        ),
        "deputy": Rubric.objects.create(slug="deputy", name_ru="Я — депутат", name_ky="Мен депутатмын"),
    }


def add_article(issue, slug, *, rubric=None, themes=(), **fields):
    fields.setdefault("title_ru", f"Статья {slug}")
    fields.setdefault("title_ky", f"Макала {slug}")
    article = Article.objects.create(issue=issue, slug=slug, rubric=rubric, **fields)
    article.themes.set(themes)
    return article


def add_cover(issue, size=(1200, 1700)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (140, 15, 36)).save(buffer, "JPEG")
    issue.cover.save("cover.jpg", ContentFile(buffer.getvalue()))


def cards(html):
    """The labels of the issues in the archive, in their order."""
    archive = html.split('id="archive"')[1]
    return re.findall(r'class="issue-card-number">No\. (\d+ \(\d+\))', archive)


def latest_block(html):
    return html.split('class="issue-latest"')[1].split('id="archive"')[0] if 'class="issue-latest"' in html else ""


def test_it_shows_the_latest_issue_first_then_the_archive_by_year(client, make_issue):
    make_issue(2025, 11)
    make_issue(2026, 2, title_en="Budgets and hearings", editorial_en="<p>Dear readers, this issue is on budgets.</p>")
    make_issue(2026, 1)
    response = client.get("/en/magazine/")
    assert response.status_code == 200
    html = response.content.decode()
    latest = latest_block(html)
    assert "No. 2 (152)" in latest and "February 2026" in latest
    assert "Budgets and hearings" in latest
    assert "Dear readers, this issue is on budgets." in latest
    assert "Кыргызча" in latest and "Русский" in latest
    assert cards(html) == ["2 (152)", "1 (151)", "11 (149)"]
    assert html.index('id="year-2026"') < html.index('id="year-2025"')
    assert "3 issues" in html


def test_the_month_is_written_in_the_readers_language(client, make_issue):
    make_issue(2026, 10)
    with translation.override("ru"):
        ru = client.get("/ru/magazine/").content.decode()
    with translation.override("ky"):
        ky = client.get("/ky/magazine/").content.decode()
    assert "Октябрь 2026" in ru
    assert "Октябрь 2026" in ky
    assert "October" not in ru and "October" not in ky


def test_it_hides_issues_that_are_not_out(client, make_issue):
    make_issue(2026, 1)
    make_issue(2026, 2, status=Issue.Status.DRAFT)
    make_issue(2026, 3, status=Issue.Status.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(days=1))
    make_issue(2026, 4, status=Issue.Status.SCHEDULED, publish_at=timezone.now() - datetime.timedelta(hours=1))
    html = client.get("/en/magazine/").content.decode()
    assert cards(html) == ["4 (154)", "1 (151)"]
    assert "No. 4 (154)" in latest_block(html)


def test_it_hides_drafts_from_editors_too(client, editor, make_issue):
    make_issue(2026, 2, status=Issue.Status.DRAFT)
    client.force_login(editor)
    assert cards(client.get("/en/magazine/").content.decode()) == []


def test_a_visitor_is_offered_to_subscribe_or_buy_the_latest_issue(client, make_issue):
    make_issue(2026, 5)
    latest = latest_block(client.get("/en/magazine/").content.decode())
    assert 'href="/en/magazine/subscribe/"' in latest
    assert 'href="/en/magazine/2026/5/buy/"' in latest
    assert "/pdf/" not in latest


def test_a_subscriber_gets_the_download_buttons(client, servant, make_issue, make_order, plans):
    make_issue(2026, 5)
    make_order(servant, plan=plans["electronic"], starts_on=JAN_2026)
    client.force_login(servant)
    html = client.get("/en/magazine/").content.decode()
    latest = latest_block(html)
    assert 'href="/en/magazine/2026/5/pdf/ky/"' in latest and 'href="/en/magazine/2026/5/pdf/ru/"' in latest
    assert "/buy/" not in latest
    assert "Yours to download" in html.split('id="archive"')[1]


def test_a_free_issue_can_be_downloaded_by_anyone(client, make_issue):
    make_issue(2026, 5, is_free=True)
    latest = latest_block(client.get("/en/magazine/").content.decode())
    assert 'href="/en/magazine/2026/5/pdf/ru/"' in latest
    assert "Free" in latest


def test_covers_are_webp_thumbnails_with_their_size(client, make_issue):
    issue = make_issue(2026, 5)
    add_cover(issue)
    make_issue(2026, 4)  # without a cover: a drawn stand-in
    html = client.get("/en/magazine/").content.decode()
    width, height = COVER_CARD_SIZE
    images = re.findall(r'<img class="issue-cover"[^>]*>', html)
    assert len(images) == 2  # the latest issue, and its card in the archive
    for image in images:
        assert ".webp" in image
        assert f'width="{width}"' in image and f'height="{height}"' in image
    assert 'loading="lazy"' in images[1]
    assert "issue-cover-none" in html


def test_it_says_what_the_magazine_is_and_invites_to_subscribe(client):
    html = client.get("/en/magazine/").content.decode()
    about = html.split('class="magazine-about"')[1]
    assert "700 printed copies" in about and "More than 100 issues" in about and "Monthly" in about
    assert 'href="/en/magazine/subscribe/"' in about
    assert "No issue is online yet" in html


# Filters


def test_it_filters_by_year(client, make_issue):
    make_issue(2026, 1)
    make_issue(2025, 12)
    html = client.get("/en/magazine/?year=2025").content.decode()
    assert cards(html) == ["12 (150)"]
    assert "1 issue" in html
    assert latest_block(html) == ""  # a filtered archive is about the archive
    assert 'href="?year=2025#archive" aria-current="page"' in html


def test_it_filters_by_rubric_and_names_the_matching_articles(client, make_issue, rubrics):
    with_hot, without = make_issue(2026, 2), make_issue(2026, 1)
    add_article(with_hot, "water", rubric=rubrics["hot"], title_en="Water for Kumbel", is_free=True)
    add_article(with_hot, "roads", rubric=rubrics["deputy"], title_en="Roads")
    add_article(without, "roads", rubric=rubrics["deputy"])
    html = client.get("/en/magazine/?rubric=hot").content.decode()
    assert cards(html) == ["2 (152)"]
    assert 'href="/en/magazine/2026/2/water/">Water for Kumbel</a>' in html
    assert ">Roads<" not in html


def test_it_filters_by_theme(client, make_issue, theme):
    budget = Theme.objects.get(slug="budget")
    on_water, on_budget = make_issue(2026, 2), make_issue(2026, 1)
    add_article(on_water, "water", themes=[theme, budget])
    add_article(on_budget, "budget", themes=[budget])
    assert cards(client.get(f"/en/magazine/?theme={theme.slug}").content.decode()) == ["2 (152)"]
    assert cards(client.get("/en/magazine/?theme=budget").content.decode()) == ["2 (152)", "1 (151)"]


def test_rubric_and_theme_together_need_one_article_with_both(client, make_issue, rubrics, theme):
    split, together = make_issue(2026, 2), make_issue(2026, 1)
    add_article(split, "hot", rubric=rubrics["hot"])
    add_article(split, "water", themes=[theme])
    add_article(together, "hot-water", rubric=rubrics["hot"], themes=[theme])
    html = client.get(f"/en/magazine/?rubric=hot&theme={theme.slug}").content.decode()
    assert cards(html) == ["1 (151)"]


def test_filters_offer_only_what_finds_something(client, make_issue, rubrics, theme):
    add_article(make_issue(2026, 1), "hot", rubric=rubrics["hot"], themes=[theme])
    add_article(make_issue(2026, 2, status=Issue.Status.DRAFT), "deputy", rubric=rubrics["deputy"])
    html = client.get("/en/magazine/").content.decode()
    form = html.split('class="form filters magazine-filters"')[1].split("</form>")[0]
    assert 'value="hot"' in form and 'value="deputy"' not in form
    assert f'value="{theme.slug}"' in form and 'value="budget"' not in form
    assert 'value="2026"' in form


def test_a_wrong_value_is_reported_and_ignored(client, make_issue):
    make_issue(2026, 1)
    with translation.override("ru"):
        response = client.get("/ru/magazine/?year=1990&rubric=nothing")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert cards_any(html) == 1


def cards_any(html):
    return html.split('id="archive"')[1].count('class="issue-card"')


def test_filters_in_use_can_be_removed_one_by_one(client, make_issue, rubrics, theme):
    add_article(make_issue(2026, 1), "hot", rubric=rubrics["hot"], themes=[theme])
    html = client.get(f"/en/magazine/?rubric=hot&theme={theme.slug}").content.decode()
    assert f'href="?theme={theme.slug}#archive"' in html
    assert 'href="?rubric=hot#archive"' in html


def test_it_shows_24_issues_a_page(client, make_issue):
    for number in range(1, 13):
        make_issue(2025, number)
        make_issue(2026, number)
    make_issue(2024, 12)
    first = client.get("/en/magazine/").content.decode()
    assert cards_any(first) == 24
    assert "25 issues" in first
    second = client.get("/en/magazine/?page=2").content.decode()
    assert cards(second) == ["12 (138)"]
    assert latest_block(second) == ""
    assert client.get("/en/magazine/?page=99").status_code == 200


def test_it_works_in_kyrgyz_and_russian(client, make_issue, rubrics):
    add_article(make_issue(2026, 1), "hot", rubric=rubrics["hot"])
    with translation.override("ky"):
        ky = client.get("/ky/magazine/").content.decode()
    with translation.override("ru"):
        ru = client.get("/ru/magazine/").content.decode()
    assert 'lang="ky"' in ky and "Чыгарылыш 1/2026" in ky and "Актуалдуу тема" in ky
    assert 'lang="ru"' in ru and "Выпуск 1/2026" in ru and "Актуальная тема" in ru


def test_only_get_is_allowed(client):
    assert client.post("/en/magazine/").status_code == 405


# Speed


def fill(make_issue, rubrics, theme, how_many):
    for index in range(how_many):
        issue = make_issue(2026 - index // 12, index % 12 + 1)
        add_cover(issue, size=(120, 170))
        for position in range(3):
            add_article(issue, f"a{position}", rubric=rubrics["hot"], themes=[theme])


@pytest.mark.parametrize("how_many", [3, 30])
def test_the_index_runs_a_fixed_number_of_queries(
    client, make_issue, rubrics, theme, django_assert_num_queries, how_many
):
    fill(make_issue, rubrics, theme, how_many)
    # 1 years, 2 rubrics with articles, 3 themes with articles, 4 count, 5 the page of issues,
    # 6 the latest issue, 7 the editions of all the issues shown
    with django_assert_num_queries(7):
        response = client.get("/ru/magazine/")
    assert response.status_code == 200


@pytest.mark.parametrize("how_many", [3, 30])
def test_the_filtered_archive_runs_a_fixed_number_of_queries(
    client, make_issue, rubrics, theme, django_assert_num_queries, how_many
):
    fill(make_issue, rubrics, theme, how_many)
    # 1 years, 2 rubrics, 3 themes, 4 count, 5 the page of issues, 6 their editions, 7 their matching articles
    with django_assert_num_queries(7):
        response = client.get(f"/ru/magazine/?rubric=hot&theme={theme.slug}&year=2026")
    assert response.status_code == 200


@pytest.mark.parametrize("how_many", [3, 30])
def test_the_index_runs_a_fixed_number_of_queries_for_a_subscriber(
    client, servant, make_issue, make_order, plans, rubrics, theme, django_assert_num_queries, how_many
):
    fill(make_issue, rubrics, theme, how_many)
    make_order(servant, plan=plans["electronic"], starts_on=JAN_2026)
    make_order(servant, issue=Issue.objects.last())
    client.force_login(servant)
    # 1 session, 2 user, the 7 queries of a visitor's index, then the entitlement (asked once for the page):
    # 10 the user's groups, 11 their electronic subscriptions, 12 their paid purchases among the issues shown
    with django_assert_num_queries(12):
        response = client.get("/ru/magazine/")
    assert response.status_code == 200
