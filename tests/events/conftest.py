"""Events for the tests: make_event(**fields) -> a published online event tomorrow, open to everyone."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.conftest import MINIMAL_PDF


@pytest.fixture
def make_event(db):
    counter = iter(range(1, 100_000))

    def make(
        title="Exchange of experience on drinking water", *, themes=(), starts_in=datetime.timedelta(days=2), **fields
    ):
        number = next(counter)
        starts = fields.pop("starts_at", None) or timezone.now() + starts_in
        fields.setdefault("ends_at", starts + datetime.timedelta(hours=2))
        fields.setdefault("slug", f"event-{number}")
        fields.setdefault("title_en", title)
        fields.setdefault("title_ky", f"{title} (ky)")
        fields.setdefault("title_ru", f"{title} (ru)")
        fields.setdefault("is_published", True)
        fields.setdefault("online_url", "https://meet.example.org/secret-room-42")
        from events.models import Event

        event = Event.objects.create(starts_at=starts, **fields)
        if themes:
            event.themes.set(themes)
        return event

    return make


@pytest.fixture
def make_material(db):
    def make(event, title="Presentation", *, visibility="public", content=MINIMAL_PDF):
        from events.models import Material

        material = Material(event=event, title_en=title, title_ru=f"{title} (ru)", title_ky=f"{title} (ky)")
        material.visibility = visibility
        material.language = "ru"
        material.file.save("slides.pdf", ContentFile(content), save=False)
        material.fill_file_metadata()
        material.save()
        return material

    return make
