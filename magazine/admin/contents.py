"""An issue's contents in the admin: its PDF editions and its articles (inline on the issue's
page), an article's own page for its full text, and the rubrics."""

import reversion
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin, TranslationStackedInline
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from magazine.indexing import index_issue
from magazine.models import Article, Edition, EditionLanguage, Rubric
from practices import uploads
from practices.admin.base import (
    ADMIN_FIELDS,
    RICH_TEXT_OVERRIDES,
    AnyLanguageMixin,
    FileFactsMixin,
    PrivateFileWidget,
    StoredFile,
    ThemeCheckboxesMixin,
)
from practices.services import CYRILLIC_TO_LATIN

# --- editions -----------------------------------------------------------------------------------


class PdfField(uploads.DocumentField):
    """An edition is the issue's PDF: checked by its content like every library document, and
    nothing else is accepted (a DOCX of the issue would be a mistake, not a format)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ".pdf,application/pdf")

    def to_python(self, data):
        upload = super().to_python(data)  # validated and renamed to its real type
        if isinstance(upload, UploadedFile) and not upload.name.lower().endswith(".pdf"):
            raise ValidationError(
                _("“%(name)s” is not a PDF file: an edition is the PDF of the issue."),
                code="edition_not_pdf",
                params={"name": uploads.display_name(upload)},
            )
        return upload


def count_pages(upload):
    """The number of pages of a checked PDF (read from its page tree, not its text), or None."""
    try:
        upload.seek(0)
        return len(PdfReader(upload).pages) or None
    except (PyPdfError, ValueError, OSError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    finally:
        upload.seek(0)


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ADMIN_FIELDS
        field_classes = {"file": PdfField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if "file" in self.fields and instance.pk and instance.file:
            # The stored PDF links to the download view (which checks the right), never to its path.
            stored = StoredFile(instance.original_name or instance.file.name, instance.get_download_url())
            widget = PrivateFileWidget(stored=stored, attrs={"accept": ".pdf,application/pdf"})
            widget.is_required = self.fields["file"].required  # no "Clear" box: an edition is its PDF
            self.fields["file"].widget = widget

    def save(self, commit=True):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            self.instance.fill_file_metadata(upload)
            if not self.cleaned_data.get("pages"):
                self.instance.pages = count_pages(upload)
        return super().save(commit)


class EditionInline(FileFactsMixin, admin.TabularInline):
    model = Edition
    form = EditionForm
    fields = ["language", "file", "pages", "file_facts"]
    readonly_fields = ["file_facts"]
    max_num = len(EditionLanguage.choices)
    verbose_name_plural = _("editions (one PDF per language)")

    def get_extra(self, request, obj=None, **kwargs):
        present = obj.editions.count() if obj is not None and obj.pk else 0
        return max(len(EditionLanguage.choices) - present, 0)


# --- articles -----------------------------------------------------------------------------------


def article_slug(title):
    """A readable Latin slug from a Kyrgyz, Russian or English title."""
    return slugify((title or "").lower().translate(CYRILLIC_TO_LATIN))[:110].strip("-") or "article"


class ArticleForm(AnyLanguageMixin, forms.ModelForm):
    class Meta:
        model = Article
        fields = ADMIN_FIELDS
        widgets = {"summary": forms.Textarea(attrs={"rows": 2, "cols": 60})}
        help_texts = {"slug": _("Part of the article's address; made from the title when left empty.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
        for name, field in self.fields.items():
            if name.startswith("summary_"):
                field.widget.attrs.update(rows=2)

    def clean(self):
        cleaned = super().clean()
        if "slug" in self.fields and not cleaned.get("slug"):
            titles = [cleaned.get(name) for name in self._language_fields("title")]
            cleaned["slug"] = article_slug(next((title for title in titles if title), ""))
            self.generated_slug = True
        return cleaned


class ArticleFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """Two articles whose slugs were made from the same title get -2, -3...: the editor
        did not choose them, so the form should not refuse them."""
        super().clean()
        taken = {form.cleaned_data.get("slug") for form in self.forms if not getattr(form, "generated_slug", False)}
        for form in self.forms:
            if not getattr(form, "generated_slug", False) or not form.cleaned_data:
                continue
            base = slug = form.cleaned_data["slug"]
            number = 2
            while slug in taken:
                slug, number = f"{base[:100]}-{number}", number + 1
            form.cleaned_data["slug"] = form.instance.slug = slug
            taken.add(slug)


class ArticleInline(ThemeCheckboxesMixin, TranslationStackedInline):
    """The table of contents; the full text of a free article is edited on the article's own page."""

    model = Article
    form = ArticleForm
    formset = ArticleFormSet
    extra = 0
    show_change_link = True
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    ("rubric", "author"),
                    ("first_page", "last_page", "order", "is_free"),
                    "summary",
                    "themes",
                    "slug",
                ],
            },
        )
    ]
    verbose_name_plural = _("contents (articles)")

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj is not None and obj.pk else 3

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "themes":
            # Ten short names side by side: an issue has a dozen articles, each with its themes.
            field.widget.attrs["class"] = "radiolist inline"
            field.label_from_instance = lambda theme: theme.short_name or theme.name
        return field

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "rubric" and field is not None:
            # Only "add a rubric" here; rubrics are changed on their own page.
            field.widget.can_change_related = field.widget.can_delete_related = False
            field.widget.can_view_related = False
        return field


@admin.register(Article)
class ArticleAdmin(ThemeCheckboxesMixin, TabbedDjangoJqueryTranslationAdmin):
    """An article on its own page, for the full text of a free article (the rich-text editor)."""

    form = ArticleForm
    formfield_overrides = RICH_TEXT_OVERRIDES
    list_display = ["title", "issue", "rubric", "author", "pages", "is_free"]
    list_filter = ["is_free", "rubric", "issue__year", "themes"]
    list_select_related = ["issue", "rubric"]
    search_fields = ["title_ky", "title_ru", "title_en", "author"]
    autocomplete_fields = ["issue"]
    fieldsets = [
        (None, {"fields": ["issue", "title", "slug", ("rubric", "author"), ("first_page", "last_page", "order")]}),
        (_("Text"), {"fields": ["summary", "is_free", "body", "themes"]}),
    ]

    def get_model_perms(self, request):
        """Articles are edited from their issue's page; this page serves the full text only."""
        return {}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        index_issue(form.instance.issue)
        # The issue's contents changed: its history records it, and an editor's open issue form
        # (whose article rows would overwrite this) is now out of date (portal.concurrency).
        issue = form.instance.issue
        issue.save(update_fields=["updated_at"])
        reversion.add_to_revision(issue)
        reversion.set_comment(_("Article “%(title)s” changed on its own page.") % {"title": form.instance})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)


class RubricForm(AnyLanguageMixin, forms.ModelForm):
    any_language_fields = ("name",)

    class Meta:
        model = Rubric
        fields = ADMIN_FIELDS


@admin.register(Rubric)
class RubricAdmin(TabbedDjangoJqueryTranslationAdmin):
    form = RubricForm
    fields = ["name", "slug", "order"]
    list_display = ["name", "slug", "order", "article_count"]
    list_editable = ["order"]
    search_fields = ["slug", "name_ky", "name_ru", "name_en"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total
