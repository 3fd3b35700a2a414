"""Every protected file refused to every reader who may not have it: deputies-only library material,
members-only practice attachments, paid magazine editions and event materials of restricted
visibility; by guessing ids (another object's, one that does not exist, another edition's language),
through the media URL, with HEAD, and after signing out.

Each "allowed" case is downloaded too, so a refusal is never just a broken address. Serving:
portal.files.protected_file_response; rights: practices.access, magazine.entitlement, events.access.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from accounts.roles import Role
from magazine.models import Subscription
from practices.models import Attachment, Practice
from tests.conftest import MINIMAL_PDF
from tests.roles import SEES

pytestmark = pytest.mark.django_db

ISSUE_MONTH = (2026, 3)  # the paid issue covers March 2026

# Reader → (the visibilities they see, may they download the paid March 2026 issue?)
READERS = {
    "anonymous": (SEES["anonymous"], False),
    "pending": (SEES["pending"], False),
    "servant": (SEES["servant"], False),
    "deputy": (SEES["deputy"], False),
    "subscriber_from_june": (SEES["servant"], False),  # electronic, but from June 2026
    "expired_subscriber": (SEES["servant"], False),  # electronic, 2024 only, expired
    "print_subscriber": (SEES["servant"], False),  # covers March, but on paper only
    "buyer_of_another_issue": (SEES["servant"], False),
    "subscriber": (SEES["servant"], True),  # positive controls
    "buyer": (SEES["deputy"], True),
    "editor": (SEES["editor"], True),
}


@pytest.fixture
def protected(make_practice, make_resource, make_issue, make_event, make_material, isolated_storage):
    """One protected file of each kind (and their public twins for id guessing), in private storage."""

    def attachment(practice):
        item = Attachment(practice=practice, title="Отчёт", language="ru")
        item.file.save("report.pdf", ContentFile(MINIMAL_PDF), save=False)
        item.fill_file_metadata()
        item.save()
        return item

    public_practice = make_practice("Open", slug="open-practice")
    members_practice = make_practice("Members", slug="members-practice", visibility="members")
    deputies_practice = make_practice("Deputies", slug="deputies-practice", visibility="deputies")
    draft = make_practice("Draft", slug="draft-practice", status=Practice.Status.SUBMITTED, published_at=None)
    event = make_event(slug="event")
    other_event = make_event(slug="other-event")
    paid = make_issue(*ISSUE_MONTH, editions=("ru",), is_free=False)
    return {
        "public_attachment": attachment(public_practice),
        "members_attachment": attachment(members_practice),
        "deputies_attachment": attachment(deputies_practice),
        "draft_attachment": attachment(draft),
        "deputies_resource": make_resource("Deputies guide", slug="deputies-guide", visibility="deputies"),
        "members_resource": make_resource("Members guide", slug="members-guide", visibility="members"),
        "unpublished_resource": make_resource("Hidden guide", slug="hidden-guide", is_published=False),
        "paid_issue": paid,
        "other_issue": make_issue(2026, 5, editions=("ru",), is_free=False),
        "event": event,
        "other_event": other_event,
        "public_material": make_material(other_event, visibility="public"),
        "members_material": make_material(event, visibility="members"),
        "deputies_material": make_material(event, visibility="deputies"),
    }


def url_of(protected, kind):
    if kind.endswith("_attachment"):
        item = protected[kind]
        return f"/ru/practices/{item.practice.slug}/files/{item.pk}/"
    if kind.endswith("_resource"):
        return f"/ru/resources/{protected[kind].slug}/download/"
    if kind == "paid_edition":
        return "/ru/magazine/2026/3/pdf/ru/"
    item = protected[kind]
    return f"/ru/events/{item.event.slug}/materials/{item.pk}/"


# File → the visibility a reader must see, or "paid" for the edition.
FILES = {
    "members_attachment": "members",
    "deputies_attachment": "deputies",
    "members_resource": "members",
    "deputies_resource": "deputies",
    "members_material": "members",
    "deputies_material": "deputies",
    "paid_edition": "paid",
}


@pytest.fixture
def become(client, make_member, make_order, plans, protected):
    def sign_in(who):
        if who == "anonymous":
            return None
        email = f"{who}@example.kg"
        if who == "pending":
            user = make_member(Role.DEPUTY, status=User.Status.PENDING, email=email)
        elif who in ("deputy", "buyer"):
            user = make_member(Role.DEPUTY, email=email)
        elif who == "editor":
            user = make_member(Role.EDITOR, email=email)
        else:
            user = make_member(Role.SERVANT, email=email)
        if who == "subscriber_from_june":
            make_order(user, plan=plans["electronic"], starts_on=datetime.date(2026, 6, 1))
        elif who == "expired_subscriber":
            make_order(
                user, plan=plans["combined"], starts_on=datetime.date(2024, 1, 1), status=Subscription.Status.EXPIRED
            )
        elif who == "print_subscriber":
            make_order(user, plan=plans["print"], starts_on=datetime.date(2026, 1, 1))
        elif who == "buyer_of_another_issue":
            make_order(user, issue=protected["other_issue"])
        elif who == "subscriber":
            make_order(user, plan=plans["electronic"], starts_on=datetime.date(2026, 1, 1))
        elif who == "buyer":
            make_order(user, issue=protected["paid_issue"])
        client.force_login(user)
        return user

    return sign_in


def assert_refused(response):
    assert response.status_code in (403, 404), response.status_code
    assert "Content-Disposition" not in response
    assert "X-Accel-Redirect" not in response
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert not body.startswith(b"%PDF")


def assert_served(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]  # a protected file stays in no cache


@pytest.mark.parametrize("who", READERS)
@pytest.mark.parametrize("kind", FILES)
def test_each_reader_gets_exactly_the_files_they_may_have(client, protected, become, who, kind):
    become(who)
    sees, may_read_paid = READERS[who]
    allowed = may_read_paid if FILES[kind] == "paid" else FILES[kind] in sees
    response = client.get(url_of(protected, kind))
    if allowed:
        assert_served(response)
    else:
        assert_refused(response)
        assert_refused(client.head(url_of(protected, kind)))


# --- guessing ids --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "servant"])
def test_guessed_ids_lead_nowhere(client, protected, become, who):
    become(who)
    public_slug = protected["public_attachment"].practice.slug
    guesses = [
        # Another practice's attachment through a practice the reader may see.
        f"/ru/practices/{public_slug}/files/{protected['deputies_attachment'].pk}/",
        f"/ru/practices/{public_slug}/files/{protected['draft_attachment'].pk}/",
        f"/ru/practices/{public_slug}/files/999999/",
        f"/ru/practices/draft-practice/files/{protected['draft_attachment'].pk}/",
        "/ru/practices/no-such-practice/files/1/",
        # Another event's material through an event the reader may see.
        f"/ru/events/other-event/materials/{protected['deputies_material'].pk}/",
        "/ru/events/event/materials/999999/",
        "/ru/resources/hidden-guide/download/",
        "/ru/resources/no-such-guide/download/",
        # Another language's edition, editions of issues that do not exist.
        "/ru/magazine/2026/3/pdf/ky/",
        "/ru/magazine/2026/3/pdf/en/",
        "/ru/magazine/2026/3/pdf/..%2F..%2Fsettings/",
        "/ru/magazine/2026/4/pdf/ru/",
        "/ru/magazine/1999/3/pdf/ru/",
    ]
    for url in guesses:
        assert_refused(client.get(url))


def test_a_public_twin_is_served_so_the_guesses_are_real_addresses(client, protected):
    assert_served_public = client.get(url_of(protected, "public_attachment"))
    assert assert_served_public.status_code == 200
    material = protected["public_material"]
    assert client.get(f"/ru/events/other-event/materials/{material.pk}/").status_code == 200


def test_the_editions_of_an_unpublished_issue_are_refused_even_to_a_subscriber(client, protected, become):
    from magazine.models import Issue

    become("subscriber")
    Issue.objects.filter(pk=protected["paid_issue"].pk).update(status=Issue.Status.DRAFT)
    assert_refused(client.get(url_of(protected, "paid_edition")))


def test_no_media_url_reaches_a_private_file(client, protected, settings):
    settings.SERVE_MEDIA = True
    for kind in ("deputies_attachment", "deputies_resource", "deputies_material"):
        name = protected[kind].file.name
        for url in (
            settings.MEDIA_URL + name,
            settings.MEDIA_URL + "../private-media/" + name,
            settings.MEDIA_URL + "..%2Fprivate-media%2F" + name,
        ):
            response = client.get(url)
            assert response.status_code == 404, url
    edition = protected["paid_issue"].editions.get()
    assert client.get(settings.MEDIA_URL + edition.file.name).status_code == 404


# --- after signing out -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "kind"),
    [
        ("deputy", "deputies_resource"),
        ("deputy", "deputies_attachment"),
        ("deputy", "deputies_material"),
        ("subscriber", "paid_edition"),
    ],
)
def test_signing_out_takes_the_files_away(client, protected, become, who, kind):
    become(who)
    url = url_of(protected, kind)
    assert_served(client.get(url))
    with translation.override("ru"):
        logout = reverse("account_logout")
    assert client.post(logout).status_code == 302
    assert_refused(client.get(url))
    assert_refused(client.head(url))


def test_a_member_deactivated_after_signing_in_is_refused(client, protected, become):
    user = become("deputy")
    url = url_of(protected, "deputies_resource")
    assert_served(client.get(url))
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert_refused(client.get(url))
