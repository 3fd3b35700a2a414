"""The gender-responsive budgeting section, and the navigation to the library's sections."""

import pytest
from django.utils import translation

from practices.models import Practice, Resource
from tests.roles import ROLES, SEES, sign_in

pytestmark = pytest.mark.django_db

URL = "/ru/gender-budgeting/"


@pytest.fixture
def section(make_resource, make_practice):
    for visibility in ("public", "members", "deputies"):
        make_resource(f"{visibility} GRB guide", visibility=visibility, gender_budgeting=True)
        make_practice(f"{visibility} GRB practice", visibility=visibility, gender_budgeting=True)
    make_resource("Roads guide")
    make_practice("Street lighting")
    make_resource("Unpublished GRB guide", gender_budgeting=True, is_published=False)
    make_practice("Submitted GRB practice", gender_budgeting=True, status=Practice.Status.SUBMITTED)


@pytest.mark.parametrize("who", ROLES)
def test_each_role_sees_the_grb_material_it_may_see(client, make_member, section, who):
    sign_in(client, make_member, who)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for visibility in ("public", "members", "deputies"):
        shown = visibility in SEES[who]
        assert (f"{visibility} GRB guide (ru)" in html) is shown, visibility
        assert (f"{visibility} GRB practice (ru)" in html) is shown, visibility
    for hidden in ("Roads guide", "Street lighting", "Unpublished GRB guide", "Submitted GRB practice"):
        assert hidden not in html


def test_it_explains_grb_and_links_to_the_budget_theme_and_the_sigr_practices(client):
    html = client.get("/en/gender-budgeting/").content.decode()
    assert "<h1>Gender-responsive budgeting</h1>" in html
    assert "Gender-responsive budgeting (GRB) means" in html
    assert 'href="/en/practices/themes/budget/"' in html
    assert 'href="/en/practices/?sigr=true"' in html
    assert 'href="/en/resources/?theme=budget"' in html


def test_materials_come_before_practices(client, section):
    html = client.get(URL).content.decode()
    assert html.index("public GRB guide (ru)") < html.index("public GRB practice (ru)")


def test_a_visitor_is_told_that_members_see_more(client):
    html = client.get(URL).content.decode()
    assert "/ru/accounts/login/?next=/ru/gender-budgeting/" in html


def test_a_pending_member_is_pointed_to_the_membership_status(client, pending_member):
    client.force_login(pending_member)
    assert 'href="/ru/accounts/profile/"' in client.get(URL).content.decode()


def test_a_member_is_not_told_to_sign_in(client, servant):
    client.force_login(servant)
    assert "accounts/login/?next=/ru/gender-budgeting/" not in client.get(URL).content.decode()


def test_an_empty_section_says_it_is_being_prepared(client):
    with translation.override("ky"):
        expected = translation.gettext("Editors are preparing the first items of this section.")
    assert expected in client.get("/ky/gender-budgeting/").content.decode()


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_page_speaks_the_readers_language(client, section, language):
    with translation.override(language):
        expected = translation.gettext("Gender-responsive budgeting")
    html = client.get(f"/{language}/gender-budgeting/").content.decode()
    assert f'<html lang="{language}">' in html
    assert expected in html
    assert f"public GRB guide ({language})" in html


def test_the_page_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_the_page_changes_nothing_in_the_database(client, section):
    before = list(Resource.objects.values("id", "is_published", "updated_at"))
    client.get(URL)
    assert list(Resource.objects.values("id", "is_published", "updated_at")) == before


@pytest.mark.parametrize("count", [1, 12])
def test_the_page_runs_a_fixed_number_of_queries(
    client, servant, make_resource, make_practice, theme, count, django_assert_num_queries
):
    for number in range(count):
        make_resource(f"GRB guide {number}", visibility="members", gender_budgeting=True, themes=[theme])
        make_practice(f"GRB practice {number}", gender_budgeting=True)
    client.force_login(servant)
    # 1 session, 2 user, 3 the user's groups (accounts.visibility),
    # 4 the materials, 5 their themes, 6 the practices with theme and municipality (for the cards)
    with django_assert_num_queries(6):
        client.get(URL)


# The header's navigation


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/ru/resources/", "/ru/resources/"),
        ("/ru/resources/some-guide/", "/ru/resources/"),
        ("/ru/deputies/", "/ru/deputies/"),
    ],
)
def test_the_navigation_marks_the_current_section(client, url, current):
    html = client.get(url).content.decode()
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    assert f'href="{current}" aria-current="page"' in nav
    assert nav.count("aria-current") == 1


def test_the_navigation_links_the_learning_materials(client):
    with translation.override("ky"):
        label = translation.gettext("Learning materials")
    html = client.get("/ky/").content.decode()
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    assert f'<a href="/ky/resources/">{label}</a>' in nav


def test_the_footer_links_the_gender_budgeting_section(client):
    # Not in the header: the main navigation is already one sideways-scrolling row on a 360 px phone.
    html = client.get("/ru/").content.decode()
    footer = html.split('class="site-footer"')[1]
    assert 'href="/ru/gender-budgeting/"' in footer


def test_the_materials_list_points_to_the_two_sections(client):
    html = client.get("/ru/resources/").content.decode()
    main = html.split('id="main"')[1].split("</main>")[0]
    assert 'href="/ru/deputies/"' in main and 'href="/ru/gender-budgeting/"' in main
