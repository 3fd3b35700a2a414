"""The events list and an event's page: what each reader sees, the registration block, the link to
join (registered members only), materials per role, register and cancel, and the query counts."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from events.models import Registration
from portal.models import OutboxEmail

Status = Registration.Status
pytestmark = pytest.mark.django_db
SECRET = "secret-room-42"


def page(client, event, language="ky"):
    return client.get(f"/{language}/events/{event.slug}/")


# --- the list ------------------------------------------------------------------------------------


def test_it_lists_upcoming_events_soonest_first_then_the_archive(client, make_event):
    later = make_event("Later", starts_in=datetime.timedelta(days=9))
    sooner = make_event("Sooner", starts_in=datetime.timedelta(days=1))
    old = make_event("Old", starts_at=timezone.now() - datetime.timedelta(days=60), recording_url="https://y.example/1")
    older = make_event("Older", starts_at=timezone.now() - datetime.timedelta(days=90))
    make_event("Draft", is_published=False)
    response = client.get("/ky/events/")
    assert response.status_code == 200
    assert [e.pk for e in response.context["upcoming"]] == [sooner.pk, later.pk]
    assert [e.pk for e in response.context["page_obj"]] == [old.pk, older.pk]
    html = response.content.decode()
    assert "Draft" not in html
    assert html.index("Sooner (ky)") < html.index("Later (ky)") < html.index("Old (ky)")
    assert SECRET not in html


def test_it_filters_by_theme_format_and_audience(client, make_event, theme):
    water = make_event("Water", themes=[theme], format="in_person")
    make_event("Online for members", audience="members")
    response = client.get(f"/ru/events/?theme={theme.slug}&format=in_person&audience=public")
    assert [e.pk for e in response.context["upcoming"]] == [water.pk]
    wrong = client.get("/ru/events/?format=zoom")
    assert len(wrong.context["upcoming"]) == 2  # the wrong value is reported and ignored
    assert wrong.context["filter"].form.errors


def test_the_list_refuses_post(client):
    assert client.post("/ky/events/").status_code == 405


@pytest.mark.parametrize("count", [1, 8])
def test_the_list_runs_a_fixed_number_of_queries(
    client, servant, make_event, theme, make_material, count, django_assert_num_queries
):
    for n in range(count):
        make_event(f"Up {n}", themes=[theme], capacity=10)
        past = make_event(f"Past {n}", themes=[theme], starts_at=timezone.now() - datetime.timedelta(days=n + 1))
        make_material(past)
    client.force_login(servant)
    # session, user, the reader's groups (visibility), themes (filter), upcoming events with counts
    # and the reader's status, their themes; archive count, archive page, its themes
    with django_assert_num_queries(9):
        assert client.get("/ky/events/").status_code == 200


# --- one event -----------------------------------------------------------------------------------


def test_an_anonymous_visitor_sees_the_event_and_is_asked_to_sign_in(client, make_event, theme):
    event = make_event(themes=[theme], capacity=30, organizer_ky="МӨБС", place_ky="")
    response = page(client, event)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Exchange of experience on drinking water (ky)" in html
    assert "/ky/accounts/login/?next=" in html
    assert f'action="/ky/events/{event.slug}/register/"' not in html
    assert SECRET not in html
    assert "calendar.ics" in html


def test_a_member_sees_the_register_button_but_not_the_link(client, servant, make_event):
    event = make_event(capacity=2)
    client.force_login(servant)
    html = page(client, event).content.decode()
    assert f'action="/ky/events/{event.slug}/register/"' in html
    assert SECRET not in html


def test_a_registered_member_sees_the_link_and_a_waiting_one_does_not(client, make_member, make_event):
    event = make_event(capacity=1)
    seated = make_member(Role.SERVANT, email="seated@example.kg")
    waiting = make_member(Role.SERVANT, email="waiting@example.kg")
    Registration.objects.create(event=event, user=seated, status=Status.REGISTERED)
    Registration.objects.create(event=event, user=waiting, status=Status.WAITING)
    client.force_login(seated)
    html = page(client, event).content.decode()
    assert SECRET in html
    assert f'action="/ky/events/{event.slug}/cancel/"' in html
    client.force_login(waiting)
    response = page(client, event, "ru")
    assert SECRET not in response.content.decode()
    assert response.context["registration"].ahead == 0  # first on the waiting list


def test_the_link_is_hidden_after_cancelling(client, servant, make_event):
    event = make_event()
    Registration.objects.create(event=event, user=servant, status=Status.CANCELLED)
    client.force_login(servant)
    assert SECRET not in page(client, event).content.decode()


@pytest.mark.parametrize(
    ("audience", "role", "may"),
    [
        ("members", None, False),
        ("members", Role.SERVANT, True),
        ("deputies", Role.SERVANT, False),
        ("deputies", Role.DEPUTY, True),
    ],
)
def test_the_page_explains_who_may_register(client, make_member, make_event, audience, role, may):
    event = make_event(audience=audience)
    if role:
        client.force_login(make_member(role))
    html = page(client, event, "ru").content.decode()
    assert (f'action="/ru/events/{event.slug}/register/"' in html) is may


def test_registration_is_closed_once_started(client, servant, make_event):
    event = make_event(starts_at=timezone.now() - datetime.timedelta(minutes=10))
    client.force_login(servant)
    response = page(client, event)
    assert response.context["refusal"] == "closed"
    assert "register/" not in response.content.decode()


def test_an_unpublished_event_is_hidden_except_from_editors(client, servant, editor, make_event):
    event = make_event(is_published=False)
    assert page(client, event).status_code == 404
    client.force_login(servant)
    assert page(client, event).status_code == 404
    client.force_login(editor)
    assert page(client, event).status_code == 200


def test_the_page_refuses_post(client, make_event):
    assert client.post(f"/ky/events/{make_event().slug}/").status_code == 405


@pytest.mark.parametrize("state", ["anonymous", "member", "registered"])
def test_the_page_runs_a_fixed_number_of_queries(
    client, servant, make_event, theme, make_material, state, django_assert_num_queries
):
    event = make_event(themes=[theme], capacity=5)
    for n in range(3):
        make_material(event, f"Slides {n}")
    expected = 3  # the event with its counts, its themes, the materials this reader may see
    if state != "anonymous":
        client.force_login(servant)
        expected += 3  # session, user, the reader's groups (visibility and the audience)
    if state == "registered":
        Registration.objects.create(event=event, user=servant, status=Status.REGISTERED)
        expected += 1  # the reader's registration with their place on the waiting list
    with django_assert_num_queries(expected):
        assert page(client, event).status_code == 200


# --- register and cancel -------------------------------------------------------------------------


def test_a_member_registers_with_one_click(client, servant, make_event, django_capture_on_commit_callbacks):
    event = make_event(capacity=3)
    client.force_login(servant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ky/events/{event.slug}/register/", follow=True)
    assert response.redirect_chain[-1][0] == f"/ky/events/{event.slug}/"
    assert Registration.objects.get(event=event, user=servant).status == Status.REGISTERED
    assert SECRET in response.content.decode()
    assert OutboxEmail.objects.filter(to=servant.email).exists()
    assert list(response.context["messages"])


def test_a_full_event_puts_the_member_on_the_waiting_list(client, servant, deputy, make_event):
    event = make_event(capacity=1)
    Registration.objects.create(event=event, user=deputy, status=Status.REGISTERED)
    client.force_login(servant)
    response = client.post(f"/ru/events/{event.slug}/register/", follow=True)
    assert Registration.objects.get(event=event, user=servant).status == Status.WAITING
    assert SECRET not in response.content.decode()


def test_a_refused_registration_says_why(client, servant, make_event):
    event = make_event(audience="deputies")
    client.force_login(servant)
    response = client.post(f"/ky/events/{event.slug}/register/", follow=True)
    assert not Registration.objects.exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_cancelling_moves_the_waiting_member_up(
    client, servant, deputy, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    Registration.objects.create(event=event, user=servant, status=Status.REGISTERED)
    Registration.objects.create(event=event, user=deputy, status=Status.WAITING)
    client.force_login(servant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ky/events/{event.slug}/cancel/")
    assert response.status_code == 302
    assert Registration.objects.get(user=servant).status == Status.CANCELLED
    assert Registration.objects.get(user=deputy).status == Status.REGISTERED
    client.force_login(deputy)
    assert SECRET in page(client, event).content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in_and_back_to_the_page(client, make_event):
    event = make_event()
    for action in ("register", "cancel"):
        response = client.post(f"/ky/events/{event.slug}/{action}/")
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
        assert f"next=/ky/events/{event.slug}/" in response["Location"]
    assert not Registration.objects.exists()


def test_register_and_cancel_take_post_only(client, servant, make_event):
    event = make_event()
    client.force_login(servant)
    for action in ("register", "cancel"):
        assert client.get(f"/ky/events/{event.slug}/{action}/").status_code == 405
    assert not Registration.objects.exists()


def test_nobody_registers_for_an_unpublished_event(client, servant, make_event):
    event = make_event(is_published=False)
    client.force_login(servant)
    assert client.post(f"/ky/events/{event.slug}/register/").status_code == 404


# --- materials -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "visible"),
    [(None, {"public"}), (Role.SERVANT, {"public", "members"}), (Role.DEPUTY, {"public", "members", "deputies"})],
)
def test_materials_are_listed_and_served_per_role(client, make_member, make_event, make_material, role, visible):
    event = make_event(starts_at=timezone.now() - datetime.timedelta(days=3), recording_url="https://video.example/rec")
    materials = {
        level: make_material(event, f"Slides {level}", visibility=level) for level in ("public", "members", "deputies")
    }
    if role:
        client.force_login(make_member(role))
    response = page(client, event, "ru")
    assert {m.visibility for m in response.context["materials"]} == visible
    assert "https://video.example/rec" in response.content.decode()
    for level, material in materials.items():
        download = client.get(material.get_download_url())
        assert download.status_code == (200 if level in visible else 403)
        if level in visible:
            assert download["Content-Type"] == "application/pdf"
            assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.post(materials["public"].get_download_url()).status_code == 405


def test_a_material_of_another_event_is_not_found(client, make_event, make_material):
    material = make_material(make_event())
    other = make_event()
    assert client.get(f"/ky/events/{other.slug}/materials/{material.pk}/").status_code == 404
