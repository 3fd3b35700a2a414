"""Learning materials: the list with its filters and one material's page, for every role."""

import pytest
from django.db import connection
from django.utils import translation

from practices.models import Resource, Theme
from tests.roles import ROLES, SEES, sign_in

pytestmark = pytest.mark.django_db

LIST = "/ru/resources/"


def titles(response):
    return {resource.title_en for resource in response.context["resources"]}


# The list


def test_it_lists_published_materials_with_what_a_reader_needs(client, make_resource, theme):
    make_resource("Water tariffs guide", themes=[theme], kind=Resource.Kind.METHODOLOGY, language="ky")
    html = client.get(LIST).content.decode()
    assert "<h1>" in html
    assert 'href="/ru/resources/water-tariffs-guide-1/"' in html
    assert "Water tariffs guide (ru)" in html
    assert "PDF" in html and "13" in html  # type and size of the file
    assert "?theme=utilities" in html  # its theme, as a filter link
    assert 'name="kind"' in html and 'name="theme"' in html and 'name="audience"' in html
    assert 'name="language"' in html and 'name="q"' in html


def test_it_hides_unpublished_materials(client, make_resource):
    make_resource("Draft guide", is_published=False)
    make_resource("Published guide")
    assert titles(client.get(LIST)) == {"Published guide"}


@pytest.mark.parametrize("who", ROLES)
def test_each_role_sees_the_materials_of_its_visibility(client, make_member, make_resource, who):
    for visibility in ("public", "members", "deputies"):
        make_resource(f"{visibility} material", visibility=visibility)
    sign_in(client, make_member, who)
    response = client.get(LIST)
    assert response.status_code == 200
    assert titles(response) == {f"{visibility} material" for visibility in SEES[who]}


def test_it_marks_members_and_deputies_only_materials(client, deputy, make_resource):
    make_resource("Members guide", visibility="members")
    make_resource("Deputies guide", visibility="deputies")
    client.force_login(deputy)
    html = client.get("/en/resources/").content.decode()
    assert "Members only" in html and "Deputies only" in html


def test_a_video_lesson_shows_its_link(client, make_resource):
    make_resource("Budget video", kind=Resource.Kind.VIDEO, content=None, video_url="https://example.org/v/1")
    html = client.get("/en/resources/").content.decode()
    assert "Video lesson" in html
    assert 'href="https://example.org/v/1"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=template", {"Council decision template"}),
        ("theme=budget", {"Hearings guide"}),
        ("audience=deputies", {"Council decision template"}),
        ("language=ky", {"Hearings guide"}),
        ("q=hearings", {"Hearings guide"}),  # English title
        ("q=решения", {"Council decision template"}),  # Russian description
        ("q=чечиминин үлгүсү", {"Council decision template"}),  # Kyrgyz title, with ү
        ("q=COUNCIL template", {"Council decision template"}),  # every word, any case
        ("kind=template&language=ky", set()),
        ("", {"Hearings guide", "Council decision template"}),
    ],
)
def test_each_filter(client, make_resource, query, expected):
    budget = Theme.objects.get(slug="budget")
    make_resource("Hearings guide", themes=[budget], language="ky")
    make_resource(
        "Council decision template",
        kind=Resource.Kind.TEMPLATE,
        audience=Resource.Audience.DEPUTIES,
        title_ky="Кеңештин чечиминин үлгүсү",
        description_ru="<p>Образец решения кенеша</p>",
    )
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's LIKE folds the case of ASCII letters only")
def test_the_words_match_cyrillic_in_any_case_on_postgresql(client, make_resource):
    make_resource("Council decision template", title_ky="Кеңештин чечиминин үлгүсү")
    assert titles(client.get(f"{LIST}?q=КЕҢЕШТИН")) == {"Council decision template"}


def test_the_theme_filter_lists_a_material_once_whatever_its_themes(client, make_resource, theme):
    budget = Theme.objects.get(slug="budget")
    make_resource("Two themes", themes=[theme, budget])
    response = client.get(f"{LIST}?theme=budget")
    assert [r.title_en for r in response.context["resources"]] == ["Two themes"]


@pytest.mark.parametrize("query", ["kind=poem", "theme=nowhere", "audience=cats", "language=xx", "page=abc"])
def test_an_invalid_filter_is_explained_and_left_out(client, make_resource, query):
    make_resource("Hearings guide")
    response = client.get(f"/en/resources/?{query}")
    assert response.status_code == 200
    assert titles(response) == {"Hearings guide"}
    if not query.startswith("page"):
        html = response.content.decode()
        assert "Some filters were not understood" in html
        assert "Unknown choice; left out." in html
        assert 'aria-invalid="true"' in html


def test_no_match_offers_to_clear_the_filters(client, make_resource):
    make_resource("Hearings guide")
    html = client.get("/en/resources/?q=nothing-like-this").content.decode()
    assert "No learning material matches these filters." in html
    assert "0 learning materials" in html


