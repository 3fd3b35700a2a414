"""The mail server goes away: sign-up, approval, payment and new-issue e-mails wait in the
outbox (portal.mail) while the member's action completes, and all of them are delivered,
once each, to the right people, by the first sweep after the server returns.

The server is a real SMTP server (aiosmtpd) on 127.0.0.1 that the test stops and starts.
"""

import email
import socket
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from allauth.account.models import EmailAddress
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from magazine.models import Issue, Subscription
from portal import mail as outbox
from portal.models import OutboxEmail

SMTP_PORT = 8242


class Inbox:
    """What the SMTP server received: (recipients, parsed message) per message."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def recipients(self):
        return sorted(address for rcpt_tos, _message in self.messages for address in rcpt_tos)


class SMTPServer:
    def __init__(self, port):
        self.port = port
        self.inbox = Inbox()
        self._controller = None

    def start(self):
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def refuses(self):
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) != 0


@pytest.fixture
def smtp(settings):
    """A local SMTP server the portal sends through; started, and stopped again at the end."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = SMTP_PORT
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    server = SMTPServer(SMTP_PORT)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_server_down(smtp):
    smtp.stop()
    assert smtp.refuses()
    return smtp


def assert_waiting(recipients):
    """One unsent message per recipient, kept with the error, due again later."""
    waiting = OutboxEmail.objects.filter(to__in=recipients)
    assert sorted(waiting.values_list("to", flat=True)) == sorted(recipients)
    for message in waiting:
        assert message.sent_at is None and message.attempts == 1
        assert "ConnectionRefusedError" in message.last_error
        assert message.next_attempt_at is not None


def assert_delivered_once_when_back(smtp, recipients):
    smtp.start()
    call_command("send_queued_email")
    assert smtp.inbox.recipients() == sorted(recipients)
    assert not OutboxEmail.objects.filter(sent_at__isnull=True).exists()
    call_command("send_queued_email")  # a second sweep, and the worker's own retry, send nothing more
    for message in OutboxEmail.objects.all():
        assert outbox.deliver(message.pk) == "already sent"
    assert smtp.inbox.recipients() == sorted(recipients)


# --- each kind of e-mail ------------------------------------------------------------------------


def test_it_delivers_through_the_local_server_when_it_is_up(db, smtp, servant, django_capture_on_commit_callbacks):
    from accounts.services import send_email

    with django_capture_on_commit_callbacks(execute=True):
        send_email(recipient=servant, template="member_approved")
    assert smtp.inbox.recipients() == [servant.email]
    assert OutboxEmail.objects.get().sent_at is not None


