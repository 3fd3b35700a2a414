"""The library's filter lists and counts (portal.datacache) are computed once per content version
and visibility, and any content change shows at once."""

import pytest
from django.test import override_settings

from tests.roles import sign_in

pytestmark = pytest.mark.django_db

URL = "/ru/practices/"


def theme_count(response, slug):
    return next(theme.n for theme in response.context["themes"] if theme.slug == slug)


def test_it_counts_a_further_theme_once_and_the_main_theme_once(client, make_practice, theme, django_user_model):
    from practices.models import Theme

    other = Theme.objects.exclude(pk=theme.pk).order_by("number").first()
    make_practice("Main only")
    make_practice("Main and further", themes=[other])
    make_practice("Further equals main", themes=[theme])
    response = client.get(URL)
    assert theme_count(response, theme.slug) == 3
    assert theme_count(response, other.slug) == 1


@override_settings(PAGE_CACHE_SECONDS=600)
def test_it_computes_the_lists_once_for_readers_who_see_the_same(client, make_practice, django_assert_max_num_queries):
    make_practice("One"), make_practice("Two")
    client.get(URL)  # themes, regions, districts, places, years and the total: computed and kept
    # The second visitor: only the page of practices (the total comes from the cache).
    with django_assert_max_num_queries(1):
        response = client.get(URL + "?page=1")
    assert response.context["page_obj"].paginator.count == 2


@override_settings(PAGE_CACHE_SECONDS=600)
def test_it_shows_a_new_practice_in_the_counts_at_once(client, make_practice, theme):
    make_practice("One")
    assert theme_count(client.get(URL), theme.slug) == 1
    make_practice("Two")  # a save bumps the content version (portal.pagecache)
    response = client.get(URL + "?page=1")
    assert theme_count(response, theme.slug) == 2
    assert response.context["page_obj"].paginator.count == 2


@override_settings(PAGE_CACHE_SECONDS=600)
def test_it_keeps_members_counts_apart_from_visitors(client, make_practice, make_member, theme):
    make_practice("Public")
    make_practice("Members only", visibility="members")
    assert theme_count(client.get(URL), theme.slug) == 1
    sign_in(client, make_member, "servant")
    response = client.get(URL)
    assert theme_count(response, theme.slug) == 2
    assert response.context["page_obj"].paginator.count == 2


@override_settings(PAGE_CACHE_SECONDS=600)
def test_it_counts_a_filtered_list_for_real(client, make_practice):
    make_practice("Old", year=2019), make_practice("New", year=2024)
    client.get(URL)
    response = client.get(URL + "?year=2019")
    assert response.context["page_obj"].paginator.count == 1


@override_settings(PAGE_CACHE_SECONDS=600)
def test_it_computes_when_the_cache_is_away(client, make_practice, monkeypatch, theme):
    from django.core.cache import cache

    make_practice("One")

    def broken(*args, **kwargs):
        raise ConnectionError("cache is away")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    response = client.get(URL)
    assert response.status_code == 200
    assert theme_count(response, theme.slug) == 1


# --- the content block shared by readers of the same visibilities (portal.datacache.content_fragment) ---


@override_settings(PAGE_CACHE_SECONDS=600)
def test_it_shares_the_members_list_between_members_and_keeps_deputies_apart(
    client, make_practice, make_member, django_assert_max_num_queries
):
    from django.test import Client

    make_practice("Public")
    make_practice("For deputies", visibility="deputies")
    sign_in(client, make_member, "servant")
    first = client.get(URL).content.decode()
    assert "For deputies" not in first
    other_servant = Client()
    other_servant.force_login(make_member(email="second-servant@example.kg"))
    # The session, the member and their roles: the list itself comes from the cache.
    with django_assert_max_num_queries(3):
        again = other_servant.get(URL).content.decode()
    assert "Public (ru)" in again and "For deputies" not in again
    deputy = Client()
    sign_in(deputy, make_member, "deputy")
    assert "For deputies (ru)" in deputy.get(URL).content.decode()


@override_settings(PAGE_CACHE_SECONDS=600)
def test_it_shows_members_a_new_practice_at_once(client, make_practice, make_member):
    sign_in(client, make_member, "servant")
    make_practice("First")
    assert "Second (ru)" not in client.get(URL).content.decode()
    make_practice("Second")
    assert "Second (ru)" in client.get(URL).content.decode()


@override_settings(PAGE_CACHE_SECONDS=600)
def test_it_keeps_each_filter_and_language_apart(client, make_practice, make_member):
    sign_in(client, make_member, "servant")
    make_practice("Old", year=2019), make_practice("New", year=2024)
    assert "New (ru)" not in client.get(URL + "?year=2019").content.decode()
    assert "New (ru)" in client.get(URL).content.decode()
    assert "New (ky)" in client.get("/ky/practices/").content.decode()
