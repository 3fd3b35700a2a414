"""The portal's roles (DESIGN.md "People and roles").

Roles are Django groups, created by a data migration (accounts/migrations/0002), so that a deployment can
adjust their permissions in the admin. The group names below are stable keys;
what a person sees is the translated label.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SERVANT = "servant", _("municipal servant")
    DEPUTY = "deputy", _("council deputy")
    EDITOR = "editor", _("editor")
    ULSG_ADMIN = "ulsg_admin", _("ULSG admin")


# Roles a person may apply for when signing up; staff roles are given by ULSG admins.
MEMBER_ROLES = (Role.SERVANT, Role.DEPUTY)
STAFF_ROLES = (Role.EDITOR, Role.ULSG_ADMIN)

# When a person holds several groups, the highest one names them.
ROLE_RANK = {Role.SERVANT: 1, Role.DEPUTY: 2, Role.EDITOR: 3, Role.ULSG_ADMIN: 4}
