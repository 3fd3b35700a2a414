"""The municipality directory and each municipality's page with its published practices."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from accounts.visibility import Visibility
from portal.models import Municipality
from practices.models import Practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(region):
    return Municipality.objects.create(
        code="karakol",
        name_ky="Каракол шаары",
        name_ru="город Каракол",
        kind=Municipality.Kind.CITY,
        region=region,
        population=84_000,
    )


def test_the_page_shows_the_municipality_and_its_published_practices(client, municipality, make_practice):
    municipality.population = 12_345
    municipality.save()
    make_practice("Drinking water", title_ru="Питьевая вода Кумбеля")
    make_practice("Draft", title_ru="Черновик", status=Practice.Status.DRAFT)
    with translation.override("ru"):
        response = client.get("/ru/municipalities/test-kumbel/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "айылный аймак Кумбел" in html
    assert "Иссык-Кульский район" in html and "Иссык-Кульская область" in html
    assert "12,345" in html or "12 345" in html or "12\xa0345" in html
    with translation.override("ru"):
        assert gettext("ULSG member") in html
    assert "Питьевая вода Кумбеля" in html
    assert "Черновик" not in html


def test_the_page_is_in_kyrgyz_too(client, municipality, make_practice):
    make_practice("Drinking water", title_ky="Кумбелдин ичүүчү суусу")
    html = client.get("/ky/municipalities/test-kumbel/").content.decode()
    assert "Кумбел айыл аймагы" in html and "Кумбелдин ичүүчү суусу" in html
    assert '<html lang="ky">' in html


@pytest.mark.parametrize(
    ("reader", "sees_members", "sees_deputies"),
    [
        (None, False, False),
        ("pending_member", False, False),
        ("servant", True, False),
        ("deputy", True, True),
        ("editor", True, True),
    ],
)
def test_the_page_lists_only_the_practices_the_reader_may_see(
    request, client, make_practice, reader, sees_members, sees_deputies
):
    make_practice("Public water")
    make_practice("Members water", visibility=Visibility.MEMBERS)
    make_practice("Deputies water", visibility=Visibility.DEPUTIES)
    if reader:
        client.force_login(request.getfixturevalue(reader))
    html = client.get("/en/municipalities/test-kumbel/").content.decode()
    assert "Public water" in html
    assert ("Members water" in html) is sees_members
    assert ("Deputies water" in html) is sees_deputies


def test_a_municipality_without_practices_says_so(client, city):
    html = client.get("/en/municipalities/karakol/").content.decode()
    assert "No practice of this municipality is published yet." in html
    assert "city" in html and "84,000" in html


def test_an_unknown_municipality_is_404(client, municipality):
    assert client.get("/en/municipalities/nowhere/").status_code == 404


def test_the_page_refuses_post(client, municipality):
    assert client.post("/en/municipalities/test-kumbel/").status_code == 405


def test_the_page_runs_a_fixed_number_of_queries(client, municipality, make_practice, django_assert_num_queries):
    make_practice("One")
    # 1 the municipality with its region and district, 2 its practices (with theme and place)
    with django_assert_num_queries(2):
        client.get("/ru/municipalities/test-kumbel/")
    for n in range(12):
        make_practice(f"More {n}")
    with django_assert_num_queries(2):
        response = client.get("/ru/municipalities/test-kumbel/")
    assert len(response.context["practices"]) == 13


def test_the_directory_links_each_municipality_to_its_page_with_its_count(client, municipality, city, make_practice):
    make_practice("One")
    make_practice("Two")
    make_practice("Members", visibility=Visibility.MEMBERS)
    html = client.get("/en/municipalities/").content.decode()
    assert 'href="/en/municipalities/test-kumbel/"' in html and 'href="/en/municipalities/karakol/"' in html
    assert "2 practices" in html
    assert "3 practices" not in html


def test_the_directory_counts_what_a_member_may_see(client, servant, municipality, make_practice):
    make_practice("One")
    make_practice("Members", visibility=Visibility.MEMBERS)
    client.force_login(servant)
    assert "2 practices" in client.get("/en/municipalities/").content.decode()


def test_the_directory_runs_a_fixed_number_of_queries(
    client, municipality, city, make_practice, django_assert_num_queries
):
    make_practice("One")
    # 1 regions, 2 municipalities with their region, district and practice counts
    with django_assert_num_queries(2):
        client.get("/ky/municipalities/")
    for n in range(5):
        make_practice(f"More {n}", municipality=city)
    with django_assert_num_queries(2):
        client.get("/ky/municipalities/")