def test_a_sign_up_completes_and_its_confirmation_waits_for_the_server(
    db, client, municipality, mail_server_down, django_capture_on_commit_callbacks
):
    data = {
        "first_name": "Гүлнара",
        "last_name": "Асанова",
        "email": "gulnara@aiyl.kg",
        "password1": "kumbel-water-2026!",
        "password2": "kumbel-water-2026!",
        "applied_role": "deputy",
        "municipality": str(municipality.pk),
        "organization": "",
        "position": "Айылдык кеңештин депутаты",
        "preferred_language": "ru",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ky/accounts/signup/", data)
    assert response.status_code == 302  # on to "check your e-mail": the member is not told of our trouble
    assert User.objects.get(email="gulnara@aiyl.kg").status == User.Status.PENDING
    assert_waiting(["gulnara@aiyl.kg"])
    assert_delivered_once_when_back(mail_server_down, ["gulnara@aiyl.kg"])
    (_recipients, message) = mail_server_down.inbox.messages[0]
    assert "/ky/accounts/confirm-email/" in message.get_content()


def test_an_approval_completes_and_its_notice_waits_for_the_server(
    db, client, ulsg_admin, pending_member, mail_server_down, django_capture_on_commit_callbacks
):
    client.force_login(ulsg_admin)
    data = {"action": "approve_members", ACTION_CHECKBOX_NAME: [str(pending_member.pk)]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/accounts/user/", data)
    assert response.status_code == 302
    pending_member.refresh_from_db()
    assert pending_member.status == User.Status.APPROVED
    assert_waiting([pending_member.email])
    assert_delivered_once_when_back(mail_server_down, [pending_member.email])


def test_a_payment_confirmation_completes_and_its_notice_waits_for_the_server(
    db, client, editor, servant, plans, make_order, mail_server_down, django_capture_on_commit_callbacks
):
    subscription = make_order(servant, plan=plans["electronic"], paid=False)
    client.force_login(editor)
    data = {"action": "confirm_payment", ACTION_CHECKBOX_NAME: [str(subscription.payment.pk)]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/magazine/payment/", data, follow=True)
    assert response.status_code == 200
    assert Subscription.objects.get(pk=subscription.pk).status == Subscription.Status.ACTIVE
    assert_waiting([servant.email])
    assert OutboxEmail.objects.get().key == f"magazine-paid:{subscription.payment.reference}"
    assert_delivered_once_when_back(mail_server_down, [servant.email])


def test_a_new_issue_is_published_and_its_notices_wait_for_the_server(
    db, client, editor, make_member, make_order, plans, make_issue, mail_server_down, django_capture_on_commit_callbacks
):
    readers = [make_member(email=f"reader{n}@example.kg", preferred_language=("ky", "ru")[n % 2]) for n in range(3)]
    for reader in readers:
        make_order(reader, plan=plans["electronic"])
    make_member(email="not-a-subscriber@example.kg")
    draft = make_issue(2026, 10, status=Issue.Status.DRAFT)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/magazine/issue/{draft.pk}/publish/")
    assert response.status_code == 302
    assert Issue.objects.get(pk=draft.pk).status == Issue.Status.PUBLISHED
    addresses = [reader.email for reader in readers]
    assert_waiting(addresses)
    assert_delivered_once_when_back(mail_server_down, addresses)


def test_all_four_wait_together_and_go_out_in_one_sweep(
    db,
    client,
    municipality,
    ulsg_admin,
    editor,
    pending_member,
    servant,
    plans,
    make_order,
    make_issue,
    mail_server_down,
    django_capture_on_commit_callbacks,
):
    subscriber = make_order(servant, plan=plans["electronic"], paid=False)
    draft = make_issue(2026, 11, status=Issue.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        answers = []
        answers.append(
            client.post(
                "/en/accounts/signup/",
                {
                    "first_name": "Nurlan",
                    "last_name": "Osmonov",
                    "email": "nurlan@aiyl.kg",
                    "password1": "kumbel-water-2026!",
                    "password2": "kumbel-water-2026!",
                    "applied_role": "servant",
                    "municipality": str(municipality.pk),
                    "position": "specialist",
                    "preferred_language": "ky",
                },
            )
        )
        client.force_login(ulsg_admin)
        answers.append(
            client.post(
                "/admin/accounts/user/", {"action": "approve_members", ACTION_CHECKBOX_NAME: [str(pending_member.pk)]}
            )
        )
        client.force_login(editor)
        answers.append(
            client.post(
                "/admin/magazine/payment/",
                {"action": "confirm_payment", ACTION_CHECKBOX_NAME: [str(subscriber.payment.pk)]},
            )
        )
        answers.append(client.post(f"/admin/magazine/issue/{draft.pk}/publish/"))
    assert [answer.status_code for answer in answers] == [302, 302, 302, 302]  # each completed for its user
    # Sign-up, approval, payment, and the new issue for the subscriber whose payment was just confirmed.
    expected = ["nurlan@aiyl.kg", pending_member.email, servant.email, servant.email]
    assert sorted(OutboxEmail.objects.filter(sent_at__isnull=True).values_list("to", flat=True)) == sorted(expected)
    assert EmailAddress.objects.filter(email="nurlan@aiyl.kg", verified=False).exists()
    assert_delivered_once_when_back(mail_server_down, expected)


# --- the sweep ----------------------------------------------------------------------------------


def test_the_sweep_keeps_the_delay_while_the_server_is_still_away(
    db, servant, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.queue_email(to=servant.email, subject="Сунуш", body="Саламатсызбы!")
    call_command("send_queued_email")
    message = OutboxEmail.objects.get()
    assert message.sent_at is None and message.attempts == 1  # not tried again before its time
    assert not outbox.server_answers()


def test_a_message_the_server_refused_keeps_its_delay(db, smtp):
    """The server answered and said no to this message: it is not a message that waited for the server."""
    later = timezone.now() + timezone.timedelta(minutes=5)
    fields = {"subject": "s", "body": "b", "attempts": 1, "next_attempt_at": later}
    refused = OutboxEmail.objects.create(to="a@example.kg", last_error="SMTPRecipientsRefused: {...}", **fields)
    waited = OutboxEmail.objects.create(to="b@example.kg", last_error="TimeoutError: timed out", **fields)
    assert list(outbox.waiting_for_server()) == [waited]
    call_command("send_queued_email")
    assert smtp.inbox.recipients() == ["b@example.kg"]
    refused.refresh_from_db()
    assert refused.sent_at is None
