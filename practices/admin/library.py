"""Themes, tags and learning materials in the admin."""

import reversion
from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin

from portal import search
from portal.concurrency import HistoryAdmin
from practices import uploads
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
from practices.models import Resource, Tag, Theme


@admin.register(Theme)
class ThemeAdmin(TabbedDjangoJqueryTranslationAdmin):
    """The 10 themes of the design: their names and descriptions are edited here; none is removed."""

    list_display = ["number", "name", "short_name", "slug"]
    list_display_links = ["number", "name"]
    readonly_fields = ["slug", "number"]
    fields = ["number", "slug", "name", "short_name", "description", "icon"]

    def has_delete_permission(self, request, obj=None):
        return False


class TagForm(AnyLanguageMixin, forms.ModelForm):
    any_language_fields = ("name",)

    class Meta:
        model = Tag
        fields = ADMIN_FIELDS


@admin.register(Tag)
class TagAdmin(TabbedDjangoJqueryTranslationAdmin):
    form = TagForm
    fields = ["name", "slug"]
    list_display = ["name", "slug", "practice_count"]
    search_fields = ["slug", "name_ky", "name_ru", "name_en"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(practice_count=Count("practices"))

    @admin.display(description=_("practices"), ordering="practice_count")
    def practice_count(self, obj):
        return obj.practice_count


class ResourceForm(AnyLanguageMixin, DocumentFormMixin, forms.ModelForm):
    class Meta:
        model = Resource
        fields = ADMIN_FIELDS
        field_classes = {"file": uploads.DocumentField}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("video_url") and "file" not in self.errors:
            self.add_error("file", _("Add a file, or a video link for a video lesson."))
        return cleaned


reversion.register(Resource)


@admin.register(Resource)
class ResourceAdmin(
    SearchIndexedMixin,
    ThemeCheckboxesMixin,
    HttpsLinksMixin,
    FileFactsMixin,
    HistoryAdmin,
    TabbedDjangoJqueryTranslationAdmin,
):
    form = ResourceForm
    formfield_overrides = RICH_TEXT_OVERRIDES
    list_display = [
        "title",
        "kind",
        "audience",
        "language",
        "visibility",
        "is_published",
        "for_deputies",
        "gender_budgeting",
        "published_at",
        "updated_at",
    ]
    list_filter = [
        "kind",
        "audience",
        "language",
        "visibility",
        "is_published",
        "for_deputies",
        "gender_budgeting",
        "themes",
    ]
    search_fields = ["title_ky", "title_ru", "title_en", "slug"]
    ordering = ["-updated_at"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["file_facts", "published_at", "created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (_("Content"), {"fields": ["title", "slug", "kind", "description", "themes", "year"]}),
        (
            _("File or video"),
            {
                "fields": ["file", "file_facts", "language", "video_url"],
                "description": _("A PDF, DOCX, XLSX or PPTX file, and/or a video link for a video lesson."),
            },
        ),
        (
            _("Sections and visibility"),
            {"fields": ["audience", "visibility", "for_deputies", "gender_budgeting", "is_published"]},
        ),
        (_("Dates"), {"fields": ["published_at", "created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        if obj.is_published and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish the selected learning materials"), permissions=["change"])
    def publish(self, request, queryset):
        changed = 0
        for resource in queryset.filter(is_published=False):
            resource.is_published = True
            resource.published_at = resource.published_at or timezone.now()
            resource.save(update_fields=["is_published", "published_at", "updated_at"])
            search.index(resource)
            changed += 1
        messages.success(
            request,
            ngettext("%(count)d learning material published.", "%(count)d learning materials published.", changed)
            % {"count": changed},
        )

    @admin.action(description=_("Unpublish the selected learning materials"), permissions=["change"])
    def unpublish(self, request, queryset):
        changed = 0
        for resource in queryset.filter(is_published=True):
            resource.is_published = False
            resource.save(update_fields=["is_published", "updated_at"])
            search.index(resource)
            changed += 1
        messages.success(
            request,
            ngettext("%(count)d learning material unpublished.", "%(count)d learning materials unpublished.", changed)
            % {"count": changed},
        )
