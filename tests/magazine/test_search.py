"""The site search finds magazine articles of published issues (on SQLite and on PostgreSQL),
never a paid article's full text, and never an article of an issue that is not out."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils import timezone, translation

from magazine.indexing import article_entries, index_issue
from magazine.models import Article, Issue, Rubric
from portal import search
from portal.models import SearchEntry
from practices.models import Theme

pytestmark = pytest.mark.django_db
POSTGRES_ONLY = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")


def find(query, language="ru", **filters):
    return search.search(query=query, user=AnonymousUser(), language=language, **filters)


def urls(results):
    return [entry.url for entry in results.page]


def add_article(issue, slug, **fields):
    themes = fields.pop("themes", ())
    article = Article.objects.create(issue=issue, slug=slug, **fields)
    article.themes.set(themes)
    return article


@pytest.fixture
def issue(make_issue):
    return make_issue(2026, 10, running_number=156, title_ru="Чистая вода")


@pytest.fixture
def articles(issue, theme):
    budget = Theme.objects.get(slug="budget")
    rubric = Rubric.objects.create(slug="hot", name_ru="Актуальная тема", name_ky="Актуалдуу тема")
    free = add_article(
        issue,
        "kumbel",
        rubric=rubric,
        author="Айгуль Сыдыкова",
        title_ru="Служба питьевой воды в Кумбеле",
        title_ky="Кумбелде ичүүчү суу кызматы",
        summary_ru="Как айылный аймак наладил водоснабжение.",
        body_ru="<p>Тариф покрывает хлорирование и ремонт сетей.</p>",
        is_free=True,
        themes=[budget, theme],
    )
    paid = add_article(
        issue,
        "council",
        title_ru="Отчёт кенеша перед жителями",
        summary_ru="Депутаты отчитываются.",
        body_ru="<p>Секретнаяформулировка платного текста.</p>",
    )
    index_issue(issue)
    return {"free": free, "paid": paid}


def test_a_free_article_is_found_and_leads_to_its_page(articles):
    results = find("Кумбеле")
    assert urls(results) == ["/ru/magazine/2026/10/kumbel/"]
    entry = results.page[0]
    assert entry.kind == SearchEntry.Kind.ARTICLE
    assert entry.year == 2026


def test_a_paid_article_is_found_and_leads_to_its_issue(articles):
    assert urls(find("кенеша")) == ["/ru/magazine/2026/10/"]


def test_the_full_text_of_a_paid_article_is_never_indexed(articles):
    assert find("Секретнаяформулировка").total == 0
    assert "Секретнаяформулировка" not in SearchEntry.objects.get(object_id=articles["paid"].pk, language="ru").body


def test_the_full_text_of_a_free_article_is_indexed(articles):
    assert urls(find("хлорирование")) == ["/ru/magazine/2026/10/kumbel/"]


def test_rubric_author_and_issue_are_searchable(articles):
    assert "/ru/magazine/2026/10/kumbel/" in urls(find("Сыдыкова"))
    assert "/ru/magazine/2026/10/kumbel/" in urls(find("Актуальная"))
    assert find("Чистая").total == 2  # the issue's title is in both its articles' entries


def test_the_first_theme_stands_for_the_article(articles, theme):
    entry = SearchEntry.objects.get(object_id=articles["free"].pk, language="ru")
    themes = sorted([theme, Theme.objects.get(slug="budget")], key=lambda t: t.number)
    assert entry.theme_id == themes[0].pk


def test_each_language_has_its_entry_and_address(articles):
    entries = {entry["language"]: entry for entry in article_entries(articles["free"])}
    assert set(entries) == {"ky", "ru", "en"}
    assert entries["ky"]["title"] == "Кумбелде ичүүчү суу кызматы"
    assert entries["ky"]["url"] == "/ky/magazine/2026/10/kumbel/"
    assert entries["en"]["title"] == "Служба питьевой воды в Кумбеле"  # the fallback, as the page shows it
    with translation.override("ky"):
        assert find("Кумбелде", language="ky").total == 1


@pytest.mark.parametrize("status", ["draft", "scheduled"])
def test_an_article_of_an_issue_not_out_is_not_found(make_issue, status):
    fields = {"publish_at": timezone.now() + datetime.timedelta(days=1)} if status == "scheduled" else {}
    issue = make_issue(2026, 3, status=status, **fields)
    add_article(issue, "hidden", title_ru="Скрытая статья о мусоре", is_free=True)
    index_issue(issue)
    assert find("мусоре").total == 0
    search.rebuild()
    assert find("мусоре").total == 0


def test_unpublishing_an_issue_removes_its_articles(articles, issue):
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.DRAFT)
    issue.refresh_from_db()
    index_issue(issue)
    assert find("Кумбеле").total == 0
    assert not SearchEntry.objects.filter(kind=SearchEntry.Kind.ARTICLE).exists()


def test_a_deleted_articles_entries_go_with_the_next_indexing(articles, issue):
    articles["paid"].delete()
    index_issue(issue)
    assert find("кенеша").total == 0
    assert find("Кумбеле").total == 1


def test_rebuilding_the_index_includes_the_articles(articles):
    SearchEntry.objects.all().delete()
    counts = search.rebuild()
    assert counts["article"] == 2
    assert urls(find("Кумбеле")) == ["/ru/magazine/2026/10/kumbel/"]


def test_the_search_page_lists_an_article(client, articles):
    with translation.override("ru"):
        html = client.get("/ru/search/?q=Кумбеле").content.decode()
    assert 'href="/ru/magazine/2026/10/kumbel/"' in html


@POSTGRES_ONLY
def test_russian_word_forms_find_an_article(articles):
    assert urls(find("питьевая вода")) == ["/ru/magazine/2026/10/kumbel/"]
    assert urls(find("отчёты кенешей")) == ["/ru/magazine/2026/10/"]


@POSTGRES_ONLY
def test_a_kyrgyz_typo_still_finds_an_article(articles):
    assert urls(find("ичуучу суу", language="ky")) == ["/ky/magazine/2026/10/kumbel/"]
