"""Requesting a subscription at /<lang>/magazine/subscribe/, the e-mail with the payment
instructions, and the period a confirmed subscription gets."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from accounts.models import User
from accounts.roles import Role
from magazine import subscriptions
from magazine.models import Payment, Subscription
from portal.models import OutboxEmail

pytestmark = pytest.mark.django_db

URL = "/{lang}/magazine/subscribe/"
ADDRESS = "ул. Ленина 12, с. Кумбел, Ысык-Көл району, 722300"


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    """subscribe(plan, lang="ky", **fields) as the signed-in member; e-mails on commit are sent."""

    def post(plan, lang="ky", **fields):
        data = {"plan": plan.pk if plan else "", "recipient": "", "delivery_address": "", "copies": "1", **fields}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL.format(lang=lang), data)

    return post


def assert_nothing_ordered():
    assert not Subscription.objects.exists()
    assert not Payment.objects.exists()
    assert mail.outbox == []


# --- who may subscribe ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SERVANT, Role.DEPUTY])
def test_an_approved_member_requests_an_electronic_subscription(client, make_member, plans, subscribe, role):
    member = make_member(role)
    client.force_login(member)
    response = subscribe(plans["electronic"])
    subscription = Subscription.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ky/magazine/orders/{subscription.payment.reference}/"
    assert subscription.user == member
    assert subscription.status == Subscription.Status.REQUESTED
    assert subscription.plan == plans["electronic"]
    assert (subscription.copies, subscription.recipient, subscription.delivery_address) == (1, "", "")
    assert subscription.payment.status == Payment.Status.PENDING
    assert subscription.payment.amount == 1200
    assert subscription.starts_on is None and subscription.ends_on is None
    assert len(mail.outbox) == 1


def test_a_member_waiting_for_approval_may_subscribe(client, pending_member, plans, subscribe):
    """Paying does not need the Union's approval: a visitor who signs up on the way orders at once."""
    client.force_login(pending_member)
    html = client.get(URL.format(lang="en")).content.decode()
    assert 'name="plan"' in html
    assert subscribe(plans["electronic"]).status_code == 302
    assert Subscription.objects.get().user == pending_member


def test_a_rejected_applicant_is_told_and_cannot_subscribe(client, make_member, plans, subscribe):
    rejected = make_member(Role.SERVANT, status=User.Status.REJECTED, email="no@example.kg")
    client.force_login(rejected)
    html = client.get(URL.format(lang="en")).content.decode()
    assert 'data-testid="order-closed"' in html
    assert 'name="plan"' not in html
    assert subscribe(plans["electronic"]).status_code == 403
    assert_nothing_ordered()


def test_a_visitor_sees_the_plans_and_is_offered_to_sign_in_or_up_and_come_back(client, plans):
    html = client.get(URL.format(lang="ky")).content.decode()
    assert html.count('data-testid="plan"') == 3
    assert 'name="plan"' not in html  # no form to fill before signing in
    assert 'href="/ky/accounts/login/?next=/ky/magazine/subscribe/"' in html
    assert 'href="/ky/accounts/signup/?next=/ky/magazine/subscribe/"' in html


def test_a_visitor_who_posts_is_sent_to_sign_in_and_nothing_is_ordered(client, plans, subscribe):
    response = subscribe(plans["electronic"])
    assert response.status_code == 302
    assert response["Location"] == "/ky/accounts/login/?next=/ky/magazine/subscribe/"
    assert_nothing_ordered()


def test_signing_up_on_the_way_keeps_the_way_back_to_the_plans(client, municipality):
    """allauth carries `next` through the sign-up form; see the report for the confirmation step."""
    html = client.get("/ky/accounts/signup/?next=/ky/magazine/subscribe/").content.decode()
    assert 'value="/ky/magazine/subscribe/"' in html


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_not_allowed(client, servant, method):
    client.force_login(servant)
    assert getattr(client, method)(URL.format(lang="ky")).status_code == 405


def test_the_form_needs_the_csrf_token(servant, plans):
    client = Client(enforce_csrf_checks=True)
    client.force_login(servant)
    assert client.post(URL.format(lang="ky"), {"plan": plans["electronic"].pk}).status_code == 403
    assert_nothing_ordered()


# --- print, copies and bad input ------------------------------------------------------------------


def test_a_print_subscription_carries_the_delivery_and_costs_per_copy(client, servant, plans, subscribe):
    client.force_login(servant)
    response = subscribe(plans["print"], recipient="Кумбел айыл өкмөтү", delivery_address=f"  {ADDRESS}\n", copies="3")
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.copies == 3
    assert subscription.recipient == "Кумбел айыл өкмөтү"
    assert subscription.delivery_address == ADDRESS
    assert subscription.payment.amount == 3 * 1800


