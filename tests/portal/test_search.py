"""Site search on any database: indexing, visibility, facets, the page and its queries.

PostgreSQL-only behaviour (stemming, trigrams, ranking, headlines) is in test_search_postgres.py.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.visibility import Visibility
from portal import search
from portal.models import Municipality, Region, SearchEntry
from practices.models import Attachment, Practice, Tag, Theme

pytestmark = pytest.mark.django_db
SQLITE_ONLY = pytest.mark.skipif(connection.vendor == "postgresql", reason="the contains-match fallback")


def tiny_pdf(text):
    """A one-page PDF whose text layer says `text` (Latin letters, Helvetica)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def find(query, user=None, language="ru", **filters):
    return search.search(query=query, user=user or AnonymousUser(), language=language, **filters)


def titles(results):
    return [entry.title for entry in results.page]


@pytest.fixture
def water(make_practice):
    practice = make_practice(
        "Drinking water",
        title_ky="Кумбел айыл аймагында ичүүчү суу кызматы",
        title_ru="Служба питьевого водоснабжения в Кумбеле",
        summary_ky="Айыл аймак ичүүчү суу менен камсыз кылуу кызматын уюштурду.",
        summary_ru="Айыл аймак организовал службу питьевой воды.",
        problem_ru="<p>Жители носили воду из <strong>арыка</strong>.</p>",
        actions_ru="<p>Построили резервуар и хлорирование.</p>",
        results_ru="<p>Чистая вода в каждом доме.</p>",
        partners="Хельветас",
        year=2022,
    )
    search.index(practice)
    return practice


# Indexing -----------------------------------------------------------------------------


def test_it_indexes_a_published_practice_once_per_language(water):
    entries = {entry.language: entry for entry in SearchEntry.objects.filter(kind="practice", object_id=water.pk)}
    assert set(entries) == {"ky", "ru", "en"}
    ru = entries["ru"]
    assert ru.title == "Служба питьевого водоснабжения в Кумбеле"
    assert ru.url == "/ru/practices/" + water.slug + "/"
    assert entries["ky"].url == "/ky/practices/" + water.slug + "/"
    assert "арыка" in ru.body and "<strong>" not in ru.body
    assert "резервуар" in ru.body and "Чистая вода" in ru.body and "Хельветас" in ru.body
    assert ru.place == "айылный аймак Кумбел" and entries["ky"].place == "Кумбел айыл аймагы"
    assert ru.theme_id == water.theme_id and ru.region_id == water.municipality.region_id
    assert ru.year == 2022 and ru.date == water.published_at and ru.visibility == "public"
    assert ru.title_summary == search.fold(f"{ru.title} {ru.summary}")
    assert ru.folded.startswith(ru.title_summary) and ru.folded == search.fold(ru.folded)
    assert entries["ky"].title_summary.startswith("кумбел айыл аймагында ичуучу суу")


def test_it_fills_a_language_from_the_fallback_order(make_practice):
    # No English text: the English reader sees the Russian one (fallback ru, ky, en).
    practice = make_practice("x", title_en="", title_ru="Освещение улиц", title_ky="Көчө жарыгы", summary_ru="Фонари")
    search.index(practice)
    english = SearchEntry.objects.get(object_id=practice.pk, language="en")
    assert english.title == "Освещение улиц" and english.summary == "Фонари"
    assert SearchEntry.objects.get(object_id=practice.pk, language="ky").title == "Көчө жарыгы"


def test_it_indexes_tags_and_attachment_text(make_practice):
    tag = Tag.objects.create(slug="chlorine", name_ru="хлорирование", name_ky="хлордоо", name_en="chlorination")
    practice = make_practice("Water", tags=[tag])
    Attachment.objects.create(practice=practice, title="Report", language="ru", file="x.pdf", text="Acta unica")
    search.index(practice)
    assert "хлорирование" in SearchEntry.objects.get(object_id=practice.pk, language="ru").body
    assert "chlorination" in SearchEntry.objects.get(object_id=practice.pk, language="en").body
    assert all("Acta unica" in entry.body for entry in SearchEntry.objects.filter(object_id=practice.pk))


