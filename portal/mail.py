"""Outgoing e-mail: stored first, delivered in the background, retried until sent.

    queue_email(to=..., subject=..., body=..., key="issue-published:12:345")

The message is saved as an OutboxEmail row in the caller's transaction, and the
delivery task (portal.tasks.deliver_email) is enqueued once that transaction
commits. A failed delivery keeps the row, notes the error and is tried again with
a growing delay (by the task queue when its backend can defer, and by
`manage.py send_queued_email`, which a cron job or the worker's host runs every
few minutes, in any case). When the server answers again, that sweep sends at
once everything that waited for it.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from portal.models import OutboxEmail

logger = logging.getLogger(__name__)

# Delay before each new attempt; after the last one the message waits for an operator.
RETRY_DELAYS = [timedelta(minutes=m) for m in (1, 5, 15, 60, 180, 720)]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def queue_email(*, to, subject, body, key=None, attachment=None):
    """Store a message and have it delivered after the current transaction commits.

    With a `key`, a message already queued under that key is not queued again
    (returns None then). `attachment`: (file name, text content, MIME type).
    """
    name, content, mimetype = attachment or ("", "", "")
    try:
        with transaction.atomic():
            email = OutboxEmail.objects.create(
                key=key,
                to=to,
                subject=subject[:255],
                body=body,
                attachment_name=name,
                attachment_content=content,
                attachment_type=mimetype,
            )
    except IntegrityError:
        if key and OutboxEmail.objects.filter(key=key).exists():
            return None
        raise
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def _enqueue(email_id, run_after=None):
    from portal.tasks import deliver_email

    task = deliver_email
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the send_queued_email sweep will pick it up
        task = task.using(run_after=run_after)
    task.enqueue(email_id)


def deliver(email_id):
    """Send one queued message unless it was sent already; on failure, schedule a retry."""
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update().filter(pk=email_id, sent_at__isnull=True).first()
        if email is None:
            return "already sent"
        try:
            _send(email)
        except Exception as error:  # any failure of the mail server: keep the message, try later
            email.attempts += 1
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            retry_at = None
            if email.attempts < MAX_ATTEMPTS:
                retry_at = timezone.now() + RETRY_DELAYS[email.attempts - 1]
            email.next_attempt_at = retry_at
            email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.warning("E-mail %s to %s not sent (attempt %s): %s", email.pk, email.to, email.attempts, error)
            if retry_at is not None:
                transaction.on_commit(lambda: _enqueue(email.pk, run_after=retry_at))
            return "failed"
        email.sent_at = timezone.now()
        email.attempts += 1
        email.last_error = ""
        email.next_attempt_at = None
        email.save(update_fields=["sent_at", "attempts", "last_error", "next_attempt_at"])
        return "sent"


def _send(email):
    message = EmailMessage(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to])
    if email.attachment_name:
        message.attach(email.attachment_name, email.attachment_content, email.attachment_type or "text/plain")
    message.send()


def pending(now=None):
    """Unsent messages that are due: never tried, or their retry time has come."""
    now = now or timezone.now()
    return OutboxEmail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS).exclude(next_attempt_at__gt=now)


# Failures where the server took the connection and said no to this message: they keep their delay.
MESSAGE_REFUSALS = ("SMTPRecipientsRefused", "SMTPSenderRefused", "SMTPDataError")


def waiting_for_server(now=None):
    """Unsent messages still waiting out a delay after the mail server could not be reached."""
    now = now or timezone.now()
    refused = Q()
    for name in MESSAGE_REFUSALS:
        refused |= Q(last_error__startswith=f"{name}:")
    waiting = OutboxEmail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS, next_attempt_at__gt=now)
    return waiting.exclude(refused)


def server_answers():
    """True when the mail server takes a connection now. Backends without a server
    (console, locmem in tests) cannot tell, and say False."""
    connection = get_connection()
    try:
        opened = connection.open()
    except Exception:  # refused, timed out, TLS or login failed: not back yet
        return False
    connection.close()
    return opened is True


def send_pending(now=None):
    """Try every due message once (the periodic sweep). Returns (sent, failed).

    When the mail server answers again, messages that waited for it are sent now rather
    than after their delay (up to 12 hours after a long outage): what piled up while it
    was away goes out at the first sweep after it returns.
    """
    now = now or timezone.now()
    due = list(pending(now).values_list("pk", flat=True))
    waiting = list(waiting_for_server(now).values_list("pk", flat=True))
    if waiting and server_answers():
        due += waiting
    sent = failed = 0
    for email_id in due:
        result = deliver(email_id)
        sent += result == "sent"
        failed += result == "failed"
    return sent, failed
