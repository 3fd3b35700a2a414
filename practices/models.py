"""The practices library: themes, practices with their files and review history,
tags, and learning materials (resources).

Who may see what is decided by accounts.visibility (public / members / deputies)
together with the status: only published items are ever shown to readers.
Changes of status go through practices.services, which records who did what.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit

from accounts.visibility import Visibility, VisibilityQuerySet
from portal.concurrency import VersionedModel
from practices.richtext import RichTextField

# Card thumbnails are cropped to this box; large images are fitted into LARGE_WIDTH.
CARD_SIZE = (480, 300)
LARGE_WIDTH = 1200


def private_storage():
    """Files that are only ever served by a view that checks the reader's right."""
    return storages["private"]


def _random_name(folder, filename):
    """Random file names: nothing about a file can be guessed from its URL."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def practice_image_path(instance, filename):
    return _random_name("practices/images", filename)


def practice_file_path(instance, filename):
    return _random_name("practices/files", filename)


def resource_file_path(instance, filename):
    return _random_name("resources/files", filename)


class FileLanguage(models.TextChoices):
    KY = "ky", _("Kyrgyz")
    RU = "ru", _("Russian")
    EN = "en", _("English")
    MULTI = "multi", _("several languages")


class Theme(models.Model):
    """One of the library's 10 themes (DESIGN.md "The 10 themes"); created by a data migration."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=80, help_text=_("For menus and filters."))
    description = models.TextField(_("description"), blank=True)
    icon = models.CharField(
        _("icon"),
        max_length=100,
        help_text=_("Path of an SVG file under static/, for example img/themes/water.svg."),
    )

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["number"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("practices:theme", kwargs={"slug": self.slug})


class Tag(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["slug"]

    def __str__(self):
        return self.name


class PracticeQuerySet(VisibilityQuerySet):
    def published(self):
        return self.filter(status=Practice.Status.PUBLISHED)

    def for_reader(self, user):
        """What a reader may find: published, and of a visibility they may see."""
        return self.published().visible_to(user)

    def for_cards(self):
        """Everything a practice card shows, in a fixed number of queries."""
        return self.select_related("theme", "municipality__region", "municipality__district")

    def with_counts_by_theme(self):
        return self.values("theme_id").annotate(n=Count("id"))


class Practice(VersionedModel):  # `version`: two editors' saves are checked (portal.concurrency)
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    slug = models.SlugField(_("slug"), max_length=120, unique=True, help_text=_("Part of the page's address."))
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Two or three sentences for lists and search."))
    problem = RichTextField(_("the problem"), blank=True)
    actions = RichTextField(_("what was done"), blank=True)
    results = RichTextField(_("results"), blank=True)
    body = RichTextField(_("more details"), blank=True)

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="practices", verbose_name=_("main theme"))
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="further_practices", verbose_name=_("further themes")
    )
    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("municipality"),
        help_text=_("Empty for a practice at national level."),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    beneficiaries = models.PositiveIntegerField(_("people who benefit"), null=True, blank=True)
    total_cost = models.DecimalField(_("total cost, som"), max_digits=14, decimal_places=0, null=True, blank=True)
    own_contribution = models.DecimalField(
        _("municipality's own contribution, som"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    partners = models.TextField(_("partners and donors"), blank=True)

    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_position = models.CharField(_("contact's position"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    cover = models.ImageField(
        _("cover image"),
        upload_to=practice_image_path,
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_card = ImageSpecField(
        source="cover", processors=[ResizeToFill(*CARD_SIZE)], format="WEBP", options={"quality": 78}
    )
    cover_large = ImageSpecField(
        source="cover",
        processors=[ResizeToFit(width=LARGE_WIDTH, upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )
    video_url = models.URLField(_("video link"), blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="practices", verbose_name=_("tags"))

    is_sigr = models.BooleanField(
        _("socially inclusive and gender-responsive (SIGR)"),
        default=False,
        help_text=_("Marks socially inclusive and gender-responsive practices."),
    )
    for_deputies = models.BooleanField(
        _("for deputies"), default=False, help_text=_("Listed in the section for council deputies.")
    )
    gender_budgeting = models.BooleanField(
        _("gender-responsive budgeting"),
        default=False,
        help_text=_("Listed in the gender-responsive budgeting section."),
    )
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_practices",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("publication date"), null=True, blank=True)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-published_at", "-id"]
        permissions = [("review_practice", _("Can review, publish and archive practices"))]
        indexes = [
            models.Index(fields=["status", "visibility", "-published_at"], name="practice_listing"),
            models.Index(fields=["theme", "status"], name="practice_theme_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(own_contribution__isnull=True)
                | Q(total_cost__isnull=True)
                | Q(own_contribution__lte=models.F("total_cost")),
                name="practice_own_contribution_within_cost",
                violation_error_message=_("The own contribution cannot exceed the total cost."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:detail", kwargs={"slug": self.slug})

    @property
    def own_share(self):
        """The municipality's own contribution as a percentage of the total cost, or None."""
        if not self.total_cost or self.own_contribution is None:
            return None
        return round(float(self.own_contribution) * 100 / float(self.total_cost))

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def available_languages(self):
        """Codes of the languages the practice's title is written in."""
        return [code for code, _name in settings.LANGUAGES if getattr(self, f"title_{code}", "")]

    @property
    def cover_large_height(self):
        if not (self.cover_width and self.cover_height):
            return None
        width = min(self.cover_width, LARGE_WIDTH)
        return round(self.cover_height * width / self.cover_width)

    @property
    def cover_large_width(self):
        return min(self.cover_width, LARGE_WIDTH) if self.cover_width else None


class PracticeImage(models.Model):
    """The gallery of a practice."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to=practice_image_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    thumbnail = ImageSpecField(
        source="image", processors=[ResizeToFill(*CARD_SIZE)], format="WEBP", options={"quality": 78}
    )
    large = ImageSpecField(
        source="image",
        processors=[ResizeToFit(width=LARGE_WIDTH, upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("gallery")
        ordering = ["order", "id"]

    def __str__(self):
        return self.caption or self.image.name


class FileFieldsMixin(models.Model):
    """A downloadable document: private storage, with what a reader needs to decide to download it."""

    language = models.CharField(_("language of the file"), max_length=5, choices=FileLanguage.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    content_type = models.CharField(_("file type"), max_length=100, blank=True, editable=False)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    text = models.TextField(
        _("extracted text"), blank=True, editable=False, help_text=_("The text of a PDF, for search.")
    )

    class Meta:
        abstract = True

    def fill_file_metadata(self, uploaded=None):
        """Record size, type, original name and (for a PDF) the text of `self.file`.

        The type is read from the content (practices.filetypes), never from the name.
        Call before saving, once the file is assigned; `uploaded` is the UploadedFile, if any.
        """
        from practices.filetypes import detect_content_type, extract_pdf_text

        source = uploaded or self.file
        self.size = source.size
        from practices.uploads import clean_name

        # Cleaned and shortened by bytes like every upload's name, keeping the extension.
        self.original_name = clean_name(getattr(uploaded, "name", "") or self.file.name)
        self.content_type = detect_content_type(source)
        self.text = extract_pdf_text(source) if self.content_type == "application/pdf" else ""

    @property
    def extension(self):
        return PurePosixPath(self.original_name or self.file.name).suffix.lstrip(".").upper()


class Attachment(FileFieldsMixin):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=practice_file_path, storage=private_storage, max_length=255)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["order", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:attachment", kwargs={"slug": self.practice.slug, "pk": self.pk})


class ReviewEvent(models.Model):
    """One step of a practice's workflow: who moved it from which status to which, and why."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="review_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    from_status = models.CharField(_("from"), max_length=10, choices=Practice.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=10, choices=Practice.Status.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review history")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.practice_id}: {self.from_status} → {self.to_status}"


class ResourceQuerySet(VisibilityQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_reader(self, user):
        return self.published().visible_to(user)


class Resource(VersionedModel, FileFieldsMixin):
    """A learning material: guide, methodology, template, legal act, presentation or video lesson."""

    class Kind(models.TextChoices):
        GUIDE = "guide", _("guide")
        METHODOLOGY = "methodology", _("methodology")
        TEMPLATE = "template", _("template")
        LEGAL_ACT = "legal_act", _("legal act")
        PRESENTATION = "presentation", _("presentation")
        VIDEO = "video", _("video lesson")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("everyone")
        SERVANTS = "servants", _("municipal servants")
        DEPUTIES = "deputies", _("council deputies")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=255)
    description = RichTextField(_("description"), blank=True)
    kind = models.CharField(_("type"), max_length=15, choices=Kind.choices)
    themes = models.ManyToManyField(Theme, blank=True, related_name="resources", verbose_name=_("themes"))
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE)
    file = models.FileField(
        _("file"), upload_to=resource_file_path, storage=private_storage, max_length=255, blank=True
    )
    video_url = models.URLField(_("video link"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    for_deputies = models.BooleanField(
        _("for deputies"), default=False, help_text=_("Listed in the section for council deputies.")
    )
    gender_budgeting = models.BooleanField(
        _("gender-responsive budgeting"),
        default=False,
        help_text=_("Listed in the gender-responsive budgeting section."),
    )
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("publication date"), null=True, blank=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning material")
        verbose_name_plural = _("learning materials")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["is_published", "visibility", "-published_at"], name="resource_listing")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:resource", kwargs={"slug": self.slug})

    def get_download_url(self):
        return reverse("practices:resource_download", kwargs={"slug": self.slug})


def practice_prefetches():
    """Prefetches for a practice page (one query each)."""
    return [
        "themes",
        "tags",
        "images",
        Prefetch("attachments", queryset=Attachment.objects.defer("text")),
    ]