def test_it_finds_a_practice_by_the_text_of_its_pdf_attachment(make_practice):
    practice = make_practice("Waste collection")
    attachment = Attachment(practice=practice, title="Tariff study", language="en")
    attachment.file.save("study.pdf", ContentFile(tiny_pdf("Quarterly tarification memorandum")), save=False)
    attachment.fill_file_metadata()
    attachment.save()
    assert "tarification" in attachment.text
    search.index(practice)
    assert titles(find("tarification", language="en")) == ["Waste collection"]


def test_it_does_not_index_unpublished_practices(make_practice):
    for status in [Practice.Status.DRAFT, Practice.Status.SUBMITTED, Practice.Status.IN_REVIEW]:
        search.index(make_practice("Hidden", status=status))
    assert not SearchEntry.objects.exists()


def test_it_updates_the_entries_when_a_practice_changes(water):
    water.title_ru = "Новое название службы"
    water.save()
    search.index(water)
    assert SearchEntry.objects.filter(object_id=water.pk).count() == 3
    assert SearchEntry.objects.get(object_id=water.pk, language="ru").title == "Новое название службы"
    assert find("Новое")


def test_it_removes_the_entries_when_a_practice_is_unpublished_or_archived(water, make_practice):
    water.status = Practice.Status.ARCHIVED
    water.save()
    search.index(water)
    assert not SearchEntry.objects.filter(object_id=water.pk).exists()
    other = make_practice("Other")
    search.index(other)
    search.remove(other)
    assert not SearchEntry.objects.exists()


def test_it_indexes_a_resource_with_its_description_file_text_and_first_theme(make_resource):
    themes = [Theme.objects.get(slug="budget"), Theme.objects.get(slug="planning")]
    resource = make_resource(
        "Budget hearings guide",
        themes=themes,
        description_ru="<p>Как провести <em>публичные слушания</em>.</p>",
        text="Protocolum auditionis",
        year=2021,
    )
    search.index(resource)
    entry = SearchEntry.objects.get(kind="resource", object_id=resource.pk, language="ru")
    assert entry.title == "Budget hearings guide (ru)"
    assert entry.summary.startswith("Как провести публичные слушания")
    assert "Protocolum auditionis" in entry.body
    assert entry.theme == min(themes, key=lambda theme: theme.number)
    assert entry.region is None and entry.year == 2021
    assert entry.url == f"/ru/resources/{resource.slug}/"
    resource.is_published = False
    resource.save()
    search.index(resource)
    assert not SearchEntry.objects.filter(kind="resource").exists()


def test_a_long_resource_description_is_split_between_summary_and_body(make_resource):
    words = [f"слово{n}" for n in range(100)]
    resource = make_resource("Guide", content=None, description_ru="<p>" + " ".join(words) + "</p>")
    search.index(resource)
    entry = SearchEntry.objects.get(kind="resource", language="ru")
    assert entry.summary.endswith("…") and len(entry.summary) <= 301
    assert entry.summary.startswith("слово0 слово1")
    last_in_summary = entry.summary.rstrip("…").split()[-1]
    assert last_in_summary not in entry.body.split() and entry.body.endswith("слово99")
    assert find("слово99").total == 1


def test_it_refuses_to_index_an_unregistered_model(municipality):
    with pytest.raises(LookupError):
        search.index(municipality)


def test_rebuild_writes_every_published_item_and_drops_stale_entries(make_practice, make_resource):
    published = [make_practice(f"Practice {n}") for n in range(3)]
    make_practice("Draft", status=Practice.Status.DRAFT)
    make_resource("Guide")
    make_resource("Unpublished guide", is_published=False)
    SearchEntry.objects.create(kind="practice", object_id=999_999, language="ru", title="stale", url="/")
    assert search.rebuild() == {"practice": 3, "resource": 1, "article": 0, "news": 0, "event": 0}
    assert SearchEntry.objects.count() == (3 + 1) * 3
    assert set(SearchEntry.objects.filter(kind="practice").values_list("object_id", flat=True)) == {
        practice.pk for practice in published
    }


def test_rebuild_runs_a_few_queries_per_batch_not_per_item(make_practice, make_resource):
    tag = Tag.objects.create(slug="t", name_ru="т")

    def add(count):
        for n in range(count):
            make_practice(f"Practice {n}", tags=[tag])
            make_resource(f"Guide {n}", content=None)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            search.rebuild()
        return len(captured)

    add(3)
    few = queries()
    add(17)  # 20 of each (SQLite splits an INSERT every 66 rows: stay under it)
    assert queries() == few
    # Per kind: delete, select, prefetches (tags and attachments; themes), savepoint, upsert,
    # on PostgreSQL one UPDATE per language, release; plus the transaction's savepoint. Magazine
    # articles, news and events are further kinds: with none published, each adds only its delete
    # and select.
    assert few <= 28
    assert SearchEntry.objects.count() == 20 * 2 * 3


