"""Two admin pages reached from the subscription list: the print mailing list of a month (a CSV
for the post) and the report (active subscriptions by plan, revenue by month as a chart).
The numbers come from magazine.reports."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from magazine import reports

MAILING_LIST_HEADER = [_("Name"), _("Organization"), _("Address"), _("Copies")]


def may_export_mailing_list(user):
    return user.has_perm("magazine.publish_issue")


def may_see_report(user):
    return user.has_perm("magazine.view_subscription")


class MonthForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%Y-%m", "%m.%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month", "placeholder": "2026-10"}, format="%Y-%m"),
        help_text=_("Year and month, for example 2026-10."),
    )


def mailing_list_view(model_admin):
    @require_GET
    def view(request):
        if not may_export_mailing_list(request.user):
            raise PermissionDenied
        form = MonthForm(request.GET if "month" in request.GET else None)
        if form.is_valid():
            return mailing_list_response(form.cleaned_data["month"])
        this_month = reports.first_of_month(timezone.localdate())
        if not form.is_bound:
            form = MonthForm(initial={"month": this_month})
        rows = reports.mailing_list(this_month)
        return TemplateResponse(
            request,
            "admin/magazine/mailing_list.html",
            {
                **model_admin.admin_site.each_context(request),
                "title": _("Print mailing list"),
                "opts": model_admin.model._meta,
                "form": form,
                "this_month": this_month,
                "this_month_addresses": len(rows),
                "this_month_copies": sum(row.copies for row in rows),
            },
        )

    return view


def mailing_list_response(month):
    text = reports.mailing_list_csv(reports.mailing_list(month), MAILING_LIST_HEADER)
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mailing-list-{month:%Y-%m}.csv"'
    response["Cache-Control"] = "private, no-store"  # names and addresses: kept by no cache on the way
    return response


def report_view(model_admin):
    @require_GET
    def view(request):
        if not may_see_report(request.user):
            raise PermissionDenied
        plans = reports.active_by_plan()
        months = reports.revenue_by_month()
        return TemplateResponse(
            request,
            "admin/magazine/report.html",
            {
                **model_admin.admin_site.each_context(request),
                "title": _("Magazine report"),
                "opts": model_admin.model._meta,
                "today": timezone.localdate(),
                "plans": plans,
                "plan_totals": {
                    "subscriptions": sum(row.subscriptions for row in plans),
                    "copies": sum(row.copies for row in plans),
                },
                "months": months,
                "revenue_total": sum(row.total for row in months),
                "revenue_payments": sum(row.payments for row in months),
                "chart": reports.revenue_chart(months),
            },
        )

    return view
