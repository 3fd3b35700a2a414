"""Who may see an event, register for it, join it and download its materials: asked here only.

- Published events are open to everyone to read and to add to a calendar; editors
  (events.change_event) also see unpublished ones, to check them before publishing.
- Registering depends on the event's audience: "everyone" — any signed-in account in good
  standing (an e-mail confirmed at sign-up, not rejected: a member still waiting for approval
  may come); "members" — approved members, editors and admins; "deputies" — approved deputies,
  editors and admins (accounts.visibility.can_view). Never after the event has started.
- The link to join an online event: only members whose registration is confirmed (not those on
  the waiting list).
- A material: whoever may see its own visibility.
"""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.visibility import Visibility, can_view
from events.models import Event, Registration

# Why a member may not register, keyed for the page and the tests.
SIGN_IN = "sign_in"
CLOSED = "closed"
UNPUBLISHED = "unpublished"
ACCOUNT = "account"
MEMBERS_ONLY = "members_only"
DEPUTIES_ONLY = "deputies_only"

REFUSALS = {
    SIGN_IN: _("Sign in to register for this event."),
    CLOSED: _("Registration is closed: the event has already started."),
    UNPUBLISHED: _("This event is not published."),
    ACCOUNT: _("Your account cannot register for events. Please contact the Union."),
    MEMBERS_ONLY: _("This event is for approved members of the portal."),
    DEPUTIES_ONLY: _("This event is for local council deputies."),
}


def may_preview(user):
    return user.is_authenticated and user.has_perm("events.change_event")


def event_for_reader(user, slug, queryset=None):
    """The event with this slug if the reader may see it (published, or an editor), else Http404.
    One query; the editor's permission is looked up only for an unpublished event."""
    queryset = Event.objects.all() if queryset is None else queryset
    event = queryset.filter(slug=slug).first()
    if event is None or (not event.is_published and not may_preview(user)):
        raise Http404
    return event


def registration_refusal(user, event, now=None):
    """Why `user` may not register for `event` (one of the keys above), or None if they may."""
    if not event.is_published:
        return UNPUBLISHED
    if event.starts_at <= (now or timezone.now()):
        return CLOSED
    if user is None or not user.is_authenticated:
        return SIGN_IN
    if not user.is_active or user.status in (User.Status.REJECTED, User.Status.DEACTIVATED):
        return ACCOUNT
    if not can_view(user, event.audience):
        return DEPUTIES_ONLY if event.audience == Visibility.DEPUTIES else MEMBERS_ONLY
    return None


def may_join(registration):
    """Is this the registration of a member who may see the link to join? (None: not registered.)"""
    return registration is not None and registration.status == Registration.Status.REGISTERED