def test_it_shows_twenty_per_page_and_keeps_the_filters_in_the_links(client, make_resource):
    for number in range(23):
        make_resource(f"Guide {number}", language="ky")
    first = client.get(f"{LIST}?language=ky")
    assert len(first.context["resources"]) == 20
    html = first.content.decode()
    assert "?language=ky&amp;page=2" in html
    assert "23" in html  # the result count
    second = client.get(f"{LIST}?language=ky&page=2")
    assert len(second.context["resources"]) == 3


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_list_speaks_the_readers_language(client, make_resource, language):
    make_resource("Hearings guide")
    with translation.override(language):
        expected = [translation.gettext("Learning materials"), translation.gettext("All types")]
    response = client.get(f"/{language}/resources/")
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert all(text in html for text in expected)
    assert f"Hearings guide ({language})" in html


def test_the_list_refuses_post(client):
    assert client.post(LIST).status_code == 405


def test_the_list_changes_nothing_in_the_database(client, make_resource):
    make_resource("Hearings guide")
    before = list(Resource.objects.values())
    client.get(f"{LIST}?q=guide&kind=guide")
    assert list(Resource.objects.values()) == before


@pytest.mark.parametrize("count", [3, 25])
def test_the_list_runs_a_fixed_number_of_queries(client, make_resource, theme, count, django_assert_num_queries):
    budget = Theme.objects.get(slug="budget")
    for number in range(count):
        make_resource(f"Guide {number}", themes=[theme, budget])
    # 1 themes (the filter's choices), 2 count, 3 the page of materials, 4 their themes
    with django_assert_num_queries(4):
        client.get(f"{LIST}?theme=budget&q=guide")


def test_the_list_for_a_member_runs_a_fixed_number_of_queries(
    client, servant, make_resource, django_assert_num_queries
):
    for number in range(25):
        make_resource(f"Guide {number}", visibility="members")
    client.force_login(servant)
    # 1 session, 2 user, 3 the user's groups (accounts.visibility), 4 themes (the filter's choices),
    # 5 count, 6 the page of materials, 7 their themes
    with django_assert_num_queries(7):
        client.get(LIST)


# One material's page


def test_the_page_shows_everything_about_a_material(client, make_resource, theme):
    resource = make_resource(
        "Hearings guide",
        themes=[theme],
        year=2023,
        audience=Resource.Audience.SERVANTS,
        description_en="<p>How to hold <strong>public hearings</strong>.</p>",
        video_url="https://example.org/v/2",
    )
    response = client.get(f"/en/resources/{resource.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Hearings guide</h1>" in html
    assert "<strong>public hearings</strong>" in html
    assert "2023" in html and "Municipal servants" in html and "Guide" in html
    assert f'href="/en/resources/{resource.slug}/download/"' in html
    assert "PDF · 13\xa0bytes · Russian" in html
    assert 'href="https://example.org/v/2"' in html
    assert 'aria-label="Breadcrumbs"' in html and 'href="/en/resources/"' in html


def test_the_page_says_when_the_description_is_not_translated(client, make_resource):
    resource = make_resource("Hearings guide", description_ru="<p>Только по-русски</p>")
    html = client.get(f"/ky/resources/{resource.slug}/").content.decode()
    assert '<div lang="ru"><p>Только по-русски</p></div>' in html
    assert "fallback-note" in html


def test_a_material_without_a_file_has_no_download_button(client, make_resource):
    resource = make_resource("Video lesson", kind=Resource.Kind.VIDEO, content=None, video_url="https://example.org/v")
    html = client.get(f"/en/resources/{resource.slug}/").content.decode()
    assert "/download/" not in html


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("visibility", ["public", "members", "deputies"])
def test_each_role_on_a_materials_page(client, make_member, make_resource, who, visibility):
    resource = make_resource("Guide", visibility=visibility)
    sign_in(client, make_member, who)
    response = client.get(f"/ru/resources/{resource.slug}/")
    assert response.status_code == (200 if visibility in SEES[who] else 403)


def test_an_anonymous_reader_refused_a_page_is_invited_to_sign_in(client, make_resource):
    resource = make_resource("Guide", visibility="members")
    response = client.get(f"/ru/resources/{resource.slug}/")
    assert response.status_code == 403
    html = response.content.decode()
    assert f"/ru/accounts/login/?next=/ru/resources/{resource.slug}/" in html
    assert "/ru/accounts/signup/" in html


@pytest.mark.parametrize(("who", "status"), [("anonymous", 404), ("servant", 404), ("deputy", 404), ("editor", 200)])
def test_an_unpublished_material_is_shown_to_editors_only(client, make_member, make_resource, who, status):
    resource = make_resource("Draft guide", is_published=False)
    sign_in(client, make_member, who)
    response = client.get(f"/en/resources/{resource.slug}/")
    assert response.status_code == status
    if status == 200:
        assert "Not published: preview for editors" in response.content.decode()


def test_an_unknown_material_is_404(client):
    assert client.get("/ru/resources/no-such-thing/").status_code == 404


def test_the_page_refuses_post(client, make_resource):
    resource = make_resource("Guide")
    assert client.post(f"/ru/resources/{resource.slug}/").status_code == 405


def test_the_page_runs_a_fixed_number_of_queries(client, make_resource, theme, django_assert_num_queries):
    resource = make_resource("Guide", themes=list(Theme.objects.all()))
    # 1 the material, 2 its themes
    with django_assert_num_queries(2):
        client.get(f"/ru/resources/{resource.slug}/")
