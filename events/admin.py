"""Events in the admin: translated fields in language tabs, the prose editor for the description,
themes as checkboxes, the materials inline (checked as documents, like the library's), the
registrations read-only, the count of confirmed participants per oblast, and the participant list
as CSV (formula-safe, for a spreadsheet). Registrations change only through events.services."""

import reversion
from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin, TranslationTabularInline

from events import services
from events.models import Event, Material, Registration
from portal.collation import sort_key
from portal.concurrency import HistoryAdmin
from portal.models import Region
from portal.spreadsheets import csv_text
from practices import uploads
from practices.admin.base import (
    ADMIN_FIELDS,
    RICH_TEXT_OVERRIDES,
    AnyLanguageMixin,
    DocumentFormMixin,
    FileFactsMixin,
    HttpsLinksMixin,
    SearchIndexedMixin,
    ThemeCheckboxesMixin,
)

PARTICIPANT_HEADER = [
    _("Name"),
    _("E-mail"),
    _("Municipality or organization"),
    _("Oblast"),
    _("Role"),
    _("Position"),
    _("Status"),
    _("Registered at"),
]


class MaterialForm(AnyLanguageMixin, DocumentFormMixin, forms.ModelForm):
    class Meta:
        model = Material
        fields = ADMIN_FIELDS
        field_classes = {"file": uploads.DocumentField}


class MaterialInline(FileFactsMixin, TranslationTabularInline):
    model = Material
    form = MaterialForm
    extra = 0
    fields = ["title", "file", "language", "visibility", "order", "file_facts"]
    readonly_fields = ["file_facts"]
    verbose_name_plural = _("materials (presentations and other files: PDF, DOCX, XLSX, PPTX)")


class RegistrationInline(admin.TabularInline):
    """Who registered, as it happened: changed only by the members themselves (register, cancel)."""

    model = Registration
    extra = 0
    can_delete = False
    fields = ["user", "place", "status", "created_at", "status_changed_at", "reminder_sent_at"]
    readonly_fields = fields
    ordering = ["status", "created_at", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user__municipality")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("municipality or organization"))
    def place(self, obj):
        return obj.user.place


class EventForm(AnyLanguageMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = ADMIN_FIELDS

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        if cleaned.get("format") in (Event.Format.ONLINE, Event.Format.HYBRID) and not cleaned.get("online_url"):
            self.add_error("online_url", _("An online event needs the link to join."))
        return cleaned


# The editors' history: an event's version holds its materials, never its registrations (a revert
# must not cancel anyone's place).
reversion.register(Material)
reversion.register(Event, follow=("materials",))


@admin.register(Event)
class EventAdmin(
    SearchIndexedMixin, ThemeCheckboxesMixin, HttpsLinksMixin, HistoryAdmin, TabbedDjangoJqueryTranslationAdmin
):
    form = EventForm
    formfield_overrides = RICH_TEXT_OVERRIDES
    list_display = ["title", "starts_at", "format", "audience", "capacity", "registered", "waiting", "is_published"]
    list_filter = ["is_published", "format", "audience", "language", "themes"]
    search_fields = ["title_ky", "title_ru", "title_en", "slug", "organizer_ky", "organizer_ru"]
    date_hierarchy = "starts_at"
    ordering = ["-starts_at"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["participants", "created_at", "updated_at"]
    inlines = [MaterialInline, RegistrationInline]
    fieldsets = [
        (_("Event"), {"fields": ["title", "slug", "description", "themes", "organizer", "language"]}),
        (
            _("When and where"),
            {
                "fields": ["format", ("starts_at", "ends_at"), "place", "online_url"],
                "description": _("Times are in Bishkek time. The link to join is shown only to registered members."),
            },
        ),
        (_("Registration"), {"fields": ["audience", "capacity", "participants"]}),
        (_("After the event"), {"fields": ["recording_url"]}),
        (_("Publication"), {"fields": ["is_published", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                registered_total=Count("registrations", filter=_status(Registration.Status.REGISTERED)),
                waiting_total=Count("registrations", filter=_status(Registration.Status.WAITING)),
            )
        )

    @admin.display(description=_("registered"), ordering="registered_total")
    def registered(self, obj):
        return obj.registered_total

    @admin.display(description=_("waiting list"), ordering="waiting_total")
    def waiting(self, obj):
        return obj.waiting_total

    @admin.display(description=_("participants"))
    def participants(self, obj):
        """The confirmed participants per oblast, and the link to the whole list as CSV."""
        if not obj.pk:
            return "—"
        rows = participants_by_oblast(obj)
        table = format_html(
            '<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody>'
            '<tfoot><tr><th scope="row">{}</th><td>{}</td></tr></tfoot></table>',
            gettext("Oblast"),
            gettext("Registered"),
            format_html_join("", "<tr><td>{}</td><td>{}</td></tr>", rows),
            gettext("Total"),
            sum(count for _name, count in rows),
        )
        url = reverse("admin:events_event_participants", args=[obj.pk])
        return format_html('{}<p><a class="button" href="{}">{}</a></p>', table, url, gettext("Participant list (CSV)"))

    def get_urls(self):
        view = self.admin_site.admin_view(self.participants_view)
        return [
            path("<path:object_id>/participants.csv", view, name="events_event_participants"),
            *super().get_urls(),
        ]

    def participants_view(self, request, object_id):
        return participants_response(request, get_object_or_404(Event, pk=object_id))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and "capacity" in form.changed_data:
            # A larger capacity gives the new seats to the waiting list, in order.
            with transaction.atomic():
                services.event_fill_seats(event=Event.objects.select_for_update().get(pk=form.instance.pk))


def _status(status):
    return Q(registrations__status=status)


def participants_by_oblast(event):
    """[(oblast name, confirmed participants)], most first; members without a municipality
    (national bodies, partners) counted under "No municipality". Two queries."""
    counts = (
        Registration.objects.filter(event=event, status=Registration.Status.REGISTERED)
        .values("user__municipality__region")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["user__municipality__region"]: row["n"] for row in counts}
    regions = Region.objects.in_bulk([pk for pk in counts if pk is not None])
    rows = [(regions[pk].name if pk else gettext("No municipality"), n) for pk, n in counts.items()]
    return sorted(rows, key=lambda row: (-row[1], sort_key(str(row[0]))))


@require_GET
def participants_response(request, event):
    """The participant list as CSV: confirmed first, then the waiting list, then cancellations."""
    if not request.user.has_perm("events.change_event"):
        raise PermissionDenied
    order = {Registration.Status.REGISTERED: 0, Registration.Status.WAITING: 1, Registration.Status.CANCELLED: 2}
    registrations = sorted(
        Registration.objects.filter(event=event)
        .select_related("user__municipality__region")
        .prefetch_related("user__groups"),
        key=lambda r: (order[r.status], r.created_at, r.pk),
    )
    rows = [_participant_row(registration) for registration in registrations]
    text = csv_text(PARTICIPANT_HEADER, rows)
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participants-{event.slug}.csv"'
    response["Cache-Control"] = "private, no-store"  # names and e-mails: kept by no cache on the way
    return response


def _participant_row(registration):
    user = registration.user
    municipality = user.municipality
    role = user.role
    return [
        user.get_full_name(),
        user.email,
        user.place,
        municipality.region.name if municipality else "",
        role.label if role else "",
        user.position,
        registration.get_status_display(),
        timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
    ]
