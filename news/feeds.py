"""RSS feed of the latest news, in the language of the URL (`/<lang>/feeds/news/`).

Titles and leads fall back like the pages do (portal.i18n). Two queries: the news
and their themes (the feed's categories).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from news.models import News
from portal.i18n import field_in_language

FEED_ITEMS = 20


def _text(obj, field):
    return field_in_language(obj, field)[0]


class LatestNewsFeed(Feed):
    def title(self):
        return gettext("News") + " · " + str(settings.SITE_NAME)

    def link(self):
        return reverse("news:index")

    def description(self):
        return gettext(
            "News of the Union of Local Self-Governments and its partners: trainings, seminars, conferences."
        )

    def items(self):
        return News.objects.published().prefetch_related("themes").order_by("-date", "-pk")[:FEED_ITEMS]

    def item_title(self, news):
        # Escaped, as Django's default: feed readers show titles as HTML.
        return escape(_text(news, "title"))

    def item_description(self, news):
        return escape(_text(news, "lead"))

    def item_pubdate(self, news):
        return news.date

    def item_updateddate(self, news):
        return news.updated_at

    def item_categories(self, news):
        return [_text(theme, "short_name") for theme in news.themes.all()]
