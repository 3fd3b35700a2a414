"""One theme's page at /<lang>/practices/themes/<slug>/: the theme, its practices
(main or further theme), the filters without the theme one, visibility, queries."""

import pytest

from accounts.models import User
from accounts.roles import Role
from practices.models import Practice, Theme

pytestmark = pytest.mark.django_db


def listed(response):
    return [practice.title_en for practice in response.context["page_obj"].object_list]


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_it_shows_the_theme_and_its_practices(client, make_practice, theme, lang):
    budget = Theme.objects.get(slug="budget")
    make_practice("Water")
    make_practice("Hearings on water tariffs", theme=budget, themes=[theme])
    make_practice("Hearings", theme=budget)
    response = client.get(f"/{lang}/practices/themes/utilities/")
    assert response.status_code == 200
    assert listed(response) == ["Water", "Hearings on water tariffs"]
    html = response.content.decode()
    assert getattr(theme, f"name_{lang}") in html
    assert getattr(theme, f"description_{lang}") in html
    assert 'src="/static/img/themes/utilities.svg"' in html
    assert f'href="/{lang}/practices/"' in html  # breadcrumbs lead back to the library
    assert "2 " in html.split('id="results-title"')[1][:40]


def test_it_offers_the_filters_without_the_theme(client, make_practice):
    make_practice("Water", year=2019)
    response = client.get("/ru/practices/themes/utilities/?theme=budget&year=2019")
    html = response.content.decode()
    assert 'name="theme"' not in html
    assert 'name="region"' in html and 'name="year"' in html and 'name="sort"' in html
    assert listed(response) == ["Water"]  # a theme in the URL is ignored here


def test_its_filters_and_choices_stay_within_the_theme(client, make_practice):
    budget = Theme.objects.get(slug="budget")
    make_practice("Water", year=2019)
    make_practice("Hearings", theme=budget, year=2015)
    response = client.get("/ru/practices/themes/utilities/?year=2015")
    assert listed(response) == ["Water"]  # 2015 is not a year of this theme: reported and ignored
    assert "year" in response.context["filter"].form.errors
    assert 'value="2015"' not in response.content.decode()


def test_an_unknown_theme_is_not_found(client):
    assert client.get("/ru/practices/themes/no-such-theme/").status_code == 404


def test_it_refuses_post(client):
    assert client.post("/ru/practices/themes/utilities/").status_code == 405


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("anonymous", ["public"]),
        ("pending", ["public"]),
        ("servant", ["public", "members"]),
        ("deputy", ["public", "members", "deputies"]),
        ("editor", ["public", "members", "deputies"]),
    ],
)
def test_each_role_sees_the_practices_of_its_visibility(client, make_member, make_practice, who, sees):
    for visibility in ("public", "members", "deputies"):
        make_practice(visibility, visibility=visibility)
    make_practice("draft", status=Practice.Status.DRAFT)
    if who == "pending":
        client.force_login(make_member(Role.DEPUTY, status=User.Status.PENDING))
    elif who != "anonymous":
        client.force_login(make_member(Role(who)))
    assert listed(client.get("/ky/practices/themes/utilities/")) == sees


@pytest.mark.parametrize("how_many", [3, 25])
def test_the_theme_page_runs_a_fixed_number_of_queries(client, make_practice, django_assert_num_queries, how_many):
    for number in range(how_many):
        make_practice(f"Practice {number}")
    # 1 the theme, 2 regions, 3 districts, 4 municipalities with practices in it, 5 years,
    # 6 count of the results, 7 the page of practices
    with django_assert_num_queries(7):
        response = client.get("/ky/practices/themes/utilities/?sort=oldest")
    assert response.status_code == 200
