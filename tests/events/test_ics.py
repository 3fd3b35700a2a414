"""The calendar file (events.ics): a valid RFC 5545 VCALENDAR with one VEVENT, in UTC, CRLF, escaped
and folded; downloadable by anyone for a published event, never with the link to join."""

import datetime

import pytest
from django.utils import translation

from events import ics

pytestmark = pytest.mark.django_db

BISHKEK = datetime.timezone(datetime.timedelta(hours=6))


def unfold(text):
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def properties(text):
    return dict(line.split(":", 1) for line in unfold(text))


@pytest.fixture
def event(make_event, theme):
    return make_event(
        "Budget hearings; a guide, step by step",
        title_ky=(
            "Бюджеттик угуулар: кадам сайын, жергиликтүү кеңештердин депутаттары жана муниципалдык кызматчылар үчүн"
        ),
        starts_at=datetime.datetime(2026, 3, 12, 10, 0, tzinfo=BISHKEK),
        ends_at=datetime.datetime(2026, 3, 12, 12, 30, tzinfo=BISHKEK),
        description_ru="<p>Первая строка, с запятой;</p><p>вторая \\ строка</p>",
        format="online",
    )


def test_it_is_a_calendar_with_one_event_in_utc(event):
    lines = unfold(ics.event_calendar(event, language="ru"))
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1
    props = properties(ics.event_calendar(event, language="ru"))
    assert props["DTSTART"] == "20260312T040000Z"  # 10:00 in Bishkek (UTC+6)
    assert props["DTEND"] == "20260312T063000Z"
    assert props["DTSTAMP"].endswith("Z")
    assert props["UID"].startswith(f"event-{event.pk}@")
    assert props["URL"].endswith(f"/ru/events/{event.slug}/")
    assert props["LOCATION"] == "Онлайн"  # in the calendar's language


def test_it_escapes_text_values(event):
    props = properties(ics.event_calendar(event, language="ru"))
    assert props["SUMMARY"] == "Budget hearings\\; a guide\\, step by step (ru)"
    description = props["DESCRIPTION"]
    assert description == "Первая строка\\, с запятой\\; вторая \\\\ строка"
    assert ics.escape("one\r\ntwo\nthree") == "one\\ntwo\\nthree"


def test_it_folds_long_lines_at_75_octets_without_cutting_a_letter(event):
    text = ics.event_calendar(event, language="ky")
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75
    props = properties(text)
    assert props["SUMMARY"].startswith("Бюджеттик угуулар: кадам сайын\\, жергиликтүү")  # whole again once unfolded


def test_it_never_holds_the_link_to_join(event):
    assert "secret-room-42" not in ics.event_calendar(event, language="ky")


def test_the_download_is_open_to_anyone(client, event):
    with translation.override("ky"):
        url = f"/ky/events/{event.slug}/calendar.ics"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="{event.slug}.ics"' in response["Content-Disposition"]
    assert "Бюджеттик" in response.content.decode()
    assert client.post(url).status_code == 405


def test_an_unpublished_event_has_no_calendar(client, make_event):
    event = make_event(is_published=False)
    assert client.get(f"/ky/events/{event.slug}/calendar.ics").status_code == 404
