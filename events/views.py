"""Events: the list (upcoming, then the archive), one event with its registration block, registering
and cancelling, the calendar file and the materials.

The list and the page run a fixed number of queries whatever the number of events, registrations
and materials (pinned in tests/events/test_list.py and test_detail.py): counts and the reader's own
registration come as subqueries of the events' query. Who may do what is asked of events.access.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, When
from django.db.models.functions import Coalesce, Greatest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST, require_safe

from accounts.visibility import Visibility, can_view, visible_levels
from events import ics, services
from events.access import REFUSALS, event_for_reader, may_join, registration_refusal
from events.filters import EventFilter
from events.models import Event, Material, Registration
from portal.files import protected_file_response
from practices.views.downloads import download_name

ARCHIVE_PER_PAGE = 10
Status = Registration.Status
# Long texts a list never shows: the description in every language.
LIST_DEFERRED = ["description"] + [f"description_{code}" for code, _name in settings.LANGUAGES]


def _count(queryset):
    """A subquery counting the rows of `queryset` that belong to the outer event (0 when none)."""
    counted = queryset.filter(event=OuterRef("pk")).order_by().values("event").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_facts(queryset, user):
    """Events with seats taken, the waiting list's length, the materials this reader may see, and
    the reader's own registration (status, and place on the waiting list), all in the one query."""
    registrations = Registration.objects.all()
    queryset = queryset.annotate(
        seats_taken=_count(registrations.filter(status=Status.REGISTERED)),
        waiting_count=_count(registrations.filter(status=Status.WAITING)),
        material_count=_count(Material.objects.filter(visibility__in=visible_levels(user))),
    ).annotate(
        # NULL without a limit (PostgreSQL's GREATEST would skip the NULL and say 0).
        seats_left=Case(When(capacity__isnull=False, then=Greatest(F("capacity") - F("seats_taken"), 0)))
    )
    if user.is_authenticated:
        mine = registrations.filter(event=OuterRef("pk"), user=user.pk).exclude(status=Status.CANCELLED)
        queryset = queryset.annotate(my_status=Subquery(mine.values("status")[:1]))
    return queryset.prefetch_related("themes")


@require_safe
def event_list(request):
    now = timezone.now()
    listed = with_facts(Event.objects.published().defer(*LIST_DEFERRED), request.user)
    events = EventFilter(request.GET, queryset=listed, request=request)
    upcoming = list(events.qs.upcoming(now))
    archive = Paginator(events.qs.past(now), ARCHIVE_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "events/index.html", {"filter": events, "upcoming": upcoming, "page_obj": archive})


@require_safe
def event_detail(request, slug):
    user = request.user
    event = event_for_reader(user, slug, with_facts(Event.objects.all(), user))
    registration = _own_registration(user, event)
    refusal = None if registration else registration_refusal(user, event)
    context = {
        "event": event,
        "registration": registration,
        "refusal": refusal,
        "refusal_message": REFUSALS.get(refusal, ""),
        "join_url": event.online_url if may_join(registration) and event.is_online and not event.is_past else "",
        "materials": list(event.materials.filter(visibility__in=visible_levels(user)).defer("text")),
        "is_preview": not event.is_published,
        "audience_note": _audience_note(event),
    }
    return render(request, "events/detail.html", context)


def _own_registration(user, event):
    """The reader's registration (not a cancelled one), with `position` on the waiting list; one query."""
    if not user.is_authenticated or not getattr(event, "my_status", None):
        return None
    ahead = Registration.objects.filter(
        event=OuterRef("event"), status=Status.WAITING, created_at__lt=OuterRef("created_at")
    )
    position = ahead.order_by().values("event").annotate(n=Count("pk")).values("n")
    return (
        Registration.objects.filter(event=event, user=user)
        .exclude(status=Status.CANCELLED)
        .annotate(ahead=Coalesce(Subquery(position, output_field=IntegerField()), 0))
        .first()
    )


def _audience_note(event):
    if event.audience == Visibility.MEMBERS:
        return gettext("For approved members of the portal: municipal servants and local council deputies.")
    if event.audience == Visibility.DEPUTIES:
        return gettext("For local council deputies.")
    return ""


# --- registering ---------------------------------------------------------------------------------


def _event_for_action(request, slug):
    event = event_for_reader(request.user, slug)
    if not request.user.is_authenticated:
        # Back to the event's page after signing in (the action itself takes POST only).
        return event, redirect_to_login(event.get_absolute_url())
    return event, None


@require_POST
def register(request, slug):
    event, sign_in = _event_for_action(request, slug)
    if sign_in:
        return sign_in
    try:
        registration = services.event_register(event=event, user=request.user)
    except services.RegistrationRefused as refused:
        messages.error(request, refused.message)
        return redirect(event)
    if registration.status == Status.REGISTERED:
        messages.success(request, gettext("You are registered. A confirmation is on its way to your e-mail."))
    else:
        messages.info(
            request,
            gettext("All seats are taken: you are on the waiting list (position %(position)d).")
            % {"position": services.waiting_position(registration)},
        )
    return redirect(event)


@require_POST
def cancel(request, slug):
    event, sign_in = _event_for_action(request, slug)
    if sign_in:
        return sign_in
    if services.event_cancel(event=event, user=request.user):
        messages.success(request, gettext("Your registration is cancelled."))
    else:
        messages.info(request, gettext("You were not registered for this event."))
    return redirect(event)


# --- files ---------------------------------------------------------------------------------------


@require_safe
def calendar(request, slug):
    """The event as an .ics file, for anyone who may see the event (it never holds the link to join)."""
    event = event_for_reader(request.user, slug)
    response = HttpResponse(ics.event_calendar(event, language=get_language()), content_type=ics.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{ics.filename(event)}"'
    return response


@require_safe
def material(request, slug, pk):
    event = event_for_reader(request.user, slug)
    item = get_object_or_404(Material.objects.defer("text"), event=event, pk=pk)
    if not can_view(request.user, item.visibility):
        # The portal's 403 page; signing in leads back to the event's page, where the list is.
        return render(request, "403.html", {"next_url": event.get_absolute_url()}, status=403)
    is_public = event.is_published and item.visibility == Visibility.PUBLIC
    return protected_file_response(
        request, item.file, filename=download_name(item), content_type=item.content_type, cacheable=is_public
    )
