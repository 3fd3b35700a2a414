"""What the site search knows about events: for each published event, one entry per language with
its title, the start of its description as the summary, the organizer and place, its first theme,
the start as the date and its year. The link to join is never indexed.

portal.search writes the entries (it imports this module: SOURCE_MODULES); the admin keeps them in
step with editors' saves (practices.admin.base.SearchIndexedMixin).
"""

from django.utils import timezone

from events.models import Event
from portal import search
from portal.models import SearchEntry
from practices.indexing import _join, _languages, _rich, _split_summary, _text, _url


def event_queryset():
    return Event.objects.published().prefetch_related("themes").order_by("pk")


def event_entries(event):
    # Themes are ordered by number: the first one stands for the event in the theme facet.
    themes = sorted(event.themes.all(), key=lambda theme: theme.number)
    year = timezone.localtime(event.starts_at).year
    entries = []
    for language in _languages():
        summary, rest = _split_summary(search.strip_sentinels(_rich(event, "description", language)))
        entries.append(
            {
                "language": language,
                "title": _text(event, "title", language) or event.slug,
                "summary": summary,
                "body": _join([rest, _text(event, "organizer", language), _text(event, "place", language)]),
                "url": _url("events:detail", event.slug, language),
                "visibility": "public",  # the page is open to all; the audience limits registration only
                "theme_id": themes[0].pk if themes else None,
                "region_id": None,
                "place": _text(event, "place", language),
                "year": year,
                "date": event.starts_at,
            }
        )
    return entries


search.register(Event, kind=SearchEntry.Kind.EVENT, queryset=event_queryset, entries=event_entries)
