"""News of the portal and its partners: trainings held, seminars, conferences."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit

from practices.models import CARD_SIZE, LARGE_WIDTH, _random_name
from practices.richtext import RichTextField


def news_image_path(instance, filename):
    return _random_name("news/images", filename)


class NewsQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, date__lte=timezone.now())


class News(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=255)
    lead = models.TextField(_("lead"), blank=True, help_text=_("One or two sentences for lists and feeds."))
    body = RichTextField(_("text"), blank=True)
    image = models.ImageField(
        _("image"), upload_to=news_image_path, blank=True, width_field="image_width", height_field="image_height"
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_card = ImageSpecField(
        source="image", processors=[ResizeToFill(*CARD_SIZE)], format="WEBP", options={"quality": 78}
    )
    image_large = ImageSpecField(
        source="image",
        processors=[ResizeToFit(width=LARGE_WIDTH, upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )
    date = models.DateTimeField(_("date"), default=timezone.now)
    themes = models.ManyToManyField("practices.Theme", blank=True, related_name="news", verbose_name=_("themes"))
    municipalities = models.ManyToManyField(
        "portal.Municipality", blank=True, related_name="news", verbose_name=_("municipalities it concerns")
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = pgettext_lazy("several news items", "news")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["is_published", "-date"], name="news_listing")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    @property
    def image_large_width(self):
        return min(self.image_width, LARGE_WIDTH) if self.image_width else None

    @property
    def image_large_height(self):
        if not (self.image_width and self.image_height):
            return None
        return round(self.image_height * self.image_large_width / self.image_width)
