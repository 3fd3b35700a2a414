"""The outbox: every e-mail is stored, delivered after commit by the task queue, and kept and
retried when the mail server fails, so a failing server delays mail and loses none."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from portal import mail as outbox
from portal.models import OutboxEmail


def queue(key=None, to="aigul@example.kg"):
    return outbox.queue_email(to=to, subject="Сунуш", body="Саламатсызбы!", key=key)


def test_it_delivers_after_the_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
        assert mail.outbox == []  # nothing leaves before the commit
    assert [m.to for m in mail.outbox] == [["aigul@example.kg"]]
    email.refresh_from_db()
    assert email.sent_at and email.attempts == 1


def test_nothing_is_sent_when_the_transaction_rolls_back(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue()
    assert callbacks and mail.outbox == []


def test_a_key_queues_a_notice_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert queue(key="issue-published:1:2") is not None
        assert queue(key="issue-published:1:2") is None
    assert len(mail.outbox) == 1
    assert OutboxEmail.objects.count() == 1


def test_a_failing_mail_server_keeps_the_message_and_it_goes_out_later_once(db, django_capture_on_commit_callbacks):
    with mock.patch("portal.mail._send", side_effect=ConnectionRefusedError("smtp down")):
        with django_capture_on_commit_callbacks(execute=True):
            email = queue()
    email.refresh_from_db()
    assert email.sent_at is None and email.attempts == 1
    assert "smtp down" in email.last_error
    assert email.next_attempt_at > timezone.now()
    assert mail.outbox == []

    # Not due yet: the sweep leaves it.
    call_command("send_queued_email")
    assert mail.outbox == []

    # Due: the sweep sends it, and a second sweep sends nothing more.
    later = timezone.now() + timedelta(hours=1)
    assert outbox.send_pending(now=later) == (1, 0)
    assert outbox.send_pending(now=later) == (0, 0)
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.sent_at and email.attempts == 2 and email.last_error == ""


def test_delivering_a_sent_message_again_sends_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
    assert outbox.deliver(email.pk) == "already sent"
    assert len(mail.outbox) == 1


def test_it_gives_up_after_the_last_attempt_and_keeps_the_error(db):
    email = OutboxEmail.objects.create(to="x@example.kg", subject="s", body="b", attempts=outbox.MAX_ATTEMPTS - 1)
    with mock.patch("portal.mail._send", side_effect=OSError("still down")):
        assert outbox.deliver(email.pk) == "failed"
    email.refresh_from_db()
    assert email.attempts == outbox.MAX_ATTEMPTS and email.next_attempt_at is None
    assert not outbox.pending(now=timezone.now() + timedelta(days=30)).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_member_notices_go_through_the_outbox(servant):
    from accounts.services import send_email

    send_email(recipient=servant, template="member_approved")
    assert OutboxEmail.objects.filter(to=servant.email, sent_at__isnull=False).count() == 1
    assert [m.to for m in mail.outbox] == [[servant.email]]
