"""Writes that change a member's standing: applying, approval, rejection,
deactivation. Each sends the member an e-mail in their own language."""

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from accounts.roles import MEMBER_ROLES, Role
from portal.mail import queue_email

logger = logging.getLogger(__name__)


def member_apply(
    *, member, first_name, last_name, applied_role, municipality, organization, position, preferred_language
):
    """Record a sign-up: the member waits, pending, for a ULSG admin."""
    member.first_name = first_name
    member.last_name = last_name
    member.applied_role = applied_role
    member.municipality = municipality
    member.organization = "" if municipality else organization
    member.position = position
    member.preferred_language = preferred_language
    member.status = User.Status.PENDING
    member.save()
    return member


def send_email(*, recipient, template, context=None, key=None, attachment=None):
    """Render accounts/email/<template>_subject.txt and _message.txt in the
    recipient's own language and queue them for delivery (portal.mail): stored
    now, sent by the background worker, retried if the mail server fails. A `key`
    makes the notice unique (it is never queued twice). `attachment`: (file name,
    text, MIME type), as portal.mail.queue_email takes it."""
    with translation.override(recipient.preferred_language):
        context = {
            "recipient": recipient,
            "site_name": settings.SITE_NAME,
            "profile_url": settings.SITE_URL + reverse("accounts:profile"),
            "login_url": settings.SITE_URL + reverse("account_login"),
            **(context or {}),
        }
        subject = " ".join(render_to_string(f"accounts/email/{template}_subject.txt", context).split())
        body = render_to_string(f"accounts/email/{template}_message.txt", context)
    queue_email(to=recipient.email, subject=subject, body=body, key=key, attachment=attachment)


def _decide(member, *, status, decided_by, reason):
    member.status = status
    member.decision_reason = reason
    member.decided_by = decided_by
    member.decided_at = timezone.now()


@transaction.atomic
def member_approve(*, member, decided_by):
    """Approve an applicant in the role they applied for. Returns False if nothing changed."""
    if member.status == User.Status.APPROVED and member.is_active:
        return False
    _decide(member, status=User.Status.APPROVED, decided_by=decided_by, reason="")
    member.is_active = True
    member.save()
    member_set_role(member=member, role=member.applied_role)
    transaction.on_commit(lambda: send_email(recipient=member, template="member_approved"))
    return True


@transaction.atomic
def member_reject(*, member, decided_by, reason):
    if member.status == User.Status.REJECTED:
        return False
    _decide(member, status=User.Status.REJECTED, decided_by=decided_by, reason=reason)
    member.save()
    member.groups.remove(*Group.objects.filter(name__in=[r.value for r in MEMBER_ROLES]))
    transaction.on_commit(lambda: send_email(recipient=member, template="member_rejected"))
    return True


@transaction.atomic
def member_deactivate(*, member, decided_by, reason=""):
    """Close a member's access: they can no longer sign in; nothing they wrote is deleted."""
    if member.status == User.Status.DEACTIVATED and not member.is_active:
        return False
    _decide(member, status=User.Status.DEACTIVATED, decided_by=decided_by, reason=reason)
    member.is_active = False
    member.save()
    transaction.on_commit(lambda: send_email(recipient=member, template="member_deactivated"))
    return True


def member_set_role(*, member, role):
    """Give the member exactly one member role (servant or deputy); staff roles are kept."""
    role = Role(role)
    member_groups = Group.objects.filter(name__in=[r.value for r in MEMBER_ROLES])
    member.groups.remove(*member_groups.exclude(name=role))
    member.groups.add(Group.objects.get(name=role))
    member.__dict__.pop("role_names", None)


def admins_notify_of_application(*, member):
    """Tell the ULSG admins, each in their language, that someone confirmed their e-mail and waits."""
    if member.status != User.Status.PENDING:
        return
    admins = User.objects.filter(groups__name=Role.ULSG_ADMIN, is_active=True).distinct()
    review_url = settings.SITE_URL + reverse("admin:accounts_user_changelist") + "?status__exact=pending"
    for admin in admins:
        send_email(recipient=admin, template="new_application", context={"applicant": member, "review_url": review_url})
