"""The events' journey in a real browser: an online event with one seat; a servant registers with one
click and sees the link to join; a deputy registers and lands on the waiting list; the servant
cancels, and the deputy, moved up, now sees the link. Then the events list and an event page at a
phone's and a laptop's width, in Kyrgyz and Russian, screenshot for review and checked for sideways
scrolling."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event, Registration
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LINK = "https://meet.example.org/ulsg-webinar-2026"


@pytest.fixture
def webinar(theme):
    starts = timezone.now() + datetime.timedelta(days=3)
    event = Event.objects.create(
        slug="water-webinar",
        title_ky="Ичүүчү суу кызматын уюштуруу: Кумбелдин тажрыйбасы",
        title_ru="Организация службы питьевой воды: опыт Кумбеля",
        description_ky="<p>Айыл аймактарынын кызматкерлери үчүн онлайн тажрыйба алмашуу.</p>",
        description_ru="<p>Онлайн-обмен опытом для сотрудников айыл аймаков.</p>",
        organizer_ky="Жергиликтүү өз алдынча башкаруу органдарынын союзу",
        organizer_ru="Союз местных самоуправлений",
        format=Event.Format.ONLINE,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        online_url=LINK,
        capacity=1,
        is_published=True,
    )
    event.themes.set([theme])
    return event


@pytest.fixture
def archive(theme):
    starts = timezone.now() - datetime.timedelta(days=40)
    past = Event.objects.create(
        slug="budget-hearings",
        title_ky="Бюджеттик угуулар: кантип өткөрүү керек",
        title_ru="Публичные слушания по бюджету: как их проводить",
        format=Event.Format.HYBRID,
        place_ky="Бишкек, Московская көчөсү 1",
        place_ru="Бишкек, ул. Московская 1",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        online_url=LINK,
        recording_url="https://video.example.org/budget",
        audience="members",
        is_published=True,
    )
    past.themes.set([theme])
    return past


def sign_in_to(new_page, sign_in, user, path):
    page = new_page(width=360, height=800)
    page.goto(f"/ky/accounts/login/?next={path}")
    sign_in(page, user.email, PASSWORD)
    page.goto(path)
    return page


def test_a_servant_registers_cancels_and_the_waiting_deputy_moves_up(new_page, sign_in, webinar, servant, deputy):
    path = f"/ky/events/{webinar.slug}/"

    servant_page = sign_in_to(new_page, sign_in, servant, path)
    expect(servant_page.locator("main")).not_to_contain_text(LINK)
    servant_page.locator(".event-registration button[type=submit]").click()
    servant_page.wait_for_url(re.compile(rf"{path}$"))
    expect(servant_page.locator(f"a[href='{LINK}']").first).to_be_visible()
    assert Registration.objects.get(user=servant).status == Registration.Status.REGISTERED

    deputy_page = sign_in_to(new_page, sign_in, deputy, path)
    deputy_page.locator(".event-registration button[type=submit]").click()
    deputy_page.wait_for_url(re.compile(rf"{path}$"))
    expect(deputy_page.locator(".event-registration .badge-pending")).to_contain_text("1")
    assert LINK not in deputy_page.content()
    assert Registration.objects.get(user=deputy).status == Registration.Status.WAITING

    servant_page.locator(f"form[action='/ky/events/{webinar.slug}/cancel/'] button").click()
    servant_page.wait_for_url(re.compile(rf"{path}$"))
    assert LINK not in servant_page.content()

    deputy_page.reload()
    expect(deputy_page.locator(f"a[href='{LINK}']").first).to_be_visible()
    assert Registration.objects.get(user=deputy).status == Registration.Status.REGISTERED


@pytest.mark.parametrize("language", ["ky", "ru"])
@pytest.mark.parametrize("width", [360, 1280])
def test_the_events_pages_fit_the_screen(new_page, screenshots_dir, webinar, archive, language, width):
    page = new_page(width=width, height=900)
    pages = (("events", f"/{language}/events/"), ("event", f"/{language}/events/{webinar.slug}/"))
    for name, path in pages:
        response = page.goto(path)
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == language
        assert LINK not in page.content()
        page.screenshot(path=screenshots_dir / f"{name}-{language}-{width}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
