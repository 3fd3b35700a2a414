"""Registering for an event, cancelling, moving up from the waiting list, and the reminders.

Every change of an event's registrations first locks the event's row (SELECT ... FOR UPDATE), then
counts the confirmed seats: two members asking for the last seat at the same moment are served
one after the other, so the second one sees the seat taken and goes on the waiting list. (SQLite,
which ignores the lock, lets only one writer in at a time anyway.)

Each change e-mails the member in their language once the transaction commits: a confirmation with
the event as an .ics file, a place on the waiting list, moved up from it, cancelled, and a reminder
the day before.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from accounts.services import send_email
from events import ics
from events.access import REFUSALS, registration_refusal
from events.models import Event, Registration
from portal.i18n import field_in_language

Status = Registration.Status
REMINDER_BEFORE = datetime.timedelta(hours=24)


class RegistrationRefused(Exception):
    """The member may not register; `reason` is a key of events.access.REFUSALS."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason
        self.message = REFUSALS[reason]


def _locked(event):
    return Event.objects.select_for_update().get(pk=event.pk)


def _seats_taken(event):
    return Registration.objects.filter(event=event, status=Status.REGISTERED).count()


def _has_free_seat(event):
    return event.capacity is None or _seats_taken(event) < event.capacity


@transaction.atomic
def event_register(*, event, user):
    """Register `user` for `event`: a confirmed seat if one is free, else the waiting list.

    Returns the Registration; registering again while registered or waiting changes nothing.
    Raises RegistrationRefused when the member may not register.
    """
    event = _locked(event)
    reason = registration_refusal(user, event)
    if reason:
        raise RegistrationRefused(reason)
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None and registration.status != Status.CANCELLED:
        return registration
    status = Status.REGISTERED if _has_free_seat(event) else Status.WAITING
    now = timezone.now()
    if registration is None:
        registration = Registration.objects.create(
            event=event, user=user, status=status, created_at=now, status_changed_at=now
        )
    else:
        # Back after cancelling: the same row, at the end of the queue.
        registration.status, registration.created_at, registration.status_changed_at = status, now, now
        registration.save(update_fields=["status", "created_at", "status_changed_at"])
    template = "event_registered" if status == Status.REGISTERED else "event_waiting"
    _notify(registration, template)
    return registration


@transaction.atomic
def event_cancel(*, event, user):
    """Cancel `user`'s registration or place on the waiting list; a freed seat goes to the
    first on the waiting list. Returns the cancelled Registration, or None if there was none."""
    event = _locked(event)
    registration = Registration.objects.filter(event=event, user=user).exclude(status=Status.CANCELLED).first()
    if registration is None:
        return None
    registration.status, registration.status_changed_at = Status.CANCELLED, timezone.now()
    registration.save(update_fields=["status", "status_changed_at"])
    _notify(registration, "event_cancelled")
    if not event.has_started:
        event_fill_seats(event=event)
    return registration


def event_fill_seats(*, event):
    """Move members up from the waiting list, first come first served, while seats are free
    (after a cancellation, or when an editor raises the capacity). Call with the event locked."""
    promoted = []
    waiting = Registration.objects.filter(event=event, status=Status.WAITING).select_related("user")
    for registration in waiting.order_by("created_at", "id"):
        if not _has_free_seat(event):
            break
        registration.status, registration.status_changed_at = Status.REGISTERED, timezone.now()
        registration.save(update_fields=["status", "status_changed_at"])
        _notify(registration, "event_promoted")
        promoted.append(registration)
    return promoted


def waiting_position(registration):
    """1 for the first on the waiting list."""
    earlier = Registration.objects.filter(
        event_id=registration.event_id, status=Status.WAITING, created_at__lt=registration.created_at
    )
    return earlier.count() + 1


# --- e-mails ------------------------------------------------------------------------------------

WITH_CALENDAR = {"event_registered", "event_promoted", "event_reminder"}


def _notify(registration, template, key=None):
    """Queue the e-mail once the transaction commits (the member's language, .ics attached when
    they have a seat)."""
    event, member = registration.event, registration.user

    def send():
        attachment = None
        if template in WITH_CALENDAR:
            text = ics.event_calendar(event, language=member.preferred_language)
            attachment = (ics.filename(event), text, "text/calendar")
        language = member.preferred_language
        context = {
            "event": event,
            "title": field_in_language(event, "title", language)[0] or event.slug,
            "place": field_in_language(event, "place", language)[0],
            "event_url": settings.SITE_URL + _url_in(event, member.preferred_language),
            "join_url": event.online_url if template in WITH_CALENDAR and event.is_online else "",
        }
        send_email(recipient=member, template=template, context=context, key=key, attachment=attachment)

    transaction.on_commit(send)


def _url_in(event, language):
    with translation.override(language):
        return event.get_absolute_url()


def send_event_reminders(now=None):
    """Remind, once each, the members with a confirmed seat at a published event that starts
    within 24 hours. Running it twice, or on two hosts at once, reminds nobody twice.
    Returns how many were reminded."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Status.REGISTERED,
        reminder_sent_at__isnull=True,
        event__is_published=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMINDER_BEFORE,
    ).select_related("event", "user")
    reminded = 0
    for registration in due:
        with transaction.atomic():
            # Claim the reminder first: of two runs at once, one sends it.
            claimed = Registration.objects.filter(
                pk=registration.pk, status=Status.REGISTERED, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed:
                _notify(registration, "event_reminder", key=f"event-reminder:{registration.pk}")
                reminded += 1
    return reminded
