"""The site search: one table (portal.models.SearchEntry) across every kind of content.

Writing. Each searchable model registers a source (see `register`): the queryset
of what is indexed (published items, with what the entries read) and a function
giving one entry per language. `index(obj)` rewrites an item's entries, or
removes them when the item is no longer indexed; `rebuild()` rewrites them all,
in batches of a few queries per thousand items.

Reading. `search()` filters by language and by the reader's visibility first,
so no query ever returns content the reader may not see, facet counts included.
On PostgreSQL: full-text search with the language's configuration (simple for
Kyrgyz, which has no stemmer, plus trigram word similarity so a typo still
finds), ranking and highlighted snippets. Elsewhere (SQLite): a contains-match
of every word on a case-folded copy of the text.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Count, F, Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from accounts.visibility import visible_levels
from portal.datacache import cached, levels_key
from portal.i18n import field_in_language
from portal.models import SearchEntry

# Modules that register their sources when imported. Magazine articles, news and
# events add their own module here (each calls `register` at import, like admin.py).
SOURCE_MODULES = ("practices.indexing", "magazine.indexing", "news.indexing", "events.indexing")

# PostgreSQL text search configuration per language; Kyrgyz has no stemmer.
CONFIGS = {"ky": "simple", "ru": "russian", "en": "english"}
# Languages whose titles and summaries are also matched by trigram word similarity
# (`%>`, index-backed; pg_trgm.word_similarity_threshold, 0.6 by default, decides).
TRIGRAM_LANGUAGES = {"ky"}

BATCH = 1000
PAGE_SIZE = 20
MAX_PAGE = 500  # a bound on cache keys; Paginator.get_page shows the last page beyond the end
MAX_QUERY = 200
MAX_WORDS = 10
SNIPPET_CHARS = 300

# Highlight markers: characters of the Private Use Area, which no text of ours holds
# (strip_sentinels removes them when indexing). The snippet is escaped whole, then
# only these become <mark>, so nothing from the content can become markup.
START, STOP = "\ue000", "\ue001"
_SENTINELS = re.compile(f"[{START}{STOP}]")

ENTRY_FIELDS = [
    "title",
    "summary",
    "body",
    "title_summary",
    "folded",
    "url",
    "visibility",
    "theme_id",
    "region_id",
    "place",
    "year",
    "date",
]


def strip_sentinels(text):
    return _SENTINELS.sub("", text or "")


# Many readers type Kyrgyz on a Russian keyboard: ү, ө, ң become у, о, н. The copies of the
# text that are matched loosely (trigrams, the contains-match) and the query are folded alike.
KYRGYZ_FOLD = str.maketrans("үөң", "уон")
_FOLDED_LETTERS = {"у": "[уү]", "о": "[оө]", "н": "[нң]"}


def fold(text):
    """Case-folded, with the Kyrgyz letters folded into their Russian neighbours."""
    return (text or "").casefold().translate(KYRGYZ_FOLD)


def _folded_pattern(word):
    """A regular expression matching the original spellings of a folded word."""
    return "".join(_FOLDED_LETTERS.get(char, re.escape(char)) for char in word)


# Sources --------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    kind: str
    queryset: object  # () -> QuerySet of the indexed items
    entries: object  # (item) -> [entry dict per language]


_registry = {}
_loaded = False


def register(model, *, kind, queryset, entries):
    """Make `model` searchable as `kind` (a SearchEntry.Kind)."""
    _registry[model._meta.label] = Source(kind=kind, queryset=queryset, entries=entries)


def sources():
    global _loaded
    if not _loaded:
        for module in SOURCE_MODULES:
            import_module(module)
        _loaded = True
    return list(_registry.values())


def _source_for(obj):
    sources()
    try:
        return _registry[obj._meta.concrete_model._meta.label]
    except KeyError:
        raise LookupError(f"{obj._meta.label} is not registered with portal.search") from None


# Writing --------------------------------------------------------------------------


def index(obj):
    """Write the search entries of `obj`, or remove them when it is not indexed (not published)."""
    source = _source_for(obj)
    fresh = source.queryset().filter(pk=obj.pk).first()
    if fresh is None:
        remove(obj)
    else:
        _write(source, [fresh])


def remove(obj):
    source = _source_for(obj)
    SearchEntry.objects.filter(kind=source.kind, object_id=obj.pk).delete()


def rebuild():
    """Rewrite the whole index; returns {kind: number of items indexed}.

    One transaction: readers keep the old index until the new one is complete.
    """
    counts = {}
    with transaction.atomic():
        for source in sources():
            SearchEntry.objects.filter(kind=source.kind).delete()
            counts[source.kind] = 0
            batch = []
            for item in source.queryset().iterator(chunk_size=BATCH):
                batch.append(item)
                if len(batch) == BATCH:
                    _write(source, batch)
                    counts[source.kind] += len(batch)
                    batch = []
            if batch:
                _write(source, batch)
                counts[source.kind] += len(batch)
    return counts


def _row(source, item, entry):
    title_summary = f"{entry['title']} {entry['summary']}".strip()
    return SearchEntry(
        kind=source.kind,
        object_id=item.pk,
        title_summary=fold(title_summary),
        folded=fold(f"{title_summary} {entry['body']}"),
        **entry,
    )


def _write(source, items):
    """Upsert the entries of `items` (one INSERT … ON CONFLICT), then on PostgreSQL
    build their documents (one UPDATE per language)."""
    rows = [_row(source, item, entry) for item in items for entry in source.entries(item)]
    with transaction.atomic():
        SearchEntry.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["kind", "object_id", "language"],
            update_fields=ENTRY_FIELDS,
        )
        if connection.vendor == "postgresql":
            ids = [item.pk for item in items]
            for language in {row.language for row in rows}:
                SearchEntry.objects.filter(kind=source.kind, object_id__in=ids, language=language).update(
                    document=_vector(CONFIGS.get(language, "simple"))
                )


def _vector(config):
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("summary", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


# Reading --------------------------------------------------------------------------


@dataclass
class FacetValue:
    value: str
    label: str
    n: int
    selected: bool = False
    url: str = ""  # set by the view: this page's query with the value chosen (or removed when selected)


@dataclass
class Results:
    query: str
    page: object = None  # a django Page of SearchEntry, each with .snippet (safe HTML)
    total: int = 0
    facets: dict = field(default_factory=dict)  # name -> [FacetValue]


FACETS = ("kind", "theme", "region", "year")


def clean_query(query):
    return " ".join((query or "").split())[:MAX_QUERY].strip()


def search(*, query, user, language, kind=None, theme=None, region=None, year=None, page=1):
    """Entries matching `query` that `user` may see, in `language`.

    `kind`, `theme` (slug), `region` (code) and `year` narrow the results. Each facet's
    counts apply the other filters but not its own, so a reader can switch values.
    Queries: one GROUP BY per facet, one for the page (the total comes from the kind facet);
    none when the same search was made since content last changed (portal.datacache: readers
    search for the same few things, and a search costs a pass over the index).
    """
    query = clean_query(query)
    if not query:
        return Results(query=query)
    language = language if language in CONFIGS else settings.LANGUAGE_CODE
    number = _page_number(page)
    asked = json.dumps([query, kind, theme, region, year, number], ensure_ascii=False)
    digest = hashlib.sha256(asked.encode()).hexdigest()[:32]
    found = cached(
        ("search", language, levels_key(user), digest),
        lambda: _kept(_search(query, user, language, kind, theme, region, year, number)),
    )
    return _restored(query, found)


def _page_number(page):
    """A page number for the cache key: wrong values are the first page, as Paginator.get_page treats them."""
    try:
        return min(max(int(page), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def _kept(results):
    """What the cache keeps of a search: plain data and the page's entries, not the queryset."""
    page = results.page
    return {"total": results.total, "facets": results.facets, "number": page.number, "entries": page.object_list}


