"""The report page: active subscriptions by plan and revenue by month, drawn as an inline SVG bar
chart with a table of the same numbers, in a fixed number of queries."""

import datetime
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from magazine.models import Payment, Subscription
from magazine.reports import active_by_plan, nice_ceiling, revenue_by_month, revenue_chart

pytestmark = pytest.mark.django_db

URL = "/admin/magazine/subscription/report/"
BISHKEK = ZoneInfo("Asia/Bishkek")
TODAY = datetime.date(2026, 10, 15)


@pytest.fixture
def editor_client(client, editor, settings):
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def paid(order, when):
    Payment.objects.filter(pk=order.payment.pk).update(paid_at=when)
    return order


def at(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=BISHKEK)


# --- active subscriptions by plan --------------------------------------------------------------


def test_it_counts_active_subscriptions_and_printed_copies_by_plan(make_member, make_order, plans):
    make_order(make_member(email="a@example.kg"), plan=plans["electronic"])
    make_order(make_member(email="b@example.kg"), plan=plans["electronic"])
    make_order(make_member(email="c@example.kg"), plan=plans["print"], copies=5)
    make_order(make_member(email="d@example.kg"), plan=plans["combined"], copies=2)
    make_order(make_member(email="e@example.kg"), plan=plans["print"], paid=False)  # requested
    make_order(
        make_member(email="f@example.kg"),
        plan=plans["combined"],
        starts_on=datetime.date(2024, 1, 1),
        status=Subscription.Status.EXPIRED,
    )
    rows = {row.plan.kind: (row.subscriptions, row.copies) for row in active_by_plan()}
    assert rows == {"electronic": (2, 2), "print": (1, 5), "combined": (1, 2)}


def test_a_plan_no_longer_offered_is_listed_while_it_has_subscribers(make_member, make_order, plans):
    plans["print"].is_active = False
    plans["print"].save()
    plans["combined"].is_active = False
    plans["combined"].save()
    make_order(make_member(email="a@example.kg"), plan=plans["combined"])
    assert [row.plan.kind for row in active_by_plan()] == ["electronic", "combined"]


def test_active_by_plan_is_one_query(django_assert_num_queries, make_member, make_order, plans):
    for number in range(4):
        make_order(make_member(email=f"m{number}@example.kg"), plan=plans["print"])
    with django_assert_num_queries(1):
        active_by_plan()


# --- revenue by month --------------------------------------------------------------------------


@pytest.fixture
def payments(make_member, make_order, make_issue, plans):
    member = make_member(email="payer@example.kg")
    issue = make_issue(2026, 5)
    paid(make_order(member, plan=plans["electronic"]), at(2026, 10, 3))  # 1200
    paid(make_order(member, plan=plans["combined"]), at(2026, 10, 14))  # 2400
    paid(make_order(member, issue=issue), at(2026, 10, 1, hour=2))  # 150; 30 Sept. in UTC
    paid(make_order(member, plan=plans["print"]), at(2026, 8, 20))  # 1800
    paid(make_order(member, issue=issue), at(2025, 10, 31))  # 150: 12 months ago, outside
    make_order(member, plan=plans["print"], paid=False)  # pending: not revenue
    cancelled = make_order(member, issue=issue, paid=False)
    Payment.objects.filter(pk=cancelled.payment.pk).update(status=Payment.Status.CANCELLED, paid_at=at(2026, 9, 1))


def test_revenue_is_summed_by_the_local_month_of_payment(payments):
    rows = revenue_by_month(today=TODAY)
    expected = [datetime.date(2025, 11, 1), datetime.date(2025, 12, 1)] + [
        datetime.date(2026, m, 1) for m in range(1, 11)
    ]
    assert [row.month for row in rows] == expected
    by_month = {row.month: (row.subscriptions, row.purchases, row.total, row.payments) for row in rows}
    assert by_month[datetime.date(2026, 10, 1)] == (Decimal(3600), Decimal(150), Decimal(3750), 3)
    assert by_month[datetime.date(2026, 8, 1)] == (Decimal(1800), Decimal(0), Decimal(1800), 1)
    assert by_month[datetime.date(2026, 9, 1)] == (0, 0, 0, 0)
    assert sum(row.total for row in rows) == Decimal(5550)


def test_revenue_by_month_is_one_query(django_assert_num_queries, payments):
    with django_assert_num_queries(1):
        revenue_by_month(today=TODAY)


def test_the_chart_scales_bars_to_a_round_top(payments):
    chart = revenue_chart(revenue_by_month(today=TODAY))
    assert len(chart["bars"]) == 12
    assert chart["grid"][-1]["value"] == 5000  # 3750 rounds up to 5000
    october = chart["bars"][-1]
    plot_height = chart["baseline"] - chart["grid"][-1]["y"]
    assert october["subscriptions"]["height"] == pytest.approx(plot_height * 3600 / 5000, abs=0.1)
    assert october["purchases"]["y"] + october["purchases"]["height"] == pytest.approx(
        october["subscriptions"]["y"], abs=0.1
    )
    assert chart["bars"][-2]["subscriptions"]["height"] == 0


@pytest.mark.parametrize(
    ("value", "top"), [(0, 1), (7, 10), (12, 20), (3750, 5000), (2400, 2500), (10_000, 10_000), (10_001, 20_000)]
)
def test_nice_ceiling(value, top):
    assert nice_ceiling(Decimal(value)) == top


# --- the page ----------------------------------------------------------------------------------


def test_the_report_shows_the_numbers_a_chart_and_a_table(editor_client, payments, plans):
    response = editor_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<svg viewBox="0 0 720 260"' in page and 'role="img"' in page
    assert page.count("<rect ") >= 3
    assert "<script" not in page.split('id="content-main"')[1]
    months = response.context["months"]
    assert len(months) == 12
    total = sum(row.total for row in months)
    assert response.context["revenue_total"] == total
    assert "electronic 12" in page and "Active subscriptions" in page
    this_month = timezone.localdate().strftime("%B %Y")
    assert this_month in page  # the table's month names


def test_the_chart_coordinates_are_not_localized(client, editor, payments, settings):
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(URL).content.decode()
    start = page.index("<svg viewBox")
    svg = page[start : page.index("</svg>", start)]
    assert 'height="' in svg
    assert not re.search(r'(x|y|width|height)="[0-9]+,[0-9]', svg)  # "12,5" would break the drawing


def test_the_report_runs_a_fixed_number_of_queries(editor_client, make_member, make_order, plans, make_issue):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(URL).status_code == 200
        return len(queries)

    make_order(make_member(email="first@example.kg"), plan=plans["print"])
    few = count()
    issue = make_issue(2026, 2)
    for number in range(6):
        member = make_member(email=f"m{number}@example.kg")
        make_order(member, plan=plans["electronic" if number % 2 else "combined"])
        make_order(member, issue=issue)
    assert count() == few


def test_ulsg_admins_see_the_report_members_do_not(client, ulsg_admin, servant):
    client.force_login(ulsg_admin)
    assert client.get(URL).status_code == 200
    client.force_login(servant)
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.logout()
    assert client.get(URL).status_code == 302


def test_staff_without_the_permission_get_403(client, make_member):
    from accounts.roles import Role

    clerk = make_member(Role.SERVANT, email="clerk@example.kg")
    clerk.is_staff = True
    clerk.save()
    client.force_login(clerk)
    assert client.get(URL).status_code == 403


def test_the_report_refuses_other_methods(editor_client):
    assert editor_client.post(URL).status_code == 405
