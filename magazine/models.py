"""The "Municipality" magazine: issues with their Kyrgyz and Russian editions and
tables of contents, subscription plans, subscriptions, single-issue purchases and
the payments behind both.

Who may download an edition is decided in one place, magazine.entitlement.
Changes of state go through magazine.publishing (issues) and
magazine.subscriptions (orders and payments).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit

from portal.concurrency import VersionedModel
from practices.models import FileFieldsMixin, _random_name, private_storage
from practices.richtext import RichTextField

# Covers are portrait (A4-like): cards show them at COVER_CARD_SIZE, the issue page at COVER_LARGE_WIDTH.
COVER_CARD_SIZE = (240, 340)
COVER_LARGE_WIDTH = 600


def cover_path(instance, filename):
    return _random_name("magazine/covers", filename)


def edition_path(instance, filename):
    return _random_name("magazine/editions", filename)


class EditionLanguage(models.TextChoices):
    KY = "ky", _("Kyrgyz")
    RU = "ru", _("Russian")


class Rubric(models.Model):
    """A standing section of the magazine: "Services of LSGs", "Hot topic", "I am a deputy"..."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name


class IssueQuerySet(models.QuerySet):
    def published(self, now=None):
        """Issues readers see: published, or scheduled with their date passed (the
        publish_due_issues command then makes it official and notifies subscribers)."""
        now = now or timezone.now()
        return self.filter(Q(status=Issue.Status.PUBLISHED) | Q(status=Issue.Status.SCHEDULED, publish_at__lte=now))

    def due(self, now=None):
        """Scheduled issues whose date has come."""
        return self.filter(status=Issue.Status.SCHEDULED, publish_at__lte=now or timezone.now())


