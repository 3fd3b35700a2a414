"""The reminder the day before (events.services.send_event_reminders and its command): once each,
only to members with a confirmed seat, only for published events starting within 24 hours."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.roles import Role
from events.models import Registration
from portal.models import OutboxEmail

Status = Registration.Status
pytestmark = pytest.mark.django_db


def registration(event, user, status=Status.REGISTERED):
    return Registration.objects.create(event=event, user=user, status=status)


def run(capture):
    out = StringIO()
    with capture(execute=True):
        call_command("send_event_reminders", stdout=out)
    return out.getvalue()


def test_it_reminds_registered_members_once(make_event, make_member, django_capture_on_commit_callbacks):
    soon = make_event(starts_in=datetime.timedelta(hours=20))
    ky = make_member(Role.SERVANT, email="ky@example.kg", preferred_language="ky")
    ru = make_member(Role.DEPUTY, email="ru@example.kg", preferred_language="ru")
    waiting = make_member(Role.SERVANT, email="waiting@example.kg")
    for member in (ky, ru):
        registration(soon, member)
    registration(soon, waiting, Status.WAITING)

    assert "2 event reminder(s) sent" in run(django_capture_on_commit_callbacks)
    assert "0 event reminder(s) sent" in run(django_capture_on_commit_callbacks)

    emails = {email.to: email for email in OutboxEmail.objects.all()}
    assert set(emails) == {ky.email, ru.email}
    assert "(ky)" in emails[ky.email].subject and "(ru)" in emails[ru.email].subject
    assert emails[ru.email].attachment_name.endswith(".ics")
    assert "secret-room-42" in emails[ru.email].body
    assert Registration.objects.filter(reminder_sent_at__isnull=False).count() == 2


def test_it_leaves_later_past_and_unpublished_events(make_event, servant, django_capture_on_commit_callbacks):
    registration(make_event(starts_in=datetime.timedelta(hours=30)), servant)
    registration(make_event(starts_at=timezone.now() - datetime.timedelta(hours=1)), servant)
    registration(make_event(starts_in=datetime.timedelta(hours=3), is_published=False), servant)
    assert "0 event reminder(s) sent" in run(django_capture_on_commit_callbacks)
    assert not OutboxEmail.objects.exists()
