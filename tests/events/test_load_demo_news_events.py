"""`manage.py load_demo`, the news and events part: news items, events, materials, registrations.

The module loads the demo once (`demo`) and commits it, like tests/portal/test_load_demo.py,
whose clean-up it reuses (it removes the news and events too, tests/events/demo_cleanup.py),
so the rows and files are gone when the module is done. The library and the magazine are
left out here (they have their own modules and take most of the loading time).
"""

import datetime as dt
import re
import time
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from events.demo import loader as events_loader
from events.demo.items import EVENTS
from events.models import Event, Material, Registration
from news.demo import loader as news_loader
from news.demo.items import NEWS
from news.models import News
from portal.models import OutboxEmail, SearchEntry
from practices.demo.loader import FILES_DIR
from practices.demo.loader import Report as LibraryReport
from practices.models import private_storage
from tests.portal.test_load_demo import _remove_demo

pytestmark = pytest.mark.django_db

KYRGYZ_LETTERS = re.compile("[ңөүҢӨҮ]")
SOURCE_NEWS = (
    "cso-training-inclusive-gender-responsive-policy",
    "final-seminars-47-municipalities-development-programmes",
    "national-conference-30-municipalities-local-services",
    "round-table-gender-analysis-40-municipalities",
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr("portal.management.commands.load_demo.check_content", lambda: [])
        patch.setattr("portal.management.commands.load_demo.load_library", lambda **kwargs: LibraryReport())
        patch.setattr("portal.management.commands.load_demo.Command.load_magazine", lambda self: None)
        output = StringIO()
        started = time.monotonic()
        call_command("load_demo", "--yes", stdout=output)
        yield SimpleNamespace(output=output.getvalue(), seconds=time.monotonic() - started)
        _remove_demo()


def _counts():
    models = (News, Event, Material, Registration)
    return {model.__name__: model.objects.count() for model in models} | {"search": SearchEntry.objects.count()}


# The command --------------------------------------------------------------------------------


def test_it_reports_what_it_loaded_before_the_one_search_rebuild(demo):
    materials = sum(len(data.get("materials", [])) for data in EVENTS)
    registrations = sum(len(data.get("registrations", [])) for data in EVENTS)
    line = (
        f"News: {len(NEWS)} items created, 0 already there. Events: {len(EVENTS)} created "
        f"({materials} materials, {registrations} registrations), 0 already there"
    )
    assert line in demo.output
    assert demo.output.count("Search index rebuilt") == 1
    assert demo.output.index(line) < demo.output.index("Search index rebuilt")


def test_it_is_idempotent(demo):
    before = _counts()
    output = StringIO()
    call_command("load_demo", "--yes", stdout=output)
    assert _counts() == before
    assert f"News: 0 items created, {len(NEWS)} already there." in output.getvalue()
    assert f"Events: 0 created (0 materials, 0 registrations), {len(EVENTS)} already there" in output.getvalue()


def test_it_sends_no_mail_while_loading(demo, mailoutbox):
    assert OutboxEmail.objects.count() == 0
    assert mailoutbox == []


def test_the_committed_content_has_no_problems(demo):
    assert news_loader.check_content() == []
    assert events_loader.check_content() == []


def test_it_refuses_news_and_events_that_name_unknown_things(demo, monkeypatch):
    broken_news = {**NEWS[0], "themes": ["nowhere"], "municipalities": ["atlantis-aa"], "motif": "unicorns"}
    monkeypatch.setattr("news.demo.loader.NEWS", [broken_news, NEWS[0]])
    slug = NEWS[0]["slug"]
    assert news_loader.check_content() == [
        f"news {slug}: no theme 'nowhere'",
        f"news {slug}: no municipality 'atlantis-aa'",
        f"news {slug}: no motif 'unicorns'",
        f"news {slug}: slug used twice",
    ]
    full = next(data for data in EVENTS if data.get("capacity") == 2)
    overbooked = {**full, "registrations": [(email, "registered") for email, _status in full["registrations"]]}
    broken_event = {**EVENTS[0], "themes": ["nowhere"], "organizer": "nobody", "materials": [("none.pdf", "public")]}
    monkeypatch.setattr("events.demo.loader.EVENTS", [broken_event, overbooked])
    assert events_loader.check_content() == [
        f"event {EVENTS[0]['slug']}: no theme 'nowhere'",
        f"event {EVENTS[0]['slug']}: no organizer 'nobody'",
        f"event {EVENTS[0]['slug']}: no document 'none.pdf'",
        f"event {full['slug']}: 3 registered for 2 seats",
    ]
    with pytest.raises(CommandError, match="demo news and events have problems"):
        call_command("load_demo", "--yes", stdout=StringIO())


# News ---------------------------------------------------------------------------------------------


def test_it_loads_more_than_two_pages_of_news_and_a_draft_or_two(demo):
    news = News.objects.filter(slug__in=[item["slug"] for item in NEWS])
    assert news.count() == len(NEWS) >= 24
    assert News.objects.published().count() > 2 * 10  # the list shows 10 a page
    assert 1 <= news.filter(is_published=False).count() <= 2


def test_the_four_news_of_the_sources_are_there_in_kyrgyz_and_russian(demo):
    found = News.objects.published().filter(slug__in=SOURCE_NEWS)
    assert found.count() == 4
    for news in found:
        assert KYRGYZ_LETTERS.search(news.title_ky + news.lead_ky + news.body_ky), news.slug
        assert news.title_ru != news.title_ky and news.lead_ru and news.body_ru.startswith("<p>")
        assert news.title_en
    titles = " ".join(found.values_list("title_ru", flat=True))
    for words in ("трехдневное обучение", "47 муниципалитетов", "30 муниципалитетов", "40 муниципалитетов"):
        assert words in titles


def test_every_item_has_texts_themes_and_dates_over_eighteen_months(demo):
    news = list(News.objects.filter(slug__in=[item["slug"] for item in NEWS]).prefetch_related("themes"))
    now = timezone.now()
    for item in news:
        for language in ("ky", "ru"):
            assert getattr(item, f"title_{language}") and getattr(item, f"lead_{language}"), item.slug
            assert getattr(item, f"body_{language}").startswith("<p>"), item.slug
        assert item.themes.all(), item.slug
        assert item.date <= now
    in_english = [item for item in news if item.title_en]
    assert len(news) // 4 <= len(in_english) <= len(news) // 2
    dates = sorted(item.date for item in news)
    assert dt.timedelta(days=480) <= dates[-1] - dates[0] <= dt.timedelta(days=570)
    assert (
        News.objects.get(slug="exchange-visit-kumbel-toktogul")
        .municipalities.filter(code__in=["kumbel-aa", "toktogul-city"])
        .count()
        == 2
    )


def test_most_items_have_an_image_with_webp_thumbnails(demo):
    with_image = News.objects.filter(slug__in=[item["slug"] for item in NEWS]).exclude(image="")
    assert with_image.count() >= 3 * len(NEWS) // 4
    for news in with_image:
        assert (news.image_width, news.image_height) == (1600, 1000)
        assert news.image_card.url.endswith(".webp")
        assert news.image_card.storage.exists(news.image_card.name), news.slug


# Events ---------------------------------------------------------------------------------------------


def test_it_loads_past_online_events_with_recordings_and_materials(demo):
    past = list(Event.objects.published().past().prefetch_related("materials"))
    assert len(past) >= 10
    for event in past:
        assert event.format == Event.Format.ONLINE and event.ends_at > event.starts_at
        assert event.recording_url.startswith("https://video.example.org/"), event.slug
        assert 1 <= len(event.materials.all()) <= 2, event.slug
        assert KYRGYZ_LETTERS.search(event.title_ky + event.description_ky) and event.title_ru, event.slug
        assert event.organizer_ky and event.organizer_ru and event.organizer_en
    assert (timezone.now() - past[-1].starts_at).days >= 300  # the archive goes back most of a year
    assert Material.objects.filter(visibility="members").count() >= 3


def test_materials_are_the_committed_pdfs_in_private_storage(demo):
    for material in Material.objects.all():
        assert material.file.storage is private_storage()
        assert material.content_type == "application/pdf" and material.text
        assert material.size == (FILES_DIR / material.original_name).stat().st_size
        assert material.title_ky and material.title_ru


def test_it_loads_upcoming_events_of_every_format_and_audience(demo):
    now = timezone.now()
    upcoming = {event.slug: event for event in Event.objects.published().upcoming()}
    assert len(upcoming) >= 4
    for event in upcoming.values():
        assert now + dt.timedelta(days=6) < event.starts_at < now + dt.timedelta(weeks=6)
        assert not event.recording_url and not event.materials.exists()
    webinar = upcoming["webinar-local-revenue"]
    assert (webinar.format, webinar.capacity, webinar.audience) == ("online", 100, "public")
    assert webinar.online_url.startswith("https://meet.example.org/")
    seminar = upcoming["seminar-bishkek-municipal-property"]
    assert (seminar.format, seminar.capacity, seminar.online_url) == ("in_person", 40, "")
    assert "Бишкек" in seminar.place_ky and "Бишкек" in seminar.place_ru
    hybrid = upcoming["hybrid-forum-youth-participation"]
    assert hybrid.format == "hybrid" and hybrid.place_ru and hybrid.online_url and hybrid.audience == "members"
    assert upcoming["deputies-consultation-budget-review"].audience == "deputies"
    with timezone.override("Asia/Bishkek"):
        assert timezone.localtime(webinar.starts_at).time() == dt.time(10, 0)
    audiences = Event.objects.values_list("audience", flat=True)
    assert sum(audience == "public" for audience in audiences) >= len(EVENTS) - 3


def test_registrations_show_a_seat_a_deputy_and_a_waiting_list(demo):
    def statuses(slug):
        registrations = Registration.objects.filter(event__slug=slug).select_related("user")
        return [(registration.user.email, registration.status) for registration in registrations]

    assert statuses("webinar-local-revenue") == [("servant@demo.kg", "registered")]
    assert statuses("deputies-consultation-budget-review") == [("deputy@demo.kg", "registered")]
    full = Event.objects.get(slug="clinic-citizens-budget-karakol")
    assert full.capacity == 2
    assert statuses(full.slug) == [
        ("servant@demo.kg", "registered"),
        ("subscriber@demo.kg", "registered"),
        ("expired@demo.kg", "waiting"),  # first in line when a seat is freed
    ]
    now = timezone.now()
    for registration in Registration.objects.select_related("event"):
        assert registration.created_at < min(registration.event.starts_at, now)
        reminded = registration.event.starts_at < now and registration.status == "registered"
        assert (registration.reminder_sent_at is not None) == reminded


def test_news_images_record_their_size(demo):
    from news.models import News

    assert not News.objects.exclude(image="").filter(image_width__isnull=True).exists()
