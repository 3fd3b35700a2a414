"""Buying one issue at /<lang>/magazine/<year>/<number>/buy/: a confirmation page (GET) and a
request button (POST), for published issues that are not free, once per member."""

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation

from accounts.models import User
from accounts.roles import Role
from magazine import subscriptions
from magazine.models import Issue, Payment, Purchase

pytestmark = pytest.mark.django_db

URL = "/{lang}/magazine/{year}/{number}/buy/"


@pytest.fixture
def issue(make_issue):
    return make_issue(2026, 4)


def url(issue, lang="ky"):
    return URL.format(lang=lang, year=issue.year, number=issue.number)


@pytest.fixture
def buy(client, django_capture_on_commit_callbacks):
    def post(issue, lang="ky"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url(issue, lang))

    return post


def assert_nothing_ordered():
    assert not Purchase.objects.exists()
    assert not Payment.objects.exists()
    assert mail.outbox == []


# --- the confirmation page ------------------------------------------------------------------------


def test_a_member_sees_the_issue_the_price_and_the_button(client, servant, issue):
    client.force_login(servant)
    response = client.get(url(issue, "ru"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Выпуск 4/2026" in html
    assert 'data-testid="price">150\u00a0сом<' in html
    assert 'data-testid="buy-button"' in html
    assert 'action="/ru/magazine/2026/4/buy/"' in html
    assert_nothing_ordered()  # looking orders nothing


def test_the_price_comes_from_the_settings(client, servant, issue, settings):
    settings.MAGAZINE_ISSUE_PRICE = 200
    client.force_login(servant)
    assert 'data-testid="price">200\u00a0сом<' in client.get(url(issue)).content.decode()


def test_a_visitor_sees_the_price_and_is_offered_to_sign_in_and_come_back(client, issue):
    html = client.get(url(issue)).content.decode()
    assert 'data-testid="price"' in html
    assert 'data-testid="buy-button"' not in html
    assert 'href="/ky/accounts/login/?next=/ky/magazine/2026/4/buy/"' in html
    assert 'href="/ky/accounts/signup/?next=/ky/magazine/2026/4/buy/"' in html


def test_a_free_issue_needs_no_buying(client, servant, make_issue, buy):
    free = make_issue(2026, 5, is_free=True)
    client.force_login(servant)
    html = client.get(url(free, "en")).content.decode()
    assert 'data-testid="buy-free"' in html
    assert 'data-testid="buy-button"' not in html
    response = buy(free, "en")
    assert response.status_code == 302
    assert response["Location"] == "/en/magazine/2026/5/"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["This issue is free: download it from its page."]
    assert_nothing_ordered()


@pytest.mark.parametrize("status", [Issue.Status.DRAFT, Issue.Status.SCHEDULED])
def test_an_unpublished_issue_cannot_be_bought(client, servant, make_issue, buy, status):
    later = timezone.now() + timezone.timedelta(days=3)
    hidden = make_issue(2026, 6, status=status, publish_at=later if status == Issue.Status.SCHEDULED else None)
    client.force_login(servant)
    assert client.get(url(hidden)).status_code == 404
    assert buy(hidden).status_code == 404
    assert_nothing_ordered()


def test_an_unknown_issue_is_404(client, servant):
    client.force_login(servant)
    assert client.get("/ky/magazine/2026/99/buy/").status_code == 404


def test_a_subscriber_is_told_they_may_download_it_already(client, servant, issue, plans, make_order, buy):
    make_order(servant, plan=plans["electronic"], starts_on=issue.period_start)
    client.force_login(servant)
    html = client.get(url(issue)).content.decode()
    assert 'data-testid="buy-entitled"' in html
    assert 'data-testid="buy-button"' not in html
    assert buy(issue).status_code == 302
    assert not Purchase.objects.exists()


def test_a_print_only_subscriber_may_buy_the_pdf(client, servant, issue, plans, make_order, buy):
    make_order(servant, plan=plans["print"], starts_on=issue.period_start, delivery_address="Кумбел")
    client.force_login(servant)
    assert 'data-testid="buy-button"' in client.get(url(issue)).content.decode()
    assert buy(issue).status_code == 302
    assert Purchase.objects.filter(user=servant, issue=issue).exists()


# --- the request -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_member_orders_the_issue_and_gets_the_instructions_in_their_language(client, make_member, issue, buy, lang):
    member = make_member(Role.DEPUTY, preferred_language=lang, email=f"{lang}@example.kg")
    client.force_login(member)
    response = buy(issue, lang="en")
    purchase = Purchase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/magazine/orders/{purchase.payment.reference}/"
    assert purchase.user == member
    assert purchase.issue == issue
    assert purchase.status == Purchase.Status.REQUESTED
    assert purchase.payment.amount == 150
    assert purchase.payment.status == Payment.Status.PENDING
    (message,) = mail.outbox
    assert purchase.payment.reference in message.subject
    assert "150\u00a0сом" in message.body
    assert f"/{lang}/magazine/orders/{purchase.payment.reference}/" in message.body
    with translation.override(lang):
        assert translation.gettext("Please pay by bank transfer, at any bank or in your banking app:") in message.body


def test_a_member_waiting_for_approval_may_buy(client, pending_member, issue, buy):
    client.force_login(pending_member)
    assert buy(issue).status_code == 302
    assert Purchase.objects.get().user == pending_member


def test_a_second_request_returns_the_waiting_one(client, servant, issue, buy):
    client.force_login(servant)
    first = buy(issue)
    html = client.get(url(issue, "en")).content.decode()
    assert 'data-testid="buy-waiting"' in html
    second = buy(issue)
    assert first["Location"] == second["Location"]
    assert Purchase.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_cancelled_request_can_be_made_again(client, servant, issue, buy):
    from magazine import payments

    client.force_login(servant)
    buy(issue)
    payments.cancel_payment(payment=Purchase.objects.get().payment, by=servant)
    buy(issue)
    assert Purchase.objects.filter(status=Purchase.Status.REQUESTED).count() == 1
    assert Purchase.objects.count() == 2


def test_a_visitor_who_posts_is_sent_to_sign_in(client, issue, buy):
    response = buy(issue)
    assert response.status_code == 302
    assert response["Location"] == "/ky/accounts/login/?next=/ky/magazine/2026/4/buy/"
    assert_nothing_ordered()


def test_a_rejected_applicant_cannot_buy(client, make_member, issue, buy):
    client.force_login(make_member(Role.SERVANT, status=User.Status.REJECTED, email="no@example.kg"))
    assert 'data-testid="order-closed"' in client.get(url(issue)).content.decode()
    assert buy(issue).status_code == 403
    assert_nothing_ordered()


def test_an_editor_is_entitled_and_is_told_so(client, editor, issue, buy):
    client.force_login(editor)
    assert 'data-testid="buy-entitled"' in client.get(url(issue)).content.decode()
    buy(issue)
    assert_nothing_ordered()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_not_allowed(client, servant, issue, method):
    client.force_login(servant)
    assert getattr(client, method)(url(issue)).status_code == 405


def test_the_button_needs_the_csrf_token(servant, issue):
    client = Client(enforce_csrf_checks=True)
    client.force_login(servant)
    assert client.post(url(issue)).status_code == 403
    assert_nothing_ordered()


def test_the_service_refuses_free_unpublished_and_entitled(servant, editor, make_issue):
    cases = {
        "free": make_issue(2026, 7, is_free=True),
        "unavailable": make_issue(2026, 8, status=Issue.Status.DRAFT),
    }
    for code, issue in cases.items():
        with pytest.raises(subscriptions.ValidationError) as refused:
            subscriptions.purchase_request(user=servant, issue=issue)
        assert refused.value.code == code
    with pytest.raises(subscriptions.ValidationError) as refused:
        subscriptions.purchase_request(user=editor, issue=make_issue(2026, 9))
    assert refused.value.code == "entitled"
    assert_nothing_ordered()


def test_the_confirmation_page_runs_a_fixed_number_of_queries(client, servant, issue, django_assert_num_queries):
    client.force_login(servant)
    # 1 session, 2 user, 3 the issue, 4 the member's groups (magazine staff?), 5 their covering
    # subscriptions, 6 their paid purchases of it, 7 a purchase of it waiting for payment
    with django_assert_num_queries(7):
        assert client.get(url(issue)).status_code == 200
