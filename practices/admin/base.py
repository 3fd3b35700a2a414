"""Pieces shared by the library's admin pages: the rich-text editor, file widgets and form mixins."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget

from portal import search
from practices.richtext import RichTextField

# What the editor offers: exactly what practices.richtext.sanitize_html keeps (h2/h3, emphasis,
# lists, links, quotes, simple tables), so nothing an editor writes is silently dropped on save.
PROSE_EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Underline": True,
        "Strike": True,
        "Subscript": True,
        "Superscript": True,
        "Heading": {"levels": [2, 3]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "HorizontalRule": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
    }
}
RICH_TEXT_OVERRIDES = {
    RichTextField: {"widget": AdminProseEditorWidget(config=PROSE_EDITOR_CONFIG, preset="configurable")}
}


class ThemeCheckboxesMixin:
    """Further themes as ten checkboxes, without the "add another theme" wrapper: the themes are fixed."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "themes":
            # The admin's own class for lists of choices: labels as wide as they need.
            kwargs["widget"] = forms.CheckboxSelectMultiple(attrs={"class": "radiolist"})
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "themes" and field is not None:
            field.widget = getattr(field.widget, "widget", field.widget)
        return field


class HttpsLinksMixin:
    """A bare "youtube.com/..." video link means https (Django 6's default)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)


# The admin's fieldsets and inline `fields` name the fields of these forms.
ADMIN_FIELDS = []


class AnyLanguageMixin:
    """A required text is required in one language at least, not necessarily Kyrgyz: a member may
    have written in Russian, and the page falls back to the language there is (DESIGN.md "Languages")."""

    any_language_fields = ("title",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._language_fields():
            self.fields[name].required = False

    def _language_fields(self, base=None):
        bases = [base] if base else self.any_language_fields
        return [f"{b}_{code}" for b in bases for code, _name in settings.LANGUAGES if f"{b}_{code}" in self.fields]

    def clean(self):
        cleaned = super().clean()
        for base in self.any_language_fields:
            names = self._language_fields(base)
            if names and not any(cleaned.get(name) for name in names):
                self.add_error(names[0], _("Fill this in at least one language."))
        return cleaned


class StoredFile:
    """What the file widget shows for a document already stored: its original name, linked to the
    download view (which checks the reader's right), never to a path in the private storage."""

    def __init__(self, name, url):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class PrivateFileWidget(AdminFileWidget):
    def __init__(self, *args, stored=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored = stored

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"] and self.stored is not None:
            context["widget"]["value"] = self.stored
        return context


class DocumentFormMixin:
    """Records a new document's size, type, name and text (checked by uploads.DocumentField)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if "file" in self.fields and instance.pk and instance.file:
            # The protected download view: a resource's or an edition's, else the attachment's own URL.
            download = getattr(instance, "get_download_url", None)
            url = download() if download else instance.get_absolute_url()
            self.fields["file"].widget = PrivateFileWidget(stored=StoredFile(instance.original_name, url))

    def save(self, commit=True):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            self.instance.fill_file_metadata(upload)
        elif "file" in self.changed_data and not upload:
            self.instance.size, self.instance.content_type, self.instance.original_name = 0, "", ""
            self.instance.text = ""
        return super().save(commit)


class FileFactsMixin:
    @admin.display(description=_("stored file"))
    def file_facts(self, obj):
        if not obj.pk or not obj.file:
            return "—"
        return f"{obj.original_name} · {obj.extension} · {filesizeformat(obj.size)}"


class SearchIndexedMixin:
    """The search index follows every save and deletion an editor makes in the admin."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search.index(form.instance)

    def delete_model(self, request, obj):
        search.remove(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            search.remove(obj)
        super().delete_queryset(request, queryset)
