"""RSS feeds of newly published practices, in the language of the URL (`/<lang>/feeds/...`).

Only public practices: a feed reader is never signed in. Titles and summaries fall
back like the pages do (portal.i18n). One query for the latest feed, two for a theme's.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from accounts.visibility import Visibility
from portal.i18n import field_in_language
from practices.models import Practice, Theme

FEED_ITEMS = 30


def _text(obj, field):
    return field_in_language(obj, field)[0]


class LatestPracticesFeed(Feed):
    def title(self):
        return gettext("New practices") + " · " + str(settings.SITE_NAME)

    def link(self):
        return reverse("practices:index")

    def description(self):
        return gettext("Practices of the municipalities of Kyrgyzstan, newly published in the library.")

    def items(self):
        return self.practices()[:FEED_ITEMS]

    def practices(self):
        return (
            Practice.objects.published()
            .filter(visibility=Visibility.PUBLIC)
            .select_related("theme", "municipality")
            .order_by("-published_at", "-pk")
        )

    def item_title(self, practice):
        # Escaped, as Django's default: feed readers show titles as HTML.
        return escape(_text(practice, "title"))

    def item_description(self, practice):
        parts = [_text(practice, "summary")]
        if practice.municipality:
            parts.append(_text(practice.municipality, "name"))
        return escape(" — ".join(part for part in parts if part))

    def item_pubdate(self, practice):
        return practice.published_at

    def item_updateddate(self, practice):
        return practice.updated_at

    def item_categories(self, practice):
        return [_text(practice.theme, "short_name")]


class ThemePracticesFeed(LatestPracticesFeed):
    """The practices whose main or further themes include one theme."""

    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, theme):
        return gettext("New practices: %(theme)s") % {"theme": _text(theme, "name")} + " · " + str(settings.SITE_NAME)

    def link(self, theme):
        return theme.get_absolute_url()

    def description(self, theme):
        return _text(theme, "description") or super().description()

    def items(self, theme):
        in_theme = self.practices().filter(Q(theme=theme) | Q(themes=theme)).values("pk")
        return self.practices().filter(pk__in=in_theme)[:FEED_ITEMS]
