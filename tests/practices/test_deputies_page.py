"""The deputies' section: the material editors mark for deputies, for every role.

Public and members' items are listed to whoever may see them; deputies-only items sit
in the restricted block, which only approved deputies, editors and ULSG admins see;
everyone else is told how to get access.
"""

import pytest
from django.utils import translation

from practices.models import Practice
from tests.roles import ROLES, SEES, sign_in

pytestmark = pytest.mark.django_db

URL = "/ru/deputies/"
RESTRICTED = 'data-restricted="deputies"'


@pytest.fixture
def section(make_resource, make_practice):
    """One resource and one practice of each visibility marked for deputies, and some that are not."""
    for visibility in ("public", "members", "deputies"):
        make_resource(f"{visibility} guide", visibility=visibility, for_deputies=True)
        make_practice(f"{visibility} practice", visibility=visibility, for_deputies=True)
    make_resource("Not for deputies")
    make_practice("Not for deputies either")
    make_resource("Unpublished guide", for_deputies=True, is_published=False)
    make_practice("Draft practice", for_deputies=True, status=Practice.Status.DRAFT)


@pytest.mark.parametrize("who", ROLES)
def test_each_role_on_the_deputies_page(client, make_member, section, who):
    sign_in(client, make_member, who)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" in html and "deputies-restricted" in html  # the section heading is there for everyone
    sees_block = "deputies" in SEES[who]
    assert (RESTRICTED in html) is sees_block
    for visibility in ("public", "members", "deputies"):
        shown = visibility in SEES[who]
        assert (f"{visibility} guide (ru)" in html) is shown, visibility
        assert (f"{visibility} practice (ru)" in html) is shown, visibility
    for hidden in ("Not for deputies", "Unpublished guide", "Draft practice"):
        assert hidden not in html


def test_deputies_only_items_are_in_the_restricted_block(client, deputy, section):
    client.force_login(deputy)
    html = client.get(URL).content.decode()
    block = html.split(RESTRICTED)[1]
    main_part = html.split(RESTRICTED)[0]
    assert "deputies guide (ru)" in block and "deputies practice (ru)" in block
    assert "public guide (ru)" in main_part and "public guide (ru)" not in block


def test_materials_come_before_practices(client, section):
    html = client.get(URL).content.decode()
    assert html.index("public guide (ru)") < html.index("public practice (ru)")


def test_anonymous_visitor_is_offered_sign_in_with_a_way_back(client):
    html = client.get(URL).content.decode()
    assert "/ru/accounts/login/?next=/ru/deputies/" in html
    assert "/ru/accounts/signup/" in html


@pytest.mark.parametrize("who", ["pending", "servant"])
def test_a_member_who_is_not_a_deputy_is_pointed_to_the_membership_status(client, make_member, who):
    sign_in(client, make_member, who)
    html = client.get(URL).content.decode()
    assert 'href="/ru/accounts/profile/"' in html
    assert RESTRICTED not in html


def test_an_empty_section_says_it_is_being_prepared(client, deputy):
    client.force_login(deputy)
    with translation.override("ru"):
        expected = translation.gettext("Editors are preparing the first items of this section.")
    assert expected in client.get(URL).content.decode()


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_page_speaks_the_readers_language(client, section, language):
    with translation.override(language):
        expected = translation.gettext("For deputies of local keneshes")
    html = client.get(f"/{language}/deputies/").content.decode()
    assert expected in html
    assert f"public guide ({language})" in html


def test_deputies_page_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_the_page_changes_nothing_in_the_database(client, deputy, section):
    client.force_login(deputy)
    before = list(Practice.objects.values("id", "status", "updated_at"))
    client.get(URL)
    assert list(Practice.objects.values("id", "status", "updated_at")) == before


@pytest.mark.parametrize("count", [1, 12])
def test_deputies_page_runs_a_fixed_number_of_queries(
    client, deputy, make_resource, make_practice, theme, count, django_assert_num_queries
):
    for number in range(count):
        for visibility in ("public", "deputies"):
            make_resource(f"Guide {visibility} {number}", visibility=visibility, for_deputies=True, themes=[theme])
            make_practice(f"Practice {visibility} {number}", visibility=visibility, for_deputies=True)
    client.force_login(deputy)
    # 1 session, 2 user, 3 the user's groups (asked once by accounts.visibility),
    # 4 the materials, 5 their themes, 6 the practices with theme and municipality (for the cards)
    with django_assert_num_queries(6):
        client.get(URL)


def test_deputies_page_for_a_visitor_runs_a_fixed_number_of_queries(
    client, make_resource, make_practice, django_assert_num_queries
):
    for number in range(5):
        make_resource(f"Guide {number}", for_deputies=True)
        make_practice(f"Practice {number}", for_deputies=True)
    # 1 the materials, 2 their themes, 3 the practices
    with django_assert_num_queries(3):
        client.get(URL)