def _restored(query, found):
    paginator = Paginator([], PAGE_SIZE)
    paginator.count = found["total"]
    page = paginator.page(found["number"])
    page.object_list = found["entries"]
    return Results(query=query, page=page, total=found["total"], facets=found["facets"])


def _search(query, user, language, kind, theme, region, year, page):
    results = Results(query=query)
    entries = SearchEntry.objects.filter(language=language, visibility__in=visible_levels(user))
    if connection.vendor == "postgresql":
        matcher = _PostgresMatch(query, language)
    else:
        matcher = _ContainsMatch(query)
    matched = matcher.filter(entries)
    filters = _filters(kind=kind, theme=theme, region=region, year=year)

    def narrowed(skip=None):
        return matched.filter(*[condition for name, condition in filters.items() if name != skip])

    selected = {"kind": kind, "theme": theme, "region": region, "year": str(year) if year else None}
    results.facets = {
        "kind": _kind_facet(narrowed("kind"), selected["kind"]),
        "theme": _theme_facet(narrowed("theme"), selected["theme"], language),
        "region": _region_facet(narrowed("region"), selected["region"], language),
        "year": _year_facet(narrowed("year"), selected["year"]),
    }
    results.total = sum(f.n for f in results.facets["kind"] if not kind or f.selected)

    paginator = Paginator(matcher.ordered(narrowed()).select_related("theme"), PAGE_SIZE)
    paginator.count = results.total  # known from the kind facet: no COUNT query
    results.page = paginator.get_page(page)
    results.page.object_list = list(results.page.object_list)
    for entry in results.page.object_list:
        entry.snippet = matcher.snippet(entry)
    return results


