"""Registration rules (events.services): capacity, the waiting list and its order, cancelling,
moving up, closed after the start, the audience per role, unpublished events, and the e-mails."""

import datetime

import pytest
from django.utils import timezone, translation

from accounts.models import User
from accounts.roles import Role
from events import services
from events.access import CLOSED, DEPUTIES_ONLY, MEMBERS_ONLY, SIGN_IN, UNPUBLISHED
from events.models import Registration
from portal.models import OutboxEmail

Status = Registration.Status
pytestmark = pytest.mark.django_db


def register(event, user, capture):
    with capture(execute=True):
        return services.event_register(event=event, user=user)


def cancel(event, user, capture):
    with capture(execute=True):
        return services.event_cancel(event=event, user=user)


@pytest.fixture
def members(make_member):
    return [make_member(Role.SERVANT, email=f"member{n}@example.kg", first_name=f"M{n}") for n in range(4)]


def test_it_gives_seats_up_to_the_capacity_then_a_waiting_list(make_event, members, django_capture_on_commit_callbacks):
    event = make_event(capacity=2)
    statuses = [register(event, member, django_capture_on_commit_callbacks).status for member in members]
    assert statuses == [Status.REGISTERED, Status.REGISTERED, Status.WAITING, Status.WAITING]


def test_it_has_no_limit_without_a_capacity(make_event, members, django_capture_on_commit_callbacks):
    event = make_event(capacity=None)
    for member in members:
        assert register(event, member, django_capture_on_commit_callbacks).status == Status.REGISTERED


def test_it_registers_once(make_event, servant, django_capture_on_commit_callbacks):
    event = make_event(capacity=5)
    first = register(event, servant, django_capture_on_commit_callbacks)
    again = register(event, servant, django_capture_on_commit_callbacks)
    assert first.pk == again.pk
    assert Registration.objects.count() == 1
    assert OutboxEmail.objects.count() == 1  # no second confirmation


