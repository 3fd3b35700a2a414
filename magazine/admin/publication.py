"""Publishing issues from the admin: "Publish now", "Schedule…" and "Back to draft" as buttons
on an issue's page (each asks first, on a page of its own) and as bulk actions on the list (with
a page between, as Django's delete action has). Every step goes through magazine.publishing,
which e-mails the subscribers once and updates the search."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from magazine import publishing
from magazine.models import Issue

Status = Issue.Status


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publication date and time"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Bishkek time. The issue appears then, and its subscribers are e-mailed within minutes."),
    )

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise ValidationError(_("Choose a date and time in the future."), code="publish_at_past")
        return value


def default_publish_at(issues):
    """A first suggestion: 9:00 on the first day of the (first) issue's month, else tomorrow at 9:00."""
    now = timezone.localtime()
    months = sorted(issue.period_start for issue in issues)
    day = months[0] if months else now.date()
    suggestion = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    if suggestion <= now:
        suggestion = timezone.make_aware(
            datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time(9, 0))
        )
    return suggestion


# What a step reports, one whole sentence per step and number.
PUBLISHED = _("Issue %(label)s is published; its subscribers are being e-mailed.")
ALREADY_PUBLISHED = _("Issue %(label)s was published already: nothing was sent again.")
SCHEDULED = _("Issue %(label)s is scheduled: it appears on %(date)s, and its subscribers are e-mailed then.")
UNSCHEDULED = _("Issue %(label)s is a draft again.")


class PublicationMixin:
    """For IssueAdmin: the publication steps, allowed to holders of magazine.publish_issue."""

    actions = ["publish_now", "schedule"]

    # Permissions ---------------------------------------------------------------------------------

    def has_publish_permission(self, request):
        return request.user.has_perm("magazine.publish_issue")

    # Buttons on an issue's page ------------------------------------------------------------------

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(require_http_methods(["GET", "POST"])(function))

        return [
            path("<path:object_id>/publish/", view(self.publish_view), name="magazine_issue_publish"),
            path("<path:object_id>/schedule/", view(self.schedule_view), name="magazine_issue_schedule"),
            path("<path:object_id>/unschedule/", view(self.unschedule_view), name="magazine_issue_unschedule"),
            *super().get_urls(),
        ]

    def publication_buttons(self, request, issue):
        if not self.has_publish_permission(request):
            return []
        steps = []
        if issue.status != Status.PUBLISHED:
            steps += [("publish", _("Publish now")), ("schedule", _("Schedule…"))]
        if issue.status == Status.SCHEDULED:
            steps.append(("unschedule", _("Back to draft")))
        return [
            {"label": label, "step": step, "url": reverse(f"admin:magazine_issue_{step}", args=[issue.pk])}
            for step, label in steps
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        issue = self.get_object(request, object_id)
        extra_context = {**(extra_context or {})}
        if issue is not None:
            extra_context["publication_buttons"] = self.publication_buttons(request, issue)
        return super().change_view(request, object_id, form_url, extra_context)

    def _issue_for_step(self, request, object_id):
        if not self.has_publish_permission(request):
            raise PermissionDenied
        issue = self.get_object(request, object_id)
        if issue is None:
            raise Http404
        return issue

    def _step_page(self, request, issue, *, title, template, **context):
        return TemplateResponse(
            request,
            f"admin/magazine/issue/{template}",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "opts": self.model._meta,
                "issue": issue,
                "issues": [issue],
                "subscriber_count": publishing.subscriber_count(),
                "change_url": reverse("admin:magazine_issue_change", args=[issue.pk]),
                **context,
            },
        )

    def publish_view(self, request, object_id):
        issue = self._issue_for_step(request, object_id)
        change_url = reverse("admin:magazine_issue_change", args=[issue.pk])
        if request.method == "POST":
            self._publish(request, [issue])
            return HttpResponseRedirect(change_url)
        return self._step_page(request, issue, title=_("Publish now"), template="publish.html")

    def schedule_view(self, request, object_id):
        issue = self._issue_for_step(request, object_id)
        form = ScheduleForm(request.POST or None, initial={"publish_at": default_publish_at([issue])})
        if request.method == "POST" and form.is_valid():
            self._schedule(request, [issue], form.cleaned_data["publish_at"])
            return HttpResponseRedirect(reverse("admin:magazine_issue_change", args=[issue.pk]))
        return self._step_page(request, issue, title=_("Schedule the issue"), template="schedule.html", form=form)

    def unschedule_view(self, request, object_id):
        issue = self._issue_for_step(request, object_id)
        change_url = reverse("admin:magazine_issue_change", args=[issue.pk])
        if request.method == "POST":
            try:
                publishing.issue_unschedule(issue=issue, by=request.user)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, UNSCHEDULED % {"label": issue.label})
            return HttpResponseRedirect(change_url)
        return self._step_page(request, issue, title=_("Back to draft"), template="unschedule.html")

    # The steps themselves (buttons and bulk actions) ---------------------------------------------

    def _publish(self, request, issues):
        for issue in issues:
            if publishing.issue_publish(issue=issue, by=request.user):
                messages.success(request, PUBLISHED % {"label": issue.label})
            else:
                messages.info(request, ALREADY_PUBLISHED % {"label": issue.label})

    def _schedule(self, request, issues, publish_at):
        date = formats.date_format(timezone.localtime(publish_at), "SHORT_DATETIME_FORMAT")
        for issue in issues:
            try:
                publishing.issue_schedule(issue=issue, publish_at=publish_at, by=request.user)
            except ValidationError as error:
                for message in error.messages:
                    messages.warning(request, message)
            else:
                messages.success(request, SCHEDULED % {"label": issue.label, "date": date})

    def _bulk_page(self, request, issues, *, action, title, form=None):
        """The page between a bulk action and its step: what will happen, to which issues."""
        return TemplateResponse(
            request,
            "admin/magazine/issue/bulk_step.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "opts": self.model._meta,
                "issues": issues,
                "action": action,
                "form": form,
                "subscriber_count": publishing.subscriber_count(),
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "selected_ids": request.POST.getlist(ACTION_CHECKBOX_NAME),
            },
        )

    @admin.action(description=_("Publish the selected issues now…"), permissions=["publish"])
    def publish_now(self, request, queryset):
        issues = list(queryset.order_by("year", "number"))
        if "apply" in request.POST:
            self._publish(request, issues)
            return None
        title = ngettext("Publish %(count)d issue now", "Publish %(count)d issues now", len(issues))
        return self._bulk_page(request, issues, action="publish_now", title=title % {"count": len(issues)})

    @admin.action(description=_("Schedule the selected issues…"), permissions=["publish"])
    def schedule(self, request, queryset):
        issues = list(queryset.order_by("year", "number"))
        form = ScheduleForm(
            request.POST if "apply" in request.POST else None, initial={"publish_at": default_publish_at(issues)}
        )
        if form.is_valid():
            self._schedule(request, issues, form.cleaned_data["publish_at"])
            return None
        title = ngettext("Schedule %(count)d issue", "Schedule %(count)d issues", len(issues))
        return self._bulk_page(request, issues, action="schedule", title=title % {"count": len(issues)}, form=form)