class Issue(VersionedModel):  # `version`: two editors' saves are checked (portal.concurrency)
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SCHEDULED = "scheduled", _("scheduled")
        PUBLISHED = "published", _("published")

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number in the year"))
    running_number = models.PositiveIntegerField(_("running number"), unique=True)
    month = models.PositiveSmallIntegerField(
        _("month"), choices=[(m, m) for m in range(1, 13)], help_text=_("The month the issue covers (1–12).")
    )
    title = models.CharField(_("title"), max_length=255, blank=True, help_text=_("The issue's main topic."))
    editorial = RichTextField(_("editorial note"), blank=True)
    cover = models.ImageField(
        _("cover"), upload_to=cover_path, blank=True, width_field="cover_width", height_field="cover_height"
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_card = ImageSpecField(
        source="cover", processors=[ResizeToFill(*COVER_CARD_SIZE)], format="WEBP", options={"quality": 78}
    )
    cover_large = ImageSpecField(
        source="cover",
        processors=[ResizeToFit(width=COVER_LARGE_WIDTH, upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )
    is_free = models.BooleanField(_("free"), default=False, help_text=_("Anyone may download a free issue."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publication date"), null=True, blank=True, help_text=_("For a scheduled issue: when it appears.")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    subscribers_notified_at = models.DateTimeField(_("subscribers notified"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["-year", "-number"]
        permissions = [("publish_issue", _("Can publish issues and export the print mailing list"))]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="issue_unique_number_in_year"),
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(publish_at__isnull=False),
                name="issue_scheduled_has_date",
                violation_error_message=_("A scheduled issue needs a publication date."),
            ),
        ]
        indexes = [models.Index(fields=["status", "publish_at"], name="issue_status")]

    def __str__(self):
        return f"{self.label} — {self.title}" if self.title else self.label

    def get_absolute_url(self):
        return reverse("magazine:issue", kwargs={"year": self.year, "number": self.number})

    @property
    def label(self):
        """ "10 (156)": the number in the year and the running number."""
        return f"{self.number} ({self.running_number})"

    @property
    def period_start(self):
        """The first day of the month the issue covers (subscriptions are checked against it)."""
        return datetime.date(self.year, self.month, 1)

    @property
    def is_visible(self):
        return self.status == self.Status.PUBLISHED or (
            self.status == self.Status.SCHEDULED and self.publish_at and self.publish_at <= timezone.now()
        )


class Edition(FileFieldsMixin):
    """One language edition of an issue: a PDF in private storage, served only through the entitlement check."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="editions", verbose_name=_("issue"))
    language = models.CharField(_("language"), max_length=5, choices=EditionLanguage.choices)
    file = models.FileField(_("PDF"), upload_to=edition_path, storage=private_storage, max_length=255)
    pages = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["issue", "language"]
        constraints = [models.UniqueConstraint(fields=["issue", "language"], name="edition_one_per_language")]

    def __str__(self):
        return f"{self.issue.label} [{self.language}]"

    def get_download_url(self):
        return reverse(
            "magazine:download",
            kwargs={"year": self.issue.year, "number": self.issue.number, "language": self.language},
        )


class Article(models.Model):
    """An entry of an issue's table of contents; `is_free` articles are readable in full on the site."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="articles", verbose_name=_("issue"))
    slug = models.SlugField(_("slug"), max_length=120)
    rubric = models.ForeignKey(
        Rubric, on_delete=models.PROTECT, null=True, blank=True, related_name="articles", verbose_name=_("rubric")
    )
    title = models.CharField(_("title"), max_length=255)
    author = models.CharField(_("author"), max_length=200, blank=True)
    first_page = models.PositiveSmallIntegerField(_("first page"), null=True, blank=True)
    last_page = models.PositiveSmallIntegerField(_("last page"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("full text"), blank=True, help_text=_("Shown on the site when the article is free."))
    is_free = models.BooleanField(_("free to read on the site"), default=False)
    themes = models.ManyToManyField("practices.Theme", blank=True, related_name="articles", verbose_name=_("themes"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["issue", "order", "first_page", "id"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "slug"], name="article_unique_slug_in_issue"),
            models.CheckConstraint(
                condition=Q(first_page__isnull=True) | Q(last_page__isnull=True) | Q(last_page__gte=F("first_page")),
                name="article_pages_in_order",
                violation_error_message=_("The last page cannot come before the first page."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "magazine:article", kwargs={"year": self.issue.year, "number": self.issue.number, "slug": self.slug}
        )

    @property
    def pages(self):
        if self.first_page and self.last_page and self.last_page != self.first_page:
            return f"{self.first_page}–{self.last_page}"
        return str(self.first_page or "")


class Plan(models.Model):
    """A subscription offer managed by editors: electronic, print or both, for 6 or 12 months."""

    class Kind(models.TextChoices):
        ELECTRONIC = "electronic", _("electronic")
        PRINT = "print", _("print")
        COMBINED = "combined", _("print and electronic")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    months = models.PositiveSmallIntegerField(_("months"), choices=[(6, 6), (12, 12)])
    price = models.DecimalField(_("price, som"), max_digits=10, decimal_places=0)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("offered"), default=True, help_text=_("Only offered plans can be chosen."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["order", "kind", "months"]

    def __str__(self):
        return self.name

    @property
    def includes_electronic(self):
        return self.kind in (self.Kind.ELECTRONIC, self.Kind.COMBINED)

    @property
    def includes_print(self):
        return self.kind in (self.Kind.PRINT, self.Kind.COMBINED)


class Payment(models.Model):
    """What a member owes for an order, and whether it came in.

    The only payment method today is a bank transfer confirmed by an editor; an
    online provider would fill `method` and `provider_reference` and confirm
    through the same magazine.payments interface.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting payment")
        PAID = "paid", _("paid")
        CANCELLED = "cancelled", _("cancelled")

    reference = models.CharField(_("payment reference"), max_length=20, unique=True)
    amount = models.DecimalField(_("amount, som"), max_digits=10, decimal_places=0)
    method = models.CharField(_("method"), max_length=30, default="bank_transfer")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    provider_reference = models.CharField(_("provider's reference"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at"]
        permissions = [("confirm_payment", _("Can confirm that a payment came in"))]

    def __str__(self):
        return self.reference


class SubscriptionQuerySet(models.QuerySet):
    def active(self, on=None):
        """Subscriptions running on the day `on` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(status=Subscription.Status.ACTIVE, starts_on__lte=on, ends_on__gte=on)

    def covering(self, day):
        """Active or expired subscriptions whose period includes `day` (an issue's month)."""
        return self.filter(
            status__in=[Subscription.Status.ACTIVE, Subscription.Status.EXPIRED], starts_on__lte=day, ends_on__gte=day
        )


class Subscription(models.Model):
    """requested → active (an editor confirms the payment) → expired; or cancelled."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("awaiting payment")
        ACTIVE = "active", _("active")
        EXPIRED = "expired", _("expired")
        CANCELLED = "cancelled", _("cancelled")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("member")
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="subscriptions", verbose_name=_("plan"))
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, related_name="subscription", verbose_name=_("payment")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    recipient = models.CharField(
        _("recipient"), max_length=200, blank=True, help_text=_("Name or organization on the envelope.")
    )
    delivery_address = models.TextField(_("delivery address"), blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("expiry reminder sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "status", "ends_on"], name="subscription_user_status")]

    def __str__(self):
        return f"{self.plan} — {self.user}"


class Purchase(models.Model):
    """A single issue bought: requested → paid (an editor confirms the payment); or cancelled."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("awaiting payment")
        PAID = "paid", _("paid")
        CANCELLED = "cancelled", _("cancelled")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="purchases", verbose_name=_("member")
    )
    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="purchases", verbose_name=_("issue"))
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, related_name="purchase", verbose_name=_("payment")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        verbose_name = _("single-issue purchase")
        verbose_name_plural = _("single-issue purchases")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "status"], name="purchase_user_status")]

    def __str__(self):
        return f"{self.issue} — {self.user}"
