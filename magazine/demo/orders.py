"""The demo members' subscriptions and purchases, in every state a reader or an editor meets.

Rows are written directly, as magazine.subscriptions would leave them (amount = price ×
copies, periods from the first of a month to the last day of the last one, a "MUN-yymm-…"
reference), because its services e-mail the member and the demo must send nothing.
A member who already has an order of the kind is left alone, so a reload duplicates
nothing and keeps what someone did with the demo accounts.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from magazine.demo.months import shift_month
from magazine.models import Payment, Purchase, Subscription

# Months are offsets from the current one; "days" how long before now it was requested.
ORDERS = [
    {
        "code": "DEM2",
        "user": "subscriber@demo.kg",
        "plan": ("electronic", 12),
        "state": "active",
        "starts": -3,
    },
    {
        "code": "DEM3",
        "user": "expired@demo.kg",
        "plan": ("combined", 12),
        "state": "expired",
        "starts": -15,
        "recipient": "Семенова Ольга, городской кенеш Кара-Балты",
        "address": "г. Кара-Балта, ул. Кирова, 212, городской кенеш",
    },
    {
        "code": "DEM4",
        "user": "servant@demo.kg",
        "plan": ("print", 12),
        "state": "requested",
        "days": 2,
        "copies": 2,
        "recipient": "Кумбел айыл өкмөтү",
        "address": "Ысык-Көл облусу, Ысык-Көл району, Кумбел айылы, Борбордук көчөсү, 14",
    },
    {"code": "DEM5", "user": "deputy@demo.kg", "issue": -2, "state": "paid"},
]


@dataclass
class OrderReport:
    created: int = 0
    existing: int = 0


def _month_start(now, offset):
    year, month = shift_month(now.year, now.month, offset)
    return dt.date(year, month, 1)


def _at(day, hour):
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def _reference(moment, code):
    return f"MUN-{timezone.localtime(moment):%y%m}-{code}"


def _payment(data, *, amount, requested, paid, editor):
    payment = Payment.objects.create(
        reference=_reference(requested, data["code"]),
        amount=amount,
        status=Payment.Status.PAID if paid else Payment.Status.PENDING,
        paid_at=paid,
        confirmed_by=editor if paid else None,
    )
    Payment.objects.filter(pk=payment.pk).update(created_at=requested)  # auto_now_add said "now"
    return payment


def create_subscription(data, *, user, plan, editor, now):
    copies = data.get("copies", 1)
    fields = {"copies": copies, "recipient": data.get("recipient", ""), "delivery_address": data.get("address", "")}
    if data["state"] == "requested":
        requested, paid = now - dt.timedelta(days=data["days"], hours=3), None
        status = Subscription.Status.REQUESTED
    else:
        starts_on = _month_start(timezone.localdate(now), data["starts"])
        requested = _at(starts_on - dt.timedelta(days=5), 11)
        paid = requested + dt.timedelta(days=2, hours=4)
        ends_on = _month_start(starts_on, plan.months) - dt.timedelta(days=1)
        fields |= {"starts_on": starts_on, "ends_on": ends_on}
        status = Subscription.Status.ACTIVE if data["state"] == "active" else Subscription.Status.EXPIRED
        if status == Subscription.Status.EXPIRED:
            fields["reminder_sent_at"] = _at(ends_on - dt.timedelta(days=settings.MAGAZINE_REMINDER_DAYS), 8)
    payment = _payment(data, amount=plan.price * copies, requested=requested, paid=paid, editor=editor)
    subscription = Subscription.objects.create(user=user, plan=plan, payment=payment, status=status, **fields)
    Subscription.objects.filter(pk=subscription.pk).update(created_at=requested)
    return subscription


def create_purchase(data, *, user, issue, editor):
    requested = (issue.published_at or issue.created_at) + dt.timedelta(days=3, hours=2)
    paid = requested + dt.timedelta(days=1, hours=5)
    payment = _payment(data, amount=settings.MAGAZINE_ISSUE_PRICE, requested=requested, paid=paid, editor=editor)
    purchase = Purchase.objects.create(user=user, issue=issue, payment=payment, status=Purchase.Status.PAID)
    Purchase.objects.filter(pk=purchase.pk).update(created_at=requested)
    return purchase


def load_orders(*, users, plans, issues, editor, now):
    """Create the demo orders whose member has none of that kind yet.

    `users` by e-mail, `plans` by (kind, months), `issues` by offset (those just created or found).
    """
    report = OrderReport()
    for data in ORDERS:
        user = users.get(data["user"])
        kind = Purchase if "issue" in data else Subscription
        if user is None or kind.objects.filter(user=user).exists():
            report.existing += 1
            continue
        with transaction.atomic():
            if kind is Purchase:
                create_purchase(data, user=user, issue=issues[data["issue"]], editor=editor)
            else:
                create_subscription(data, user=user, plan=plans[data["plan"]], editor=editor, now=now)
        report.created += 1
    return report
