"""Fixtures for the news tests: make_news."""

from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def make_news(db):
    """make_news(title, days_ago=..., themes=..., municipalities=..., **fields) -> News.

    Published by default, dated `days_ago` days back (by default the creation order, so the
    first made is the newest); the title and lead are given in Kyrgyz and Russian unless the
    fields say otherwise.
    """
    from news.models import News

    counter = iter(range(1, 100_000))

    def make(title="Training of municipalities", *, days_ago=None, themes=(), municipalities=(), **fields):
        number = next(counter)
        fields.setdefault("is_published", True)
        fields.setdefault("date", timezone.now() - timedelta(days=number if days_ago is None else days_ago))
        fields.setdefault("slug", f"news-{number}")
        fields.setdefault("title_ky", f"{title} (ky)")
        fields.setdefault("title_ru", f"{title} (ru)")
        fields.setdefault("lead_ky", f"Кыскача: {title}")
        fields.setdefault("lead_ru", f"Кратко: {title}")
        news = News.objects.create(**fields)
        if themes:
            news.themes.set(themes)
        if municipalities:
            news.municipalities.set(municipalities)
        return news

    return make