def test_cancelling_moves_the_first_waiting_member_up_and_emails_them(
    make_event, members, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    for member in members[:3]:
        register(event, member, django_capture_on_commit_callbacks)
    OutboxEmail.objects.all().delete()

    cancelled = cancel(event, members[0], django_capture_on_commit_callbacks)

    assert cancelled.status == Status.CANCELLED
    statuses = dict(Registration.objects.values_list("user__email", "status"))
    assert statuses == {
        members[0].email: Status.CANCELLED,
        members[1].email: Status.REGISTERED,  # first on the waiting list
        members[2].email: Status.WAITING,
    }
    promoted = OutboxEmail.objects.get(to=members[1].email)
    assert promoted.attachment_name == f"{event.slug}.ics"
    assert "BEGIN:VCALENDAR" in promoted.attachment_content
    assert "secret-room-42" in promoted.body  # the link, now that they have a seat
    assert OutboxEmail.objects.filter(to=members[0].email).count() == 1  # "cancelled"
    assert not OutboxEmail.objects.filter(to=members[2].email).exists()


def test_a_waiting_member_who_cancels_frees_nothing(make_event, members, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    for member in members[:3]:
        register(event, member, django_capture_on_commit_callbacks)
    cancel(event, members[1], django_capture_on_commit_callbacks)
    assert Registration.objects.get(user=members[2]).status == Status.WAITING
    assert services.waiting_position(Registration.objects.get(user=members[2])) == 1


def test_coming_back_after_cancelling_reuses_the_row_at_the_end_of_the_queue(
    make_event, members, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    for member in members[:3]:
        register(event, member, django_capture_on_commit_callbacks)
    cancel(event, members[2], django_capture_on_commit_callbacks)
    again = register(event, members[2], django_capture_on_commit_callbacks)
    assert again.status == Status.WAITING
    assert Registration.objects.filter(user=members[2]).count() == 1
    assert services.waiting_position(again) == 2  # behind members[1], who waited on


def test_cancelling_without_a_registration_does_nothing(make_event, servant, django_capture_on_commit_callbacks):
    assert cancel(make_event(), servant, django_capture_on_commit_callbacks) is None


def test_registration_is_closed_once_the_event_has_started(make_event, servant):
    event = make_event(starts_at=timezone.now() - datetime.timedelta(minutes=5))
    with pytest.raises(services.RegistrationRefused) as refused:
        services.event_register(event=event, user=servant)
    assert refused.value.reason == CLOSED
    assert not Registration.objects.exists()


def test_an_unpublished_event_takes_no_registration(make_event, servant):
    with pytest.raises(services.RegistrationRefused) as refused:
        services.event_register(event=make_event(is_published=False), user=servant)
    assert refused.value.reason == UNPUBLISHED


def test_an_anonymous_visitor_must_sign_in(make_event):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(services.RegistrationRefused) as refused:
        services.event_register(event=make_event(), user=AnonymousUser())
    assert refused.value.reason == SIGN_IN


@pytest.mark.parametrize(
    ("audience", "role", "status", "refusal"),
    [
        ("public", Role.SERVANT, User.Status.PENDING, None),  # confirmed e-mail, awaiting approval
        ("public", Role.SERVANT, User.Status.APPROVED, None),
        ("members", Role.SERVANT, User.Status.PENDING, MEMBERS_ONLY),
        ("members", Role.SERVANT, User.Status.APPROVED, None),
        ("members", Role.DEPUTY, User.Status.APPROVED, None),
        ("deputies", Role.SERVANT, User.Status.APPROVED, DEPUTIES_ONLY),
        ("deputies", Role.DEPUTY, User.Status.APPROVED, None),
        ("deputies", Role.DEPUTY, User.Status.PENDING, DEPUTIES_ONLY),
        ("deputies", Role.EDITOR, User.Status.APPROVED, None),
    ],
)
def test_the_audience_decides_who_may_register(make_event, make_member, audience, role, status, refusal):
    member = make_member(role, status=status)
    event = make_event(audience=audience)
    if refusal is None:
        assert services.event_register(event=event, user=member).status == Status.REGISTERED
    else:
        with pytest.raises(services.RegistrationRefused) as refused:
            services.event_register(event=event, user=member)
        assert refused.value.reason == refusal


def test_a_rejected_account_may_not_register(make_event, make_member):
    rejected = make_member(Role.SERVANT, status=User.Status.REJECTED)
    with pytest.raises(services.RegistrationRefused):
        services.event_register(event=make_event(), user=rejected)


def test_raising_the_capacity_fills_seats_from_the_waiting_list(
    make_event, members, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    for member in members[:3]:
        register(event, member, django_capture_on_commit_callbacks)
    event.capacity = 2
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.event_fill_seats(event=event)
    assert [r.user for r in promoted] == [members[1]]


# --- e-mails ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [("ky", ("Урматтуу", "Бишкек")), ("ru", ("Уважаем", "Бишкек"))],
)
def test_the_confirmation_is_in_the_members_language_with_a_calendar_file(
    make_event, make_member, language, words, django_capture_on_commit_callbacks
):
    member = make_member(Role.SERVANT, preferred_language=language)
    event = make_event(capacity=10, place_ru="Бишкек, ул. Московская 1", place_ky="Бишкек, Московская көч. 1")
    with translation.override("en"):  # the reader's page language does not matter
        register(event, member, django_capture_on_commit_callbacks)
    email = OutboxEmail.objects.get(to=member.email)
    assert f"({language})" in email.subject  # the title in their language
    assert (event.title_ru if language == "ru" else event.title_ky) in email.body
    assert "secret-room-42" in email.body
    assert email.attachment_type == "text/calendar"
    assert f"SUMMARY:{event.slug}" not in email.attachment_content
    assert f"({language})" in email.attachment_content
    with translation.override(language):
        assert f"/{language}/events/{event.slug}/" in email.body


def test_the_waiting_list_email_has_no_link_and_no_calendar(make_event, members, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    register(event, members[0], django_capture_on_commit_callbacks)
    register(event, members[1], django_capture_on_commit_callbacks)
    email = OutboxEmail.objects.get(to=members[1].email)
    assert "secret-room-42" not in email.body
    assert email.attachment_name == ""
