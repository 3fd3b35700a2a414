"""Site search on PostgreSQL: each language's text search configuration, Kyrgyz typos through
trigrams, ranking, highlighted snippets and the indexes. CI runs these (DATABASE_URL)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from portal import search
from portal.models import SearchEntry
from practices.models import Attachment

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search"),
]


def find(query, language, **filters):
    return search.search(query=query, user=AnonymousUser(), language=language, **filters)


def titles(results):
    return [entry.title for entry in results.page]


@pytest.fixture
def kumbel(make_practice):
    practice = make_practice(
        "Drinking water service in Kumbel",
        title_ky="Кумбел айыл аймагында ичүүчү суу кызматы",
        title_ru="Питьевая вода для Кумбеля: муниципальная служба",
        summary_ky="Айыл өкмөтү ичүүчү суу менен камсыз кылуучу муниципалдык кызматты түздү.",
        summary_ru="Айыл окмоту создал муниципальную службу питьевого водоснабжения.",
        summary_en="The aiyl okmotu set up a municipal drinking water service.",
        results_ru="<p>Тариф покрывает расходы на хлорирование и ремонт сетей.</p>",
    )
    search.index(practice)
    return practice


@pytest.fixture
def toktogul(make_practice):
    practice = make_practice(
        "Solid waste collection in Toktogul",
        title_ky="Токтогул шаарында катуу тиричилик калдыктарын чогултуу",
        title_ru="Сбор твёрдых бытовых отходов в Токтогуле",
        summary_ky="Шаар калдыктарды чогултуу графигин жана тарифти киргизди.",
        summary_ru="Город ввёл график вывоза мусора и тариф.",
    )
    search.index(practice)
    return practice


def test_russian_word_forms_match(kumbel, toktogul):
    assert titles(find("питьевой воды", "ru")) == [kumbel.title_ru]
    assert titles(find("хлорированием", "ru")) == [kumbel.title_ru]
    assert titles(find("отходами", "ru")) == [toktogul.title_ru]


def test_english_word_forms_match(kumbel):
    assert titles(find("services", "en")) == [kumbel.title_en]


@pytest.mark.parametrize("query", ["ичүүчү сууу", "Кумбелл", "кумбел суу", "ичуучу суу"])
def test_a_kyrgyz_query_with_a_typo_still_finds_its_practice(kumbel, toktogul, query):
    assert titles(find(query, "ky")) == [kumbel.title_ky]


@pytest.mark.parametrize("query", ["аэропорт", "мектеп курулушу", "Бишкек"])
def test_unrelated_kyrgyz_text_does_not_match(kumbel, toktogul, query):
    assert find(query, "ky").total == 0


def test_trigram_similarity_is_for_kyrgyz_only(kumbel):
    # Russian and English have stemmers; a misspelt name there finds nothing rather than noise.
    assert find("Кумбелл", "ru").total == 0


def test_a_match_in_the_title_ranks_above_a_match_in_the_text(make_practice):
    in_text = make_practice("Roads", title_ru="Ремонт дорог", results_ru="<p>Заодно поставили фонари.</p>")
    in_title = make_practice("Lights", title_ru="Фонари на каждой улице", published_at=in_text.published_at)
    search.rebuild()
    assert titles(find("фонари", "ru")) == [in_title.title_ru, in_text.title_ru]


def test_snippets_highlight_the_words_found_and_escape_the_rest(make_practice):
    practice = make_practice(
        "x",
        title_ru="Водоснабжение",
        summary_ru="",
        results_ru="<p>Расход &lt; доход &amp; &lt;script&gt;alert(1)&lt;/script&gt; хлорирование воды.</p>",
    )
    search.index(practice)
    snippet = str(find("хлорирования", "ru").page[0].snippet)
    assert "<mark>хлорирование</mark>" in snippet
    assert "Расход &lt; доход &amp;" in snippet
    assert "<script" not in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_the_text_of_a_pdf_attachment_is_searched_with_word_forms(make_practice):
    practice = make_practice("Budget", title_ru="Бюджет села")
    Attachment.objects.create(
        practice=practice, title="Протокол", language="ru", file="x.pdf", text="Протокол публичных слушаний"
    )
    search.index(practice)
    assert titles(find("публичные слушания", "ru")) == ["Бюджет села"]


def test_websearch_syntax_is_understood_and_never_fails(kumbel, toktogul):
    assert titles(find('"питьевая вода" -мусор', "ru")) == [kumbel.title_ru]
    assert titles(find("вода or мусор", "ru")) and find("вода or мусор", "ru").total == 2
    for odd in ["'", '"', "!", "&|", "( )", "и", ":*"]:
        assert find(odd, "ru").total == 0


def test_documents_are_built_with_each_languages_configuration(kumbel):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT language, document::text FROM portal_searchentry WHERE object_id = %s ORDER BY language",
            [kumbel.pk],
        )
        documents = dict(cursor.fetchall())
    assert "'вод'" in documents["ru"]  # stemmed by the russian configuration
    assert "'суу'" in documents["ky"] and "'ичүүчү'" in documents["ky"]  # simple: words as written
    assert "'servic'" in documents["en"]


def test_the_search_uses_the_gin_indexes(kumbel):
    matched = search._PostgresMatch("ичүүчү сууу", "ky").filter(SearchEntry.objects.all())
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = matched.explain()
    assert "search_entry_document" in plan and "search_entry_trigram" in plan