def _filters(*, kind, theme, region, year):
    filters = {}
    if kind:
        filters["kind"] = Q(kind=kind)
    if theme:
        filters["theme"] = Q(theme__slug=theme)
    if region:
        filters["region"] = Q(region__code=region)
    if year:
        filters["year"] = Q(year=year)
    return filters


def _kind_facet(entries, selected):
    counts = dict(entries.values_list("kind").annotate(n=Count("id")).order_by())
    return [
        FacetValue(value=kind.value, label=kind.label, n=counts[kind.value], selected=kind.value == selected)
        for kind in SearchEntry.Kind
        if counts.get(kind.value)
    ]


def _translated_label(row, prefix, field_name, language):
    names = {key.removeprefix(prefix): value for key, value in row.items() if key.startswith(prefix)}
    return field_in_language(SimpleNamespace(**names), field_name, language)[0]


def _language_columns(prefix, field_name):
    return [f"{prefix}{field_name}_{code}" for code, _name in settings.LANGUAGES]


def _theme_facet(entries, selected, language):
    rows = (
        entries.filter(theme__isnull=False)
        .values("theme__slug", "theme__number", *_language_columns("theme__", "short_name"))
        .annotate(n=Count("id"))
        .order_by("theme__number")
    )
    return [
        FacetValue(
            value=row["theme__slug"],
            label=_translated_label(row, "theme__", "short_name", language),
            n=row["n"],
            selected=row["theme__slug"] == selected,
        )
        for row in rows
    ]


def _region_facet(entries, selected, language):
    rows = (
        entries.filter(region__isnull=False)
        .values("region__code", "region__order", *_language_columns("region__", "name"))
        .annotate(n=Count("id"))
        .order_by("region__order", "region__code")
    )
    return [
        FacetValue(
            value=row["region__code"],
            label=_translated_label(row, "region__", "name", language),
            n=row["n"],
            selected=row["region__code"] == selected,
        )
        for row in rows
    ]


def _year_facet(entries, selected):
    rows = entries.filter(year__isnull=False).values_list("year").annotate(n=Count("id")).order_by("-year")
    return [FacetValue(value=str(year), label=str(year), n=n, selected=str(year) == selected) for year, n in rows]


def safe_snippet(text):
    """Escape the whole text, then turn only the sentinels into <mark>."""
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 (escaped above; the only markup is ours)


class _PostgresMatch:
    """Full-text match with the language's configuration, ranked, with ts_headline snippets."""

    def __init__(self, query, language):
        self.query = query
        self.folded_query = fold(query)
        self.config = CONFIGS[language]
        self.tsquery = SearchQuery(query, config=self.config, search_type="websearch")
        self.trigram = language in TRIGRAM_LANGUAGES

    def filter(self, entries):
        condition = Q(document=self.tsquery)
        if self.trigram:
            condition |= Q(title_summary__trigram_word_similar=self.folded_query)
        return entries.filter(condition)

    def ordered(self, entries):
        rank = SearchRank(F("document"), self.tsquery)
        if self.trigram:
            rank = rank + TrigramWordSimilarity(self.folded_query, "title_summary")
        headline = SearchHeadline(
            Concat("summary", Value(" "), "body", output_field=TextField()),
            self.tsquery,
            config=self.config,
            start_sel=START,
            stop_sel=STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        return entries.annotate(rank=rank, headline=headline).order_by("-rank", "-date", "-pk")

    def snippet(self, entry):
        return safe_snippet(entry.headline)


class _ContainsMatch:
    """Every word must occur in the folded text. SQLite's LIKE folds ASCII only,
    so both sides are folded in Python (`fold`: Cyrillic cases, and ң, ө, ү)."""

    def __init__(self, query):
        self.words = list(dict.fromkeys(fold(query).split()))[:MAX_WORDS]

    def filter(self, entries):
        condition = Q()
        for word in self.words:
            condition &= Q(folded__contains=word)
        return entries.filter(condition)

    def ordered(self, entries):
        return entries.order_by("-date", "-pk")

    def snippet(self, entry):
        text = Truncator(strip_sentinels(entry.summary or entry.body)).chars(SNIPPET_CHARS)
        pattern = "|".join(_folded_pattern(word) for word in sorted(self.words, key=len, reverse=True))
        marked = re.sub(pattern, lambda match: f"{START}{match.group(0)}{STOP}", text, flags=re.IGNORECASE)
        return safe_snippet(marked)
