"""The form a member fills to propose a practice, and the same form again to change a
proposal the editors returned with comments.

The member writes in one language (Kyrgyz, Russian or English) and the texts go into
that language's fields (title_ru, ...); editors add the other languages later. Long
texts are plain textareas: paragraphs become <p> (escaped), and RichTextField
sanitizes whatever arrives anyway; to change them, the <p> go back to plain paragraphs.
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import linebreaks
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.forms import MunicipalityField, municipality_choices
from portal.templatetags.portal_tags import LANGUAGE_SELF_NAMES
from practices import services, uploads
from practices.models import FileLanguage, Theme
from practices.richtext import html_to_text

# "text %(count)d" % ... evaluated when shown, in the reader's language (not once at import).
_lazy_percent = lazy(lambda text, **values: str(text) % values, str)

FIRST_YEAR = 1991  # independence: the earliest year a local self-government practice can date from
SPACES = re.compile(r"[\s\u00a0\u202f']")
# Where rich text ends a paragraph, and where it breaks a line inside one.
PARAGRAPH_BOUNDARY = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|div|blockquote|tr|table|hr)\b[^>]*>", re.I)
LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
BLANK_LINE = re.compile(r"\n\s*\n")


def paragraphs(text):
    """Plain text → <p> paragraphs (blank lines) and <br> (single line breaks), HTML escaped."""
    text = (text or "").strip()
    return linebreaks(text, autoescape=True) if text else ""


def paragraphs_text(html):
    """Rich text → plain text for a textarea, the inverse of paragraphs(): a blank line between
    paragraphs (and list items, headings), a line break for <br>, the characters unescaped."""
    blocks = []
    for block in PARAGRAPH_BOUNDARY.split(html or ""):
        lines = [line for line in map(html_to_text, LINE_BREAK.split(block)) if line]
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _same_text(typed, shown):
    """Whether a textarea came back as it was shown: the same paragraphs and lines, whatever the
    line endings the browser sent and the spaces around the lines."""

    def shape(text):
        text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
        return [
            [" ".join(line.split()) for line in paragraph.split("\n") if line.strip()]
            for paragraph in BLANK_LINE.split(text)
            if paragraph.strip()
        ]

    return shape(typed) == shape(shown)


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
        help_text=_lazy_percent(
            _(
                "Decisions, plans, reports: PDF, Word (DOCX), Excel (XLSX) or PowerPoint (PPTX), "
                "up to %(count)d files. You may select several files at once."
            ),
            count=uploads.MAX_DOCUMENTS,
        ),
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
        help_text=_lazy_percent(
            _("JPEG, PNG or WebP, up to %(count)d photos. The first photo becomes the cover."),
            count=uploads.MAX_IMAGES,
        ),
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
        return [(legend, [self[name] for name in names if name in self.fields]) for legend, names in self.SECTIONS]

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


# --- changing a returned proposal ---------------------------------------------------------------

TOO_MANY_KEPT_DOCUMENTS = ngettext_lazy(
    "A practice may have at most %(limit)d document, counting those already sent that you keep: "
    "remove some of them or add fewer.",
    "A practice may have at most %(limit)d documents, counting those already sent that you keep: "
    "remove some of them or add fewer.",
    "limit",
)
TOO_MANY_KEPT_IMAGES = ngettext_lazy(
    "A practice may have at most %(limit)d photo, counting those already sent that you keep: "
    "remove some of them or add fewer.",
    "A practice may have at most %(limit)d photos, counting those already sent that you keep: "
    "remove some of them or add fewer.",
    "limit",
)
RICH_TEXTS = ("problem", "actions", "results")


def _revision_sections(sections):
    """The proposal's sections, with the files already sent before the new ones, no consent
    (given with the proposal) and a last section for a note to the editors."""
    replace = {
        "documents": ["remove_attachments", "documents"],
        "images": ["remove_images", "images"],
        "consent": [],
    }
    changed = [(legend, [new for name in names for new in replace.get(name, [name])]) for legend, names in sections]
    return [*changed, (_("For the editors"), ["note"])]


def _grouped(number):
    """1500000 → "1 500 000", as people type it (WholeNumberField reads the spaces back)."""
    return None if number is None else f"{int(number):,}".replace(",", " ")


class PracticeRevisionForm(PracticeProposalForm):
    """The proposal form again, filled with a proposal the editors returned, to change and send again.

    The texts are those of the language the member wrote in (which cannot be switched here: the
    other languages' texts are the editors' translations); the files already sent are listed, each
    with a box to remove it, and new ones may be added up to the same limits.
    """

    consent = None  # given with the proposal
    remove_attachments = forms.MultipleChoiceField(
        label=_("Documents already sent"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick a document to remove it. The others stay with the practice."),
    )
    remove_images = forms.MultipleChoiceField(
        label=_("Photos already sent"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick a photo to remove it. If you remove the cover, the next photo becomes the cover."),
    )
    note = forms.CharField(
        label=_("Note to the editors"),
        max_length=2000,
        required=False,
        widget=textarea(3),
        help_text=_("What you changed, or your answers to their questions. Only the editors read it."),
    )

    SECTIONS = _revision_sections(PracticeProposalForm.SECTIONS)

    def __init__(self, *args, practice, member, **kwargs):
        self.practice = practice
        self.written_in = services.proposal_language(practice)
        kwargs.setdefault("initial", self._initial_from(practice, self.written_in))
        super().__init__(*args, member=member, **kwargs)
        self.fields["language"].disabled = True
        self.fields["language"].help_text = _(
            "The language you wrote the proposal in; the editors translate it into the others."
        )
        self.attachments = list(practice.attachments.all())
        self.images = list(practice.images.all())
        self.photos = self._photos(practice, self.images)
        self._offer_removal(
            "remove_attachments", [(str(item.pk), self._document_label(item)) for item in self.attachments]
        )
        self._offer_removal("remove_images", [(key, label) for key, label, _thumbnail in self.photos])

    @staticmethod
    def _initial_from(practice, language):
        def text(name):
            return getattr(practice, f"{name}_{language}", "") or ""

        initial = {name: text(name) for name in ("title", "summary", "partners", "contact_position")}
        initial.update({name: paragraphs_text(text(name)) for name in RICH_TEXTS})
        initial.update(
            {name: _grouped(getattr(practice, name)) for name in ("beneficiaries", "total_cost", "own_contribution")}
        )
        for name in ("year", "contact_name", "contact_phone", "contact_email", "video_url", "is_sigr"):
            initial[name] = getattr(practice, name)
        initial.update(
            language=language,
            document_language=language,
            theme=practice.theme_id,
            themes=[theme.pk for theme in practice.themes.all()],
            municipality=str(practice.municipality_id or ""),
        )
        return initial

    @staticmethod
    def _photos(practice, images):
        """[(key, label, thumbnail)] of the photos already sent: the cover first, then the gallery."""
        photos = [(services.COVER, _("Remove the cover photo"), practice.cover_card)] if practice.cover else []
        for image in images:
            number = len(photos) + 1
            photos.append((str(image.pk), _("Remove photo %(number)d") % {"number": number}, image.thumbnail))
        return photos

    @staticmethod
    def _document_label(attachment):
        return _("Remove “%(title)s” (%(type)s, %(size)s)") % {
            "title": attachment.title,
            "type": attachment.extension,
            "size": filesizeformat(attachment.size),
        }

    def _offer_removal(self, name, choices):
        if choices:
            self.fields[name].choices = choices
        else:
            del self.fields[name]

    def kept_documents(self):
        """[(checkbox, attachment)] for the template."""
        return list(zip(self["remove_attachments"], self.attachments, strict=True)) if self.attachments else []

    def kept_photos(self):
        """[(checkbox, thumbnail)] for the template."""
        if not self.photos:
            return []
        return list(zip(self["remove_images"], [thumbnail for *_rest, thumbnail in self.photos], strict=True))

    def clean(self):
        cleaned = super().clean()
        self._check_room(
            "documents", "remove_attachments", len(self.attachments), uploads.MAX_DOCUMENTS, TOO_MANY_KEPT_DOCUMENTS
        )
        self._check_room("images", "remove_images", len(self.photos), uploads.MAX_IMAGES, TOO_MANY_KEPT_IMAGES)
        return cleaned

    def _check_room(self, name, remove_name, existing, limit, message):
        """New files and the ones kept together stay within the proposal's limit."""
        new = self.cleaned_data.get(name) or []
        kept = existing - len(self.cleaned_data.get(remove_name) or [])
        if new and kept + len(new) > limit:
            self.add_error(name, ValidationError(message % {"limit": limit}, code="too_many_files"))

    def revision(self):
        """Keyword arguments for practices.services.practice_revise."""
        kwargs = self.proposal()
        language = kwargs["language"]
        for name in RICH_TEXTS:
            if _same_text(self.cleaned_data[name], self.initial.get(name)):
                # Unchanged: keep the stored text, with any formatting the editors gave it.
                del kwargs["fields"][f"{name}_{language}"]
        removed_documents = set(self.cleaned_data.get("remove_attachments") or [])
        removed_photos = set(self.cleaned_data.get("remove_images") or [])
        images = {str(image.pk): image for image in self.images}
        kwargs.update(
            remove_attachments=[item for item in self.attachments if str(item.pk) in removed_documents],
            remove_images=[images.get(key, key) for key in removed_photos],
            note=self.cleaned_data["note"].strip(),
        )
        return kwargs
