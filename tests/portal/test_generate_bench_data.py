"""manage.py generate_bench_data (portal/benchdata.py): a small run covers every theme and
municipality in three languages, writes the search index portal.search would write, and
refuses a database that has content unless --reset."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from magazine.models import Article, Edition, Issue
from portal import benchdata, search
from portal.models import Municipality, SearchEntry
from practices import indexing
from practices.models import Attachment, Practice, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_data():
    # More practices than municipalities (118), so that each one gets a practice.
    call_command("generate_bench_data", practices=130, issues=3, members=20, verbosity=0)


def test_it_covers_every_theme_and_municipality_in_three_languages(bench_data):
    assert Practice.objects.count() == 130
    assert set(Practice.objects.values_list("theme", flat=True)) == set(Theme.objects.values_list("pk", flat=True))
    assert Municipality.objects.count() > 100
    assert not Municipality.objects.filter(practices=None).exists()
    published = Practice.objects.published()
    assert published.count() > 100
    assert not published.filter(published_at=None).exists()
    assert Practice.objects.filter(visibility="members").exists() or Practice.objects.filter(visibility="deputies")
    assert not Practice.objects.filter(title_ky="").exists() and not Practice.objects.filter(title_ru="").exists()
    assert Practice.objects.exclude(title_en=None).exclude(title_en="").count() > 50
    practice = published.first()
    assert practice.problem_ru.startswith("<p>") and "<script" not in practice.problem_ru
    assert Attachment.objects.exists() and Attachment.objects.first().text  # real PDFs, with their text


def test_it_makes_issues_with_both_editions_articles_and_members(bench_data):
    assert Issue.objects.published().count() == 3
    assert Edition.objects.filter(language="ky").count() == Edition.objects.filter(language="ru").count() == 3
    assert Article.objects.count() == 3 * benchdata.ARTICLES_PER_ISSUE
    assert Article.objects.filter(is_free=True).exclude(body_ru="").exists()
    assert User.objects.count() == 20
    servant = User.objects.get(email=benchdata.BENCH_SERVANT)
    assert servant.is_approved and servant.check_password(benchdata.BENCH_PASSWORD)
    assert servant.role == "servant"
    assert User.objects.get(email=benchdata.BENCH_DEPUTY).role == "deputy"


def test_it_writes_the_search_entries_portal_search_would(bench_data):
    practices = indexing.practice_queryset().filter(attachments=None)
    assert practices.exists()
    for practice in practices:
        for expected in indexing.practice_entries(practice):
            entry = SearchEntry.objects.get(kind="practice", object_id=practice.pk, language=expected["language"])
            assert {key: getattr(entry, key) for key in expected} == expected
    published = Practice.objects.published().count()
    assert SearchEntry.objects.filter(kind="practice").count() == 3 * published
    if connection.vendor == "postgresql":
        for language, config in search.CONFIGS.items():
            entries = SearchEntry.objects.filter(kind="practice", language=language)
            documents = entries.annotate(expected=search._vector(config)).values_list("document", "expected")
            assert all(document == expected for document, expected in documents)
        with connection.cursor() as cursor:
            # Indexes built over updated rows stay unused while any older transaction is open on the server.
            cursor.execute(
                "SELECT bool_or(indcheckxmin) FROM pg_index WHERE indrelid = %s::regclass",
                [SearchEntry._meta.db_table],
            )
            assert cursor.fetchone()[0] is False
    assert SearchEntry.objects.filter(kind="article").count() == 3 * Article.objects.count()


@pytest.mark.parametrize("language", ["ru", "ky"])
def test_it_finds_the_benchmark_search_words(bench_data, language):
    for word in benchdata.SEARCH_WORDS[language][:3]:
        results = search.search(query=word, user=AnonymousUser(), language=language)
        assert results.total > 0, word


def test_it_refuses_a_database_with_content_unless_reset(bench_data):
    with pytest.raises(CommandError, match="--reset"):
        call_command("generate_bench_data", practices=5, issues=1, members=5, verbosity=0)
    assert Practice.objects.count() == 130

    call_command("generate_bench_data", practices=12, issues=1, members=6, reset=True, verbosity=0)

    assert Practice.objects.count() == 12
    assert Issue.objects.count() == 1
    assert User.objects.count() == 6
