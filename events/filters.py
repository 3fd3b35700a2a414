"""The events list's filters (django-filter): theme, format and audience.

A GET form that works without JavaScript; the state lives in the URL. The themes are read once
per request; a value that is not a choice is reported in the reader's language and ignored,
while the other filters still apply. The same filters apply to upcoming and past events.
"""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from accounts.visibility import Visibility
from events.models import Event
from portal.filtering import ActiveFiltersMixin
from practices.models import Theme

_EventTheme = Event.themes.through


def _invalid(message):
    return {"invalid_choice": message}


class EventFilter(ActiveFiltersMixin, django_filters.FilterSet):
    theme = django_filters.ChoiceFilter(
        label=_("Theme"),
        method="filter_theme",
        empty_label=_("All themes"),
        error_messages=_invalid(_("There is no such theme; events of all themes are shown.")),
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"),
        field_name="format",
        choices=Event.Format.choices,
        empty_label=_("Any format"),
        error_messages=_invalid(_("There is no such format; events of every format are shown.")),
    )
    audience = django_filters.ChoiceFilter(
        label=_("Open to"),
        field_name="audience",
        choices=Visibility.choices,
        empty_label=_("Any audience"),
        error_messages=_invalid(_("There is no such audience; events for everyone are shown.")),
    )

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset=queryset, request=request, prefix=prefix)
        themes = list(Theme.objects.all())
        self.filters["theme"].extra["choices"] = [(theme.slug, theme.short_name) for theme in themes]
        self._theme_ids = {theme.slug: theme.pk for theme in themes}

    def filter_theme(self, queryset, name, value):
        tagged = _EventTheme.objects.filter(event_id=OuterRef("pk"), theme_id=self._theme_ids[value])
        return queryset.filter(Exists(tagged))
