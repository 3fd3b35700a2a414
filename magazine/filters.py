"""The magazine archive's filters (django-filter): year, rubric and theme.

The state lives in the URL (a GET form that works without JavaScript). Each select is
filled by one query over the issues the reader sees, offering only values that find
something; a value that is not a choice is reported in the reader's language and
ignored, while the other filters still apply. Rubric and theme find the issues that
have an article of that rubric on that theme (EXISTS, so an issue is never listed twice).
"""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from magazine.models import Article, Rubric
from portal.filtering import ActiveFiltersMixin
from practices.models import Theme

ORDER = ("-year", "-number")
_ArticleTheme = Article.themes.through


def _invalid(message):
    return {"invalid_choice": message}


class IssueFilter(ActiveFiltersMixin, django_filters.FilterSet):
    remove_anchor = "#archive"

    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="year",
        empty_label=pgettext_lazy("years", "All"),
        error_messages=_invalid(_("No issue came out that year; issues of all years are shown.")),
    )
    rubric = django_filters.ChoiceFilter(
        label=_("Rubric"),
        method="keep",
        empty_label=_("All rubrics"),
        error_messages=_invalid(_("There is no such rubric; issues with every rubric are shown.")),
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"),
        method="keep",
        empty_label=_("All themes"),
        error_messages=_invalid(_("No article is on this theme; issues on every theme are shown.")),
    )

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        """`queryset`: the issues the reader may see (Issue.objects.published())."""
        super().__init__(data, queryset=queryset.order_by(*ORDER), request=request, prefix=prefix)
        self._ids = {}
        articles = Article.objects.filter(issue__in=self.queryset.values("pk"))
        years = self.queryset.order_by("-year").values_list("year", flat=True).distinct()
        rubrics = Rubric.objects.filter(Exists(articles.filter(rubric_id=OuterRef("pk"))))
        themes = Theme.objects.filter(
            Exists(_ArticleTheme.objects.filter(theme_id=OuterRef("pk"), article__in=articles.values("pk")))
        )
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]
        self._set_choices("rubric", [(rubric.slug, rubric.pk, rubric.name) for rubric in rubrics])
        self._set_choices("theme", [(theme.slug, theme.pk, theme.short_name) for theme in themes])

    def _set_choices(self, name, rows):
        self.filters[name].extra["choices"] = [(slug, label) for slug, _pk, label in rows]
        self._ids[name] = {slug: pk for slug, pk, _label in rows}

    @property
    def years(self):
        """The years that have issues, newest first: the archive's year links."""
        return [value for value, _label in self.filters["year"].extra["choices"]]

    def keep(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        """Year as usual; rubric and theme together: issues with an article of that rubric on that theme."""
        queryset = super().filter_queryset(queryset)
        condition = self.article_condition()
        if condition is not None:
            queryset = queryset.filter(Exists(Article.objects.filter(condition, issue_id=OuterRef("pk"))))
        return queryset

    def article_condition(self):
        """The Q that the chosen rubric and theme put on articles, or None without them
        (the archive also names, under each issue, its articles that matched)."""
        if not self.is_bound:
            return None
        self.form.is_valid()  # cleaned_data keeps the valid fields even when another one is wrong
        data = self.form.cleaned_data
        condition = Q()
        if data.get("rubric"):
            condition &= Q(rubric_id=self._ids["rubric"][data["rubric"]])
        if data.get("theme"):
            themed = _ArticleTheme.objects.filter(article_id=OuterRef("pk"), theme_id=self._ids["theme"][data["theme"]])
            condition &= Q(Exists(themed))
        return condition or None
