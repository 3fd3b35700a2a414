"""Removing the demo news and events that a test module committed with `load_demo` (not a test module).

tests/portal/test_load_demo.py calls it from its own clean-up, so every module that loads the
demo leaves no news, events, materials or their files behind.
"""

from events.demo.items import EVENTS
from events.models import Event
from news.demo.items import NEWS
from news.models import News


def _delete_files(*fields):
    for field in fields:
        if field:
            field.storage.delete(field.name)


def remove_demo_news_events():
    """Delete the demo news (with images and thumbnails) and events (materials, registrations cascade)."""
    for news in News.objects.filter(slug__in=[item["slug"] for item in NEWS]):
        if news.image:
            _delete_files(news.image_card, news.image_large, news.image)
        news.delete()
    for event in Event.objects.filter(slug__in=[data["slug"] for data in EVENTS]):
        _delete_files(*(material.file for material in event.materials.all()))
        event.delete()
