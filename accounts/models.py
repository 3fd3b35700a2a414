"""Members of the portal.

A custom user model from the first migration: people sign in with their e-mail,
belong to a municipality (or an organization), apply for a role, and stay
"pending" until a ULSG admin approves them. Their role is the group they hold.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.roles import MEMBER_ROLES, ROLE_RANK, Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        from allauth.account.models import EmailAddress

        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("status", User.Status.APPROVED)
        user = self._create_user(email, password, **extra_fields)
        # Whoever runs createsuperuser owns the address; without this the first sign-in
        # would wait for a confirmation e-mail that a fresh deployment may not send yet.
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        DEACTIVATED = "deactivated", _("deactivated")

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    applied_role = models.CharField(
        _("role applied for"), max_length=12, choices=[(r.value, r.label) for r in MEMBER_ROLES], default=Role.SERVANT
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
    )
    organization = models.CharField(
        _("organization"),
        max_length=200,
        blank=True,
        help_text=_("For members from a national body or a partner organization rather than a municipality."),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        permissions = [("approve_member", _("Can approve, reject and deactivate members"))]
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")]

    def __str__(self):
        return self.get_full_name() or self.email

    @cached_property
    def role_names(self):
        """The role keys this person holds (one query, kept for the request)."""
        if not self.pk:
            return frozenset()
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("groups")
        if prefetched is not None:  # a list page prefetched them: no query per row
            return frozenset(group.name for group in prefetched)
        return frozenset(self.groups.values_list("name", flat=True))

    @property
    def role(self):
        """The highest role held, or None for a pending or rejected applicant."""
        held = [Role(name) for name in self.role_names if name in Role.values]
        return max(held, key=ROLE_RANK.__getitem__) if held else None

    @property
    def is_approved(self):
        return self.is_active and self.status == self.Status.APPROVED

    @property
    def place(self):
        """Where the member works: the municipality, else the organization."""
        return self.municipality.name if self.municipality_id else self.organization