def test_an_electronic_subscription_ignores_delivery_details(client, servant, plans, subscribe):
    client.force_login(servant)
    subscribe(plans["electronic"], recipient="X", delivery_address=ADDRESS, copies="7")
    subscription = Subscription.objects.get()
    assert (subscription.copies, subscription.recipient, subscription.delivery_address) == (1, "", "")
    assert subscription.payment.amount == 1200


@pytest.mark.parametrize(
    ("kind", "fields", "message"),
    [
        ("print", {"delivery_address": ""}, "Give the address where the printed magazine should be delivered."),
        ("combined", {"delivery_address": "   "}, "Give the address where the printed magazine should be delivered."),
        ("print", {"delivery_address": ADDRESS, "copies": "0"}, "Choose between 1 and 50 copies."),
        ("print", {"delivery_address": ADDRESS, "copies": "500"}, "Choose between 1 and 50 copies."),
        ("print", {"delivery_address": ADDRESS, "copies": ""}, "Choose between 1 and 50 copies."),
        ("print", {"delivery_address": ADDRESS, "copies": "two"}, "Write the number of copies in digits."),
    ],
)
def test_bad_delivery_details_are_explained_and_nothing_is_ordered(
    client, servant, plans, subscribe, kind, fields, message
):
    client.force_login(servant)
    response = subscribe(plans[kind], lang="en", **fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'data-testid="form-errors"' in html
    assert f'value="{plans[kind].pk}" id="plan-{plans[kind].pk}" checked' in html  # the choice is kept
    assert_nothing_ordered()


def test_every_mistake_is_told_at_once(client, servant, plans, subscribe):
    client.force_login(servant)
    html = subscribe(plans["print"], lang="en", delivery_address="", copies="500").content.decode()
    assert "Give the address where the printed magazine should be delivered." in html
    assert "Choose between 1 and 50 copies." in html
    assert_nothing_ordered()


def test_an_inactive_or_missing_plan_is_refused(client, servant, plans, subscribe):
    client.force_login(servant)
    plans["combined"].is_active = False
    plans["combined"].save()
    html = subscribe(plans["combined"], lang="en", delivery_address=ADDRESS).content.decode()
    assert "This plan is no longer offered; choose another." in html
    assert "Choose a plan." in subscribe(None, lang="en").content.decode()
    assert_nothing_ordered()


def test_the_service_refuses_an_inactive_plan_and_a_print_plan_without_address(servant, plans):
    plans["electronic"].is_active = False
    with pytest.raises(subscriptions.ValidationError):
        subscriptions.subscription_request(user=servant, plan=plans["electronic"])
    with pytest.raises(subscriptions.ValidationError) as refused:
        subscriptions.subscription_request(user=servant, plan=plans["print"], copies=2)
    assert "delivery_address" in refused.value.error_dict
    assert_nothing_ordered()


def test_the_bad_messages_read_in_the_readers_language(client, servant, plans, subscribe):
    client.force_login(servant)
    html = subscribe(plans["print"], lang="ru", delivery_address="").content.decode()
    with translation.override("ru"):
        assert translation.gettext("Give the address where the printed magazine should be delivered.") in html
    assert '<html lang="ru">' in html


def test_asking_twice_returns_the_waiting_request(client, servant, plans, subscribe):
    client.force_login(servant)
    first = subscribe(plans["print"], delivery_address=ADDRESS, copies="2")
    second = subscribe(plans["print"], delivery_address=ADDRESS, copies="2")
    assert first["Location"] == second["Location"]
    assert Subscription.objects.count() == 1
    assert len(mail.outbox) == 1
    # another address is another order
    subscribe(plans["print"], delivery_address="Бишкек, ул. Киевская 96", copies="2")
    assert Subscription.objects.count() == 2


def test_the_renewal_link_ticks_the_plan_and_the_last_delivery_is_filled_in(client, servant, plans, make_order):
    make_order(servant, plan=plans["print"], delivery_address=ADDRESS, recipient="Айыл өкмөтү", copies=4)
    client.force_login(servant)
    html = client.get(URL.format(lang="ky") + f"?plan={plans['print'].pk}").content.decode()
    assert f'id="plan-{plans["print"].pk}" checked' in html
    assert ADDRESS in html
    assert 'value="Айыл өкмөтү"' in html
    assert 'value="4"' in html


# --- the e-mail with the payment instructions -------------------------------------------------------


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_member_gets_the_payment_instructions_in_their_language(
    client, make_member, plans, subscribe, settings, lang
):
    member = make_member(Role.SERVANT, preferred_language=lang, email=f"{lang}@example.kg")
    client.force_login(member)
    subscribe(plans["combined"], lang="en", delivery_address=ADDRESS, copies="2")  # the page's language is not theirs
    payment = Payment.objects.get()
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert payment.reference in message.subject
    body = message.body
    assert "4\u00a0800\u00a0сом" in body  # 2 × 2 400 som, grouped as the language writes it
    assert body.count(payment.reference) >= 3  # the reference, the purpose, the sentence about it
    assert settings.MAGAZINE_BANK_DETAILS["account"] in body
    assert settings.MAGAZINE_BANK_DETAILS["bik"] in body
    assert ADDRESS in body
    assert f"http://127.0.0.1:8000/{lang}/magazine/orders/{payment.reference}/" in body
    with translation.override(lang):
        assert translation.gettext("Thank you for ordering the Municipality magazine.") in body
        assert (
            translation.gettext("%(reference)s, payment for the Municipality magazine")
            % {"reference": payment.reference}
            in body
        )
    assert OutboxEmail.objects.filter(key=f"magazine-order:{payment.reference}").count() == 1


# --- the period of an activated subscription --------------------------------------------------------


def activate(subscription, editor, today):
    """Activate as if the editor confirmed the payment on `today`."""
    Payment.objects.filter(pk=subscription.payment_id).update(status=Payment.Status.PAID)
    subscriptions.subscription_activate(subscription=subscription, confirmed_by=editor, today=today)
    return subscription.starts_on, subscription.ends_on


@pytest.mark.parametrize(
    ("today", "months", "starts_on", "ends_on"),
    [
        (datetime.date(2026, 11, 20), 12, datetime.date(2026, 11, 1), datetime.date(2027, 10, 31)),
        (datetime.date(2026, 11, 1), 6, datetime.date(2026, 11, 1), datetime.date(2027, 4, 30)),
        (datetime.date(2026, 12, 31), 6, datetime.date(2026, 12, 1), datetime.date(2027, 5, 31)),
        (datetime.date(2027, 1, 1), 12, datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)),
        (datetime.date(2027, 9, 15), 6, datetime.date(2027, 9, 1), datetime.date(2028, 2, 29)),  # leap year
    ],
)
def test_a_subscription_runs_from_the_first_of_the_month_for_its_months(
    servant, editor, plans, today, months, starts_on, ends_on
):
    plan = plans["electronic"]
    plan.months = months
    plan.save()
    subscription = subscriptions.subscription_request(user=servant, plan=plan)
    assert activate(subscription, editor, today) == (starts_on, ends_on)


