"""The payment step (magazine.payments): references, bank-transfer instructions, and confirming or
cancelling a payment, which activates or drops its order exactly once."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from magazine import payments, subscriptions
from magazine.entitlement import may_download
from magazine.models import Payment, Purchase, Subscription
from portal.models import OutboxEmail

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r"^MUN-\d{4}-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}$")
BANK = {
    "recipient": "Union of Local Self-Governments of the Kyrgyz Republic",
    "inn": "01234567890123",
    "bank": "Test Bank, Bishkek",
    "account": "1234567890123456",
    "bik": "123456",
}


@pytest.fixture
def request_subscription(django_capture_on_commit_callbacks):
    def request(user, plan, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return subscriptions.subscription_request(user=user, plan=plan, **fields)

    return request


@pytest.fixture
def confirm(django_capture_on_commit_callbacks):
    def run(payment, by):
        with django_capture_on_commit_callbacks(execute=True):
            return payments.confirm_payment(payment=payment, by=by)

    return run


# --- references -------------------------------------------------------------------------------


def test_it_creates_a_pending_payment_with_a_short_unambiguous_reference(servant):
    payment = payments.request_payment(amount=1200, user=servant, description="electronic 12")
    assert REFERENCE.match(payment.reference)
    assert not set(payment.reference[9:]) & set("O0I1")
    assert payment.status == Payment.Status.PENDING
    assert payment.amount == 1200
    assert payment.method == "bank_transfer"


def test_the_reference_names_the_year_and_month_of_the_request():
    import datetime

    assert payments.new_reference(datetime.date(2026, 11, 5)).startswith("MUN-2611-")
    assert payments.new_reference(datetime.date(2027, 1, 31)).startswith("MUN-2701-")


def test_references_are_unique(servant):
    references = {payments.request_payment(amount=1, user=servant, description="").reference for _ in range(200)}
    assert len(references) == 200 == Payment.objects.count()


def test_a_taken_reference_is_drawn_again(servant, monkeypatch):
    taken = payments.request_payment(amount=1, user=servant, description="").reference
    drawn = iter([taken, taken, "MUN-2611-ABCD"])
    monkeypatch.setattr(payments, "new_reference", lambda today=None: next(drawn))
    payment = payments.request_payment(amount=2, user=servant, description="")
    assert payment.reference == "MUN-2611-ABCD"
    assert Payment.objects.count() == 2


def test_it_gives_up_when_every_reference_is_taken(servant, monkeypatch):
    taken = payments.request_payment(amount=1, user=servant, description="").reference
    monkeypatch.setattr(payments, "new_reference", lambda today=None: taken)
    with pytest.raises(RuntimeError):
        payments.request_payment(amount=2, user=servant, description="")
    assert Payment.objects.count() == 1


def test_a_typed_reference_is_read_in_any_case():
    assert payments.normalize_reference(" mun-2611-7k3q ") == "MUN-2611-7K3Q"


# --- the method and its instructions ---------------------------------------------------------------


@override_settings(MAGAZINE_BANK_DETAILS=BANK)
def test_bank_transfer_instructions_give_the_bank_details_and_the_reference_in_the_purpose(servant):
    payment = payments.request_payment(amount=1800, user=servant, description="")
    details = payments.instructions(payment)
    assert details["method"] == "bank_transfer"
    assert details["amount"] == 1800
    assert details["reference"] == payment.reference
    for key, value in BANK.items():
        assert details[key] == value
    assert str(details["purpose"]).startswith(payment.reference)


def test_the_method_comes_from_the_settings():
    assert isinstance(payments.get_method(), payments.BankTransfer)
    with override_settings(MAGAZINE_PAYMENT_METHOD="card"), pytest.raises(ValueError):
        payments.get_method()


def test_the_settings_carry_placeholder_bank_details_until_configured(settings):
    assert settings.MAGAZINE_BANK_DETAILS["recipient"] == "Union of Local Self-Governments of the Kyrgyz Republic"
    for key in ("bank", "account", "bik"):
        assert "placeholder" in settings.MAGAZINE_BANK_DETAILS[key]


# --- confirming -----------------------------------------------------------------------------------


def test_confirming_activates_the_subscription_and_tells_the_member_once(
    servant, editor, plans, request_subscription, confirm
):
    subscription = request_subscription(servant, plans["electronic"])
    mail.outbox.clear()
    assert confirm(subscription.payment, editor) is True
    assert confirm(subscription.payment, editor) is False  # twice: nothing more
    subscription.refresh_from_db()
    payment = subscription.payment
    assert payment.status == Payment.Status.PAID
    assert payment.paid_at is not None
    assert payment.confirmed_by == editor
    assert subscription.status == Subscription.Status.ACTIVE
    assert subscription.starts_on and subscription.ends_on
    assert len(mail.outbox) == 1
    assert payment.reference in mail.outbox[0].body
    assert OutboxEmail.objects.filter(key=f"magazine-paid:{payment.reference}").count() == 1


def test_activating_the_subscription_itself_confirms_its_payment_too(
    servant, editor, plans, request_subscription, django_capture_on_commit_callbacks
):
    """The admin may act on the subscription rather than the payment: the same single step."""
    subscription = request_subscription(servant, plans["electronic"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert subscriptions.subscription_activate(subscription=subscription, confirmed_by=editor) is True
        assert subscriptions.subscription_activate(subscription=subscription, confirmed_by=editor) is False
    assert subscription.status == Subscription.Status.ACTIVE
    assert Payment.objects.get().status == Payment.Status.PAID
    assert len(mail.outbox) == 1


def test_confirming_a_purchase_opens_the_issue_to_the_member(
    servant, editor, make_issue, confirm, django_capture_on_commit_callbacks
):
    issue = make_issue(2026, 4)
    with django_capture_on_commit_callbacks(execute=True):
        purchase = subscriptions.purchase_request(user=servant, issue=issue)
    assert not may_download(servant, issue)
    mail.outbox.clear()
    assert confirm(purchase.payment, editor) is True
    assert confirm(purchase.payment, editor) is False
    purchase.refresh_from_db()
    assert purchase.status == Purchase.Status.PAID
    assert may_download(servant, issue)
    assert len(mail.outbox) == 1
    assert "/magazine/2026/4/" in mail.outbox[0].body


def test_marking_the_purchase_paid_itself_confirms_its_payment(servant, editor, make_issue):
    purchase = subscriptions.purchase_request(user=servant, issue=make_issue(2026, 4))
    assert subscriptions.purchase_mark_paid(purchase=purchase, confirmed_by=editor) is True
    assert purchase.status == Purchase.Status.PAID
    assert Payment.objects.get().confirmed_by == editor
    assert subscriptions.purchase_mark_paid(purchase=purchase, confirmed_by=editor) is False


def test_a_cancelled_payment_cannot_be_confirmed(servant, editor, plans):
    subscription = subscriptions.subscription_request(user=servant, plan=plans["electronic"])
    payments.cancel_payment(payment=subscription.payment, by=servant)
    with pytest.raises(ValidationError) as refused:
        payments.confirm_payment(payment=subscription.payment, by=editor)
    assert refused.value.code == "cancelled"
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELLED
    assert subscription.payment.status == Payment.Status.CANCELLED


# --- cancelling -----------------------------------------------------------------------------------


def test_cancelling_drops_the_order_once(servant, plans, make_issue):
    subscription = subscriptions.subscription_request(user=servant, plan=plans["electronic"])
    purchase = subscriptions.purchase_request(user=servant, issue=make_issue(2026, 4))
    for order in (subscription, purchase):
        assert payments.cancel_payment(payment=order.payment, by=servant) is True
        assert payments.cancel_payment(payment=order.payment, by=servant) is False
        order.refresh_from_db()
        assert order.status == "cancelled"
        assert order.payment.status == Payment.Status.CANCELLED


def test_a_paid_order_cannot_be_cancelled(servant, editor, plans):
    subscription = subscriptions.subscription_request(user=servant, plan=plans["electronic"])
    payments.confirm_payment(payment=subscription.payment, by=editor)
    with pytest.raises(ValidationError) as refused:
        payments.cancel_payment(payment=subscription.payment, by=servant)
    assert refused.value.code == "paid"
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE


# --- the order page: /<lang>/magazine/orders/<reference>/ ------------------------------------------

ORDER_URL = "/{lang}/magazine/orders/{reference}/"


@pytest.fixture
def order(servant, plans):
    return subscriptions.subscription_request(
        user=servant, plan=plans["print"], copies=2, delivery_address="Кумбел, ул. Ленина 1"
    )


def order_url(order, lang="ky"):
    return ORDER_URL.format(lang=lang, reference=order.payment.reference)


@override_settings(MAGAZINE_BANK_DETAILS=BANK)
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_member_sees_how_to_pay_with_the_reference_and_the_amount(client, servant, order, lang):
    client.force_login(servant)
    response = client.get(order_url(order, lang))
    assert response.status_code == 200
    html = response.content.decode()
    reference = order.payment.reference
    assert f'data-testid="reference">{reference}<' in html
    assert 'data-testid="amount">3\u00a0600\u00a0сом<' in html
    for value in BANK.values():
        assert value in html
    with translation.override(lang):
        state = Subscription.Status.REQUESTED.label
        purpose = translation.gettext("%(reference)s, payment for the Municipality magazine") % {"reference": reference}
        assert f'data-testid="order-state">{state}<' in html
        assert f'data-testid="purpose">{purpose}<' in html
    assert "Кумбел, ул. Ленина 1" in html
    assert 'name="robots" content="noindex"' in html
    assert 'data-testid="cancel-order"' in html


def test_a_lowercase_reference_finds_the_order(client, servant, order):
    client.force_login(servant)
    assert client.get(order_url(order).lower()).status_code == 200


def test_a_paid_subscription_shows_its_period_and_no_instructions(client, servant, editor, order):
    payments.confirm_payment(payment=order.payment, by=editor)
    order.refresh_from_db()
    client.force_login(servant)
    html = client.get(order_url(order, "en")).content.decode()
    assert 'data-testid="reference"' not in html  # no payment box any more
    assert 'data-testid="period"' in html
    assert "active until" in html
    assert 'data-testid="cancel-order"' not in html


def test_a_paid_purchase_links_its_editions(client, servant, editor, make_issue):
    purchase = subscriptions.purchase_request(user=servant, issue=make_issue(2026, 4))
    payments.confirm_payment(payment=purchase.payment, by=editor)
    client.force_login(servant)
    html = client.get(order_url(purchase, "ru")).content.decode()
    assert 'href="/ru/magazine/2026/4/pdf/ky/"' in html
    assert 'href="/ru/magazine/2026/4/pdf/ru/"' in html


def test_another_member_gets_a_404(client, deputy, order):
    client.force_login(deputy)
    assert client.get(order_url(order)).status_code == 404
    assert client.post(order_url(order), {"action": "cancel"}).status_code == 404
    order.refresh_from_db()
    assert order.status == Subscription.Status.REQUESTED


def test_an_unknown_reference_is_a_404(client, servant):
    client.force_login(servant)
    assert client.get(ORDER_URL.format(lang="ky", reference="MUN-2611-ZZZZ")).status_code == 404


def test_a_visitor_is_asked_to_sign_in_first(client, order):
    response = client.get(order_url(order))
    assert response.status_code == 302
    assert response["Location"].startswith("/ky/accounts/login/?next=/ky/magazine/orders/")


def test_an_editor_sees_the_order_and_whose_it_is_but_cannot_cancel_it(client, editor, servant, order):
    client.force_login(editor)
    html = client.get(order_url(order, "en")).content.decode()
    assert servant.email in html
    assert 'data-testid="cancel-order"' not in html
    client.post(order_url(order), {"action": "cancel"})
    order.refresh_from_db()
    assert order.status == Subscription.Status.REQUESTED


def test_the_member_cancels_an_unpaid_order(client, servant, order):
    client.force_login(servant)
    response = client.post(order_url(order, "en"), {"action": "cancel"})
    assert response.status_code == 302
    assert response["Location"] == order_url(order, "en")
    order.refresh_from_db()
    assert order.status == Subscription.Status.CANCELLED
    assert order.payment.status == Payment.Status.CANCELLED
    assert "This order is cancelled" in client.get(order_url(order, "en")).content.decode()


def test_a_paid_order_is_not_cancelled_by_the_member(client, servant, editor, order):
    payments.confirm_payment(payment=order.payment, by=editor)
    client.force_login(servant)
    client.post(order_url(order, "en"), {"action": "cancel"})
    order.refresh_from_db()
    assert order.status == Subscription.Status.ACTIVE


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_the_order_page_refuses_other_methods(client, servant, order, method):
    client.force_login(servant)
    assert getattr(client, method)(order_url(order)).status_code == 405


def test_the_order_page_runs_a_fixed_number_of_queries(client, servant, order, django_assert_num_queries):
    client.force_login(servant)
    # 1 session, 2 user, 3 the payment with its subscription, plan and member (one join)
    with django_assert_num_queries(3):
        assert client.get(order_url(order)).status_code == 200