# Reading: visibility --------------------------------------------------------------------


@pytest.fixture
def lighting(make_practice, make_resource):
    """A public, a members-only and a deputies-only practice, and a deputies-only resource."""
    items = [
        make_practice("Street lighting public", visibility=Visibility.PUBLIC),
        make_practice("Street lighting members", visibility=Visibility.MEMBERS),
        make_practice("Street lighting deputies", visibility=Visibility.DEPUTIES, year=2020),
        make_resource(
            "Street lighting guide",
            visibility=Visibility.DEPUTIES,
            content=None,
            themes=[Theme.objects.get(slug="infrastructure")],
        ),
    ]
    search.rebuild()
    return items


@pytest.mark.parametrize(
    ("reader", "expected"),
    [
        (None, {"public"}),
        ("pending_member", {"public"}),
        ("servant", {"public", "members"}),
        ("deputy", {"public", "members", "deputies", "guide"}),
        ("editor", {"public", "members", "deputies", "guide"}),
        ("ulsg_admin", {"public", "members", "deputies", "guide"}),
    ],
)
def test_search_returns_only_what_the_reader_may_see(request, lighting, reader, expected):
    user = request.getfixturevalue(reader) if reader else AnonymousUser()
    results = find("lighting", user=user, language="en")
    assert {title.rsplit(" ", 1)[-1] for title in titles(results)} == expected
    assert results.total == len(expected)
    # Facet counts are counted over what the reader may see, too.
    assert sum(value.n for value in results.facets["kind"]) == len(expected)
    assert sum(value.n for value in results.facets["theme"]) == len(expected)
    years = {value.value for value in results.facets["year"]}
    assert ("2020" in years) == ("deputies" in expected)


def test_the_search_page_hides_restricted_results_from_a_servant(client, lighting, servant):
    client.force_login(servant)
    html = client.get("/en/search/", {"q": "lighting"}).content.decode()
    assert "Street lighting members" in html
    assert "Street lighting deputies" not in html and "Street lighting guide" not in html
    assert "2020" not in html


# Reading: matching and facets -------------------------------------------------------------


def test_it_matches_cyrillic_whatever_the_case(water):
    assert titles(find("ИЧҮҮЧҮ СУУ", language="ky")) == [water.title_ky]
    assert titles(find("кумбеле", language="ru")) == [water.title_ru]


def test_it_forgives_kyrgyz_typed_on_a_russian_keyboard(water):
    # ү, ө, ң typed as у, о, н; and the other way round.
    assert titles(find("ичуучу суу", language="ky")) == [water.title_ky]
    assert titles(find("Күмбел", language="ky")) == [water.title_ky]


def test_it_needs_every_word_to_match(water):
    assert find("вода резервуар", language="ru").total == 1
    assert find("вода самолёт", language="ru").total == 0


def test_an_empty_query_searches_nothing(water, django_assert_num_queries):
    with django_assert_num_queries(0):
        results = find("   ")
    assert results.total == 0 and results.page is None and results.facets == {}


@pytest.fixture
def mixed(make_practice, make_resource, district):
    chuy = Region.objects.get(code="KG-C")
    kant = Municipality.objects.create(code="kant", name_ru="Кант", name_ky="Кант", kind="city", region=chuy)
    budget = Theme.objects.get(slug="budget")
    make_practice("Open budget one", title_ru="Открытый бюджет Кумбел", year=2023)
    make_practice("Open budget two", title_ru="Открытый бюджет Кант", municipality=kant, theme=budget, year=2024)
    make_practice("Open budget three", title_ru="Открытый бюджет: страна", municipality=None, theme=budget, year=2024)
    make_resource("Open budget guide", title_ru="Открытый бюджет: пособие", themes=[budget], content=None, year=2024)
    search.rebuild()


def facet(results, name):
    return {value.value: value.n for value in results.facets[name]}


