from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Case, IntegerField, Value, When
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from accounts import services
from accounts.forms import RejectForm
from accounts.models import User


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        from accounts.roles import Role

        return Role.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(groups__name=self.value()).distinct()
        return queryset


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """ULSG admins review applicants here: pending members first, bulk decisions."""

    list_display = [
        "email",
        "full_name",
        "applied_role_display",
        "role_display",
        "status",
        "municipality",
        "region",
        "position",
        "date_joined",
    ]
    list_filter = ["status", "applied_role", RoleFilter, "municipality__region", "is_active", "preferred_language"]
    list_select_related = ["municipality__region"]
    search_fields = ["email", "first_name", "last_name", "organization", "position", "municipality__name"]
    ordering = ["-date_joined"]
    autocomplete_fields = ["municipality"]
    # Decisions go through the list's actions, which also e-mail the member; the form only shows them.
    readonly_fields = ["last_login", "date_joined", "status", "decision_reason", "decided_at", "decided_by"]
    actions = ["approve_members", "reject_members", "deactivate_members"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "preferred_language"]}),
        (_("Work"), {"fields": ["municipality", "organization", "position"]}),
        (
            _("Membership"),
            {"fields": ["applied_role", "status", "groups", "decision_reason", "decided_by", "decided_at"]},
        ),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "preferred_language"]}),
        (_("Work"), {"fields": ["municipality", "organization", "position"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_ordering(self, request):
        pending_first = Case(
            When(status=User.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return [pending_first.asc(), "-date_joined"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # A ULSG admin manages members; only a superuser hands out superuser rights or raw permissions.
            fields += ["is_superuser", "user_permissions"]
        return fields

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("accounts.approve_member"):
            for name in ("approve_members", "reject_members", "deactivate_members"):
                actions.pop(name, None)
        return actions

    @admin.display(description=pgettext_lazy("person", "name"), ordering="last_name")
    def full_name(self, obj):
        return obj.get_full_name()

    @admin.display(description=_("role applied for"), ordering="applied_role")
    def applied_role_display(self, obj):
        # Staff are appointed, not applicants: the sign-up default would only mislead.
        return "—" if obj.is_staff else obj.get_applied_role_display()

    @admin.display(description=_("role"))
    def role_display(self, obj):
        return obj.role.label if obj.role else "—"

    @admin.display(description=_("region"), ordering="municipality__region__order")
    def region(self, obj):
        return obj.municipality.region if obj.municipality_id else "—"

    def _report(self, request, changed, total, done_message):
        if changed:
            messages.success(request, done_message % {"count": changed})
        if changed < total:
            messages.info(
                request,
                ngettext(
                    "%(count)d member already had this status and was left as is.",
                    "%(count)d members already had this status and were left as is.",
                    total - changed,
                )
                % {"count": total - changed},
            )

    @admin.action(description=_("Approve selected members"), permissions=["change"])
    def approve_members(self, request, queryset):
        members = list(queryset)
        changed = sum(services.member_approve(member=m, decided_by=request.user) for m in members)
        self._report(
            request,
            changed,
            len(members),
            ngettext(
                "%(count)d member approved and told by e-mail.",
                "%(count)d members approved and told by e-mail.",
                changed,
            ),
        )

    @admin.action(description=_("Reject selected members…"), permissions=["change"])
    def reject_members(self, request, queryset):
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            members = list(queryset)
            reason = form.cleaned_data["reason"]
            changed = sum(services.member_reject(member=m, decided_by=request.user, reason=reason) for m in members)
            self._report(
                request,
                changed,
                len(members),
                ngettext(
                    "%(count)d member rejected and told by e-mail.",
                    "%(count)d members rejected and told by e-mail.",
                    changed,
                ),
            )
            return None
        return TemplateResponse(
            request,
            "admin/accounts/user/reject_members.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Reject members"),
                "opts": self.model._meta,
                "members": queryset,
                "form": form,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "selected_ids": request.POST.getlist(ACTION_CHECKBOX_NAME),
            },
        )

    @admin.action(description=_("Deactivate selected members"), permissions=["change"])
    def deactivate_members(self, request, queryset):
        members = list(queryset.exclude(pk=request.user.pk))
        changed = sum(services.member_deactivate(member=m, decided_by=request.user) for m in members)
        self._report(
            request,
            changed,
            len(members),
            ngettext(
                "%(count)d member deactivated and told by e-mail.",
                "%(count)d members deactivated and told by e-mail.",
                changed,
            ),
        )
