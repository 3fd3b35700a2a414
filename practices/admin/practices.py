"""Practices in the admin: the form in language tabs, files and gallery inlines, the review
history, and the workflow (buttons on a practice's page, bulk actions on the list), which goes
only through practices.services: history, e-mail to the member, search index."""

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext, pgettext_lazy
from modeltranslation.admin import (
    TabbedDjangoJqueryTranslationAdmin,
    TranslationTabularInline,
)

from portal.concurrency import HistoryAdmin
from practices import services, uploads
from practices.admin.base import (
    ADMIN_FIELDS,
    RICH_TEXT_OVERRIDES,
    AnyLanguageMixin,
    DocumentFormMixin,
    FileFactsMixin,
    HttpsLinksMixin,
    SearchIndexedMixin,
    ThemeCheckboxesMixin,
)
from practices.models import Attachment, Practice, PracticeImage, ReviewEvent

Status = Practice.Status

# The editors' history (HistoryAdmin): a practice's version holds its files and gallery, so a revert or
# a recovery brings them back too (the files themselves stay in the storage when a row is deleted).
# Not its review history: a revert never rewrites what happened.
reversion.register(Attachment)
reversion.register(PracticeImage)
reversion.register(Practice, follow=("attachments", "images"))


class AttachmentForm(AnyLanguageMixin, DocumentFormMixin, forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ADMIN_FIELDS
        field_classes = {"file": uploads.DocumentField}


class PracticeImageForm(forms.ModelForm):
    class Meta:
        model = PracticeImage
        fields = ADMIN_FIELDS
        field_classes = {"image": uploads.PhotoField}


class PracticeForm(AnyLanguageMixin, forms.ModelForm):
    class Meta:
        model = Practice
        fields = ADMIN_FIELDS
        field_classes = {"cover": uploads.PhotoField}

    def clean(self):
        cleaned = super().clean()
        total, own = cleaned.get("total_cost"), cleaned.get("own_contribution")
        if total is not None and own is not None and own > total:
            self.add_error("own_contribution", _("The own contribution cannot exceed the total cost."))
        return cleaned


class AttachmentInline(FileFactsMixin, TranslationTabularInline):
    model = Attachment
    form = AttachmentForm
    extra = 0
    fields = ["title", "file", "language", "order", "file_facts"]
    readonly_fields = ["file_facts"]
    verbose_name_plural = _("attachments (PDF, DOCX, XLSX, PPTX)")


class PracticeImageInline(TranslationTabularInline):
    model = PracticeImage
    form = PracticeImageForm
    extra = 0
    fields = ["image", "caption", "order", "preview"]
    readonly_fields = ["preview"]

    @admin.display(description=pgettext_lazy("image", "thumbnail"))
    def preview(self, obj):
        if not obj.pk or not obj.image:
            return "—"
        return format_html('<img src="{}" alt="" width="120" height="75" loading="lazy">', obj.thumbnail.url)


class ReviewEventInline(admin.TabularInline):
    """The history of the workflow, as it happened: nobody edits it."""

    model = ReviewEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "from_status", "to_status", "comment"]
    readonly_fields = fields
    ordering = ["created_at", "id"]
    verbose_name_plural = _("review history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class CommentForm(forms.Form):
    """The comment that goes with a step of the workflow (required when returning a practice)."""

    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["comment"]
        field.required = required
        field.help_text = (
            _(
                "Sent by e-mail to the member who proposed the practice, in their language. Say what to change "
                "and why; write in Kyrgyz or Russian as the member wrote."
            )
            if required
            else _("Optional. Kept in the review history; on publication it is also sent to the member.")
        )


# Button and action labels per transition (by the status it leads to).
# What a bulk action reports, one whole sentence per step and number.
DONE_MESSAGES = {
    Status.IN_REVIEW: ngettext_lazy(
        "%(count)d practice taken into review.", "%(count)d practices taken into review.", "count"
    ),
    Status.PUBLISHED: ngettext_lazy("%(count)d practice published.", "%(count)d practices published.", "count"),
    Status.DRAFT: ngettext_lazy(
        "%(count)d practice returned with comments.", "%(count)d practices returned with comments.", "count"
    ),
    Status.ARCHIVED: ngettext_lazy("%(count)d practice archived.", "%(count)d practices archived.", "count"),
    Status.SUBMITTED: ngettext_lazy(
        "%(count)d practice submitted for review.", "%(count)d practices submitted for review.", "count"
    ),
}

TRANSITION_LABELS = {
    Status.SUBMITTED: _("Submit for review"),
    Status.IN_REVIEW: _("Start review"),
    Status.PUBLISHED: _("Publish"),
    Status.DRAFT: _("Return with comments"),
    Status.ARCHIVED: _("Archive"),
}
TRANSITION_DONE = {
    Status.SUBMITTED: _("“%(title)s” was submitted for review."),
    Status.IN_REVIEW: _("You are now reviewing “%(title)s”."),
    Status.PUBLISHED: _("“%(title)s” is published."),
    Status.DRAFT: _("“%(title)s” was returned with your comments to the member."),
    Status.ARCHIVED: _("“%(title)s” is archived."),
}


class RegionFilter(admin.SimpleListFilter):
    title = _("region")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        from portal.models import Region

        return [(region.pk, region.name) for region in Region.objects.order_by("order")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(municipality__region_id=self.value())
        return queryset


@admin.register(Practice)
class PracticeAdmin(
    SearchIndexedMixin, ThemeCheckboxesMixin, HttpsLinksMixin, HistoryAdmin, TabbedDjangoJqueryTranslationAdmin
):
    form = PracticeForm
    restore_keeps = ("status", "published_at")  # a revert brings back texts and files, not a status
    formfield_overrides = RICH_TEXT_OVERRIDES
    list_display = [
        "title",
        "status",
        "theme",
        "municipality",
        "visibility",
        "is_sigr",
        "for_deputies",
        "gender_budgeting",
        "submitted_by",
        "updated_at",
        "preview",
    ]
    list_filter = [
        "status",
        "theme",
        RegionFilter,
        "visibility",
        "is_sigr",
        "for_deputies",
        "gender_budgeting",
        "year",
    ]
    list_select_related = ["theme", "municipality", "submitted_by"]
    search_fields = ["title_ky", "title_ru", "title_en", "slug"]
    date_hierarchy = "updated_at"
    ordering = ["-updated_at"]
    autocomplete_fields = ["municipality", "tags"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "submitted_by", "published_at", "created_at", "updated_at"]
    inlines = [AttachmentInline, PracticeImageInline, ReviewEventInline]
    actions = ["start_review", "publish", "archive", "return_with_comments"]
    fieldsets = [
        (
            _("Content"),
            {
                "fields": [
                    *("title", "slug", "summary", "theme", "themes", "tags"),
                    *("problem", "actions", "results", "body"),
                ]
            },
        ),
        (
            _("Place and figures"),
            {"fields": ["municipality", "year", "beneficiaries", "total_cost", "own_contribution", "partners"]},
        ),
        (_("Contact"), {"fields": ["contact_name", "contact_position", "contact_phone", "contact_email"]}),
        (_("Media"), {"fields": ["cover", "video_url"]}),
        (
            _("Sections and visibility"),
            {
                "fields": ["visibility", "is_sigr", "for_deputies", "gender_budgeting"],
                "description": _(
                    "Who may read the practice once it is published, and which sections list it. "
                    "Publishing is done with the buttons at the top of the page."
                ),
            },
        ),
        (_("Workflow"), {"fields": ["status", "submitted_by", "published_at", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("on the site"))
    def preview(self, obj):
        label = _("open") if obj.is_published else pgettext("link", "preview")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    def has_review_permission(self, request):
        return request.user.has_perm("practices.review_practice")

    def last_change(self, obj):
        """A workflow step (practices.services) is not in the editors' history: its review event names who."""
        who, when = super().last_change(obj)
        event = obj.review_events.select_related("actor").order_by("-created_at", "-id").first()
        if not who and event and event.actor and abs((event.created_at - when).total_seconds()) < 60:
            return event.actor.get_full_name() or event.actor.get_username(), event.created_at
        return who, when

    # The workflow buttons on a practice's page.
    def get_urls(self):
        transition = self.admin_site.admin_view(self.transition_view)
        return [
            path("<path:object_id>/status/<str:to>/", transition, name="practices_practice_transition"),
            *super().get_urls(),
        ]

    def may_move(self, request, to):
        needed = "practices.change_practice" if to == Status.SUBMITTED else "practices.review_practice"
        return request.user.has_perm(needed)

    def workflow_buttons(self, request, practice):
        return [
            {
                "label": TRANSITION_LABELS[to],
                "url": reverse("admin:practices_practice_transition", args=[practice.pk, to]),
                "to": to,
            }
            for to in services.allowed_transitions(practice)
            if self.may_move(request, to)
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        practice = self.get_object(request, object_id)
        extra_context = {**(extra_context or {})}
        if practice is not None:
            extra_context["workflow_buttons"] = self.workflow_buttons(request, practice)
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request, object_id, to):
        practice = self.get_object(request, object_id)
        if practice is None or to not in services.TRANSITIONS:
            raise Http404
        if not self.may_move(request, to):
            raise PermissionDenied
        change_url = reverse("admin:practices_practice_change", args=[practice.pk])
        form = CommentForm(request.POST or None, required=to == Status.DRAFT)
        if request.method == "POST" and form.is_valid():
            try:
                services.TRANSITIONS[to](practice=practice, by=request.user, comment=form.cleaned_data["comment"])
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, TRANSITION_DONE[to] % {"title": practice.title})
            return HttpResponseRedirect(change_url)
        return TemplateResponse(
            request,
            "admin/practices/practice/transition.html",
            {
                **self.admin_site.each_context(request),
                "title": TRANSITION_LABELS[to],
                "opts": self.model._meta,
                "practice": practice,
                "target": Status(to),
                "allowed": practice.status in services.ALLOWED_FROM[to],
                "notify_member": to in (Status.PUBLISHED, Status.DRAFT)
                and practice.submitted_by_id not in (None, request.user.pk),
                "form": form,
                "change_url": change_url,
            },
        )

    # Bulk actions on the list.
    def _run(self, request, queryset, to, comment=""):
        done, refused = 0, []
        for practice in queryset.select_related("submitted_by"):
            try:
                services.TRANSITIONS[to](practice=practice, by=request.user, comment=comment)
                done += 1
            except ValidationError as error:
                refused.extend(error.messages)
        if done:
            messages.success(request, DONE_MESSAGES[to] % {"count": done})
        for message in refused:
            messages.warning(request, message)

    @admin.action(description=_("Start review of the selected practices"), permissions=["review"])
    def start_review(self, request, queryset):
        self._run(request, queryset, Status.IN_REVIEW)

    @admin.action(description=_("Publish the selected practices"), permissions=["review"])
    def publish(self, request, queryset):
        self._run(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Archive the selected practices"), permissions=["review"])
    def archive(self, request, queryset):
        self._run(request, queryset, Status.ARCHIVED)

    @admin.action(description=_("Return the selected practices with comments…"), permissions=["review"])
    def return_with_comments(self, request, queryset):
        form = CommentForm(request.POST if "apply" in request.POST else None, required=True)
        if form.is_valid():
            self._run(request, queryset, Status.DRAFT, comment=form.cleaned_data["comment"])
            return None
        return TemplateResponse(
            request,
            "admin/practices/practice/return_practices.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Return practices with comments"),
                "opts": self.model._meta,
                "practices": queryset.select_related("submitted_by"),
                "form": form,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "selected_ids": request.POST.getlist(ACTION_CHECKBOX_NAME),
            },
        )
