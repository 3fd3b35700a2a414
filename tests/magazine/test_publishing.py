"""Publishing an issue, now or at its date: every active subscriber is e-mailed once, in their
language, with the link; publishing twice, a second cron run or a failing mail server never
sends a notice twice nor loses one."""

import datetime
import io
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation

from accounts.models import User
from accounts.roles import Role
from magazine.models import Article, Issue, Subscription
from magazine.publishing import issue_publish, issue_schedule, issue_unschedule, notify_subscribers, publish_due_issues
from portal import mail as outbox
from portal.models import OutboxEmail, SearchEntry

pytestmark = pytest.mark.django_db

Status = Issue.Status


@pytest.fixture
def draft(make_issue):
    return make_issue(2026, 10, status=Status.DRAFT, title_ky="Жергиликтүү бюджет", title_ru="Местный бюджет")


@pytest.fixture
def subscribers(make_member, make_order, plans):
    """A Kyrgyz-speaking electronic subscriber, a Russian-speaking print-only one and a combined one."""
    electronic = make_member(Role.SERVANT, email="aigul@example.kg", first_name="Айгүл", preferred_language="ky")
    printed = make_member(Role.DEPUTY, email="sergei@example.kg", first_name="Сергей", preferred_language="ru")
    combined = make_member(Role.SERVANT, email="nurlan@example.kg", first_name="Нурлан", preferred_language="ru")
    make_order(electronic, plan=plans["electronic"])
    make_order(printed, plan=plans["print"])
    make_order(combined, plan=plans["combined"])
    return {"electronic": electronic, "print": printed, "combined": combined}


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def publish(issue, capture, **kwargs):
    with capture(execute=True):
        return issue_publish(issue=issue, **kwargs)


# --- publishing now -----------------------------------------------------------------------------


def test_it_publishes_a_draft_now(draft, editor, django_capture_on_commit_callbacks):
    assert publish(draft, django_capture_on_commit_callbacks, by=editor) is True
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_at is not None
    assert draft.subscribers_notified_at is not None


def test_the_publication_date_is_set_once(draft, django_capture_on_commit_callbacks):
    publish(draft, django_capture_on_commit_callbacks)
    first = Issue.objects.get(pk=draft.pk).published_at
    assert publish(draft, django_capture_on_commit_callbacks) is False
    assert Issue.objects.get(pk=draft.pk).published_at == first


