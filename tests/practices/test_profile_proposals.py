"""The member's profile lists the practices they proposed, with their state and the editors'
comment when one came back, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.roles import Role
from practices import services
from practices.models import Practice

pytestmark = pytest.mark.django_db

URL = "/{lang}/accounts/profile/"
Status = Practice.Status


@pytest.fixture
def proposals(make_practice, servant, editor):
    """One proposal of the servant's in every state; the returned one carries the editor's comment."""

    def make(title):
        return make_practice(title, status=Status.SUBMITTED, submitted_by=servant, published_at=None)

    made = {status: make(f"Practice {status}") for status in ("submitted", "in_review", "published", "archived")}
    services.practice_start_review(practice=made["in_review"], by=editor)
    services.practice_publish(practice=made["published"], by=editor)
    services.practice_publish(practice=made["archived"], by=editor)
    services.practice_archive(practice=made["archived"], by=editor)
    made["returned"] = make("Practice returned")
    services.practice_return(practice=made["returned"], by=editor, comment="Добавьте смету.\nИ фото.")
    return made


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_it_lists_my_proposals_with_their_state_in_my_language(client, servant, proposals, lang):
    client.force_login(servant)
    response = client.get(URL.format(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(lang):
        for status in (Status.SUBMITTED, Status.IN_REVIEW, Status.PUBLISHED, Status.ARCHIVED):
            assert f'data-testid="proposal-status">{status.label}</span>' in html
        returned = translation.gettext("returned with comments")
        assert f'data-testid="proposal-status">{returned}</span>' in html
    assert html.count('data-testid="proposal"') == 5
    assert "Добавьте смету.<br>И фото." in html
    for practice in proposals.values():
        assert f'href="/{lang}/practices/{practice.slug}/"' in html


def test_it_shows_only_my_own_proposals(client, servant, deputy, make_practice):
    make_practice("Deputy's idea", status=Status.SUBMITTED, submitted_by=deputy, published_at=None)
    client.force_login(servant)
    html = client.get(URL.format(lang="en")).content.decode()
    assert "Deputy&#x27;s idea" not in html
    assert 'data-testid="proposal"' not in html
    assert "/en/practices/propose/" in html  # the button, and an invitation to use it


def test_a_pending_member_is_told_proposals_come_after_approval(client, pending_member):
    client.force_login(pending_member)
    html = client.get(URL.format(lang="en")).content.decode()
    assert "/en/practices/propose/" not in html
    assert "Once your membership is approved" in html


@pytest.mark.parametrize("role", [Role.DEPUTY, Role.EDITOR])
def test_deputies_and_editors_get_the_propose_button(client, make_member, role):
    client.force_login(make_member(role))
    assert 'href="/en/practices/propose/"' in client.get(URL.format(lang="en")).content.decode()


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL.format(lang="ru")).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_proposals(
    client, servant, make_practice, editor, django_assert_num_queries
):
    client.force_login(servant)
    make_practice("First", status=Status.SUBMITTED, submitted_by=servant, published_at=None)
    one = count_queries(client)
    for n in range(6):
        practice = make_practice(f"More {n}", status=Status.SUBMITTED, submitted_by=servant, published_at=None)
        services.practice_return(practice=practice, by=editor, comment=f"Comment {n}")
    assert count_queries(client) == one
    # 1 session, 2 user, 3 the proposals with their last return comment (one query, a subquery),
    # 4 the member's groups (may_propose, role), 5 municipality and 6 its region (membership facts),
    # 7 the member's magazine orders (payments joined with their subscriptions or purchases).
    with django_assert_num_queries(7):
        client.get(URL.format(lang="ru"))
