"""The one place that decides whether a user may download an issue's editions.

A user may download an edition when
- the issue is free (and visible), or
- they are an editor or ULSG admin (or a superuser), or
- they have an electronic or combined subscription whose period covers the
  issue's month (an expired subscription still covers the months it paid for), or
- they have a paid purchase of that issue.

Pages that list many issues ask `entitled_issue_ids` once (two queries), never
per issue.
"""

from accounts.roles import Role
from magazine.models import Plan, Purchase, Subscription

ELECTRONIC_KINDS = (Plan.Kind.ELECTRONIC, Plan.Kind.COMBINED)


def is_magazine_staff(user):
    return user.is_authenticated and (user.is_superuser or bool(user.role_names & {Role.EDITOR, Role.ULSG_ADMIN}))


def _covering_periods(user):
    return list(
        Subscription.objects.filter(
            user=user,
            plan__kind__in=ELECTRONIC_KINDS,
            status__in=[Subscription.Status.ACTIVE, Subscription.Status.EXPIRED],
            starts_on__isnull=False,
            ends_on__isnull=False,
        ).values_list("starts_on", "ends_on")
    )


def _purchased_issue_ids(user, issue_ids=None):
    purchases = Purchase.objects.filter(user=user, status=Purchase.Status.PAID)
    if issue_ids is not None:
        purchases = purchases.filter(issue_id__in=issue_ids)
    return set(purchases.values_list("issue_id", flat=True))


def _entitled(issue, *, staff, periods, purchased):
    if staff:
        return True
    if not issue.is_visible:
        return False
    if issue.is_free:
        return True
    if issue.pk in purchased:
        return True
    month = issue.period_start
    return any(start <= month <= end for start, end in periods)


def may_download(user, issue):
    """May `user` download the editions of `issue`?"""
    staff = is_magazine_staff(user)
    if not user.is_authenticated or staff:
        return _entitled(issue, staff=staff, periods=[], purchased=set())
    if not user.is_active:
        return _entitled(issue, staff=False, periods=[], purchased=set())
    purchased = _purchased_issue_ids(user, [issue.pk])
    return _entitled(issue, staff=False, periods=_covering_periods(user), purchased=purchased)


def entitled_issue_ids(user, issues):
    """The ids of those `issues` the user may download, in at most two queries."""
    issues = list(issues)
    staff = is_magazine_staff(user)
    if user.is_authenticated and user.is_active and not staff:
        periods = _covering_periods(user)
        purchased = _purchased_issue_ids(user, [issue.pk for issue in issues])
    else:
        periods, purchased = [], set()
    return {issue.pk for issue in issues if _entitled(issue, staff=staff, periods=periods, purchased=purchased)}
