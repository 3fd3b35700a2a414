"""Online events, seminars and trainings: registration with a capacity and a waiting list,
and after the event its recording and presentations.

Who may register and see an event's link and materials: `audience` (accounts.visibility:
everyone / members / deputies). Registrations change only through events.services, which
serializes them on the event's row so the last seat is never given twice.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.visibility import Visibility
from practices.models import FileFieldsMixin, _random_name, private_storage
from practices.richtext import RichTextField


def material_path(instance, filename):
    return _random_name("events/materials", filename)


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "id")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-id")


class Event(models.Model):
    class Format(models.TextChoices):
        ONLINE = "online", _("online")
        IN_PERSON = "in_person", _("in person")
        HYBRID = "hybrid", _("hybrid")

    class Language(models.TextChoices):
        KY = "ky", _("Kyrgyz")
        RU = "ru", _("Russian")
        EN = "en", _("English")
        KY_RU = "ky_ru", _("Kyrgyz and Russian")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=255)
    description = RichTextField(_("description"), blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.ONLINE)
    starts_at = models.DateTimeField(_("starts"), help_text=_("In Bishkek time."))
    ends_at = models.DateTimeField(_("ends"), help_text=_("In Bishkek time."))
    place = models.CharField(_("place"), max_length=255, blank=True, help_text=_("Address, for an event in person."))
    online_url = models.URLField(
        _("link to join"), blank=True, help_text=_("Shown only to members registered for the event.")
    )
    audience = models.CharField(
        _("audience"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Who may register, join and download the materials."),
    )
    themes = models.ManyToManyField("practices.Theme", blank=True, related_name="events", verbose_name=_("themes"))
    organizer = models.CharField(_("organizer"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty for no limit. Others go on a waiting list.")
    )
    language = models.CharField(_("language of the event"), max_length=6, choices=Language.choices, default="ky_ru")
    recording_url = models.URLField(
        _("recording"), blank=True, help_text=_("After the event: a link to the recording.")
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["is_published", "ends_at"], name="event_listing")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    @property
    def has_started(self):
        return self.starts_at <= timezone.now()

    @property
    def is_online(self):
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("member")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="registration_once_per_member")]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="registration_queue")]

    def __str__(self):
        return f"{self.user} — {self.event}"


class Material(FileFieldsMixin):
    """A presentation or other file of an event, served with the visibility rules of the library."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials", verbose_name=_("event"))
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=material_path, storage=private_storage, max_length=255)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["order", "id"]

    def __str__(self):
        return self.title

    def get_download_url(self):
        return reverse("events:material", kwargs={"slug": self.event.slug, "pk": self.pk})
