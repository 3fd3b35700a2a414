"""The form a member fills to propose a practice, and the admin's file checks.

The member writes in one language (Kyrgyz, Russian or English) and the texts go into
that language's fields (title_ru, ...); editors add the other languages later. Long
texts are plain textareas: paragraphs become <p> (escaped), and RichTextField
sanitizes whatever arrives anyway.
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.forms import MunicipalityField, municipality_choices
from portal.templatetags.portal_tags import LANGUAGE_SELF_NAMES
from practices import uploads
from practices.models import FileLanguage, Theme

FIRST_YEAR = 1991  # independence: the earliest year a local self-government practice can date from
SPACES = re.compile(r"[\s\u00a0\u202f']")


def paragraphs(text):
    """Plain text → <p> paragraphs (blank lines) and <br> (single line breaks), HTML escaped."""
    text = (text or "").strip()
    return linebreaks(text, autoescape=True) if text else ""


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type="file" multiple> (Django's documented pattern)."""

    def __init__(self, *, validator, limit, too_many_message, **kwargs):
        self.validator, self.limit, self.too_many_message = validator, limit, too_many_message
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, (list, tuple)) else [data]) if item]
        for upload in files:
            if not upload.size:
                raise ValidationError(
                    _("“%(name)s” is empty: choose the file again."),
                    code="empty",
                    params={"name": uploads.display_name(upload)},
                )
        return uploads.validate_many(files, self.validator, limit=self.limit, too_many_message=self.too_many_message)


class WholeNumberField(forms.IntegerField):
    """A number typed as people write it: "150 000" is 150000. A phone shows the number keypad."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(SPACES.sub("", value) if isinstance(value, str) else value)


class SomField(WholeNumberField):
    """An amount in whole som."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", 10**13)
        super().__init__(**kwargs)