def test_facets_count_kinds_themes_oblasts_and_years(mixed):
    results = find("бюджет")
    assert results.total == 4
    assert facet(results, "kind") == {"practice": 3, "resource": 1}
    assert facet(results, "theme") == {"utilities": 1, "budget": 3}
    assert facet(results, "region") == {"KG-Y": 1, "KG-C": 1}
    assert facet(results, "year") == {"2024": 3, "2023": 1}
    assert [value.label for value in results.facets["kind"]] == ["practice", "learning material"]
    with translation.override("ru"):
        assert [value.label for value in results.facets["region"]][0] in {"Чуйская область", "Иссык-Кульская область"}


def test_filters_narrow_the_results_and_the_other_facets_but_not_their_own(mixed):
    results = find("бюджет", kind="practice", theme="budget")
    assert sorted(titles(results)) == ["Открытый бюджет Кант", "Открытый бюджет: страна"]
    assert results.total == 2
    # The kind facet keeps the theme filter but not its own: the resource can still be chosen.
    assert facet(results, "kind") == {"practice": 2, "resource": 1}
    assert facet(results, "theme") == {"utilities": 1, "budget": 2}
    assert [value.selected for value in results.facets["kind"]] == [True, False]
    assert titles(find("бюджет", region="KG-C")) == ["Открытый бюджет Кант"]
    assert find("бюджет", year=2024).total == 3
    assert find("бюджет", region="nowhere").total == 0


def test_results_are_paginated_by_twenty(make_practice):
    for n in range(25):
        make_practice(f"Lighting {n}")
    search.rebuild()
    first = find("lighting", language="en")
    assert first.total == 25 and len(first.page) == 20 and first.page.paginator.num_pages == 2
    second = find("lighting", language="en", page=2)
    assert len(second.page) == 5
    assert not set(titles(first)) & set(titles(second))
    assert len(find("lighting", language="en", page="999").page) == 5  # out of range: the last page


@SQLITE_ONLY
def test_without_postgresql_results_are_newest_first_with_the_summary_as_snippet(make_practice):
    old = make_practice(
        "Water old", summary_ru="Старый <водопровод>", published_at=timezone.now() - timezone.timedelta(days=9)
    )
    new = make_practice("Water new", summary_ru="Новый водопровод")
    search.rebuild()
    results = find("ВОДОПРОВОД")
    assert titles(results) == [new.title_ru, old.title_ru]
    assert [str(entry.snippet) for entry in results.page] == [
        "Новый <mark>водопровод</mark>",
        "Старый &lt;<mark>водопровод</mark>&gt;",
    ]


def test_snippets_escape_the_content_and_mark_only_the_match():
    assert search.safe_snippet(f"<b>{search.START}вода{search.STOP}</b>") == "&lt;b&gt;<mark>вода</mark>&lt;/b&gt;"
    assert search.strip_sentinels(f"a{search.START}b{search.STOP}") == "ab"


# The page -----------------------------------------------------------------------------------


def test_the_page_asks_for_a_word_when_the_query_is_empty(client):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert "Type a word or two" in response.content.decode()


def test_the_page_shows_results_with_facets_and_links(client, water):
    with translation.override("ru"):
        html = client.get("/ru/search/", {"q": "питьевой"}).content.decode()
    assert f'href="/ru/practices/{water.slug}/"' in html
    assert "Служба питьевого водоснабжения в Кумбеле" in html
    assert 'class="facets"' in html and "?q=%D0%BF%D0%B8%D1%82%D1%8C%D0%B5%D0%B2%D0%BE%D0%B9&amp;kind=practice" in html
    assert "айылный аймак Кумбел" in html  # the place


def test_the_page_keeps_the_query_and_the_other_filters_in_facet_links(client, mixed):
    html = client.get("/ru/search/", {"q": "бюджет", "year": "2024", "page": "1"}).content.decode()
    assert 'href="?q=%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82&amp;year=2024&amp;theme=budget"' in html
    # The chosen year links to the same search without it.
    assert 'href="?q=%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82" aria-current="true"' in html


def test_the_page_escapes_a_title_with_markup(client, make_practice):
    search.index(make_practice("x", title_ru="<script>alert(1)</script> вода", summary_ru="<img src=x> вода"))
    html = client.get("/ru/search/", {"q": "вода"}).content.decode()
    assert "<script>alert(1)</script>" not in html and "<img src=x>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; вода" in html
    assert "<mark>" in html


