"""The end of a subscription: expiry, and the reminder that goes out once before it
(magazine.subscriptions and the send_expiry_reminders command)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import formats, translation

from accounts.roles import Role
from magazine import subscriptions
from magazine.models import Subscription
from portal.models import OutboxEmail

pytestmark = pytest.mark.django_db

JAN_1 = datetime.date(2026, 1, 1)  # a 12-month subscription from here ends on 31 Dec 2026
DEC_31 = datetime.date(2026, 12, 31)


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    def run(today):
        with django_capture_on_commit_callbacks(execute=True):
            return subscriptions.send_expiry_reminders(today)

    return run


@pytest.fixture
def run_command(django_capture_on_commit_callbacks):
    def run(*args):
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_expiry_reminders", *args, stdout=out)
        return out.getvalue()

    return run


# --- expiry ---------------------------------------------------------------------------------------


def test_subscriptions_expire_the_day_after_their_end(servant, deputy, plans, make_order):
    ending = make_order(servant, plan=plans["electronic"], starts_on=JAN_1)
    waiting = make_order(deputy, plan=plans["electronic"], paid=False)
    assert subscriptions.expire_subscriptions(DEC_31) == 0
    assert subscriptions.expire_subscriptions(DEC_31 + datetime.timedelta(days=1)) == 1
    ending.refresh_from_db()
    waiting.refresh_from_db()
    assert ending.status == Subscription.Status.EXPIRED
    assert waiting.status == Subscription.Status.REQUESTED  # not paid: nothing to expire
    assert subscriptions.expire_subscriptions(datetime.date(2027, 6, 1)) == 0  # once


def test_an_expired_subscription_still_covers_the_months_it_paid_for(servant, plans, make_order, make_issue):
    from magazine.entitlement import may_download

    make_order(servant, plan=plans["electronic"], starts_on=datetime.date(2025, 1, 1))
    subscriptions.expire_subscriptions(datetime.date(2026, 1, 1))
    assert may_download(servant, make_issue(2025, 6))
    assert not may_download(servant, make_issue(2026, 1))


# --- reminders ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_member_is_reminded_once_in_their_language_with_a_renewal_link(
    make_member, plans, make_order, remind, lang
):
    member = make_member(Role.SERVANT, preferred_language=lang, email=f"{lang}@example.kg")
    subscription = make_order(member, plan=plans["electronic"], starts_on=JAN_1)
    assert remind(datetime.date(2026, 12, 17)) == 1  # 14 days before the end
    assert remind(datetime.date(2026, 12, 18)) == 0
    assert remind(datetime.date(2026, 12, 30)) == 0
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert f"http://127.0.0.1:8000/{lang}/magazine/subscribe/?plan={plans['electronic'].pk}" in message.body
    with translation.override(lang):
        assert translation.gettext("Renew:") in message.body
        subject = translation.gettext("Your subscription to the Municipality magazine ends on %(end)s")
        assert subject % {"end": formats.date_format(DEC_31, "DATE_FORMAT")} == message.subject
    subscription.refresh_from_db()
    assert subscription.reminder_sent_at is not None
    assert OutboxEmail.objects.filter(key=f"magazine-expiry:{subscription.pk}:2026-12-31").count() == 1


def test_no_reminder_too_early_or_after_the_end(servant, plans, make_order, remind):
    make_order(servant, plan=plans["electronic"], starts_on=JAN_1)
    assert remind(datetime.date(2026, 12, 16)) == 0  # 15 days before
    assert remind(datetime.date(2027, 1, 1)) == 0  # over
    assert mail.outbox == []


def test_the_reminder_window_comes_from_the_settings(servant, plans, make_order, remind, settings):
    settings.MAGAZINE_REMINDER_DAYS = 30
    make_order(servant, plan=plans["electronic"], starts_on=JAN_1)
    assert remind(datetime.date(2026, 12, 1)) == 1


def test_a_member_who_renewed_is_not_reminded(servant, plans, make_order, remind):
    make_order(servant, plan=plans["electronic"], starts_on=JAN_1)
    make_order(servant, plan=plans["electronic"], starts_on=datetime.date(2027, 1, 1))
    assert remind(datetime.date(2026, 12, 20)) == 0
    assert mail.outbox == []


def test_unpaid_cancelled_and_expired_subscriptions_are_not_reminded(servant, plans, make_order, remind):
    make_order(servant, plan=plans["electronic"], paid=False)
    make_order(servant, plan=plans["electronic"], starts_on=JAN_1, status=Subscription.Status.CANCELLED)
    make_order(servant, plan=plans["print"], starts_on=JAN_1, status=Subscription.Status.EXPIRED)
    assert remind(datetime.date(2026, 12, 20)) == 0


# --- the command ----------------------------------------------------------------------------------


def test_the_command_expires_and_reminds(servant, deputy, plans, make_order, run_command):
    ended = make_order(servant, plan=plans["electronic"], starts_on=datetime.date(2025, 12, 1))  # to 30 Nov 2026
    ending = make_order(deputy, plan=plans["combined"], starts_on=JAN_1)
    output = run_command("--date", "2026-12-20")
    assert output.strip() == "1 subscription(s) expired, 1 reminder(s) sent."
    ended.refresh_from_db()
    ending.refresh_from_db()
    assert ended.status == Subscription.Status.EXPIRED
    assert ending.reminder_sent_at is not None
    assert [m.to for m in mail.outbox] == [[deputy.email]]
    assert run_command("--date", "2026-12-21").strip() == "0 subscription(s) expired, 0 reminder(s) sent."
    assert len(mail.outbox) == 1


def test_the_command_runs_for_today_by_default(run_command):
    assert "0 subscription(s) expired" in run_command()


def test_the_command_refuses_a_bad_date():
    with pytest.raises(CommandError):
        call_command("send_expiry_reminders", "--date", "20.12.2026")
