"""News in the admin: translated tabs, the rich-text editor, publish and unpublish in bulk."""

import reversion
from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin

from news.models import News
from portal import search
from portal.concurrency import HistoryAdmin
from practices import uploads
from practices.admin.base import (
    ADMIN_FIELDS,
    RICH_TEXT_OVERRIDES,
    AnyLanguageMixin,
    SearchIndexedMixin,
    ThemeCheckboxesMixin,
)


class NewsForm(AnyLanguageMixin, forms.ModelForm):
    class Meta:
        model = News
        fields = ADMIN_FIELDS
        field_classes = {"image": uploads.PhotoField}


reversion.register(News)


@admin.register(News)
class NewsAdmin(SearchIndexedMixin, ThemeCheckboxesMixin, HistoryAdmin, TabbedDjangoJqueryTranslationAdmin):
    form = NewsForm
    formfield_overrides = RICH_TEXT_OVERRIDES
    list_display = ["title", "date", "is_published", "updated_at"]
    list_filter = ["is_published", "themes"]
    date_hierarchy = "date"
    search_fields = ["title_ky", "title_ru", "title_en", "lead_ky", "lead_ru", "lead_en", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["municipalities"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (_("Content"), {"fields": ["title", "slug", "lead", "body", "image"]}),
        (
            _("Themes and places"),
            {
                "fields": ["themes", "municipalities"],
                "description": _("The news page suggests the practices of these themes and municipalities."),
            },
        ),
        (
            _("Publication"),
            {
                "fields": ["date", "is_published"],
                "description": _("A published news item with a date in the future appears on that date."),
            },
        ),
        (_("Dates"), {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.action(description=_("Publish the selected news"), permissions=["change"])
    def publish(self, request, queryset):
        count = self._set_published(queryset.filter(is_published=False), True)
        messages.success(
            request,
            ngettext("%(count)d news item published.", "%(count)d news items published.", count) % {"count": count},
        )

    @admin.action(description=_("Unpublish the selected news"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = self._set_published(queryset.filter(is_published=True), False)
        messages.success(
            request,
            ngettext("%(count)d news item unpublished.", "%(count)d news items unpublished.", count) % {"count": count},
        )

    def _set_published(self, queryset, value):
        changed = 0
        for news in queryset:
            news.is_published = value
            news.save(update_fields=["is_published", "updated_at"])
            search.index(news)
            changed += 1
        return changed
