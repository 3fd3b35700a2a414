"""accounts.visibility: the one rule for public / members / deputies content."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from accounts.roles import Role
from accounts.visibility import Visibility, can_view, visible_levels

pytestmark = pytest.mark.django_db

ALL = {Visibility.PUBLIC, Visibility.MEMBERS, Visibility.DEPUTIES}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {Visibility.PUBLIC}),
        ("pending", {Visibility.PUBLIC}),
        ("rejected", {Visibility.PUBLIC}),
        ("deactivated", {Visibility.PUBLIC}),
        ("servant", {Visibility.PUBLIC, Visibility.MEMBERS}),
        ("deputy", ALL),
        ("editor", ALL),
        ("ulsg_admin", ALL),
    ],
)
def test_who_sees_what(make_member, who, expected):
    user = {
        "anonymous": lambda: AnonymousUser(),
        "pending": lambda: make_member(Role.DEPUTY, status=User.Status.PENDING),
        "rejected": lambda: make_member(Role.DEPUTY, status=User.Status.REJECTED),
        "deactivated": lambda: make_member(Role.DEPUTY, is_active=False),
        "servant": lambda: make_member(Role.SERVANT),
        "deputy": lambda: make_member(Role.DEPUTY),
        "editor": lambda: make_member(Role.EDITOR),
        "ulsg_admin": lambda: make_member(Role.ULSG_ADMIN),
    }[who]()
    assert set(visible_levels(user)) == expected
    for level in ALL:
        assert can_view(user, level) == (level in expected)


def test_a_superuser_sees_everything(db):
    root = User.objects.create_superuser("root@example.kg", "x")
    assert set(visible_levels(root)) == ALL
