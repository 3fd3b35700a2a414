"""The news list's filters (django-filter): theme and year.

The state lives in the URL (a GET form that works without JavaScript). Each select
offers only values that find something among the published news; a value that is
not a choice is reported in the reader's language and ignored, while the other
filter still applies.
"""

import django_filters
from django.db.models import Exists, OuterRef
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.filtering import ActiveFiltersMixin
from practices.models import Theme

_NewsTheme = Theme.news.through


def _invalid(message):
    return {"invalid_choice": message}


class NewsFilter(ActiveFiltersMixin, django_filters.FilterSet):
    theme = django_filters.ChoiceFilter(
        label=_("Theme"),
        method="filter_theme",
        empty_label=_("All themes"),
        error_messages=_invalid(_("No news is on this theme; news on every theme is shown.")),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        method="filter_year",
        empty_label=pgettext_lazy("years", "All"),
        error_messages=_invalid(_("No news was published that year; news of all years is shown.")),
    )

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        """`queryset`: the news the reader may see (News.objects.published()). Two queries for the choices."""
        super().__init__(data, queryset=queryset, request=request, prefix=prefix)
        themes = Theme.objects.filter(
            Exists(_NewsTheme.objects.filter(theme_id=OuterRef("pk"), news__in=self.queryset.values("pk")))
        )
        self._theme_ids = {theme.slug: theme.pk for theme in themes}
        self.filters["theme"].extra["choices"] = [(theme.slug, theme.short_name) for theme in themes]
        # The year in Bishkek time (the active time zone), as the page shows the date.
        years = (
            self.queryset.annotate(news_year=ExtractYear("date"))
            .order_by("-news_year")
            .values_list("news_year", flat=True)
            .distinct()
        )
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]

    def filter_theme(self, queryset, name, value):
        themed = _NewsTheme.objects.filter(news_id=OuterRef("pk"), theme_id=self._theme_ids[value])
        return queryset.filter(Exists(themed))

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__year=int(value))
