"""The deputies' section: the heading for everyone, the restricted block only
for approved deputies, editors and ULSG admins."""

import pytest

from accounts.models import User
from accounts.roles import Role

pytestmark = pytest.mark.django_db

URL = "/ru/deputies/"
RESTRICTED = 'data-restricted="deputies"'


@pytest.mark.parametrize(
    ("who", "sees_block"),
    [
        ("anonymous", False),
        ("pending", False),
        ("servant", False),
        ("deputy", True),
        ("editor", True),
        ("ulsg_admin", True),
    ],
)
def test_each_role_on_the_deputies_page(client, make_member, who, sees_block):
    if who == "pending":
        client.force_login(make_member(Role.DEPUTY, status=User.Status.PENDING))
    elif who != "anonymous":
        client.force_login(make_member(Role(who)))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" in html and "deputies-restricted" in html  # the section heading is there for everyone
    assert (RESTRICTED in html) is sees_block


def test_anonymous_visitor_is_offered_sign_in_with_a_way_back(client):
    html = client.get(URL).content.decode()
    assert "/ru/accounts/login/?next=/ru/deputies/" in html


def test_deputies_page_refuses_post(client):
    assert client.post(URL).status_code == 405


def test_deputies_page_runs_a_fixed_number_of_queries(client, deputy, django_assert_num_queries):
    client.force_login(deputy)
    # 1 session, 2 user, 3 the user's groups (asked once by accounts.visibility)
    with django_assert_num_queries(3):
        client.get(URL)
