"""The editors' history of events (django-reversion through portal.concurrency.HistoryAdmin):
a revert brings back an event's texts and materials, never cancels a member's registration."""

import datetime

import pytest
from django.utils import timezone

from events.models import Event, Registration
from tests.practices.sample_files import isolated_storage_fixture  # noqa: F401 (the isolated_storage fixture)
from tests.practices.test_admin import resubmit as resubmit_fields

pytestmark = pytest.mark.django_db


def resubmit(page, **changes):
    """The form as the page shows it; date-times go in the admin's two boxes (date, time)."""
    data = {}
    for name, value in resubmit_fields(page, **changes).items():
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = value.strftime("%Y-%m-%d"), value.strftime("%H:%M:%S")
        else:
            data[name] = value
    return data


@pytest.fixture
def editor_client(client, editor, settings):
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def save_twice_then_revert(client, changelist, obj, field, first, second):
    url = f"{changelist}{obj.pk}/change/"
    for value in (first, second):
        response = client.post(url, resubmit(client.get(url), **{field: value}))
        assert response.status_code == 302, response.context["adminform"].form.errors
    history = client.get(f"{changelist}{obj.pk}/history/")
    assert history.status_code == 200
    page = client.get(history.context["action_list"][1]["url"])
    return page, lambda: client.post(page.wsgi_request.path, resubmit(page))


def test_a_revert_of_an_event_keeps_the_registrations_made_since(
    editor_client, make_event, make_material, servant, isolated_storage
):
    event = make_event()
    make_material(event)
    _page, confirm = save_twice_then_revert(
        editor_client, "/admin/events/event/", event, "title_en", "Water, first", "Water, second"
    )
    Registration.objects.create(event=event, user=servant, status=Registration.Status.REGISTERED)
    assert confirm().status_code == 302
    event.refresh_from_db()
    assert event.title_en == "Water, first"
    assert event.materials.count() == 1
    assert Registration.objects.filter(event=event, user=servant).exists()


def test_an_editor_recovers_a_deleted_event(editor_client, make_event):
    event = make_event()
    url = f"/admin/events/event/{event.pk}/change/"
    editor_client.post(url, resubmit(editor_client.get(url), title_en="Kept"))
    editor_client.post(f"/admin/events/event/{event.pk}/delete/", {"post": "yes"})
    (deleted,) = editor_client.get("/admin/events/event/recover/").context["deleted"]
    page = editor_client.get(f"/admin/events/event/recover/{deleted.pk}/")
    assert editor_client.post(page.wsgi_request.path, resubmit(page)).status_code == 302
    assert Event.objects.get(pk=event.pk).title_en == "Kept"
