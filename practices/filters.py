"""The library's filters (django-filter): text, theme, place, year, SIGR, language, and the sort order.

The state lives in the URL (a GET form), so a filtered list can be bookmarked and shared.
Every select is filled from lists built once per request (no query per option, none when
validating), and a value that is not a choice is reported in the reader's language and
ignored, while the other filters still apply.
"""

from functools import cached_property

import django_filters
from django import forms
from django.conf import settings
from django.db import connection
from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.visibility import visible_levels
from portal.collation import sort_key
from portal.datacache import cached, levels_key
from portal.models import District, Municipality, Region
from practices.models import Practice, Theme

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
TEXT_FIELDS = [f"{field}_{code}" for field in ("title", "summary") for code, _name in settings.LANGUAGES]

# "Newest" means the latest year of the practice (what a reader compares), then the latest published.
SORTS = {
    "newest": [F("year").desc(nulls_last=True), F("published_at").desc(nulls_last=True), F("id").desc()],
    "oldest": [F("year").asc(nulls_last=True), F("published_at").asc(nulls_last=True), F("id").asc()],
    "beneficiaries": [F("beneficiaries").desc(nulls_last=True), F("year").desc(nulls_last=True), F("id").desc()],
}
SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("beneficiaries", _("Most people benefiting")),
]


def themes_with_counts(user):
    """The 10 themes, each with `n` = published practices this reader may see in it (main or further theme).

    One query (none when cached, see portal.datacache); the counts match what the theme's filter finds:
    the practices whose main theme it is, plus those that have it as a further theme and another main one.
    """

    def compute():
        readable = Practice.objects.for_reader(user).order_by()
        main = readable.filter(theme_id=OuterRef("pk"))
        further = Practice.themes.through.objects.filter(
            theme_id=OuterRef("pk"),
            practice__status=Practice.Status.PUBLISHED,
            practice__visibility__in=visible_levels(user),
        ).exclude(practice__theme_id=OuterRef("pk"))
        return list(Theme.objects.annotate(n=Coalesce(_count(main, "id"), 0) + Coalesce(_count(further, "id"), 0)))

    return cached(("themes", levels_key(user)), compute)


def _count(queryset, field):
    """A correlated COUNT(...) subquery (each count walks one theme's rows through an index)."""
    counted = queryset.order_by().annotate(n=Func(F(field), function="COUNT", output_field=IntegerField()))
    return Subquery(counted.values("n"), output_field=IntegerField())


def in_theme(theme_id):
    """Practices whose main theme or one of whose further themes is this one, each once (no join)."""
    further = Practice.themes.through.objects.filter(practice_id=OuterRef("pk"), theme_id=theme_id)
    return Q(theme_id=theme_id) | Exists(further)


def _invalid(message):
    return {"invalid_choice": message}


class SigrFilter(django_filters.BooleanFilter):
    """A single checkbox: ticked shows only SIGR practices; unticked does not filter."""

    field_class = forms.BooleanField

    def filter(self, qs, value):
        return qs.filter(is_sigr=True) if value else qs


class PracticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Words in the title or summary"),
        method="filter_words",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"),
        method="filter_theme",
        empty_label=_("All themes"),
        error_messages=_invalid(_("There is no such theme; practices of all themes are shown.")),
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        method="filter_place",
        empty_label=_("All regions"),
        error_messages=_invalid(_("There is no such region; practices of all regions are shown.")),
    )
    district = django_filters.ChoiceFilter(
        label=_("District"),
        method="filter_place",
        empty_label=_("All districts"),
        error_messages=_invalid(_("There is no such district; practices of all districts are shown.")),
    )
    municipality = django_filters.ChoiceFilter(
        label=_("Municipality"),
        method="filter_place",
        empty_label=_("All municipalities"),
        error_messages=_invalid(_("No practice of this municipality is published; all municipalities are shown.")),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="year",
        empty_label=pgettext_lazy("years", "All"),
        error_messages=_invalid(_("No practice is published for this year; all years are shown.")),
    )
    language = django_filters.ChoiceFilter(
        label=_("Available in"),
        method="filter_language",
        choices=settings.LANGUAGES,
        empty_label=pgettext_lazy("languages", "Any language"),
        error_messages=_invalid(_("There is no such language; practices in every language are shown.")),
    )
    sigr = SigrFilter(label=_("Only socially inclusive and gender-responsive (SIGR) practices"))
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        method="keep",  # applied last, in filter_queryset, so the default order holds without it
        choices=SORT_CHOICES,
        empty_label=None,
        error_messages=_invalid(_("There is no such order; the newest practices are shown first.")),
    )

    def __init__(self, data=None, queryset=None, *, themes=None, request=None, prefix=None, facet_key=None):
        """`queryset`: the practices the reader may see (Practice.objects.for_reader(user)).
        `themes`: the themes to offer (themes_with_counts), or None for a page without the theme filter.
        `facet_key`: names this queryset for the facet cache (portal.datacache), e.g. ("library", levels);
        None computes the choices on every request.
        """
        # Ordered here too, as an unbound filter set never reaches filter_queryset.
        queryset = queryset.order_by(*SORTS["newest"])
        super().__init__(data, queryset=queryset, request=request, prefix=prefix)
        self._ids = {}
        self._facet_key = facet_key
        if themes is None:
            del self.filters["theme"]
        else:
            self._set_choices("theme", [(t.slug, t.short_name) for t in themes], {t.slug: t.pk for t in themes})
        self._set_place_choices()
        years = self._facet(
            "years",
            lambda: list(self.queryset.order_by("-year").exclude(year=None).values_list("year", flat=True).distinct()),
        )
        self._set_choices("year", [(str(year), str(year)) for year in years])

    def _facet(self, name, compute):
        if self._facet_key is None:
            return compute()
        return cached((*self._facet_key, name), compute)

    def unfiltered_count(self):
        """How many practices the page lists when no filter is in use (cached), else None."""
        if self.active:
            return None
        return self._facet("count", self.queryset.count)

    def _set_choices(self, name, choices, ids=None):
        self.filters[name].extra["choices"] = choices
        if ids is not None:
            self._ids[name] = ids

    def _set_place_choices(self):
        """Regions; districts grouped by region; only the municipalities that have practices, by region."""
        regions, districts = cached(
            ("directory",), lambda: (list(Region.objects.all()), list(District.objects.order_by()))
        )
        having = Municipality.objects.filter(Exists(self.queryset.filter(municipality_id=OuterRef("pk"))))
        municipalities = self._facet("places", lambda: list(having.select_related("district").order_by()))
        self._set_choices("region", [(r.code, r.name) for r in regions], {r.code: r.pk for r in regions})
        self._set_choices("district", *_grouped(regions, districts))
        self._set_choices("municipality", *_grouped(regions, municipalities, label=_municipality_label))

    # Filter methods: each receives a valid value (invalid values never reach them).

    def filter_words(self, queryset, name, value):
        """Every word must appear in a title or summary, in any language (PostgreSQL full-text is the search page's)."""
        for word in value.split()[:MAX_QUERY_WORDS]:
            match = Q()
            for variant in _case_variants(word):
                for field in TEXT_FIELDS:
                    match |= Q(**{f"{field}__icontains": variant})
            queryset = queryset.filter(match)
        return queryset

    def filter_theme(self, queryset, name, value):
        return queryset.filter(in_theme(self._ids["theme"][value]))

    def filter_place(self, queryset, name, value):
        lookup = {"region": "municipality__region_id", "district": "municipality__district_id"}
        return queryset.filter(**{lookup.get(name, "municipality_id"): self._ids[name][value]})

    def filter_language(self, queryset, name, value):
        return queryset.filter(**{f"title_{value}__gt": ""})

    def keep(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.order_by(*SORTS[self.form.cleaned_data.get("sort") or "newest"])

    @cached_property
    def active(self):
        """The valid filters in use: [{name, label, value, remove_url}], for "remove this filter" links."""
        if not self.is_bound:
            return []
        self.form.is_valid()  # cleans once; cleaned_data keeps the valid fields even when another one is wrong
        chosen = []
        for name, field in self.form.fields.items():
            value = self.form.cleaned_data.get(name)
            if name == "sort" or value in (None, "", False):
                continue
            if name == "sigr":
                label, shown = _("SIGR"), _("yes")
            elif name == "q":
                label, shown = _("Words"), value
            else:
                label, shown = field.label, _choice_label(field.choices, value)
            chosen.append({"name": name, "label": label, "value": shown, "remove_url": self._url_without(name)})
        return chosen

    def _url_without(self, name):
        params = self.data.copy()
        for key in (name, "page"):
            params.pop(key, None)
        return f"?{params.urlencode()}"


def _case_variants(word):
    """SQLite's LIKE ignores the case of Latin letters only: try the usual cases of a Cyrillic word too."""
    if connection.vendor != "sqlite":
        return [word]
    return list(dict.fromkeys([word, word.lower(), word.capitalize(), word.upper()]))


def _municipality_label(municipality):
    if municipality.district_id:
        return f"{municipality.name} ({municipality.district.name})"
    return municipality.name


def _grouped(regions, items, label=str):
    """(choices grouped by region in <optgroup>s, {code: pk}); names sorted in the Kyrgyz alphabet's order."""
    by_region = {}
    for item in items:
        by_region.setdefault(item.region_id, []).append(item)
    choices = []
    for region in regions:
        members = sorted(by_region.get(region.pk, []), key=lambda item: sort_key(item.name))
        if members:
            choices.append((region.name, [(item.code, label(item)) for item in members]))
    return choices, {item.code: item.pk for members in by_region.values() for item in members}


def _choice_label(choices, value):
    for key, label in choices:
        if isinstance(label, list | tuple):
            found = _choice_label(label, value)
            if found is not None:
                return found
        elif str(key) == str(value):
            return label
    return None


class ThemePracticeFilter(PracticeFilter):
    """On a theme's page: the same filters, without the theme."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, facet_key=None):
        super().__init__(data, queryset=queryset, themes=None, request=request, prefix=prefix, facet_key=facet_key)