def test_the_page_says_when_nothing_is_found_and_offers_the_other_languages(client, water):
    html = client.get("/en/search/", {"q": "самолёт"}).content.decode()
    assert "0 results" in html and "Nothing found" in html
    assert 'href="/ky/search/?q=%D1%81%D0%B0%D0%BC%D0%BE%D0%BB%D1%91%D1%82"' in html
    assert 'href="/ru/search/?q=' in html


def test_the_page_says_when_filters_leave_nothing(client, water):
    html = client.get("/en/search/", {"q": "вода", "year": "1990"}).content.decode()
    assert "Nothing found with these filters" in html
    with translation.override("ru"):
        in_russian = gettext("Nothing found with these filters.")
    assert in_russian != "Nothing found with these filters."
    assert in_russian in client.get("/ru/search/", {"q": "вода", "year": "1990"}).content.decode()


def test_the_page_caps_a_long_query_and_ignores_bad_filters(client, water):
    response = client.get(
        "/ru/search/", {"q": "вода " * 100, "kind": "bogus", "year": "abc", "page": "x", "theme": "nope"}
    )
    assert response.status_code == 200
    assert response.context["query"] == ("вода " * 40).strip()[:200]
    assert len(response.context["query"]) <= 200


def test_the_page_lists_matching_municipalities_above_the_results(client, water):
    html = client.get("/en/search/", {"q": "Kumbel"}).content.decode()
    assert 'href="/en/municipalities/test-kumbel/"' in html
    assert html.index("search-municipalities") < html.index("search-results")


def test_the_page_refuses_post(client):
    assert client.post("/ru/search/", {"q": "вода"}).status_code == 405


def test_the_page_is_not_indexed_by_robots(client):
    assert '<meta name="robots" content="noindex, follow">' in client.get("/en/search/?q=x").content.decode()


@pytest.mark.parametrize("count", [3, 25])
def test_the_page_runs_a_fixed_number_of_queries(client, make_practice, district, count, django_assert_num_queries):
    other_region = Region.objects.get(code="KG-C")
    for n in range(count):
        municipality = Municipality.objects.create(
            code=f"place-{n}", name_ru=f"Село {n}", kind="aiyl_aimak", region=other_region if n % 2 else district.region
        )
        make_practice(f"Lighting {n}", municipality=municipality, year=2000 + n)
    search.rebuild()
    # 1 municipalities named like the query, 2-5 the kind, theme, oblast and year facets, 6 the page of results
    with django_assert_num_queries(6):
        response = client.get("/en/search/", {"q": "lighting"})
    assert response.context["results"].total == count


def test_the_page_for_a_member_runs_a_fixed_number_of_queries(client, servant, water, django_assert_num_queries):
    client.force_login(servant)
    # 1 session, 2 user, 3 the user's groups (visibility), 4 municipalities, 5-8 facets, 9 the page
    with django_assert_num_queries(9):
        client.get("/ru/search/", {"q": "вода"})


# --- results kept until content changes (portal.datacache) ---


@pytest.mark.django_db
def test_it_answers_the_same_search_again_without_the_database(client, water, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get("/ru/search/?q=водоснабжения")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/ru/search/?q=водоснабжения")
    assert [e.url for e in again.context["results"].page] == [e.url for e in first.context["results"].page]
    assert again.context["results"].total == first.context["results"].total >= 1
    assert not [q for q in queries.captured_queries if "portal_searchentry" in q["sql"]]
    assert "<mark>" in again.content.decode() or "водоснабжения" in again.content.decode()


@pytest.mark.django_db
def test_it_finds_new_content_at_once_although_results_are_kept(water, make_practice, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert len(titles(find("Кызыл-Суу"))) == 0
    practice = make_practice("Irrigation", title_ru="Орошение в Кызыл-Суу")
    search.index(practice)
    assert titles(find("Кызыл-Суу")) == ["Орошение в Кызыл-Суу"]


@pytest.mark.django_db
def test_it_keeps_what_members_find_apart_from_what_visitors_find(water, make_practice, make_member, settings):
    settings.PAGE_CACHE_SECONDS = 600
    hidden = make_practice("Members", title_ru="Закрытый отчёт о воде", visibility=Visibility.MEMBERS)
    search.index(hidden)
    assert find("отчёт").total == 0
    assert find("отчёт", user=make_member()).total == 1
    assert find("отчёт").total == 0
