"""What the site search knows about practices and learning materials.

For each published item, one entry per language with the text a reader of that
language sees on the page (django-modeltranslation's fallback order included:
portal.i18n.field_in_language). portal.search writes the entries; this module
only says what they hold and which items are indexed (published ones; the
others are removed). Visibility is copied into each entry, so the search
filters by the reader's right without touching the content tables.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation

from portal import search
from portal.i18n import field_in_language
from practices.models import Attachment, Practice, Resource
from practices.richtext import html_to_text

# A body is cut here: PostgreSQL keeps word positions up to 16,383 anyway, and
# ts_headline reads the whole text of every result shown.
MAX_BODY = 200_000
SUMMARY_CHARS = 300


def _languages():
    return [code for code, _name in settings.LANGUAGES]


def _text(obj, field, language):
    return field_in_language(obj, field, language)[0]


def _rich(obj, field, language):
    return html_to_text(_text(obj, field, language))


def _join(parts):
    """Plain text of the non-empty parts, without the search's highlight sentinels."""
    text = " ".join(part for part in parts if part)
    return search.strip_sentinels(text)[:MAX_BODY]


def _url(name, slug, language):
    with translation.override(language):
        return reverse(name, kwargs={"slug": slug})


# Practices -----------------------------------------------------------------


def practice_queryset():
    """The practices that are indexed, with everything practice_entries reads (3 queries per chunk)."""
    return (
        Practice.objects.published()
        .select_related("municipality")
        .prefetch_related("tags", Prefetch("attachments", queryset=Attachment.objects.only("practice_id", "text")))
        .order_by("pk")
    )


def practice_entries(practice):
    municipality = practice.municipality
    entries = []
    for language in _languages():
        place = _text(municipality, "name", language) if municipality else ""
        body = _join(
            [
                _rich(practice, "problem", language),
                _rich(practice, "actions", language),
                _rich(practice, "results", language),
                _rich(practice, "body", language),
                _text(practice, "partners", language),
                place,
                " ".join(_text(tag, "name", language) for tag in practice.tags.all()),
                *(attachment.text for attachment in practice.attachments.all()),
            ]
        )
        entries.append(
            {
                "language": language,
                "title": _text(practice, "title", language) or practice.slug,
                "summary": _text(practice, "summary", language),
                "body": body,
                "url": _url("practices:detail", practice.slug, language),
                "visibility": practice.visibility,
                "theme_id": practice.theme_id,
                "region_id": municipality.region_id if municipality else None,
                "place": place,
                "year": practice.year,
                "date": practice.published_at,
            }
        )
    return entries


# Learning materials ----------------------------------------------------------


def resource_queryset():
    return Resource.objects.published().prefetch_related("themes").order_by("pk")


def _split_summary(text):
    """(summary, rest): the start of `text` cut at a word, and what follows, so neither repeats the other."""
    if len(text) <= SUMMARY_CHARS:
        return text, ""
    cut = text.rfind(" ", 0, SUMMARY_CHARS)
    cut = cut if cut > 0 else SUMMARY_CHARS
    return text[:cut].rstrip() + "…", text[cut:].lstrip()


def resource_entries(resource):
    # Themes are ordered by number: the first one stands for the resource in the theme facet.
    themes = sorted(resource.themes.all(), key=lambda theme: theme.number)
    entries = []
    for language in _languages():
        # A resource has no summary: the start of its description stands in (snippets, trigrams).
        summary, rest = _split_summary(search.strip_sentinels(_rich(resource, "description", language)))
        entries.append(
            {
                "language": language,
                "title": _text(resource, "title", language) or resource.slug,
                "summary": summary,
                "body": _join([rest, resource.text]),
                "url": _url("practices:resource", resource.slug, language),
                "visibility": resource.visibility,
                "theme_id": themes[0].pk if themes else None,
                "region_id": None,
                "place": "",
                "year": resource.year,
                "date": resource.published_at,
            }
        )
    return entries


search.register(Practice, kind="practice", queryset=practice_queryset, entries=practice_entries)
search.register(Resource, kind="resource", queryset=resource_queryset, entries=resource_entries)
