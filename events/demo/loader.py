"""Write the demo events into the database (called by `manage.py load_demo`).

Idempotent by slug: an event that exists is left alone, with its materials and registrations.
Dates sit relative to the day of loading (events.demo.items `day`), in Bishkek time.

Registrations are written directly, never through events.services, so loading e-mails
nobody; they are what the services would have left: seats in order of registration up to
the capacity, the rest on the waiting list, and for past events the reminder marked as sent.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from events.demo.items import EVENTS, ORGANIZERS
from events.models import Event, Material, Registration
from practices.demo.documents import DOCUMENTS
from practices.demo.loader import FILES_DIR, document_file, to_html
from practices.models import Theme

BISHKEK = ZoneInfo("Asia/Bishkek")
LANGUAGES = ("ky", "ru", "en")
# Reserved example names (RFC 2606): the demo sends nobody to a real meeting or channel.
MEET_HOST = "https://meet.example.org/ulsg"
VIDEO_HOST = "https://video.example.org/ulsg/events"


@dataclass
class Report:
    created: int = 0
    existing: int = 0
    materials: int = 0
    registrations: int = 0


def check_content():
    """Problems in the demo events (unknown theme, organizer, file or member status), as lines."""
    themes = set(Theme.objects.values_list("slug", flat=True))
    problems, seen = [], set()
    for event in EVENTS:
        slug = event["slug"]
        problems += [f"event {slug}: no theme {theme!r}" for theme in event["themes"] if theme not in themes]
        if event["organizer"] not in ORGANIZERS:
            problems.append(f"event {slug}: no organizer {event['organizer']!r}")
        for name, _visibility in event.get("materials", []):
            if name not in DOCUMENTS or not (FILES_DIR / name).exists():
                problems.append(f"event {slug}: no document {name!r}")
        problems += _registration_problems(event)
        if slug in seen:
            problems.append(f"event {slug}: slug used twice")
        seen.add(slug)
    return problems


def _registration_problems(event):
    """What events.services could not have produced: a status it does not know, overbooking, a needless queue."""
    slug, statuses = event["slug"], [status for _email, status in event.get("registrations", [])]
    known = Registration.Status.values
    problems = [f"event {slug}: no status {status!r}" for status in statuses if status not in known]
    seats, capacity = statuses.count("registered"), event.get("capacity")
    if capacity is not None and seats > capacity:
        problems.append(f"event {slug}: {seats} registered for {capacity} seats")
    if "waiting" in statuses and (capacity is None or seats < capacity):
        problems.append(f"event {slug}: a waiting list while seats are free")
    return problems


def event_times(data, now):
    """(starts_at, ends_at): `day` days from today at `start` o'clock in Bishkek."""
    day = timezone.localtime(now, BISHKEK).date() + dt.timedelta(days=data["day"])
    hour, minute = data["start"]
    starts_at = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BISHKEK)
    return starts_at, starts_at + dt.timedelta(hours=data["hours"])


def load_events(*, now=None):
    """Create the demo events that are not there yet (with materials and registrations); return a Report."""
    now = now or timezone.now()
    report = Report()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    emails = {email for data in EVENTS for email, _status in data.get("registrations", [])}
    members = {user.email: user for user in User.objects.filter(email__in=emails)}
    existing = set(Event.objects.filter(slug__in=[data["slug"] for data in EVENTS]).values_list("slug", flat=True))
    for data in EVENTS:
        if data["slug"] in existing:
            report.existing += 1
            continue
        with transaction.atomic():
            event = create_event(data, themes=themes, now=now)
            report.materials += attach_materials(event, data)
            report.registrations += register(event, data, members=members, now=now)
        report.created += 1
    return report


def create_event(data, *, themes, now):
    starts_at, ends_at = event_times(data, now)
    past = ends_at < now
    online = data["format"] in (Event.Format.ONLINE, Event.Format.HYBRID)
    event = Event(
        slug=data["slug"],
        format=data["format"],
        starts_at=starts_at,
        ends_at=ends_at,
        online_url=f"{MEET_HOST}/{data['slug']}" if online else "",
        audience=data.get("audience", "public"),
        capacity=data.get("capacity"),
        language=data["language"],
        recording_url=f"{VIDEO_HOST}/{data['slug']}" if past and online else "",
        is_published=True,
    )
    for language in LANGUAGES:
        if data.get(language):
            title, paragraphs = data[language]
            setattr(event, f"title_{language}", title)
            setattr(event, f"description_{language}", to_html(paragraphs))
        setattr(event, f"organizer_{language}", ORGANIZERS[data["organizer"]][language])
        if data.get("place", {}).get(language):
            setattr(event, f"place_{language}", data["place"][language])
    event.save()
    event.themes.set(themes[slug] for slug in data["themes"])
    # Announced three weeks before it starts (or today, for one that comes sooner).
    announced = min(starts_at - dt.timedelta(days=21), now - dt.timedelta(hours=2))
    Event.objects.filter(pk=event.pk).update(created_at=announced, updated_at=max(announced, min(ends_at, now)))
    return event


def attach_materials(event, data):
    for order, (name, visibility) in enumerate(data.get("materials", [])):
        document = DOCUMENTS[name]
        material = Material(event=event, language=document["language"], visibility=visibility, order=order)
        for language, title in document["title"].items():
            setattr(material, f"title_{language}", title)
        upload = document_file(name)
        material.file.save(name, upload, save=False)
        material.fill_file_metadata(upload)
        material.save()
    return len(data.get("materials", []))


def register(event, data, *, members, now):
    """The demo members' registrations, a few days apart, in the order listed."""
    rows = []
    for position, (email, status) in enumerate(data.get("registrations", [])):
        at = min(event.starts_at - dt.timedelta(days=6), now - dt.timedelta(days=3)) + dt.timedelta(hours=position * 5)
        reminded = event.starts_at - dt.timedelta(days=1) if event.starts_at < now and status == "registered" else None
        rows.append(
            Registration(
                event=event,
                user=members[email],
                status=status,
                created_at=at,
                status_changed_at=at,
                reminder_sent_at=reminded,
            )
        )
    Registration.objects.bulk_create(rows)
    return len(rows)
