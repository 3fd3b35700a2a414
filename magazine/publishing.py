"""Publishing an issue, now or at its date, and telling the subscribers once.

    draft ──schedule──▶ scheduled ──(its date: publish_due_issues)──▶ published
      │  ◀──unschedule──┘    └──────────publish now───────────────────▲
      └─────────────────────────publish now───────────────────────────┘

Publishing writes one e-mail per active subscriber into the outbox (portal.mail)
in the same transaction as the new status: either the issue is published and
every notice is queued, or neither. The background worker then delivers them and
retries while the mail server fails. Each notice has a key per issue and member,
so publishing twice, a second run of the cron command or two processes at once
never queue a notice twice (the outbox's unique key decides, in the database).
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.services import send_email
from magazine.indexing import index_issue
from magazine.models import EditionLanguage, Issue, Subscription
from portal.models import OutboxEmail

logger = logging.getLogger(__name__)

Status = Issue.Status


def _lock(issue):
    """Read the issue's row again under a lock: two editors (or the editor and the cron job)
    pressing at the same moment make one step, not two."""
    return Issue.objects.select_for_update().get(pk=issue.pk)


def _refresh(issue, fresh, fields):
    for name in fields:
        setattr(issue, name, getattr(fresh, name))


@transaction.atomic
def issue_publish(*, issue, by=None, now=None):
    """draft / scheduled → published, and notify the subscribers.

    Returns True if the issue was published now, False if it already was (then
    nothing is done: publishing twice sends nothing twice). A scheduled issue whose
    date has passed keeps that date as its publication date: readers saw it from then.
    """
    now = now or timezone.now()
    fresh = _lock(issue)
    if fresh.status == Status.PUBLISHED:
        _refresh(issue, fresh, ["status", "published_at", "subscribers_notified_at"])
        return False
    if fresh.published_at is None:
        due = fresh.status == Status.SCHEDULED and fresh.publish_at and fresh.publish_at <= now
        fresh.published_at = fresh.publish_at if due else now
    fresh.status = Status.PUBLISHED
    fresh.save(update_fields=["status", "published_at", "updated_at"])
    notify_subscribers(fresh)
    _index(fresh)
    _refresh(issue, fresh, ["status", "published_at", "subscribers_notified_at", "updated_at"])
    logger.info("Issue %s published by %s", fresh.label, by or "the schedule")
    return True


@transaction.atomic
def issue_schedule(*, issue, publish_at, by=None, now=None):
    """draft (or scheduled, to change the date) → scheduled: it appears on `publish_at`."""
    now = now or timezone.now()
    if publish_at is None or publish_at <= now:
        raise ValidationError(_("Choose a date and time in the future."), code="publish_at_past")
    fresh = _lock(issue)
    if fresh.status == Status.PUBLISHED:
        raise ValidationError(
            _("Issue %(label)s is published already: it cannot be scheduled."),
            code="already_published",
            params={"label": fresh.label},
        )
    fresh.status = Status.SCHEDULED
    fresh.publish_at = publish_at
    fresh.save(update_fields=["status", "publish_at", "updated_at"])
    _refresh(issue, fresh, ["status", "publish_at", "updated_at"])
    return issue


@transaction.atomic
def issue_unschedule(*, issue, by=None):
    """scheduled → draft: the date is cleared and the issue waits again."""
    fresh = _lock(issue)
    if fresh.status != Status.SCHEDULED:
        raise ValidationError(
            _("Issue %(label)s is not scheduled."), code="not_scheduled", params={"label": fresh.label}
        )
    fresh.status = Status.DRAFT
    fresh.publish_at = None
    fresh.save(update_fields=["status", "publish_at", "updated_at"])
    _refresh(issue, fresh, ["status", "publish_at", "updated_at"])
    _index(fresh)  # a scheduled issue whose date had passed was in the search already
    return issue


def publish_due_issues(now=None):
    """Publish every scheduled issue whose date has come (the cron command). Returns them.

    Each issue in its own transaction, so one that fails does not hold back the others;
    running it again, or twice at once, publishes and notifies nothing twice.
    """
    now = now or timezone.now()
    published = []
    for issue in Issue.objects.due(now).order_by("publish_at", "pk"):
        try:
            if issue_publish(issue=issue, now=now):
                published.append(issue)
        except Exception:
            logger.exception("Could not publish the scheduled issue %s", issue.label)
    return published


# --- telling the subscribers --------------------------------------------------------------------


def _active_subscriptions(on=None):
    return Subscription.objects.active(on).filter(user__is_active=True).exclude(user__email="")


def subscriber_count(on=None):
    """How many members a new issue's announcement goes to (one query)."""
    return _active_subscriptions(on).values("user_id").distinct().count()


def subscribers(on=None):
    """The members to tell about a new issue: those with an active subscription of any kind on
    the day `on`, each once, with whether one of their subscriptions includes the electronic copy."""
    rows = _active_subscriptions(on).select_related("user", "plan").order_by("user_id", "pk")
    members = {}
    for subscription in rows:
        user = subscription.user
        member = members.setdefault(user.pk, {"user": user, "electronic": False, "print": False})
        member["electronic"] |= subscription.plan.includes_electronic
        member["print"] |= subscription.plan.includes_print
    return list(members.values())


def notify_subscribers(issue):
    """Queue the "new issue" e-mail for every active subscriber, in their language, once.

    Electronic and combined subscribers get the link to download; print-only ones are told
    their copy is on its way. Returns the number of e-mails queued now (0 when all were
    queued before). Only a published issue is announced.
    """
    if issue.status != Status.PUBLISHED:
        return 0
    # Lazy: each e-mail names the editions in its recipient's language ("Kyrgyz, Russian").
    labels = [EditionLanguage(code).label for code in sorted(issue.editions.values_list("language", flat=True))]
    edition_names = format_lazy(", ".join(["{}"] * len(labels)), *labels)
    members = {_key(issue, member["user"]): member for member in subscribers()}
    # Who was told before (a second run) is skipped without rendering; the outbox's unique key
    # still refuses a notice that another process queues at the same moment.
    told = set(OutboxEmail.objects.filter(key__in=members).values_list("key", flat=True))
    queued = 0
    for key, member in members.items():
        if key in told:
            continue
        user = member["user"]
        context = {
            "issue": issue,
            "issue_url": _absolute_url(issue, user.preferred_language),
            "electronic": member["electronic"],
            "print": member["print"],
            "edition_names": edition_names,
        }
        send_email(recipient=user, template="magazine_issue_published", context=context, key=key)
        queued += 1
    issue.subscribers_notified_at = timezone.now()
    Issue.objects.filter(pk=issue.pk).update(subscribers_notified_at=issue.subscribers_notified_at)
    return queued


def _key(issue, user):
    return f"issue-published:{issue.pk}:{user.pk}"


def _absolute_url(issue, language):
    """The issue's page in `language` (the URL prefix follows the active language)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return settings.SITE_URL + issue.get_absolute_url()


def _index(issue):
    """Articles of a published issue are found by the site search; a draft's are removed."""
    index_issue(issue)
