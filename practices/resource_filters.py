"""Filters of the learning materials list (`/<lang>/resources/`): type, theme,
audience, language of the file, and words in the title or description.

The state lives in the URL (a plain GET form, no JavaScript). A value that is not
understood (`?kind=poem`, a theme that does not exist) is ignored and reported on
the form's field, never a crash: django-filter drops invalid fields from
`cleaned_data`, so the list is filtered by the valid ones only.
"""

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from practices.models import FileLanguage, Resource, Theme

MAX_QUERY_LENGTH = 200
NOT_IN_LIST = {"invalid_choice": _("Unknown choice; left out.")}


def _capitalized(choices):
    return [(value, capfirst(label)) for value, label in choices]


class ResourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_words",
        label=_("Words in the title or description"),
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "enterkeyhint": "search"}),
    )
    kind = django_filters.ChoiceFilter(
        choices=_capitalized(Resource.Kind.choices),
        label=_("Type"),
        empty_label=_("All types"),
        error_messages=NOT_IN_LIST,
    )
    # Choices are set per request from one list of themes (see __init__), so the
    # select and the validation share a single query.
    theme = django_filters.ChoiceFilter(
        field_name="themes__slug", label=_("Theme"), empty_label=_("All themes"), error_messages=NOT_IN_LIST
    )
    audience = django_filters.ChoiceFilter(
        choices=_capitalized(Resource.Audience.choices),
        label=_("Audience"),
        empty_label=_("Any audience"),
        error_messages=NOT_IN_LIST,
    )
    language = django_filters.ChoiceFilter(
        choices=_capitalized(FileLanguage.choices),
        label=_("Language of the file"),
        empty_label=_("Any language"),
        error_messages=NOT_IN_LIST,
    )

    class Meta:
        model = Resource
        fields = ["q", "kind", "theme", "audience", "language"]

    def __init__(self, data=None, queryset=None, *, themes=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        themes = list(Theme.objects.all()) if themes is None else themes
        self.filters["theme"].extra["choices"] = [(theme.slug, theme.short_name) for theme in themes]

    def filter_words(self, queryset, name, value):
        """Every word must appear in the title or the description, in any of the languages."""
        for word in value.split()[:10]:
            match = Q()
            for code, _name in settings.LANGUAGES:
                match |= Q(**{f"title_{code}__icontains": word}) | Q(**{f"description_{code}__icontains": word})
            queryset = queryset.filter(match)
        return queryset

    @property
    def is_filtered(self):
        """Whether the reader narrowed the list (for the "clear the filters" link)."""
        return self.is_bound and any(self.form.data.get(name) for name in self.filters)
