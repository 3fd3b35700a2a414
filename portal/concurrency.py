"""Two editors on the same item: the second is told, nothing is overwritten silently.

Optimistic concurrency for the admin's change forms, and its partner, the editors' history
(django-reversion's VersionAdmin: "History", "Revert", "Recover deleted ...").

- `VersionedModel` gives a model a `version` number that every save raises, under a row lock,
  whoever saves (the admin, practices.services, magazine.publishing...). A raw save (a revert by
  django-reversion, loaddata) raises it too, so a restored row never goes back to an old number.
- `HistoryAdmin` is VersionAdmin plus the check: the change form carries, in a hidden field, the
  version it was loaded with; on save the row is locked (SELECT ... FOR UPDATE inside the admin's
  transaction) and if its version has moved the form comes back with the editor's input, an error
  naming who changed the item and when, and nothing is written. The re-shown form carries the new
  version: saving it again replaces the other editor's version knowingly, not silently.
- A revert keeps what only the workflow changes (`restore_keeps`: a practice's status, an issue's
  publication): an old text comes back, the item stays published or draft as it is now.
- The history misses nothing an editor could want back: a deletion in the admin is recorded first
  (so anything deleted there can be recovered), and so is a state saved outside the admin (a
  member's proposal, a workflow step) before an editor's save or revert replaces it.
"""

import contextvars

import reversion
from django import forms
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.db import models, router, transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version

