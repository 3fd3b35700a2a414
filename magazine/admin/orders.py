"""Plans, subscriptions, single-issue purchases and payments in the admin.

An order's status is never edited by hand: "Confirm payment" (a bulk action on subscriptions,
purchases and payments) calls magazine.payments.confirm_payment, which marks the payment paid,
activates the order and tells the member; "Cancel" calls cancel_payment. Both need the
magazine.confirm_payment permission. The subscription list links to the print mailing list and
the report (magazine.admin.exports).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin

from magazine import payments
from magazine.admin import exports
from magazine.models import Payment, Plan, Purchase, Subscription
from practices.admin.base import ADMIN_FIELDS, AnyLanguageMixin
from practices.templatetags.practices_tags import som


def member_label(user):
    """ "Aigul Osmonova <aigul@example.kg>", or the address alone for a member without a name."""
    name = user.get_full_name()
    return f"{name} <{user.email}>" if name else user.email


# --- plans --------------------------------------------------------------------------------------


class PlanForm(AnyLanguageMixin, forms.ModelForm):
    any_language_fields = ("name",)

    class Meta:
        model = Plan
        fields = ADMIN_FIELDS


@admin.register(Plan)
class PlanAdmin(TabbedDjangoJqueryTranslationAdmin):
    form = PlanForm
    list_display = ["name", "kind", "months", "price_display", "is_active", "order", "active_count"]
    list_filter = ["kind", "months", "is_active"]
    search_fields = ["name_ky", "name_ru", "name_en"]
    fields = ["name", "kind", "months", "price", "description", "is_active", "order"]

    def get_queryset(self, request):
        today = timezone.localdate()
        active = Q(
            subscriptions__status=Subscription.Status.ACTIVE,
            subscriptions__starts_on__lte=today,
            subscriptions__ends_on__gte=today,
        )
        return super().get_queryset(request).annotate(active_total=Count("subscriptions", filter=active))

    @admin.display(description=_("price"), ordering="price")
    def price_display(self, obj):
        return som(obj.price)

    @admin.display(description=_("active subscriptions"), ordering="active_total")
    def active_count(self, obj):
        return obj.active_total


# --- confirming and cancelling payments ----------------------------------------------------------


class PaymentActionsMixin:
    """The bulk actions shared by subscriptions, purchases and payments; `payments_of` turns the
    selected rows into their payments."""

    def payments_of(self, queryset):
        return [row.payment for row in queryset.select_related("payment")]

    def has_confirm_payment_permission(self, request):
        return request.user.has_perm("magazine.confirm_payment")

    def _apply(self, request, queryset, step):
        done = unchanged = 0
        for payment in self.payments_of(queryset):
            try:
                changed = step(payment=payment, by=request.user)
            except ValidationError as error:
                for message in error.messages:
                    messages.warning(request, message)
                continue
            done += bool(changed)
            unchanged += not changed
        return done, unchanged

    @admin.action(description=_("Confirm payment of the selected orders"), permissions=["confirm_payment"])
    def confirm_payment(self, request, queryset):
        done, unchanged = self._apply(request, queryset, payments.confirm_payment)
        if done:
            messages.success(
                request,
                ngettext(
                    "%(count)d payment confirmed: the order is active and the member is told by e-mail.",
                    "%(count)d payments confirmed: the orders are active and the members are told by e-mail.",
                    done,
                )
                % {"count": done},
            )
        if unchanged:
            messages.info(
                request,
                ngettext(
                    "%(count)d payment was confirmed already: nothing changed.",
                    "%(count)d payments were confirmed already: nothing changed.",
                    unchanged,
                )
                % {"count": unchanged},
            )

    @admin.action(description=_("Cancel the selected unpaid orders"), permissions=["confirm_payment"])
    def cancel_order(self, request, queryset):
        done, _unchanged = self._apply(request, queryset, payments.cancel_payment)
        if done:
            messages.success(
                request,
                ngettext("%(count)d order cancelled.", "%(count)d orders cancelled.", done) % {"count": done},
            )


class OrderAdminMixin(PaymentActionsMixin):
    """Columns and search shared by subscriptions and purchases."""

    search_fields = ["payment__reference", "user__email", "user__first_name", "user__last_name"]
    actions = ["confirm_payment", "cancel_order"]
    date_hierarchy = "created_at"

    @admin.display(description=_("member"), ordering="user__last_name")
    def member(self, obj):
        return member_label(obj.user)

    @admin.display(description=_("payment reference"), ordering="payment__reference")
    def reference(self, obj):
        return obj.payment.reference

    @admin.display(description=_("amount"), ordering="payment__amount")
    def amount(self, obj):
        return som(obj.payment.amount)

    @admin.display(description=_("payment"), ordering="payment__status")
    def payment_status(self, obj):
        return obj.payment.get_status_display()

    @admin.display(description=_("paid"), ordering="payment__paid_at")
    def paid_at(self, obj):
        return obj.payment.paid_at

    def has_add_permission(self, request):
        return False  # orders are made by members on the site, with their payment reference


class PlanKindFilter(admin.SimpleListFilter):
    title = _("plan kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return Plan.Kind.choices

    def queryset(self, request, queryset):
        return queryset.filter(plan__kind=self.value()) if self.value() else queryset


@admin.register(Subscription)
class SubscriptionAdmin(OrderAdminMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "member",
        "plan",
        "status",
        "amount",
        "payment_status",
        "period",
        "copies",
        "created_at",
    ]
    list_filter = ["status", PlanKindFilter, "payment__status", "plan"]
    list_select_related = ["user", "plan", "payment"]
    search_fields = [*OrderAdminMixin.search_fields, "recipient"]
    readonly_fields = [
        "user",
        "plan",
        "payment",
        "status",
        "starts_on",
        "ends_on",
        "reminder_sent_at",
        "created_at",
    ]
    fieldsets = [
        (None, {"fields": ["user", "plan", "status", "payment", ("starts_on", "ends_on"), "reminder_sent_at"]}),
        (
            _("Print delivery"),
            {"fields": ["recipient", "delivery_address", "copies"], "description": _("For print subscriptions.")},
        ),
        (_("Dates"), {"fields": ["created_at"]}),
    ]

    @admin.display(description=_("period"), ordering="starts_on")
    def period(self, obj):
        if not obj.starts_on:
            return "—"
        return f"{obj.starts_on:%d.%m.%Y} – {obj.ends_on:%d.%m.%Y}"

    def get_urls(self):
        return [
            path(
                "mailing-list/",
                self.admin_site.admin_view(exports.mailing_list_view(self)),
                name="magazine_subscription_mailing_list",
            ),
            path("report/", self.admin_site.admin_view(exports.report_view(self)), name="magazine_report"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_export_mailing_list": exports.may_export_mailing_list(request.user),
            "may_see_report": exports.may_see_report(request.user),
        }
        return super().changelist_view(request, extra_context)


@admin.register(Purchase)
class PurchaseAdmin(OrderAdminMixin, admin.ModelAdmin):
    list_display = ["reference", "member", "issue", "status", "amount", "payment_status", "created_at", "paid_at"]
    list_filter = ["status", "payment__status", "issue__year"]
    list_select_related = ["user", "issue", "payment"]
    readonly_fields = ["user", "issue", "payment", "status", "created_at"]
    fields = ["user", "issue", "status", "payment", "created_at"]


# --- payments -----------------------------------------------------------------------------------


@admin.register(Payment)
class PaymentAdmin(PaymentActionsMixin, admin.ModelAdmin):
    """The payments as they came in: read only; confirmed or cancelled with the bulk actions."""

    list_display = ["reference", "order", "member", "amount_display", "status", "method", "created_at", "paid_at"]
    list_filter = ["status", "method"]
    list_select_related = ["subscription__user", "subscription__plan", "purchase__user", "purchase__issue"]
    search_fields = [
        "reference",
        "provider_reference",
        "subscription__user__email",
        "subscription__user__last_name",
        "purchase__user__email",
        "purchase__user__last_name",
    ]
    date_hierarchy = "created_at"
    actions = ["confirm_payment", "cancel_order"]
    fields = [
        "reference",
        "order",
        "member",
        "amount_display",
        "status",
        "method",
        "provider_reference",
        "created_at",
        "paid_at",
        "confirmed_by",
    ]
    readonly_fields = fields

    def payments_of(self, queryset):
        return list(queryset)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @staticmethod
    def _order(obj):
        for name in ("subscription", "purchase"):
            try:
                return getattr(obj, name)
            except (Subscription.DoesNotExist, Purchase.DoesNotExist):
                continue
        return None

    @admin.display(description=pgettext_lazy("a purchase or subscription", "order"))
    def order(self, obj):
        order = self._order(obj)
        if isinstance(order, Subscription):
            return order.plan
        if isinstance(order, Purchase):
            return order.issue.label
        return "—"

    @admin.display(description=_("member"))
    def member(self, obj):
        order = self._order(obj)
        return member_label(order.user) if order else "—"

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, obj):
        return som(obj.amount)
