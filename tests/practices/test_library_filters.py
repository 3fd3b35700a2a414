"""The library's filters and sort orders (practices.filters), through the list page:
each filter, combined filters, invalid values, grouped selects."""

import pytest
from django.utils import translation

from portal.models import District, Municipality, Region
from practices.models import Theme

pytestmark = pytest.mark.django_db


def found(client, query, lang="ru"):
    response = client.get(f"/{lang}/practices/{query}")
    assert response.status_code == 200
    return [practice.title_en for practice in response.context["page_obj"].object_list]


@pytest.fixture
def chuy_municipality(db):
    chuy = Region.objects.get(code="KG-C")
    district = District.objects.create(
        region=chuy, code="test-alamudun", name_ru="Аламудунский район", name_ky="Аламүдүн"
    )
    return Municipality.objects.create(
        code="test-lebedinovka",
        name_ru="Лебединовский айылный аймак",
        name_ky="Лебединовка айыл аймагы",
        kind=Municipality.Kind.AIYL_AIMAK,
        region=chuy,
        district=district,
    )


def test_it_finds_words_in_titles_and_summaries_of_any_language(client, make_practice):
    make_practice("Water", summary_ky="Таза суу үчүн кызмат")
    make_practice("Lighting", title_ru="Уличное освещение")
    make_practice("Waste")
    assert found(client, "?q=суу") == ["Water"]
    assert found(client, "?q=освещение") == ["Lighting"]
    assert found(client, "?q=WASTE") == ["Waste"]  # case does not matter
    assert found(client, "?q=Суу") == ["Water"]
    assert found(client, "?q=уличное") == ["Lighting"]
    assert found(client, "?q=water+nothing") == []  # every word must match
    assert found(client, "?q=+") == ["Water", "Lighting", "Waste"]


def test_the_theme_filter_matches_main_and_further_themes_once(client, make_practice, theme):
    budget, social = Theme.objects.get(slug="budget"), Theme.objects.get(slug="social")
    make_practice("Hearings", theme=budget)
    make_practice("Water with hearings", themes=[budget, social])
    make_practice("Water")
    assert found(client, "?theme=budget") == ["Hearings", "Water with hearings"]
    response = client.get("/ru/practices/?theme=budget")
    assert response.context["page_obj"].paginator.count == 2  # no duplicate from the two further themes


def test_the_place_filters(client, make_practice, municipality, chuy_municipality):
    make_practice("Kumbel", municipality=municipality)
    make_practice("Lebedinovka", municipality=chuy_municipality)
    make_practice("National", municipality=None)
    assert found(client, "?region=KG-C") == ["Lebedinovka"]
    assert found(client, "?district=test-issyk-kul") == ["Kumbel"]
    assert found(client, "?municipality=test-lebedinovka") == ["Lebedinovka"]


def test_the_year_sigr_and_language_filters(client, make_practice):
    make_practice("Old", year=2016)
    make_practice("Inclusive", is_sigr=True, year=2023)
    make_practice("Russian only", title_ky="", title_en="", year=2023)
    assert found(client, "?year=2016") == ["Old"]
    assert found(client, "?sigr=on") == ["Inclusive"]
    assert found(client, "?sigr=1") == ["Inclusive"]
    assert found(client, "?language=ky") == ["Inclusive", "Old"]
    assert found(client, "?language=ru") == ["Inclusive", "", "Old"]  # the third has no English title


def test_the_sort_orders(client, make_practice):
    make_practice("Middle", year=2020, beneficiaries=500)
    make_practice("Unknown year", year=None, beneficiaries=None)
    make_practice("Newest", year=2024, beneficiaries=40)
    make_practice("Oldest", year=2015, beneficiaries=150_000)
    assert found(client, "") == ["Newest", "Middle", "Oldest", "Unknown year"]
    assert found(client, "?sort=newest") == ["Newest", "Middle", "Oldest", "Unknown year"]
    assert found(client, "?sort=oldest") == ["Oldest", "Middle", "Newest", "Unknown year"]
    assert found(client, "?sort=beneficiaries") == ["Oldest", "Middle", "Newest", "Unknown year"]


