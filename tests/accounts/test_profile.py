"""The member's profile: what it shows, what the member may change."""

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db

URL = "/en/accounts/profile/"


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_profile_shows_role_status_and_municipality(client, deputy):
    client.force_login(deputy)
    html = client.get(URL).content.decode()
    assert "council deputy" in html
    assert "approved" in html
    assert "Kumbel aiyl aimak" in html


def test_pending_member_sees_the_state_of_the_application(client, pending_member):
    client.force_login(pending_member)
    html = client.get(URL).content.decode()
    assert "applied for: council deputy" in html
    assert "waiting for approval" in html


def test_rejected_member_sees_the_reason(client, make_member):
    member = make_member(status=User.Status.REJECTED, decision_reason="No municipality given.")
    client.force_login(member)
    assert "No municipality given." in client.get(URL).content.decode()


def test_member_edits_their_details(client, servant):
    client.force_login(servant)
    response = client.post(
        URL,
        {
            "first_name": "Айгүл",
            "last_name": "Осмонова",
            "position": "Head of finance",
            "organization": "",
            "preferred_language": "ru",
        },
    )
    assert response.status_code == 302
    servant.refresh_from_db()
    assert (servant.first_name, servant.position, servant.preferred_language) == ("Айгүл", "Head of finance", "ru")


def test_member_cannot_change_their_own_role_status_or_municipality(client, pending_member, district):
    client.force_login(pending_member)
    client.post(
        URL,
        {
            "first_name": "X",
            "last_name": "Y",
            "position": "p",
            "organization": "",
            "preferred_language": "ky",
            "status": "approved",
            "applied_role": "servant",
            "municipality": "",
            "is_staff": "on",
        },
    )
    pending_member.refresh_from_db()
    assert pending_member.status == User.Status.PENDING
    assert pending_member.applied_role == "deputy"
    assert pending_member.municipality is not None
    assert not pending_member.is_staff


def test_invalid_input_is_explained_and_saves_nothing(client, servant):
    client.force_login(servant)
    response = client.post(URL, {"first_name": "", "last_name": "", "position": "x" * 300, "preferred_language": "xx"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please correct the errors below" in html
    assert 'aria-invalid="true"' in html
    servant.refresh_from_db()
    assert servant.position == "specialist"


def test_profile_refuses_other_methods(client, servant):
    client.force_login(servant)
    assert client.put(URL).status_code == 405
