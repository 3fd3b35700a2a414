"""Issues in the admin: the form in language tabs with the PDF editions and the articles inline
(magazine.admin.contents), the list with what each issue has, and the publication steps
(magazine.admin.publication). The status is never edited in the form."""

import reversion
from django import forms
from django.contrib import admin
from django.db.models import Count, Exists, Max, OuterRef
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin

from magazine.admin.contents import ArticleInline, EditionInline
from magazine.admin.publication import PublicationMixin
from magazine.indexing import index_issue
from magazine.models import COVER_CARD_SIZE, Article, Edition, EditionLanguage, Issue
from portal.concurrency import HistoryAdmin
from practices import uploads
from practices.admin.base import ADMIN_FIELDS, RICH_TEXT_OVERRIDES, HttpsLinksMixin


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = ADMIN_FIELDS
        field_classes = {"cover": uploads.PhotoField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "month" in self.fields:  # "October", in the editor's language, rather than 10
            self.fields["month"].choices = [("", "---------"), *MONTHS.items()]


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Issue.objects.order_by("-year").values_list("year", flat=True).distinct()
        return [(year, year) for year in years]

    def queryset(self, request, queryset):
        return queryset.filter(year=self.value()) if self.value() else queryset


# The editors' history (HistoryAdmin): an issue's version holds its PDF editions and its contents.
reversion.register(Edition)
reversion.register(Article)
reversion.register(Issue, follow=("editions", "articles"))


@admin.register(Issue)
class IssueAdmin(PublicationMixin, HttpsLinksMixin, HistoryAdmin, TabbedDjangoJqueryTranslationAdmin):
    form = IssueForm
    # A revert brings back texts, cover and contents; publication changes only through its buttons
    # (and the subscribers are never e-mailed twice).
    restore_keeps = ("status", "publish_at", "published_at", "subscribers_notified_at")
    formfield_overrides = RICH_TEXT_OVERRIDES
    list_display = [
        "label_display",
        "month_display",
        "title",
        "status",
        "is_free",
        "has_ky",
        "has_ru",
        "article_count",
        "preview",
    ]
    list_display_links = ["label_display", "month_display"]
    list_filter = [YearFilter, "status", "is_free"]
    search_fields = ["title_ky", "title_ru", "title_en", "=running_number", "articles__title_ky", "articles__title_ru"]
    ordering = ["-year", "-number"]
    readonly_fields = ["cover_preview", "status", "publish_at", "published_at", "subscribers_notified_at"]
    inlines = [EditionInline, ArticleInline]
    view_on_site = False  # the page's own "Preview on the site" link replaces Django's
    fieldsets = [
        (_("Issue"), {"fields": [("year", "number", "running_number", "month"), "title", "editorial"]}),
        (_("Cover and access"), {"fields": ["cover", "cover_preview", "is_free"]}),
        (
            _("Publication"),
            {
                "fields": ["status", "publish_at", "published_at", "subscribers_notified_at"],
                "description": _(
                    "Publish the issue, or schedule it, with the buttons at the top of the page: its subscribers "
                    "are then e-mailed once, each in their language."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        editions = Edition.objects.filter(issue=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                article_total=Count("articles", distinct=True),
                has_ky_edition=Exists(editions.filter(language=EditionLanguage.KY)),
                has_ru_edition=Exists(editions.filter(language=EditionLanguage.RU)),
            )
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # a new issue is a draft: it is published from its page once saved
            fieldsets = [(name, options) for name, options in fieldsets if name != _("Publication")]
        return fieldsets

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """The empty edition rows come with the languages still missing, Kyrgyz first."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, EditionInline) and request.method != "POST":
            present = set(obj.editions.values_list("language", flat=True)) if obj and obj.pk else set()
            kwargs["initial"] = [{"language": code} for code, _label in EditionLanguage.choices if code not in present]
        return kwargs

    def get_changeform_initial_data(self, request):
        """A new issue follows the latest one: next number, month and running number."""
        initial = super().get_changeform_initial_data(request)
        latest = Issue.objects.order_by("-year", "-number").first()
        if latest is None:
            return initial
        next_month = latest.month % 12 + 1
        year = latest.year + (latest.month == 12)
        number = latest.number + 1 if year == latest.year else 1
        running = (Issue.objects.aggregate(top=Max("running_number"))["top"] or 0) + 1
        return {"year": year, "number": number, "month": next_month, "running_number": running, **initial}

    @admin.display(description=_("number"), ordering="running_number")
    def label_display(self, obj):
        return obj.label.replace(" ", "\u00a0")  # "10 (160)" never breaks in a narrow column

    @admin.display(description=_("month"), ordering="year")
    def month_display(self, obj):
        return f"{obj.month:02d}.{obj.year}"

    @admin.display(description=pgettext_lazy("edition", "ky"), boolean=True)
    def has_ky(self, obj):
        return obj.has_ky_edition

    @admin.display(description=pgettext_lazy("edition", "ru"), boolean=True)
    def has_ru(self, obj):
        return obj.has_ru_edition

    @admin.display(description=_("articles"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    @admin.display(description=pgettext_lazy("image", "thumbnail"))
    def cover_preview(self, obj):
        if not obj.pk or not obj.cover:
            return "—"
        width, height = COVER_CARD_SIZE
        return format_html(
            '<img src="{}" alt="" width="{}" height="{}" loading="lazy">', obj.cover_card.url, width // 2, height // 2
        )

    @admin.display(description=_("on the site"))
    def preview(self, obj):
        label = _("open") if obj.is_visible else pgettext("link", "preview")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    # The search follows every change of the contents (index_issue drops a draft's articles and
    # the entries of deleted articles).
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        index_issue(form.instance)

    def delete_model(self, request, obj):
        pk = obj.pk  # the deletion empties obj.pk; an issue of that pk now has no articles to index
        super().delete_model(request, obj)
        index_issue(Issue(pk=pk))

    def delete_queryset(self, request, queryset):
        issues = list(queryset)
        super().delete_queryset(request, queryset)
        for issue in issues:
            index_issue(issue)
