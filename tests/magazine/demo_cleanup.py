"""Removing the demo magazine that a test module committed with `load_demo` (not a test module).

tests/portal/test_load_demo.py calls it from its own clean-up, before deleting the demo
members and municipalities that the magazine's orders and readers refer to.
"""

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from magazine.demo.issues import ISSUES
from magazine.demo.months import shift_month
from magazine.demo.orders import ORDERS
from magazine.demo.rubrics import PLANS, RUBRICS
from magazine.models import Issue, Payment, Plan, Purchase, Rubric, Subscription

MAGAZINE_READERS = ("subscriber@demo.kg", "expired@demo.kg")


def demo_issues():
    today = timezone.localdate()
    wanted = Q(pk__in=[])
    for data in ISSUES:
        year, month = shift_month(today.year, today.month, data["offset"])
        wanted |= Q(year=year, number=month)
    return Issue.objects.filter(wanted)


def _delete_files(*fields):
    for field in fields:
        if field:
            field.storage.delete(field.name)


def remove_demo_magazine():
    """Delete the demo's orders, issues (with their covers, thumbnails and PDFs), rubrics, plans and readers."""
    members = {order["user"] for order in ORDERS}
    Purchase.objects.filter(user__email__in=members).delete()
    Subscription.objects.filter(user__email__in=members).delete()
    codes = Q(pk__in=[])
    for order in ORDERS:
        codes |= Q(reference__endswith=f"-{order['code']}")
    Payment.objects.filter(codes).delete()
    for issue in demo_issues():
        if issue.cover:
            _delete_files(issue.cover_card, issue.cover_large, issue.cover)
        _delete_files(*(edition.file for edition in issue.editions.all()))
        issue.delete()
    Rubric.objects.filter(slug__in=RUBRICS).delete()
    Plan.objects.filter(name_ru__in=[texts["ru"][0] for *_, texts in PLANS]).delete()
    User.objects.filter(email__in=MAGAZINE_READERS).delete()
