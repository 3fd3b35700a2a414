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


@pytest.fixture
def theme(db):
    """The utilities theme (drinking water, sanitation, waste), made by practices migration 0002."""
    from practices.models import Theme

    return Theme.objects.get(slug="utilities")


@pytest.fixture
def make_practice(db, theme, municipality):
    """make_practice(title=..., status=..., visibility=..., **fields) -> Practice.

    Published and public by default, in the utilities theme, in Kumbel; the title is
    given in Kyrgyz and Russian unless title_ky / title_ru say otherwise.
    """
    from django.utils import timezone
    from django.utils.text import slugify

    from practices.models import Practice

    counter = iter(range(1, 100_000))

    def make(title="Drinking water service", *, themes=(), tags=(), **fields):
        number = next(counter)
        fields.setdefault("status", Practice.Status.PUBLISHED)
        if fields["status"] == Practice.Status.PUBLISHED:
            fields.setdefault("published_at", timezone.now() - timezone.timedelta(minutes=number))
        fields.setdefault("theme", theme)
        fields.setdefault("municipality", municipality)
        fields.setdefault("year", 2024)
        fields.setdefault("title_en", title)
        fields.setdefault("title_ru", f"{title} (ru)")
        fields.setdefault("title_ky", f"{title} (ky)")
        fields.setdefault("summary_ru", f"Кратко: {title}")
        fields.setdefault("slug", f"{slugify(title)[:100]}-{number}")
        practice = Practice.objects.create(**fields)
        if themes:
            practice.themes.set(themes)
        if tags:
            practice.tags.set(tags)
        return practice

    return make


@pytest.fixture
def make_resource(db):
    """make_resource(title=..., kind=..., visibility=..., **fields) -> a published Resource."""
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from django.utils.text import slugify

    from practices.models import Resource

    counter = iter(range(1, 100_000))

    def make(title="Budget hearings guide", *, themes=(), content=b"%PDF-1.4 test", **fields):
        number = next(counter)
        fields.setdefault("kind", Resource.Kind.GUIDE)
        fields.setdefault("language", "ru")
        fields.setdefault("is_published", True)
        fields.setdefault("published_at", timezone.now() - timezone.timedelta(minutes=number))
        fields.setdefault("title_en", title)
        fields.setdefault("title_ru", f"{title} (ru)")
        fields.setdefault("title_ky", f"{title} (ky)")
        fields.setdefault("slug", f"{slugify(title)[:100]}-{number}")
        resource = Resource(**fields)
        if content is not None:
            resource.file.save(f"{slugify(title)}.pdf", ContentFile(content), save=False)
            resource.size = len(content)
            resource.content_type = "application/pdf"
            resource.original_name = f"{slugify(title)}.pdf"
        resource.save()
        if themes:
            resource.themes.set(themes)
        return resource

    return make


# --- the magazine --------------------------------------------------------------------------------

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def make_issue(db):
    """make_issue(year=2026, number=3, editions=("ky", "ru"), **fields) -> a published Issue.

    The running number follows from the year and number; each edition is a small PDF in private storage.
    """
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from magazine.models import Edition, Issue

    def make(year=2026, number=3, *, editions=("ky", "ru"), **fields):
        fields.setdefault("month", min(number, 12))
        fields.setdefault("running_number", 150 + (year - 2026) * 12 + number)
        fields.setdefault("status", Issue.Status.PUBLISHED)
        if fields["status"] == Issue.Status.PUBLISHED:
            fields.setdefault("published_at", timezone.now())
        fields.setdefault("title_ky", f"Чыгарылыш {number}/{year}")
        fields.setdefault("title_ru", f"Выпуск {number}/{year}")
        issue = Issue.objects.create(year=year, number=number, **fields)
        for language in editions:
            edition = Edition(issue=issue, language=language)
            edition.file.save(f"municipality-{year}-{number}-{language}.pdf", ContentFile(MINIMAL_PDF), save=False)
            edition.fill_file_metadata()
            edition.save()
        return issue

    return make


@pytest.fixture
def plans(db):
    """The three kinds of plan, 12 months each: plans["electronic"], ["print"], ["combined"]."""
    from magazine.models import Plan

    prices = {"electronic": 1200, "print": 1800, "combined": 2400}
    return {
        kind: Plan.objects.create(
            name_ru=f"{kind} 12", name_ky=f"{kind} 12", kind=kind, months=12, price=price, order=index
        )
        for index, (kind, price) in enumerate(prices.items())
    }


@pytest.fixture
def make_order(db):
    """make_order(user, plan=..., issue=..., paid=True, starts_on=date) -> a Subscription or a Purchase.

    With `plan`: a subscription, active from `starts_on` (default: the first of this month) for the
    plan's months when paid, else requested. With `issue`: a single-issue purchase, paid or requested.
    """
    import datetime
    import uuid

    from django.utils import timezone

    from magazine.models import Payment, Purchase, Subscription

    def make(user, *, plan=None, issue=None, paid=True, starts_on=None, status=None, **fields):
        payment = Payment.objects.create(
            reference=f"T-{uuid.uuid4().hex[:10].upper()}",
            amount=plan.price if plan else 150,
            status=Payment.Status.PAID if paid else Payment.Status.PENDING,
            paid_at=timezone.now() if paid else None,
        )
        if issue is not None:
            return Purchase.objects.create(
                user=user,
                issue=issue,
                payment=payment,
                status=status or (Purchase.Status.PAID if paid else Purchase.Status.REQUESTED),
            )
        if paid:
            starts_on = starts_on or timezone.localdate().replace(day=1)
            end_month = starts_on.month - 1 + plan.months
            ends_on = datetime.date(starts_on.year + end_month // 12, end_month % 12 + 1, 1) - datetime.timedelta(
                days=1
            )
            fields.setdefault("starts_on", starts_on)
            fields.setdefault("ends_on", ends_on)
        return Subscription.objects.create(
            user=user,
            plan=plan,
            payment=payment,
            status=status or (Subscription.Status.ACTIVE if paid else Subscription.Status.REQUESTED),
            **fields,
        )

    return make
