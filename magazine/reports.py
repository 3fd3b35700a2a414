"""What the editors' tools compute: the print mailing list of a month, active subscriptions by
plan and revenue by month (with the geometry of its bar chart). Each is a fixed number of
queries, whatever the number of subscribers and payments.
"""

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DateField, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from magazine.models import Payment, Plan, Subscription
from portal.collation import sort_key
from portal.spreadsheets import neutralize

PRINT_KINDS = (Plan.Kind.PRINT, Plan.Kind.COMBINED)


def first_of_month(day):
    return day.replace(day=1)


def add_months(day, months):
    """The first day of the month `months` after (or before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


# --- the print mailing list ---------------------------------------------------------------------


@dataclass(frozen=True)
class MailingRow:
    name: str
    organization: str
    address: str
    copies: int


def mailing_list(month):
    """Who receives the printed issue of `month` (any day in it): print and combined subscriptions
    whose period covers the month (as for downloads, the issue's month counts from its first day;
    an expired subscription still covers the months it paid for). One query; sorted by
    organization, then name, in the Kyrgyz alphabet."""
    subscriptions = (
        Subscription.objects.covering(first_of_month(month))
        .filter(plan__kind__in=PRINT_KINDS)
        .select_related("user__municipality")
        .order_by("pk")
    )
    rows = [
        MailingRow(
            name=(subscription.recipient or subscription.user.get_full_name() or subscription.user.email).strip(),
            organization=(subscription.user.place or "").strip(),
            address=" ".join(subscription.delivery_address.split()),
            copies=subscription.copies,
        )
        for subscription in subscriptions
    ]
    return sorted(rows, key=lambda row: (sort_key(row.organization), sort_key(row.name)))


def mailing_list_csv(rows, header):
    """The rows as CSV text with a header, UTF-8 with a byte-order mark (so that Excel reads
    Cyrillic), every text cell neutralized."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralize(str(title)) for title in header])
    for row in rows:
        writer.writerow([neutralize(row.name), neutralize(row.organization), neutralize(row.address), row.copies])
    return "\ufeff" + buffer.getvalue()


# --- the report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    plan: Plan
    subscriptions: int
    copies: int


def active_by_plan(on=None):
    """Every plan with its subscriptions active on `on` (today) and their printed copies; one query.
    Plans no longer offered appear while they have active subscriptions."""
    on = on or timezone.localdate()
    active = Q(
        subscriptions__status=Subscription.Status.ACTIVE,
        subscriptions__starts_on__lte=on,
        subscriptions__ends_on__gte=on,
    )
    plans = Plan.objects.annotate(
        active_total=Count("subscriptions", filter=active),
        copies_total=Sum("subscriptions__copies", filter=active),
    ).order_by("order", "kind", "months", "pk")
    return [
        PlanRow(plan=plan, subscriptions=plan.active_total, copies=plan.copies_total or 0)
        for plan in plans
        if plan.is_active or plan.active_total
    ]


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date
    subscriptions: Decimal
    purchases: Decimal
    payments: int

    @property
    def total(self):
        return self.subscriptions + self.purchases


def revenue_by_month(months=12, today=None):
    """The paid payments of the last `months` months (this one included) by the month they were
    paid in, split into subscriptions and single issues; months without a payment are zero. One query."""
    today = today or timezone.localdate()
    start = add_months(first_of_month(today), -(months - 1))
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    sums = (
        Payment.objects.filter(status=Payment.Status.PAID, paid_at__gte=since)
        .annotate(month=TruncMonth("paid_at", output_field=DateField()))
        .values("month")
        .annotate(
            subscriptions=Sum("amount", filter=Q(subscription__isnull=False)),
            purchases=Sum("amount", filter=Q(purchase__isnull=False)),
            payments=Count("pk"),
        )
        .order_by("month")
    )
    found = {row["month"]: row for row in sums}
    rows = []
    for offset in range(months):
        month = add_months(start, offset)
        row = found.get(month, {})
        rows.append(
            MonthRow(
                month=month,
                subscriptions=row.get("subscriptions") or Decimal(0),
                purchases=row.get("purchases") or Decimal(0),
                payments=row.get("payments") or 0,
            )
        )
    return rows


# --- the chart ----------------------------------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT = 720, 260
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 64, 8, 12, 36


def nice_ceiling(value):
    """The axis' top: 1, 2, 2.5 or 5 times a power of ten, at least `value` (and at least 1)."""
    if value <= 0:
        return Decimal(1)
    power = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def revenue_chart(rows, ticks=4):
    """The geometry of a stacked bar chart of `rows` (MonthRow) in SVG user units, so the template
    only draws it: bars (one per month, subscriptions below, single issues above) and grid lines."""
    plot_width = CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT
    plot_height = CHART_HEIGHT - PLOT_TOP - PLOT_BOTTOM
    top = nice_ceiling(max((row.total for row in rows), default=0))
    slot = plot_width / max(len(rows), 1)
    bar_width = slot * 0.62
    baseline = PLOT_TOP + plot_height

    def height(amount):
        return round(float(amount / top) * plot_height, 1)

    bars = []
    for index, row in enumerate(rows):
        x = round(PLOT_LEFT + index * slot + (slot - bar_width) / 2, 1)
        lower, upper = height(row.subscriptions), height(row.purchases)
        bars.append(
            {
                "row": row,
                "x": x,
                "width": round(bar_width, 1),
                "label_x": round(x + bar_width / 2, 1),
                "subscriptions": {"y": round(baseline - lower, 1), "height": lower},
                "purchases": {"y": round(baseline - lower - upper, 1), "height": upper},
            }
        )
    grid = [
        {"value": top * step / ticks, "y": round(baseline - plot_height * step / ticks, 1)} for step in range(ticks + 1)
    ]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": PLOT_LEFT,
        "right": CHART_WIDTH - PLOT_RIGHT,
        "baseline": baseline,
        "label_y": baseline + 20,
        "bars": bars,
        "grid": grid,
    }
