"""What the site search knows about news: one entry per language of each published item.

A news item scheduled for a later date is not indexed until then (`rebuild_search_index`
or the next save picks it up). portal.search writes the entries (SOURCE_MODULES).
"""

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation

from news.models import News
from portal import search
from portal.i18n import field_in_language
from portal.models import Municipality
from practices.indexing import MAX_BODY
from practices.richtext import html_to_text


def news_queryset():
    """The news that are indexed, with what news_entries reads (3 queries per chunk)."""
    municipalities = Municipality.objects.order_by("pk")
    return (
        News.objects.published()
        .prefetch_related("themes", Prefetch("municipalities", queryset=municipalities))
        .order_by("pk")
    )


def _text(obj, field, language):
    return field_in_language(obj, field, language)[0]


def news_entries(news):
    # The first theme by number and the first municipality stand for the item in the facets.
    themes = sorted(news.themes.all(), key=lambda theme: theme.number)
    municipalities = list(news.municipalities.all())
    first = municipalities[0] if municipalities else None
    entries = []
    for language, _name in settings.LANGUAGES:
        places = [_text(municipality, "name", language) for municipality in municipalities]
        body = " ".join(part for part in [html_to_text(_text(news, "body", language)), *places] if part)
        with translation.override(language):
            url = reverse("news:detail", kwargs={"slug": news.slug})
        entries.append(
            {
                "language": language,
                "title": _text(news, "title", language) or news.slug,
                "summary": search.strip_sentinels(_text(news, "lead", language)),
                "body": search.strip_sentinels(body)[:MAX_BODY],
                "url": url,
                "visibility": "public",
                "theme_id": themes[0].pk if themes else None,
                "region_id": first.region_id if first else None,
                "place": places[0] if places else "",
                "year": timezone.localtime(news.date).year,
                "date": news.date,
            }
        )
    return entries


search.register(News, kind="news", queryset=news_queryset, entries=news_entries)