# The hidden field of the change form: the version the editor's form was loaded with.
FIELD = "loaded_version"


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(
        _("version"), default=0, editable=False, help_text=_("Raised by every save; the admin checks it.")
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            self.version = next_version(self, using)
            super().save(*args, **kwargs)


def locked_version(model, pk, using):
    """The row's version, read under a row lock when inside a transaction (None: no such row)."""
    rows = model._base_manager.using(using).filter(pk=pk)
    if transaction.get_connection(using).in_atomic_block:
        rows = rows.select_for_update()
    return rows.values_list("version", flat=True).first()


def next_version(obj, using):
    """One more than the row's version or than the object's own, whichever is higher."""
    current = locked_version(type(obj), obj.pk, using) if obj.pk is not None else None
    return max(current or 0, obj.version or 0) + 1


@receiver(pre_save)
def _raise_version_on_raw_save(sender, instance, raw, using, **kwargs):
    """A revert (django-reversion saves the old row raw) must not take the version back."""
    if raw and isinstance(instance, VersionedModel):
        instance.version = next_version(instance, using)


class VersionCheckedForm:
    """Mixed into the admin's form for an existing item (HistoryAdmin.get_form)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD].initial = getattr(self.instance, "_current_version", self.instance.version)

    def clean(self):
        cleaned = super().clean()
        loaded = self.cleaned_data.get(FIELD)
        current = getattr(self.instance, "_current_version", None)
        if loaded is not None and current is not None and loaded != current:
            message = self.history_admin.conflict_message(self.instance)
            self.add_error(None, forms.ValidationError(message, code="edit_conflict"))
            # The form comes back with the editor's input; saving it again now is a choice.
            self.data = self.data.copy()
            self.data[self.add_prefix(FIELD)] = current
        return cleaned


def conflict_message(obj, who, when):
    params = {"object": str(obj), "who": who, "when": formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")}
    if who:
        text = _(
            "“%(object)s” was changed by %(who)s on %(when)s while you were editing it, so nothing was saved. "
            "Your input is still in the form below. Open the item's History in another tab to see what changed; "
            "saving this form again replaces their version with yours."
        )
    else:
        text = _(
            "“%(object)s” was changed on %(when)s while you were editing it, so nothing was saved. "
            "Your input is still in the form below. Open the item's History in another tab to see what changed; "
            "saving this form again replaces their version with yours."
        )
    return text % params


def record_version(objs, *, user, comment):
    """Save a revision of `objs` as they are now, at once.

    Run in an empty context: inside the admin's own revision (the change list's, for a bulk
    deletion) versions are saved only when it ends, and those of deleted rows are then dropped.
    """

    language = translation.get_language()  # the active language lives in the context too

    def record():
        with translation.override(language), reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(str(comment))
            for obj in objs:
                reversion.add_to_revision(obj)

    contextvars.Context().run(record)


def is_recorded(obj):
    """Whether the history holds `obj` as it is now (a workflow step or a member's revision is not recorded)."""
    latest = Version.objects.get_for_object(obj).first()
    if latest is None:
        return False
    return not isinstance(obj, VersionedModel) or latest.field_dict.get("version") == obj.version


class HistoryAdmin(VersionAdmin):
    """VersionAdmin (history, revert, recover) with the edit-conflict check on the change form."""

    # Fields a revert leaves as they are now: they change only through the workflow's services.
    restore_keeps = ()
    history_latest_first = True

    # --- the check ------------------------------------------------------------------------------

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None or not isinstance(obj, VersionedModel):
            return obj
        restore = getattr(request, "_history_restore", None)
        if restore is not None:
            # A revert or a recovery: the row was just rewritten from the history.
            if restore["pk"] == obj.pk:
                for name, value in restore["kept"].items():
                    setattr(obj, name, value)
            obj._current_version = restore["version"]
            return obj
        using = router.db_for_write(self.model)
        # The admin's change view runs in a transaction: the lock holds until the save is written.
        if request.method == "POST" and transaction.get_connection(using).in_atomic_block:
            if locked_version(self.model, obj.pk, using) != obj.version:  # saved between the read and the lock
                obj = super().get_object(request, object_id, from_field)
        obj._current_version = obj.version
        return obj

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._checks_version(request, obj) or FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], FIELD]}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"]:
            kwargs["fields"] = [name for name in kwargs["fields"] if name != FIELD]
        form = super().get_form(request, obj, change=change, **kwargs)
        if not self._checks_version(request, obj):
            return form
        field = forms.IntegerField(label=_("version"), widget=forms.HiddenInput, required=False)
        attrs = {FIELD: field, "history_admin": self}
        return type(form.__name__, (VersionCheckedForm, form), attrs)

    def _checks_version(self, request, obj):
        versioned = issubclass(self.model, VersionedModel)
        return versioned and obj is not None and obj.pk is not None and self.has_change_permission(request, obj)

    def conflict_message(self, obj):
        return conflict_message(obj, *self.last_change(obj))

    def last_change(self, obj):
        """(who, when) of the save that made the row's current version: from the history, else unknown."""
        current = getattr(obj, "_current_version", obj.version)
        versions = Version.objects.get_for_object(obj).select_related("revision__user")[:20]
        for version in versions:
            if version.field_dict.get("version") == current:
                user = version.revision.user
                if user is not None:  # else a copy of a state saved elsewhere (_record_if_unrecorded)
                    return user.get_full_name() or user.get_username(), version.revision.date_created
                break
        return "", getattr(obj, "updated_at", None) or timezone.now()

    # --- nothing leaves the history unrecorded -----------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST" and self.has_change_permission(request):
            self._record_if_unrecorded(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and self.has_change_permission(request):
            self._record_if_unrecorded(request, object_id)
        return self._revision_view(request, object_id, version_id, extra_context)

    def _record_if_unrecorded(self, request, object_id):
        """The state about to be replaced was saved outside the admin: keep it in the history first."""
        obj = self.model._base_manager.filter(pk=unquote(object_id)).first()
        if obj is not None and not is_recorded(obj):
            record_version([obj], user=None, comment=_("As it was before this change (saved outside the admin)."))

    def delete_model(self, request, obj):
        record_version([obj], user=request.user, comment=_("Deleted."))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        record_version(list(queryset), user=request.user, comment=_("Deleted."))
        super().delete_queryset(request, queryset)

    # --- revert and recover keep the workflow's fields and check the version too -----------------

    def _revision_view(self, request, object_id, version_id, extra_context=None):
        with transaction.atomic(using=router.db_for_write(self.model)):
            current = self.model._base_manager.select_for_update().filter(pk=unquote(object_id)).first()
            self._remember_before_restore(request, current)
            return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self._remember_before_restore(request, None)
        return super().recover_view(request, version_id, extra_context)

    def _remember_before_restore(self, request, current):
        request._history_restore = {
            "pk": getattr(current, "pk", None),
            "version": getattr(current, "version", None),
            "kept": {name: getattr(current, name) for name in self.restore_keeps} if current else {},
        }
