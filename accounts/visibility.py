"""The one place that answers "may this user see content of this visibility?".

Content across the portal (practices, resources, magazine articles, events)
carries a visibility: public, members (any approved member) or deputies
(approved deputies, editors and ULSG admins). Views, templates and querysets ask
here, never decide on their own.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role


class Visibility(models.TextChoices):
    PUBLIC = "public", _("everyone")
    MEMBERS = "members", _("members")
    DEPUTIES = "deputies", _("deputies")


def _is_staff_role(user):
    return user.is_superuser or bool(user.role_names & {Role.EDITOR, Role.ULSG_ADMIN})


def visible_levels(user):
    """The visibilities this user may see, for filtering querysets."""
    if user is None or not user.is_authenticated or not user.is_active:
        return [Visibility.PUBLIC]
    if _is_staff_role(user):
        return [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.DEPUTIES]
    if not user.is_approved:
        return [Visibility.PUBLIC]
    if Role.DEPUTY in user.role_names:
        return [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.DEPUTIES]
    return [Visibility.PUBLIC, Visibility.MEMBERS]


def can_view(user, visibility):
    return visibility in visible_levels(user)


class VisibilityQuerySet(models.QuerySet):
    """Mix into a content model's QuerySet that has a `visibility` field."""

    def visible_to(self, user):
        return self.filter(visibility__in=visible_levels(user))
