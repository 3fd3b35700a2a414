"""Shared fixtures: named users for every role and a small directory.

Use them by name: `servant`, `deputy`, `editor`, `ulsg_admin`, `pending_member`,
each signed-in through `client.force_login(...)` when a test needs it.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import Role
from portal.models import District, Municipality, Region

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def region(db):
    region, _ = Region.objects.get_or_create(
        code="KG-Y",
        defaults={"name_ky": "Ысык-Көл облусу", "name_ru": "Иссык-Кульская область", "name_en": "Issyk-Kul Oblast"},
    )
    return region


@pytest.fixture
def district(region):
    return District.objects.create(
        region=region,
        code="test-issyk-kul",
        name_ky="Ысык-Көл району",
        name_ru="Иссык-Кульский район",
        name_en="Issyk-Kul District",
    )


@pytest.fixture
def municipality(district):
    return Municipality.objects.create(
        code="test-kumbel",
        name_ky="Кумбел айыл аймагы",
        name_ru="айылный аймак Кумбел",
        name_en="Kumbel aiyl aimak",
        kind=Municipality.Kind.AIYL_AIMAK,
        region=district.region,
        district=district,
        is_ulsg_member=True,
    )


@pytest.fixture
def make_member(db, municipality):
    """make_member(role=Role.DEPUTY, status=..., email=..., **fields) -> User with that group."""

    def make(role=Role.SERVANT, status=User.Status.APPROVED, email=None, **fields):
        fields.setdefault("first_name", "Aibek")
        fields.setdefault("last_name", role.value.title().replace("_", ""))
        fields.setdefault("municipality", municipality)
        fields.setdefault("position", "specialist")
        fields.setdefault("preferred_language", "ky")
        applied = role if role in (Role.SERVANT, Role.DEPUTY) else Role.SERVANT
        user = User.objects.create_user(
            email=email or f"{role.value}-{status}@example.kg",
            password=PASSWORD,
            status=status,
            applied_role=applied,
            is_staff=role in (Role.EDITOR, Role.ULSG_ADMIN),
            **fields,
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        if status == User.Status.APPROVED:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def servant(make_member):
    return make_member(Role.SERVANT)


@pytest.fixture
def deputy(make_member):
    return make_member(Role.DEPUTY)


@pytest.fixture
def editor(make_member):
    return make_member(Role.EDITOR)


@pytest.fixture
def ulsg_admin(make_member):
    return make_member(Role.ULSG_ADMIN, preferred_language="ru")


@pytest.fixture
def pending_member(make_member):
    return make_member(Role.DEPUTY, status=User.Status.PENDING, email="pending@example.kg")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached pages live in the cache; no test sees another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
