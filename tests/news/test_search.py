"""The site search finds published news (SQLite contains-match and PostgreSQL full text)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from news.models import News
from portal import search
from portal.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(make_news, theme, municipality):
    published = make_news(
        "Gender analysis round table",
        title_ru="Круглый стол по гендерному анализу",
        title_ky="Гендердик талдоо боюнча тегерек үстөл",
        body_ru="<p>Сорок муниципалитетов обсудили стратегические документы.</p>",
        themes=[theme],
        municipalities=[municipality],
    )
    hidden = make_news("Hidden", title_ru="Круглый стол закрытый", is_published=False)
    search.rebuild()
    return published, hidden


def found(query, language="ru", **filters):
    results = search.search(query=query, language=language, user=AnonymousUser(), **filters)
    return [(entry.kind, entry.object_id) for entry in results.page]


def test_search_finds_published_news_not_unpublished(indexed):
    published, hidden = indexed
    assert found("круглый стол") == [("news", published.pk)]
    assert found("стратегические документы") == [("news", published.pk)]  # the body
    assert found("круглый", kind="news") == [("news", published.pk)]
    assert found("закрытый") == []


def test_search_finds_news_in_kyrgyz(indexed):
    published, _hidden = indexed
    assert found("тегерек үстөл", language="ky") == [("news", published.pk)]


def test_rebuild_indexes_published_news_only(indexed):
    published, hidden = indexed
    entries = SearchEntry.objects.filter(kind="news")
    assert set(entries.values_list("object_id", flat=True)) == {published.pk}
    ru = entries.get(language="ru")
    assert ru.url == f"/ru/news/{published.slug}/" and ru.summary == "Кратко: Gender analysis round table"
    assert ru.theme_id == published.themes.get().pk and ru.region_id == published.municipalities.get().region_id
    assert ru.year == published.date.year and ru.place


def test_index_follows_publishing(indexed):
    published, hidden = indexed
    hidden.is_published = True
    hidden.save()
    search.index(hidden)
    assert SearchEntry.objects.filter(kind="news", object_id=hidden.pk).count() == 3
    News.objects.filter(pk=published.pk).update(is_published=False)
    search.index(published)
    assert not SearchEntry.objects.filter(kind="news", object_id=published.pk).exists()