def test_the_same_year_lists_the_latest_published_first(client, make_practice):
    make_practice("Published first")  # make_practice publishes each one a minute earlier than the one before
    make_practice("Published later")
    assert found(client, "") == ["Published first", "Published later"]


def test_filters_combine(client, make_practice, chuy_municipality):
    budget = Theme.objects.get(slug="budget")
    make_practice("Match", theme=budget, municipality=chuy_municipality, year=2022, is_sigr=True)
    make_practice("Wrong year", theme=budget, municipality=chuy_municipality, year=2021, is_sigr=True)
    make_practice("Wrong place", theme=budget, year=2022, is_sigr=True)
    make_practice("Not SIGR", theme=budget, municipality=chuy_municipality, year=2022)
    assert found(client, "?theme=budget&region=KG-C&year=2022&sigr=on&q=match&language=en") == ["Match"]


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_invalid_values_are_reported_and_ignored(client, make_practice, lang):
    make_practice("Water", year=2022)
    query = "?theme=nope&region=XX&district=nowhere&municipality=none&year=1800&language=fr&sort=random&page=x"
    response = client.get(f"/{lang}/practices/{query}")
    assert response.status_code == 200
    assert [p.title_en for p in response.context["page_obj"].object_list] == ["Water"]
    errors = response.context["filter"].form.errors
    assert set(errors) == {"theme", "region", "district", "municipality", "year", "language", "sort"}
    assert 'role="alert"' in response.content.decode()


def test_an_invalid_value_keeps_the_other_filters(client, make_practice):
    make_practice("Old", year=2016)
    make_practice("New", year=2023)
    assert found(client, "?year=2016&theme=nope") == ["Old"]


def test_the_error_messages_say_what_is_shown_instead(client, make_practice):
    make_practice("Water")
    with translation.override("en"):
        html = client.get("/en/practices/?theme=nope&year=1800").content.decode()
    assert "Theme: There is no such theme; practices of all themes are shown." in html
    assert "Year: No practice is published for this year; all years are shown." in html


def test_a_too_long_text_is_refused_politely(client, make_practice):
    make_practice("Water")
    response = client.get("/ru/practices/?q=" + "a" * 300)
    assert response.status_code == 200
    assert "q" in response.context["filter"].form.errors
    assert len(response.context["page_obj"].object_list) == 1


def test_districts_and_municipalities_are_grouped_by_region(client, make_practice, chuy_municipality):
    make_practice("Lebedinovka", municipality=chuy_municipality)
    html = client.get("/ru/practices/").content.decode()
    assert '<optgroup label="Чуйская область">' in html
    assert '<option value="test-alamudun">Аламудунский район</option>' in html
    # Only municipalities with practices are offered, with their district.
    assert '<option value="test-lebedinovka">Лебединовский айылный аймак (Аламудунский район)</option>' in html
    assert 'value="test-kumbel"' not in html


def test_the_year_select_offers_only_years_with_practices(client, make_practice):
    make_practice("Old", year=2016)
    make_practice("Hidden", year=2011, status="draft")
    html = client.get("/ru/practices/").content.decode()
    assert '<option value="2016">2016</option>' in html
    assert 'value="2011"' not in html


def test_the_form_keeps_the_chosen_values_and_lists_them_removably(client, make_practice):
    make_practice("Water", year=2022, is_sigr=True)
    with translation.override("en"):
        html = client.get("/en/practices/?theme=utilities&year=2022&sigr=on&sort=oldest").content.decode()
    assert '<option value="utilities" selected>' in html
    assert '<option value="2022" selected>' in html
    assert '<option value="oldest" selected>' in html
    assert 'name="sigr" id="id_sigr" checked' in html
    assert '<details class="filters-more" open>' in html
    assert 'href="?year=2022&amp;sigr=on&amp;sort=oldest"' in html  # removes the theme, keeps the rest
    assert "Filters in use" in html


def test_hidden_practices_do_not_leak_through_the_filters(client, make_practice):
    make_practice("Members", visibility="members", year=2011)
    make_practice("Draft", status="draft", year=2012)
    html = client.get("/ru/practices/?q=Members").content.decode()
    assert "Members (ru)" not in html
    assert 'value="2011"' not in html and 'value="2012"' not in html