def test_every_active_subscriber_is_emailed_once_in_their_language(
    draft, subscribers, django_capture_on_commit_callbacks
):
    publish(draft, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["aigul@example.kg", "nurlan@example.kg", "sergei@example.kg"]

    (ky,) = sent_to("aigul@example.kg")
    assert "http://127.0.0.1:8000/ky/magazine/2026/10/" in ky.body
    assert "Жергиликтүү бюджет" in ky.body
    assert "10 (160)" in ky.subject

    (ru,) = sent_to("sergei@example.kg")
    assert "http://127.0.0.1:8000/ru/magazine/2026/10/" in ru.body
    assert "Местный бюджет" in ru.body


def test_print_subscribers_are_told_their_copy_is_on_its_way_and_electronic_ones_get_the_pdf(
    draft, subscribers, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        for user in subscribers.values():
            user.preferred_language = "en"
            user.save(update_fields=["preferred_language"])
        publish(draft, django_capture_on_commit_callbacks)
    (electronic,) = sent_to("aigul@example.kg")
    (printed,) = sent_to("sergei@example.kg")
    (combined,) = sent_to("nurlan@example.kg")
    assert "download the PDF (Kyrgyz, Russian)" in electronic.body
    assert "printed copy" not in electronic.body
    assert "printed copy is being sent" in printed.body
    assert "download" not in printed.body
    assert "download the PDF" in combined.body and "printed copy is being sent" in combined.body
    assert "/en/magazine/2026/10/" in printed.body


def test_a_member_with_two_active_subscriptions_gets_one_email(
    draft, subscribers, make_order, plans, django_capture_on_commit_callbacks
):
    make_order(subscribers["print"], plan=plans["electronic"])
    publish(draft, django_capture_on_commit_callbacks)
    (message,) = sent_to("sergei@example.kg")
    assert "/ru/magazine/2026/10/" in message.body


def test_subscribers_without_an_active_subscription_are_not_emailed(
    draft, make_member, make_order, plans, django_capture_on_commit_callbacks
):
    expired = make_member(email="expired@example.kg")
    make_order(
        expired,
        plan=plans["electronic"],
        starts_on=datetime.date(2024, 1, 1),
        status=Subscription.Status.EXPIRED,
    )
    requested = make_member(email="requested@example.kg")
    make_order(requested, plan=plans["electronic"], paid=False)
    cancelled = make_member(email="cancelled@example.kg")
    make_order(cancelled, plan=plans["combined"], paid=False, status=Subscription.Status.CANCELLED)
    ended = make_member(email="ended@example.kg")  # still marked active, but its period is over
    make_order(ended, plan=plans["print"], starts_on=datetime.date(2024, 1, 1))
    future = make_member(email="future@example.kg")
    make_order(future, plan=plans["print"], starts_on=timezone.localdate() + timedelta(days=40))
    deactivated = make_member(email="gone@example.kg")
    make_order(deactivated, plan=plans["electronic"])
    User.objects.filter(pk=deactivated.pk).update(is_active=False)
    buyer = make_member(email="buyer@example.kg")
    make_order(buyer, issue=draft)

    publish(draft, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Issue.objects.get(pk=draft.pk).subscribers_notified_at is not None


def test_publishing_twice_sends_nothing_twice(draft, subscribers, django_capture_on_commit_callbacks):
    publish(draft, django_capture_on_commit_callbacks)
    publish(draft, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    # Even announcing it again by hand queues nothing new: the keys are in the outbox.
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_subscribers(Issue.objects.get(pk=draft.pk)) == 0
    assert len(mail.outbox) == 3
    assert OutboxEmail.objects.filter(key__startswith=f"issue-published:{draft.pk}:").count() == 3


def test_a_new_subscriber_after_publication_is_told_by_a_second_announcement_only(
    draft, subscribers, make_member, make_order, plans, django_capture_on_commit_callbacks
):
    publish(draft, django_capture_on_commit_callbacks)
    late = make_member(email="late@example.kg")
    make_order(late, plan=plans["electronic"])
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_subscribers(Issue.objects.get(pk=draft.pk)) == 1
    assert len(sent_to("late@example.kg")) == 1
    assert len(mail.outbox) == 4


def test_a_draft_is_not_announced(draft, subscribers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_subscribers(draft) == 0
    assert mail.outbox == []


def test_the_mail_server_failing_on_the_first_try_still_ends_with_one_email_each(
    draft, subscribers, django_capture_on_commit_callbacks
):
    with mock.patch("portal.mail._send", side_effect=ConnectionRefusedError("smtp down")):
        publish(draft, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED  # the failure delays mail, not the publication
    assert OutboxEmail.objects.filter(sent_at__isnull=True, attempts=1).count() == 3

    # Publishing again while the mail waits queues nothing more.
    publish(draft, django_capture_on_commit_callbacks)
    assert OutboxEmail.objects.count() == 3

    later = timezone.now() + timedelta(hours=1)
    assert outbox.send_pending(now=later) == (3, 0)
    assert outbox.send_pending(now=later) == (0, 0)
    assert sorted(m.to[0] for m in mail.outbox) == ["aigul@example.kg", "nurlan@example.kg", "sergei@example.kg"]


def test_a_server_failing_once_then_the_sweep_command_sends_the_rest_once(
    draft, subscribers, django_capture_on_commit_callbacks
):
    real_send = outbox._send
    calls = []

    def flaky(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise TimeoutError("smtp timed out")
        return real_send(*args, **kwargs)

    with mock.patch("portal.mail._send", side_effect=flaky):
        publish(draft, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    # The retry's time comes (here: is moved to the past); the cron sweep sends it, once.
    OutboxEmail.objects.filter(sent_at__isnull=True).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    call_command("send_queued_email", stdout=io.StringIO())
    call_command("send_queued_email", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["aigul@example.kg", "nurlan@example.kg", "sergei@example.kg"]


# --- scheduling ---------------------------------------------------------------------------------


def test_scheduling_needs_a_date_in_the_future(draft):
    with pytest.raises(ValidationError):
        issue_schedule(issue=draft, publish_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError):
        issue_schedule(issue=draft, publish_at=None)
    assert Issue.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_published_issue_cannot_be_scheduled(make_issue):
    issue = make_issue(2026, 9)
    with pytest.raises(ValidationError):
        issue_schedule(issue=issue, publish_at=timezone.now() + timedelta(days=1))


def test_a_scheduled_issue_waits_for_its_date_then_the_command_publishes_it(
    draft, subscribers, django_capture_on_commit_callbacks
):
    publish_at = timezone.now() + timedelta(days=2)
    issue_schedule(issue=draft, publish_at=publish_at)
    draft.refresh_from_db()
    assert draft.status == Status.SCHEDULED and draft.publish_at == publish_at

    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_due_issues", stdout=io.StringIO())
        assert publish_due_issues(now=publish_at - timedelta(minutes=1)) == []
    assert Issue.objects.get(pk=draft.pk).status == Status.SCHEDULED
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        assert publish_due_issues(now=publish_at + timedelta(minutes=3)) == [draft]
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_at == publish_at  # readers saw it from its date
    assert len(mail.outbox) == 3

    with django_capture_on_commit_callbacks(execute=True):
        assert publish_due_issues(now=publish_at + timedelta(minutes=6)) == []
    assert len(mail.outbox) == 3


def test_the_command_publishes_due_issues(draft, subscribers, django_capture_on_commit_callbacks, capsys):
    Issue.objects.filter(pk=draft.pk).update(status=Status.SCHEDULED, publish_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_due_issues")
    assert "10 (160)" in capsys.readouterr().out
    assert Issue.objects.get(pk=draft.pk).status == Status.PUBLISHED
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_due_issues")
    assert "0 issue(s) published" in capsys.readouterr().out
    assert len(mail.outbox) == 3


def test_publishing_a_scheduled_issue_before_its_date_dates_it_now(draft, django_capture_on_commit_callbacks):
    issue_schedule(issue=draft, publish_at=timezone.now() + timedelta(days=5))
    before = timezone.now()
    publish(draft, django_capture_on_commit_callbacks)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and before <= draft.published_at <= timezone.now()


def test_a_scheduled_issue_goes_back_to_draft(draft):
    issue_schedule(issue=draft, publish_at=timezone.now() + timedelta(days=1))
    issue_unschedule(issue=draft)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.publish_at is None
    with pytest.raises(ValidationError):
        issue_unschedule(issue=draft)


def test_publishing_makes_the_articles_searchable_and_a_draft_leaves_the_search(
    draft, django_capture_on_commit_callbacks
):
    article = Article.objects.create(issue=draft, slug="water", title_ru="Водоснабжение Кумбела")
    entries = SearchEntry.objects.filter(kind=SearchEntry.Kind.ARTICLE, object_id=article.pk)
    issue_schedule(issue=draft, publish_at=timezone.now() + timedelta(days=1))
    assert not entries.exists()
    publish(draft, django_capture_on_commit_callbacks)
    assert entries.exists()
