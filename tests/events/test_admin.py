"""Events in the admin: editors only; the participant list as a formula-safe CSV with a BOM, the
count per oblast on the event's page, materials checked as documents; and the search index."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from events.models import Registration
from portal.models import Municipality, Region, SearchEntry

Status = Registration.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def participants(make_event, make_member, municipality):
    """An event with two confirmed participants from Issyk-Kul, one from Talas, one waiting, one cancelled."""
    talas, _ = Region.objects.get_or_create(
        code="KG-T", defaults={"name_ky": "Талас облусу", "name_ru": "Таласская область"}
    )
    elsewhere = Municipality.objects.create(code="test-talas", name_ky="Талас шаары", kind="city", region=talas)
    event = make_event(capacity=3)
    people = [
        make_member(Role.SERVANT, email="a@example.kg", first_name='=HYPERLINK("http://evil")', last_name="A"),
        make_member(Role.DEPUTY, email="b@example.kg", first_name="Бактыгүл", last_name="Өмүрова"),
        make_member(Role.SERVANT, email="c@example.kg", first_name="Canat", municipality=elsewhere),
        make_member(Role.SERVANT, email="d@example.kg", first_name="Dinara"),
        make_member(Role.SERVANT, email="e@example.kg", first_name="Emil"),
    ]
    statuses = [Status.REGISTERED, Status.REGISTERED, Status.REGISTERED, Status.WAITING, Status.CANCELLED]
    for person, status in zip(people, statuses, strict=True):
        Registration.objects.create(event=event, user=person, status=status)
    return event


def one_page_pdf():
    from pypdf import PdfWriter

    writer, buffer = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(buffer)
    return buffer.getvalue()


def csv_url(event):
    return f"/admin/events/event/{event.pk}/participants.csv"


def test_editors_export_the_participant_list(client, editor, participants):
    client.force_login(editor)
    response = client.get(csv_url(participants))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert len(rows) == 1 + 5
    assert rows[1][0].startswith("'=HYPERLINK")  # neutralized
    assert rows[2][:2] == ["Бактыгүл Өмүрова", "b@example.kg"]
    assert rows[2][2] == "Кумбел айыл аймагы"
    assert rows[2][3] == "Ысык-Көл облусу"
    assert [row[0].split()[0] for row in rows[-2:]] == ["Dinara", "Emil"]  # waiting, then cancelled
    assert client.post(csv_url(participants)).status_code == 405


def test_others_may_not_export_it(client, servant, ulsg_admin, participants):
    assert client.get(csv_url(participants)).status_code == 302  # to the admin's sign-in
    client.force_login(servant)
    assert client.get(csv_url(participants)).status_code == 302  # not staff
    client.force_login(ulsg_admin)
    assert client.get(csv_url(participants)).status_code == 403  # staff, not an editor


def test_the_event_page_counts_participants_per_oblast(client, editor, participants):
    client.force_login(editor)
    response = client.get(f"/admin/events/event/{participants.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<td>Ысык-Көл облусу</td><td>2</td>" in html
    assert "<td>Талас облусу</td><td>1</td>" in html
    assert csv_url(participants) in html
    assert "secret-room-42" in html  # the editor edits the link


def test_the_event_list_shows_registered_and_waiting(client, editor, participants):
    client.force_login(editor)
    response = client.get("/admin/events/event/")
    assert response.status_code == 200
    assert response.context["cl"].result_list[0].registered_total == 3


def test_an_editor_adds_an_event_with_a_material(client, editor, theme):
    client.force_login(editor)
    data = {
        "title_ky": "Семинар",
        "slug": "seminar",
        "format": "in_person",
        "starts_at_0": "2030-03-12",
        "starts_at_1": "10:00",
        "ends_at_0": "2030-03-12",
        "ends_at_1": "12:00",
        "audience": "public",
        "language": "ky_ru",
        "themes": [theme.pk],
        "is_published": "on",
        "materials-TOTAL_FORMS": "1",
        "materials-INITIAL_FORMS": "0",
        "materials-0-title_ky": "Слайддар",
        "materials-0-file": SimpleUploadedFile("slides.pdf", one_page_pdf(), content_type="application/pdf"),
        "materials-0-language": "ky",
        "materials-0-visibility": "members",
        "materials-0-order": "0",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
    }
    response = client.post("/admin/events/event/add/", data)
    if response.status_code != 302:
        errors = [
            response.context["adminform"].form.errors,
            *(f.formset.errors for f in response.context["inline_admin_formsets"]),
        ]
        pytest.fail(str(errors))
    from events.models import Event

    event = Event.objects.get(slug="seminar")
    material = event.materials.get()
    assert material.content_type == "application/pdf"
    assert material.original_name == "slides.pdf"
    assert SearchEntry.objects.filter(kind="event", object_id=event.pk).count() == 3


def test_a_material_that_is_not_a_document_is_refused(client, editor):
    client.force_login(editor)
    data = {
        "title_ky": "Семинар",
        "slug": "seminar",
        "format": "in_person",
        "starts_at_0": "2030-03-12",
        "starts_at_1": "10:00",
        "ends_at_0": "2030-03-12",
        "ends_at_1": "12:00",
        "audience": "public",
        "language": "ky_ru",
        "materials-TOTAL_FORMS": "1",
        "materials-INITIAL_FORMS": "0",
        "materials-0-title_ky": "Слайддар",
        "materials-0-file": SimpleUploadedFile("slides.pdf", b"MZ not a pdf", content_type="application/pdf"),
        "materials-0-language": "ky",
        "materials-0-visibility": "public",
        "materials-0-order": "0",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
    }
    response = client.post("/admin/events/event/add/", data)
    assert response.status_code == 200
    assert not SearchEntry.objects.exists()


def test_search_finds_published_events_only(make_event, theme):
    from portal import search

    shown = make_event("Water consultation", themes=[theme], description_ru="<p>Консультация по воде</p>")
    make_event("Hidden draft", is_published=False)
    search.rebuild()
    entries = SearchEntry.objects.filter(kind="event")
    assert set(entries.values_list("object_id", flat=True)) == {shown.pk}
    ru = entries.get(language="ru")
    assert ru.summary == "Консультация по воде"
    assert ru.theme_id == theme.pk
    assert ru.url == f"/ru/events/{shown.slug}/"
    assert "secret-room-42" not in " ".join(entries.values_list("body", flat=True))
