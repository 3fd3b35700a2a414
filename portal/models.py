"""The municipality directory: regions (7 oblasts and the cities of Bishkek and
Osh), their districts (rayons) and municipalities (cities and aiyl aimaks).

Every member of the portal belongs to a municipality or an organization; every
practice will name one. Names are translated with django-modeltranslation.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    class Kind(models.TextChoices):
        OBLAST = "oblast", _("oblast")
        CITY = "city", _("city of republican significance")

    code = models.CharField(
        _("code"), max_length=8, unique=True, help_text=_("ISO 3166-2 code, for example KG-C for Chuy oblast.")
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OBLAST)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class District(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="districts", verbose_name=_("region"))
    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=_("A short Latin identifier."))
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["region__order", "code"]

    def __str__(self):
        return self.name


class MunicipalityQuerySet(models.QuerySet):
    def with_places(self):
        return self.select_related("region", "district")

    def ulsg_members(self):
        return self.filter(is_ulsg_member=True)


class Municipality(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", _("city")
        AIYL_AIMAK = "aiyl_aimak", _("aiyl aimak")

    code = models.SlugField(
        _("code"), max_length=80, unique=True, help_text=_("A short Latin identifier, used in links and imports.")
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("district"),
        null=True,
        blank=True,
        help_text=_("Empty for cities of republican or oblast significance."),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    is_ulsg_member = models.BooleanField(_("ULSG member"), default=False)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["region__order", "code"]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.district_id and self.region_id and self.district.region_id != self.region_id:
            raise ValidationError({"district": _("The district must lie in the chosen region.")})


class SearchEntry(models.Model):
    """One searchable item in one language: the site search reads only this table.

    Practices, resources, magazine articles, news and events each write one row per
    language (portal.search.index), with the text the reader of that language sees
    (fallbacks included), so a search is one query plus one per facet. On PostgreSQL
    `document` holds the tsvector (built with the language's configuration) and a
    trigram index on `title_summary` catches Kyrgyz typos; the indexes are made by
    migration 0005 on PostgreSQL only. `folded` is the case-folded text for the
    contains-match that SQLite uses.
    """

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("practice")
        RESOURCE = "resource", _("learning material")
        ARTICLE = "article", _("magazine article")
        NEWS = "news", _("news")
        EVENT = "event", _("event")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=5)
    title = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    title_summary = models.TextField(blank=True)
    folded = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    visibility = models.CharField(max_length=10, default="public")
    theme = models.ForeignKey("practices.Theme", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    place = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateTimeField(null=True, blank=True)
    document = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "language"], name="search_entry_unique"),
        ]
        indexes = [models.Index(fields=["language", "visibility"], name="search_entry_language")]

    def __str__(self):
        return f"{self.kind} {self.object_id} [{self.language}]"


class OutboxEmail(models.Model):
    """An e-mail the portal has decided to send, kept until the mail server took it.

    portal.mail.queue_email stores it and a background task (django-tasks) delivers
    it; when the server fails, the row stays with the error and is tried again later,
    so a slow or broken mail server delays mail and loses none. `key`, when given,
    is unique: the same notice (an issue's announcement to one subscriber, say) is
    never queued twice.
    """

    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    to = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"))
    # One text attachment at most (an event's .ics calendar file).
    attachment_name = models.CharField(_("attachment"), max_length=100, blank=True)
    attachment_content = models.TextField(blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"], name="outbox_pending")]

    def __str__(self):
        return f"{self.to}: {self.subject}"
