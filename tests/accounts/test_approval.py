"""ULSG admins approve, reject and deactivate members in the admin; each
decision reaches the member by e-mail in the member's own language."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.utils import translation

from accounts.models import User
from accounts.roles import Role

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/accounts/user/"


@pytest.fixture
def run_action(django_capture_on_commit_callbacks):
    """Post an admin action; e-mails are sent on commit, so run the commit callbacks."""

    def run(client, action, members, **extra):
        data = {"action": action, ACTION_CHECKBOX_NAME: [str(m.pk) for m in members], **extra}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(CHANGELIST, data)

    return run


@pytest.fixture
def admin_client_ulsg(client, ulsg_admin):
    client.force_login(ulsg_admin)
    return client


def test_pending_members_are_listed_first(admin_client_ulsg, make_member, pending_member):
    make_member(Role.SERVANT, email="later@example.kg")  # approved and newer than the pending one
    response = admin_client_ulsg.get(CHANGELIST)
    assert response.status_code == 200
    emails = [user.email for user in response.context["cl"].result_list]
    assert emails[0] == pending_member.email


@pytest.mark.parametrize("query", ["status__exact=pending", "role=deputy", "applied_role__exact=deputy"])
def test_admins_filter_members(admin_client_ulsg, query, pending_member):
    response = admin_client_ulsg.get(f"{CHANGELIST}?{query}")
    assert response.status_code == 200


def test_admins_filter_by_oblast(admin_client_ulsg, pending_member, municipality):
    response = admin_client_ulsg.get(f"{CHANGELIST}?municipality__region__id__exact={municipality.region_id}")
    assert pending_member in list(response.context["cl"].result_list)


def test_approving_gives_the_role_applied_for_and_writes_in_the_members_language(
    run_action, admin_client_ulsg, pending_member, ulsg_admin
):
    pending_member.preferred_language = "ru"
    pending_member.save()
    response = run_action(admin_client_ulsg, "approve_members", [pending_member])
    assert response.status_code == 302
    pending_member.refresh_from_db()
    assert pending_member.status == User.Status.APPROVED
    assert pending_member.role == Role.DEPUTY
    assert pending_member.decided_by == ulsg_admin
    assert pending_member.decided_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [pending_member.email]
    with translation.override("ru"):
        assert (
            translation.gettext(
                "You can now read members-only material, propose your municipality's "
                "practices and subscribe to the Municipality magazine."
            )
            in message.body
        )
    assert "/ru/accounts/profile/" in message.body


def test_approving_twice_sends_nothing_twice(run_action, admin_client_ulsg, pending_member):
    run_action(admin_client_ulsg, "approve_members", [pending_member])
    run_action(admin_client_ulsg, "approve_members", [pending_member])
    assert len(mail.outbox) == 1


def test_rejecting_asks_for_a_reason_first_and_changes_nothing_until_given(
    run_action, admin_client_ulsg, pending_member
):
    response = run_action(admin_client_ulsg, "reject_members", [pending_member])
    assert response.status_code == 200
    assert b'name="reason"' in response.content
    pending_member.refresh_from_db()
    assert pending_member.status == User.Status.PENDING
    # an empty reason is refused, nothing changes
    response = run_action(admin_client_ulsg, "reject_members", [pending_member], apply="1", reason="")
    assert response.status_code == 200
    pending_member.refresh_from_db()
    assert pending_member.status == User.Status.PENDING
    assert not mail.outbox


def test_rejecting_with_a_reason_tells_the_member_why(run_action, admin_client_ulsg, pending_member):
    response = run_action(
        admin_client_ulsg, "reject_members", [pending_member], apply="1", reason="Муниципалитет көрсөтүлгөн эмес."
    )
    assert response.status_code == 302
    pending_member.refresh_from_db()
    assert pending_member.status == User.Status.REJECTED
    assert pending_member.decision_reason == "Муниципалитет көрсөтүлгөн эмес."
    assert pending_member.role is None
    assert "Муниципалитет көрсөтүлгөн эмес." in mail.outbox[0].body


def test_deactivating_closes_access_and_tells_the_member(run_action, admin_client_ulsg, servant, client):
    run_action(admin_client_ulsg, "deactivate_members", [servant])
    servant.refresh_from_db()
    assert not servant.is_active
    assert servant.status == User.Status.DEACTIVATED
    assert mail.outbox[0].to == [servant.email]


def test_an_admin_cannot_deactivate_themselves(run_action, admin_client_ulsg, ulsg_admin):
    run_action(admin_client_ulsg, "deactivate_members", [ulsg_admin])
    ulsg_admin.refresh_from_db()
    assert ulsg_admin.is_active


def test_bulk_approval_of_several_members(run_action, admin_client_ulsg, make_member):
    members = [make_member(Role.SERVANT, status=User.Status.PENDING, email=f"m{i}@example.kg") for i in range(3)]
    run_action(admin_client_ulsg, "approve_members", members)
    assert User.objects.filter(status=User.Status.APPROVED, email__startswith="m").count() == 3
    assert len(mail.outbox) == 3


def test_an_editor_cannot_manage_members(run_action, client, editor, pending_member):
    client.force_login(editor)
    assert client.get(CHANGELIST).status_code == 403
    run_action(client, "approve_members", [pending_member])
    pending_member.refresh_from_db()
    assert pending_member.status == User.Status.PENDING


def test_a_servant_cannot_enter_the_admin(client, servant):
    client.force_login(servant)
    assert client.get(CHANGELIST).status_code in (302, 403)


def test_a_ulsg_admin_cannot_make_anyone_superuser(admin_client_ulsg, servant):
    response = admin_client_ulsg.get(f"{CHANGELIST}{servant.pk}/change/")
    assert response.status_code == 200
    assert b'name="is_superuser"' not in response.content


def test_the_changelist_runs_a_fixed_number_of_queries(admin_client_ulsg, make_member, django_assert_max_num_queries):
    for i in range(25):
        make_member(Role.SERVANT, status=User.Status.PENDING, email=f"bulk{i}@example.kg")
    with django_assert_max_num_queries(15):
        admin_client_ulsg.get(CHANGELIST)


def test_status_is_changed_only_through_the_actions(admin_client_ulsg, pending_member):
    html = admin_client_ulsg.get(f"{CHANGELIST}{pending_member.pk}/change/").content.decode()
    assert 'name="status"' not in html
    assert 'name="decision_reason"' not in html


def test_a_deactivated_member_can_be_approved_again(run_action, admin_client_ulsg, servant):
    run_action(admin_client_ulsg, "deactivate_members", [servant])
    run_action(admin_client_ulsg, "approve_members", [servant])
    servant.refresh_from_db()
    assert servant.is_active and servant.status == User.Status.APPROVED


def test_a_superuser_adds_a_staff_member_in_the_admin(client, municipality):
    root = User.objects.create_superuser("root@ulsg.kg", "root-password-2026")
    client.force_login(root)
    assert client.get(f"{CHANGELIST}add/").status_code == 200
    response = client.post(
        f"{CHANGELIST}add/",
        {
            "email": "Editor@ULSG.kg",
            "password1": "editor-password-2026",
            "password2": "editor-password-2026",
            "usable_password": "true",
            "first_name": "Elena",
            "last_name": "Petrova",
            "preferred_language": "ru",
            "municipality": "",
            "organization": "ULSG",
            "position": "editor",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.filter(email__iexact="editor@ulsg.kg").exists()


def test_the_admin_switches_language_without_javascript(admin_client_ulsg):
    html = admin_client_ulsg.get(CHANGELIST).content.decode()
    assert 'action="/i18n/setlang/"' in html
    response = admin_client_ulsg.post("/i18n/setlang/", {"language": "ru", "next": CHANGELIST})
    assert response.status_code == 302
    assert response["Location"] == CHANGELIST
    assert "Участники" in admin_client_ulsg.get(CHANGELIST).content.decode()


def test_the_language_picker_refuses_a_foreign_next_url(admin_client_ulsg):
    response = admin_client_ulsg.post("/i18n/setlang/", {"language": "ru", "next": "https://evil.example/"})
    assert response["Location"] == "/"