def test_a_renewal_continues_the_running_subscription_of_the_same_kind(servant, editor, plans, make_order):
    make_order(servant, plan=plans["electronic"], starts_on=datetime.date(2026, 1, 1))  # until 31 Dec 2026
    renewal = subscriptions.subscription_request(user=servant, plan=plans["electronic"])
    assert activate(renewal, editor, datetime.date(2026, 12, 10)) == (
        datetime.date(2027, 1, 1),
        datetime.date(2027, 12, 31),
    )


def test_a_subscription_of_another_kind_starts_at_once(servant, editor, plans, make_order):
    make_order(servant, plan=plans["electronic"], starts_on=datetime.date(2026, 1, 1))
    other = subscriptions.subscription_request(user=servant, plan=plans["print"], delivery_address=ADDRESS)
    assert activate(other, editor, datetime.date(2026, 12, 10)) == (
        datetime.date(2026, 12, 1),
        datetime.date(2027, 11, 30),
    )


def test_an_ended_subscription_is_not_extended(servant, editor, plans, make_order):
    make_order(servant, plan=plans["electronic"], starts_on=datetime.date(2025, 1, 1))  # ended 31 Dec 2025
    renewal = subscriptions.subscription_request(user=servant, plan=plans["electronic"])
    assert activate(renewal, editor, datetime.date(2026, 3, 2)) == (
        datetime.date(2026, 3, 1),
        datetime.date(2027, 2, 28),
    )


def test_another_members_subscription_does_not_extend_mine(servant, deputy, editor, plans, make_order):
    make_order(deputy, plan=plans["electronic"], starts_on=datetime.date(2026, 1, 1))
    mine = subscriptions.subscription_request(user=servant, plan=plans["electronic"])
    assert activate(mine, editor, datetime.date(2026, 12, 10))[0] == datetime.date(2026, 12, 1)


def test_add_months_keeps_the_day_or_the_months_last():
    assert subscriptions.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert subscriptions.add_months(datetime.date(2026, 12, 1), 1) == datetime.date(2027, 1, 1)
    assert subscriptions.add_months(datetime.date(2026, 12, 15), 14) == datetime.date(2028, 2, 15)