class PracticeMunicipalityField(MunicipalityField):
    """The members' grouped municipality select, whose empty choice means "national level"."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.choices = self.practice_choices

    @staticmethod
    def practice_choices():
        return [("", _("— national level, not one municipality —")), *municipality_choices()[1:]]


def textarea(rows=5, **attrs):
    return forms.Textarea(attrs={"rows": rows, **attrs})


class PracticeProposalForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language you are writing in"),
        # Each language named in itself: a reader looks for their own.
        choices=[(code, LANGUAGE_SELF_NAMES.get(code, name)) for code, name in settings.LANGUAGES],
        widget=forms.RadioSelect,
        help_text=_("Write in the language you know best; the editors will translate."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("What was done, and where. For example: “Kumbel organized its own drinking water service”."),
    )
    summary = forms.CharField(
        label=_("Short summary"),
        max_length=1000,
        widget=textarea(3),
        help_text=_("Two or three sentences: the problem, what the municipality did, and what came of it."),
    )
    theme = forms.ModelChoiceField(
        label=_("Main theme"), queryset=Theme.objects.all(), empty_label=_("— choose a theme —")
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Further themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only if the practice is also about other themes."),
    )
    municipality = PracticeMunicipalityField(
        label=_("Municipality"),
        required=False,
        help_text=_("Where the practice took place. Your own municipality is chosen for you."),
    )
    year = WholeNumberField(
        label=_("Year"),
        min_value=FIRST_YEAR,
        help_text=_("The year the practice started or was completed."),
    )
    problem = forms.CharField(
        label=_("The problem"),
        widget=textarea(),
        help_text=_("What was wrong, and for whom, before the practice. Leave an empty line between paragraphs."),
    )
    actions = forms.CharField(
        label=_("What was done"),
        widget=textarea(6),
        help_text=_("The steps, who took part, how long it took, what was difficult."),
    )
    results = forms.CharField(
        label=_("Results"),
        widget=textarea(),
        help_text=_("What changed: with figures if you have them (households connected, complaints, revenues)."),
    )
    beneficiaries = WholeNumberField(label=_("People who benefit"), help_text=_("Approximately, if not known exactly."))
    total_cost = SomField(label=_("Total cost, som"), help_text=_("Everything the practice cost, from all sources."))
    own_contribution = SomField(
        label=_("Municipality's own contribution, som"),
        help_text=_("The part paid from the local budget or by the residents themselves."),
    )
    partners = forms.CharField(
        label=_("Partners and donors"),
        max_length=2000,
        required=False,
        widget=textarea(2),
        help_text=_("Organizations that helped, with money or advice."),
    )
    contact_name = forms.CharField(
        label=_("Contact person"),
        max_length=150,
        help_text=_("Whom colleagues from other municipalities may ask about the practice."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_position = forms.CharField(label=_("Contact's position"), max_length=200, required=False)
    contact_phone = forms.CharField(
        label=_("Contact phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    contact_email = forms.EmailField(
        label=_("Contact e-mail"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        help_text=_("A link to a video about the practice, for example on YouTube."),
    )
    is_sigr = forms.BooleanField(
        label=_("The practice is socially inclusive and gender-responsive"),
        required=False,
        help_text=_(
            "Tick if it gave women, young people, people with disabilities or other vulnerable groups "
            "a say in decisions, or answered their particular needs."
        ),
    )
    documents = MultipleFileField(
        label=_("Documents"),
        validator=uploads.validate_document,
        limit=uploads.MAX_DOCUMENTS,
        too_many_message=uploads.TOO_MANY_DOCUMENTS,
        widget=MultipleFileInput(attrs={"accept": uploads.DOCUMENT_ACCEPT}),
        help_text=_(
            "Decisions, plans, reports: PDF, Word (DOCX), Excel (XLSX) or PowerPoint (PPTX), up to %(count)d files. "
            "You may select several files at once."
        )
        % {"count": uploads.MAX_DOCUMENTS},
    )
    document_language = forms.ChoiceField(
        label=_("Language of the documents"),
        choices=FileLanguage.choices,
        help_text=_("Choose “several languages” if the documents are in different languages."),
    )
    images = MultipleFileField(
        label=_("Photos"),
        validator=uploads.validate_image,
        limit=uploads.MAX_IMAGES,
        too_many_message=uploads.TOO_MANY_IMAGES,
        widget=MultipleFileInput(attrs={"accept": uploads.IMAGE_ACCEPT}),
        help_text=_("JPEG, PNG or WebP, up to %(count)d photos. The first photo becomes the cover.")
        % {"count": uploads.MAX_IMAGES},
    )
    consent = forms.BooleanField(
        label=_("I agree that the portal may publish this practice, with the contact details above"),
        help_text=_("Editors read every proposal before it is published and may shorten or translate it."),
    )

    # The sections of the page, in order: (legend, fields).
    SECTIONS = [
        (_("The practice"), ["language", "title", "summary", "theme", "themes"]),
        (_("Where and when"), ["municipality", "year"]),
        (_("The story"), ["problem", "actions", "results"]),
        (_("Figures"), ["beneficiaries", "total_cost", "own_contribution", "partners"]),
        (_("Contact"), ["contact_name", "contact_position", "contact_phone", "contact_email"]),
        (_("Documents, photos and video"), ["documents", "document_language", "images", "video_url"]),
        (_("Publication"), ["is_sigr", "consent"]),
    ]

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        self.fields["language"].initial = language
        self.fields["document_language"].initial = language
        self.fields["municipality"].initial = str(member.municipality_id) if member.municipality_id else ""
        self.fields["contact_name"].initial = member.get_full_name()
        self.fields["contact_position"].initial = member.position
        self.fields["contact_email"].initial = member.email

    def sections(self):
        """[(legend, [bound fields])] for the template."""
        return [(legend, [self[name] for name in names]) for legend, names in self.SECTIONS]

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and year > timezone.localdate().year:
            raise ValidationError(_("The year cannot be in the future."), code="future_year")
        return year

    def clean(self):
        cleaned = super().clean()
        total, own = cleaned.get("total_cost"), cleaned.get("own_contribution")
        if total is not None and own is not None and own > total:
            self.add_error("own_contribution", _("The own contribution cannot be larger than the total cost."))
        if cleaned.get("theme") and cleaned.get("themes") is not None:
            cleaned["themes"] = [theme for theme in cleaned["themes"] if theme != cleaned["theme"]]
        if not cleaned.get("contact_phone") and not cleaned.get("contact_email") and "contact_email" not in self.errors:
            self.add_error("contact_phone", _("Give a phone number or an e-mail address, so colleagues can ask."))
        return cleaned

    def proposal(self):
        """Keyword arguments for practices.services.practice_propose."""
        data = self.cleaned_data
        language = data["language"]
        translated = {
            "title": data["title"].strip(),
            "summary": data["summary"].strip(),
            "problem": paragraphs(data["problem"]),
            "actions": paragraphs(data["actions"]),
            "results": paragraphs(data["results"]),
            "partners": data["partners"].strip(),
            "contact_position": data["contact_position"].strip(),
        }
        fields = {f"{name}_{language}": value for name, value in translated.items()}
        for name in ("theme", "municipality", "year", "beneficiaries", "total_cost", "own_contribution"):
            fields[name] = data[name]
        for name in ("contact_name", "contact_phone", "contact_email", "video_url", "is_sigr"):
            fields[name] = data[name]
        return {
            "fields": fields,
            "themes": data["themes"],
            "documents": data["documents"],
            "document_language": data["document_language"],
            "images": data["images"],
            "language": language,
        }
