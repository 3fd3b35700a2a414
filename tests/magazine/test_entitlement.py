"""Who may download an edition: magazine.entitlement decides, for every reader and every edition,
and the download view follows it (200 with the PDF, or the 403 page that says what to do)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.roles import Role
from magazine.entitlement import entitled_issue_ids, may_download
from magazine.models import Purchase, Subscription
from tests.conftest import MINIMAL_PDF

pytestmark = pytest.mark.django_db

JAN_2026 = datetime.date(2026, 1, 1)
JAN_2025 = datetime.date(2025, 1, 1)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def issues(make_issue):
    """A paid issue inside 2026 (March), a later one (February 2027), one inside 2025 (June), a free one."""
    return {
        "march_2026": make_issue(2026, 3),
        "february_2027": make_issue(2027, 2),
        "june_2025": make_issue(2025, 6),
        "free": make_issue(2026, 4, is_free=True),
    }


@pytest.fixture
def reader(request, make_member, make_order, plans, issues, pending_member, editor, ulsg_admin):
    """The reader named by the test's parameter, with the orders that make them who they are."""
    who = request.param
    if who == "anonymous":
        return AnonymousUser()
    if who == "pending":
        return pending_member
    if who == "editor":
        return editor
    if who == "ulsg_admin":
        return ulsg_admin
    user = make_member(Role.SERVANT, email=f"{who}@example.kg")
    if who == "expired_electronic":
        make_order(user, plan=plans["electronic"], starts_on=JAN_2025, status=Subscription.Status.EXPIRED)
    elif who == "print_only":
        make_order(user, plan=plans["print"], starts_on=JAN_2026)
    elif who == "electronic":
        make_order(user, plan=plans["electronic"], starts_on=JAN_2026)
    elif who == "combined":
        make_order(user, plan=plans["combined"], starts_on=JAN_2026)
    elif who == "requested_subscription":
        make_order(user, plan=plans["electronic"], paid=False)
    elif who == "cancelled_subscription":
        make_order(user, plan=plans["electronic"], starts_on=JAN_2026, status=Subscription.Status.CANCELLED)
    elif who == "purchase_paid":
        make_order(user, issue=issues["march_2026"])
    elif who == "purchase_requested":
        make_order(user, issue=issues["march_2026"], paid=False)
    elif who == "purchase_cancelled":
        make_order(user, issue=issues["march_2026"], paid=False, status=Purchase.Status.CANCELLED)
    return user


# reader -> the issues they may download (the free one is open to everybody)
MATRIX = {
    "anonymous": {"free"},
    "pending": {"free"},
    "member": {"free"},
    "expired_electronic": {"free", "june_2025"},  # its old months stay covered, later ones are not
    "print_only": {"free"},
    "electronic": {"free", "march_2026"},
    "combined": {"free", "march_2026"},
    "requested_subscription": {"free"},
    "cancelled_subscription": {"free"},
    "purchase_paid": {"free", "march_2026"},
    "purchase_requested": {"free"},
    "purchase_cancelled": {"free"},
    "editor": {"free", "march_2026", "february_2027", "june_2025"},
    "ulsg_admin": {"free", "march_2026", "february_2027", "june_2025"},
}


@pytest.mark.parametrize("reader", list(MATRIX), indirect=True)
def test_it_decides_each_issue_for_each_reader(reader, issues, request):
    who = request.node.callspec.params["reader"]
    allowed = {name for name, issue in issues.items() if may_download(reader, issue)}
    assert allowed == MATRIX[who]


@pytest.mark.parametrize("reader", list(MATRIX), indirect=True)
def test_the_list_answer_agrees_with_the_single_answer(reader, issues, request):
    who = request.node.callspec.params["reader"]
    ids = entitled_issue_ids(reader, issues.values())
    assert {name for name, issue in issues.items() if issue.pk in ids} == MATRIX[who]


@pytest.mark.parametrize("language", ["ky", "ru"])
@pytest.mark.parametrize("reader", list(MATRIX), indirect=True)
def test_the_download_view_follows_the_decision_for_every_edition(client, reader, issues, request, language):
    who = request.node.callspec.params["reader"]
    if reader.is_authenticated:
        client.force_login(reader)
    for name, issue in issues.items():
        response = client.get(f"/ru/magazine/{issue.year}/{issue.number}/pdf/{language}/")
        if name in MATRIX[who]:
            assert response.status_code == 200, (who, name)
            assert body(response) == MINIMAL_PDF
        else:
            assert response.status_code == 403, (who, name)
            assert MINIMAL_PDF not in response.content


def test_an_electronic_subscription_does_not_cover_the_months_before_it_started(make_issue, make_order, servant, plans):
    make_order(servant, plan=plans["electronic"], starts_on=datetime.date(2026, 4, 1))
    assert not may_download(servant, make_issue(2026, 3))
    assert may_download(servant, make_issue(2026, 4))


def test_a_deactivated_subscriber_may_not_download(make_issue, make_order, servant, plans):
    make_order(servant, plan=plans["electronic"], starts_on=JAN_2026)
    servant.is_active = False
    servant.save()
    assert not may_download(servant, make_issue(2026, 3))


def test_a_purchase_gives_that_issue_only(make_issue, make_order, servant):
    bought, other = make_issue(2026, 3), make_issue(2026, 5)
    make_order(servant, issue=bought)
    assert may_download(servant, bought)
    assert not may_download(servant, other)


def test_a_subscriber_of_another_member_gives_nothing_to_this_one(make_issue, make_order, make_member, plans):
    subscriber = make_member(Role.SERVANT, email="subscriber@example.kg")
    neighbour = make_member(Role.SERVANT, email="neighbour@example.kg")
    make_order(subscriber, plan=plans["electronic"], starts_on=JAN_2026)
    issue = make_issue(2026, 3)
    assert may_download(subscriber, issue)
    assert not may_download(neighbour, issue)


@pytest.mark.parametrize("status", ["draft", "scheduled"])
def test_nobody_but_staff_may_download_an_issue_not_yet_out(make_issue, make_order, servant, editor, plans, status):
    from django.utils import timezone

    fields = {"publish_at": timezone.now() + datetime.timedelta(days=3)} if status == "scheduled" else {}
    issue = make_issue(2026, 3, status=status, is_free=True, **fields)
    make_order(servant, plan=plans["electronic"], starts_on=JAN_2026)
    make_order(servant, issue=issue)
    assert not may_download(AnonymousUser(), issue)
    assert not may_download(servant, issue)
    assert may_download(editor, issue)


def test_a_scheduled_issue_whose_date_has_passed_is_out(make_issue, make_order, servant, plans):
    from django.utils import timezone

    issue = make_issue(2026, 3, status="scheduled", publish_at=timezone.now() - datetime.timedelta(minutes=1))
    make_order(servant, plan=plans["electronic"], starts_on=JAN_2026)
    assert may_download(servant, issue)


def test_the_list_answer_takes_at_most_two_queries(make_issue, make_order, servant, plans, django_assert_num_queries):
    issues = [make_issue(2026, number) for number in range(1, 11)]
    make_order(servant, plan=plans["electronic"], starts_on=JAN_2026)
    servant.role_names  # noqa: B018 (loaded once per request by the page already)
    with django_assert_num_queries(2):  # 1 the covering subscriptions, 2 the paid purchases among these issues
        ids = entitled_issue_ids(servant, issues)
    assert ids == {issue.pk for issue in issues}
