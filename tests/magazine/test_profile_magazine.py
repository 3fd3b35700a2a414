"""The "Magazine" section of the member's profile: their subscriptions and single issues, with
their state, period, reference and links, in a fixed number of queries."""

import datetime

import pytest
from django.utils import formats, translation

from magazine.models import Subscription

pytestmark = pytest.mark.django_db

URL = "/{lang}/accounts/profile/"


@pytest.fixture
def orders(servant, plans, make_order, make_issue):
    """One subscription in every state, a paid and a waiting purchase."""
    today = datetime.date.today()
    return {
        "active": make_order(servant, plan=plans["electronic"], starts_on=today.replace(day=1)),
        "requested": make_order(servant, plan=plans["print"], paid=False, delivery_address="Кумбел", copies=3),
        "expired": make_order(
            servant, plan=plans["combined"], starts_on=datetime.date(2024, 1, 1), status=Subscription.Status.EXPIRED
        ),
        "paid_issue": make_order(servant, issue=make_issue(2026, 4)),
        "waiting_issue": make_order(servant, issue=make_issue(2026, 5), paid=False),
    }


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_it_lists_my_subscriptions_and_purchases_with_their_state(client, servant, orders, lang):
    client.force_login(servant)
    html = client.get(URL.format(lang=lang)).content.decode()
    assert 'id="my-magazine"' in html
    assert html.count('data-testid="my-subscription"') == 3
    assert html.count('data-testid="my-purchase"') == 2
    for order in orders.values():
        assert f'href="/{lang}/magazine/orders/{order.payment.reference}/"' in html
    with translation.override(lang):
        assert str(Subscription.Status.REQUESTED.label) in html
    # the paid issue can be downloaded from here, the waiting one cannot
    assert f'href="/{lang}/magazine/2026/4/pdf/ru/"' in html
    assert f'href="/{lang}/magazine/2026/5/pdf/ru/"' not in html
    assert f'href="/{lang}/magazine/subscribe/"' in html


def test_it_shows_the_period_of_a_subscription(client, servant, orders):
    client.force_login(servant)
    html = client.get(URL.format(lang="en")).content.decode()
    active = orders["active"]
    assert "active until" in html
    assert "ended on" in html
    assert "3 copies" in html
    with translation.override("en"):
        period = f"{formats.date_format(active.starts_on)} – {formats.date_format(active.ends_on)}"
    assert period in html


def test_a_member_without_orders_is_invited_to_subscribe(client, servant):
    client.force_login(servant)
    html = client.get(URL.format(lang="en")).content.decode()
    assert "You have no subscription to the Municipality magazine yet." in html
    assert 'href="/en/magazine/subscribe/"' in html


def test_it_shows_only_my_own_orders(client, servant, deputy, plans, make_order):
    theirs = make_order(deputy, plan=plans["electronic"])
    client.force_login(servant)
    html = client.get(URL.format(lang="en")).content.decode()
    assert theirs.payment.reference not in html
    assert 'data-testid="my-subscription"' not in html


def test_the_number_of_queries_does_not_grow_with_the_orders(
    client, servant, orders, plans, make_order, make_issue, django_assert_num_queries
):
    client.force_login(servant)
    # 1 session, 2 user, 3 proposals, 4 groups, 5 municipality, 6 region (the profile itself);
    # 7 the member's payments with their subscriptions and plans or purchases and issues (one join),
    # 8 the bought issues' editions
    with django_assert_num_queries(8):
        client.get(URL.format(lang="ru"))
    for number in range(6, 10):
        make_order(servant, issue=make_issue(2026, number))
        make_order(servant, plan=plans["electronic"], paid=False)
    with django_assert_num_queries(8):
        html = client.get(URL.format(lang="ru")).content.decode()
    assert html.count('data-testid="my-purchase"') == 6
