"""What list pages share around django-filter: the filters in use, each with a link that removes it."""

from functools import cached_property


class ActiveFiltersMixin:
    """For a FilterSet: `active` lists the valid filters in use as
    [{name, label, value, remove_url}], for "remove this filter" links.

    `remove_anchor` ends each link ("#archive" to land back on the list).
    """

    remove_anchor = ""

    @cached_property
    def active(self):
        if not self.is_bound:
            return []
        self.form.is_valid()  # cleaned_data keeps the valid fields even when another one is wrong
        chosen = []
        for name, field in self.form.fields.items():
            value = self.form.cleaned_data.get(name)
            if value in (None, "", False):
                continue
            shown = dict(getattr(field, "choices", ())).get(value, value)
            chosen.append({"name": name, "label": field.label, "value": shown, "remove_url": self._without(name)})
        return chosen

    def _without(self, name):
        params = self.data.copy()
        for key in (name, "page"):
            params.pop(key, None)
        return f"?{params.urlencode()}{self.remove_anchor}"
