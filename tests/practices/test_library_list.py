"""The library's list at /<lang>/practices/: the theme grid with counts, the filtered list,
the result count, pagination, what each role may see, and a fixed number of queries."""

import pytest
from django.utils import translation

from accounts.models import User
from accounts.roles import Role
from practices.models import Practice, Theme

pytestmark = pytest.mark.django_db

URL = "/{lang}/practices/"


def listed(response):
    return [practice.slug for practice in response.context["page_obj"].object_list]


def theme_count(response, slug):
    return next(theme.n for theme in response.context["themes"] if theme.slug == slug)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_it_lists_published_practices_in_the_readers_language(client, make_practice, lang):
    make_practice("Kumbel drinking water", summary_ky="Суу кызматы", summary_ru="Служба воды")
    response = client.get(URL.format(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Kumbel drinking water ({lang})" in html
    assert {"ky": "Суу кызматы", "ru": "Служба воды"}[lang] in html
    assert 'class="theme-grid"' in html and 'class="practice-list"' in html
    assert f'action="/{lang}/practices/"' in html and 'method="get"' in html


def test_it_shows_the_result_count_and_the_empty_state(client, make_practice):
    with translation.override("en"):
        empty = client.get("/en/practices/").content.decode()
        make_practice("One"), make_practice("Two")
        full = client.get("/en/practices/").content.decode()
    assert "0 practices" in empty and 'class="empty-state"' in empty
    assert "2 practices" in full and 'class="empty-state"' not in full


@pytest.mark.parametrize("status", ["draft", "submitted", "in_review", "archived"])
def test_it_hides_practices_that_are_not_published(client, make_practice, status):
    make_practice("Hidden", status=status)
    make_practice("Shown")
    response = client.get("/ru/practices/")
    assert [slug.split("-")[0] for slug in listed(response)] == ["shown"]
    assert theme_count(response, "utilities") == 1


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("anonymous", {"public"}),
        ("pending", {"public"}),
        ("servant", {"public", "members"}),
        ("deputy", {"public", "members", "deputies"}),
        ("editor", {"public", "members", "deputies"}),
    ],
)
def test_each_role_sees_the_practices_of_its_visibility(client, make_member, make_practice, who, sees):
    for visibility in ("public", "members", "deputies"):
        make_practice(visibility, visibility=visibility)
    if who == "pending":
        client.force_login(make_member(Role.DEPUTY, status=User.Status.PENDING))
    elif who != "anonymous":
        client.force_login(make_member(Role(who)))
    response = client.get("/ky/practices/")
    assert {slug.rsplit("-", 1)[0] for slug in listed(response)} == sees
    assert theme_count(response, "utilities") == len(sees)  # the grid counts only what the reader may see


def test_the_theme_grid_counts_main_and_further_themes_once(client, make_practice, theme):
    budget = Theme.objects.get(slug="budget")
    make_practice("Water and budget", themes=[budget, theme])  # main theme listed again among further themes
    make_practice("Budget only", theme=budget)
    response = client.get("/ru/practices/")
    assert theme_count(response, "utilities") == 1
    assert theme_count(response, "budget") == 2
    assert theme_count(response, "social") == 0
    html = response.content.decode()
    assert 'href="/ru/practices/themes/budget/"' in html
    assert 'src="/static/img/themes/budget.svg"' in html


def test_it_paginates_20_a_page_and_keeps_the_filters_in_the_page_links(client, make_practice):
    for number in range(25):
        make_practice(f"Practice {number}")
    first = client.get("/ru/practices/?theme=utilities")
    assert len(listed(first)) == 20
    html = first.content.decode()
    assert 'href="?theme=utilities&amp;page=2"' in html
    second = client.get("/ru/practices/?theme=utilities&page=2")
    assert len(listed(second)) == 5
    assert not set(listed(first)) & set(listed(second))


def test_a_wrong_page_number_shows_a_page_instead_of_an_error(client, make_practice):
    make_practice("Only")
    assert client.get("/ru/practices/?page=abc").status_code == 200
    assert len(listed(client.get("/ru/practices/?page=99"))) == 1


def test_the_card_shows_place_year_theme_languages_and_sigr(client, make_practice):
    make_practice("Inclusive preschool", is_sigr=True, year=2021, title_en="")
    html = client.get("/ru/practices/").content.decode()
    assert "айылный аймак Кумбел, Иссык-Кульская область" in html
    assert "2021" in html
    assert "badge-sigr" in html
    assert ">KY</abbr>" in html and ">RU</abbr>" in html and ">EN</abbr>" not in html
    assert "practice-card-noimage" in html  # no cover: the theme's icon stands in


def test_the_card_title_falls_back_and_says_in_which_language(client, make_practice):
    make_practice("Only in Russian", title_ky="", title_en="")
    html = client.get("/ky/practices/").content.decode()
    assert '<span lang="ru">Only in Russian (ru)</span>' in html
    assert 'class="fallback-note"' in html


def test_it_refuses_post(client):
    assert client.post("/ru/practices/").status_code == 405


def test_it_changes_nothing_in_the_database(client, make_practice):
    practice = make_practice("Kumbel")
    client.get("/ru/practices/?q=Kumbel&sort=oldest")
    assert Practice.objects.get(pk=practice.pk).updated_at == practice.updated_at


@pytest.mark.parametrize("how_many", [3, 25])
def test_the_list_runs_a_fixed_number_of_queries(client, make_practice, django_assert_num_queries, how_many):
    budget = Theme.objects.get(slug="budget")
    for number in range(how_many):
        make_practice(f"Practice {number}", themes=[budget])
    # 1 themes with their counts, 2 regions, 3 districts, 4 municipalities that have practices,
    # 5 years, 6 count of the results, 7 the page of practices (theme and place joined)
    with django_assert_num_queries(7):
        response = client.get("/ky/practices/?region=KG-Y&sort=beneficiaries")
    assert response.status_code == 200


def test_the_list_runs_a_fixed_number_of_queries_for_a_member(
    client, servant, make_practice, django_assert_num_queries
):
    for number in range(5):
        make_practice(f"Practice {number}", visibility="members")
    client.force_login(servant)
    # 1 session, 2 user, 3 the user's groups, then the 7 queries of the anonymous list
    with django_assert_num_queries(10):
        client.get("/ru/practices/")
