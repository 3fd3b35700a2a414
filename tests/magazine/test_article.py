"""An article's page: the full text of a free article; for the others, the summary and how to
get the issue that holds them (a 200 page, so links from the contents and search never break)."""

import datetime

import pytest
from django.utils import timezone, translation

from magazine.models import Article, Issue, Rubric
from practices.models import Theme

pytestmark = pytest.mark.django_db


def add_article(issue, slug="kumbel", *, themes=(), **fields):
    fields.setdefault("title_en", "Kumbel's water service")
    fields.setdefault("title_ru", "Служба воды в Кумбеле")
    article = Article.objects.create(issue=issue, slug=slug, **fields)
    article.themes.set(themes)
    return article


@pytest.fixture
def issue(make_issue):
    return make_issue(2026, 10, running_number=156)


@pytest.fixture
def free(issue, theme):
    rubric = Rubric.objects.create(slug="services", name_en="Services of LSGs", name_ru="Услуги ОМСУ")
    return add_article(
        issue,
        rubric=rubric,
        themes=[theme],
        author="A. Sydykova",
        first_page=4,
        last_page=7,
        summary_en="How an aiyl aimak set up its water service.",
        body_en="<p>The tariff covers <em>chlorination</em>.</p>",
        body_ru="<p>Тариф покрывает хлорирование.</p>",
        is_free=True,
    )


def test_a_free_article_is_read_in_full(client, free, theme):
    response = client.get("/en/magazine/2026/10/kumbel/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kumbel&#x27;s water service" in html and "Services of LSGs" in html and "A. Sydykova" in html
    assert "p. 4–7" in html and "October 2026" in html
    assert "<p>The tariff covers <em>chlorination</em>.</p>" in html
    assert 'href="/en/magazine/2026/10/"' in html
    assert f'href="/en/practices/themes/{theme.slug}/"' in html
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert 'href="/en/magazine/2026/10/">No. 10 (156)</a>' in crumbs


def test_a_paid_article_shows_its_summary_and_how_to_get_the_issue(client, issue):
    add_article(issue, "paid", summary_en="What the council decided.", body_en="<p>SECRET FULL TEXT</p>")
    response = client.get("/en/magazine/2026/10/paid/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "What the council decided." in html
    assert "SECRET FULL TEXT" not in html
    assert "in the issue's PDF edition" in html
    assert 'href="/en/magazine/2026/10/buy/"' in html and 'href="/en/magazine/subscribe/"' in html


def test_a_subscriber_reading_a_paid_articles_page_gets_the_download(client, servant, issue, make_order, plans):
    add_article(issue, "paid", body_en="<p>SECRET FULL TEXT</p>")
    make_order(servant, plan=plans["electronic"], starts_on=datetime.date(2026, 1, 1))
    client.force_login(servant)
    html = client.get("/en/magazine/2026/10/paid/").content.decode()
    assert 'href="/en/magazine/2026/10/pdf/ru/"' in html
    assert "SECRET FULL TEXT" not in html  # the text is in the PDF, not on the page


def test_it_lists_the_rest_of_the_issue(client, free, issue):
    add_article(issue, "roads", title_en="Roads", is_free=True, order=2)
    add_article(issue, "paid", title_en="Council", order=3)
    html = client.get("/en/magazine/2026/10/kumbel/").content.decode()
    aside = html.split('class="article-aside"')[1]
    assert 'href="/en/magazine/2026/10/roads/"' in aside
    assert 'aria-current="page">Kumbel' in aside
    assert "Council" in aside and 'href="/en/magazine/2026/10/paid/"' not in aside


def test_the_wrong_issue_or_slug_is_404(client, free, make_issue):
    make_issue(2026, 9)
    assert client.get("/en/magazine/2026/9/kumbel/").status_code == 404
    assert client.get("/en/magazine/2025/10/kumbel/").status_code == 404
    assert client.get("/en/magazine/2026/10/nothing/").status_code == 404


@pytest.mark.parametrize("status", ["draft", "scheduled"])
def test_an_article_of_an_issue_not_yet_out_is_404_except_to_staff(client, servant, editor, make_issue, status):
    fields = {"publish_at": timezone.now() + datetime.timedelta(days=1)} if status == "scheduled" else {}
    add_article(make_issue(2026, 3, status=status, **fields), "draft", is_free=True)
    assert client.get("/en/magazine/2026/3/draft/").status_code == 404
    client.force_login(servant)
    assert client.get("/en/magazine/2026/3/draft/").status_code == 404
    client.force_login(editor)
    response = client.get("/en/magazine/2026/3/draft/")
    assert response.status_code == 200
    assert "notice-preview" in response.content.decode()


def test_only_get_is_allowed(client, free):
    assert client.post("/en/magazine/2026/10/kumbel/").status_code == 405


def test_it_reads_in_kyrgyz_and_russian(client, free):
    with translation.override("ru"):
        ru = client.get("/ru/magazine/2026/10/kumbel/").content.decode()
    with translation.override("ky"):
        ky = client.get("/ky/magazine/2026/10/kumbel/").content.decode()
    assert "Служба воды в Кумбеле" in ru and "Тариф покрывает хлорирование." in ru and "Услуги ОМСУ" in ru
    # No Kyrgyz text yet: the Russian one, marked with its language.
    assert '<span lang="ru">Служба воды в Кумбеле</span>' in ky
    assert '<div lang="ru"><p>Тариф покрывает хлорирование.</p></div>' in ky


@pytest.mark.parametrize("how_many", [1, 20])
def test_the_article_page_runs_a_fixed_number_of_queries(client, issue, free, django_assert_num_queries, how_many):
    themes = list(Theme.objects.all()[:3])
    for position in range(how_many):
        add_article(issue, f"a{position}", rubric=free.rubric, themes=themes, order=position + 1)
    free.themes.set(themes)
    # 1 the article with its issue and rubric, 2 its themes, 3 the issue's editions, 4 the issue's contents
    with django_assert_num_queries(4):
        assert client.get("/ru/magazine/2026/10/kumbel/").status_code == 200


def test_the_article_page_runs_a_fixed_number_of_queries_for_a_member(
    client, servant, issue, free, django_assert_num_queries
):
    for position in range(5):
        add_article(issue, f"a{position}", order=position + 1)
    client.force_login(servant)
    # 1 session, 2 user, 3-6 as for a visitor; entitlement: 7 groups, 8 paid purchase, 9 covering subscriptions;
    # why not: 10 the member's subscriptions, 11 their unpaid purchase of this issue
    with django_assert_num_queries(11):
        assert client.get("/ru/magazine/2026/10/kumbel/").status_code == 200


def test_the_issue_is_out_only_once_published(client, make_issue):
    issue = make_issue(2026, 3, status=Issue.Status.SCHEDULED, publish_at=timezone.now() - datetime.timedelta(hours=1))
    add_article(issue, "due", is_free=True)
    assert client.get("/en/magazine/2026/3/due/").status_code == 200
