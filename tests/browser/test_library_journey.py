"""The library's whole journey in a real browser: a visitor filters by theme and oblast and opens a
practice; a servant proposes a practice with a PDF; an editor publishes it in the admin; the visitor
then finds it by search. Then the library and a practice page at a phone's and a laptop's width, in
Kyrgyz and Russian, screenshot for review and checked for sideways scrolling."""

import re

import pytest
from django.db import connection
from playwright.sync_api import expect
from pypdf import PdfWriter

from practices.models import Practice, ReviewEvent, Theme
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_TITLE = "Мектепке чейинки инклюзивдүү топ Кумбелде"


@pytest.fixture
def library(make_practice, municipality):
    """Three practices: the one the visitor looks for, one of another theme, one of another oblast."""
    from portal import search
    from portal.models import Municipality, Region
    from practices.models import Theme

    other_region, _ = Region.objects.get_or_create(code="KG-T", defaults={"name_ky": "Талас облусу", "order": 7})
    elsewhere = Municipality.objects.create(
        code="test-talas", name_ky="Талас шаары", kind=Municipality.Kind.CITY, region=other_region
    )
    wanted = make_practice(
        "Drinking water service",
        title_ky="Кумбелдеги ичүүчү суу кызматы",
        title_ru="Служба питьевой воды в Кумбеле",
        summary_ky="Айыл аймагы ичүүчү суу кызматын уюштурду.",
        beneficiaries=4200,
        total_cost=12_000_000,
        own_contribution=3_120_000,
    )
    make_practice("Street lighting", title_ky="Көчө жарыгы", theme=Theme.objects.get(slug="infrastructure"))
    make_practice("Waste in Talas", title_ky="Таластагы калдыктар", municipality=elsewhere)
    for practice in Practice.objects.all():
        search.index(practice)
    return wanted


def one_page_pdf(path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as file:
        writer.write(file)
    return path


def test_a_practice_is_found_proposed_published_and_found_again(
    new_page, sign_in, library, servant, editor, region, tmp_path, mailoutbox
):
    # A visitor filters the library by theme and oblast and opens the practice.
    visitor = new_page(width=360, height=740)
    visitor.goto("/ky/practices/")
    filters = visitor.locator("form.filters, form:has(select[name=theme])").first
    if not filters.locator("select[name=theme]").is_visible():
        visitor.locator("details summary").first.click()
    filters.locator("select[name=theme]").select_option("utilities")
    filters.locator("select[name=region]").select_option(region.code)
    filters.locator("[type=submit]").first.click()
    visitor.wait_for_url(re.compile(r"theme=utilities"))
    assert "region=KG-Y" in visitor.url
    results = visitor.locator("main")
    expect(results.get_by_role("link", name=library.title_ky)).to_be_visible()
    expect(results.get_by_role("link", name="Көчө жарыгы")).to_have_count(0)
    expect(results.get_by_role("link", name="Таластагы калдыктар")).to_have_count(0)
    results.get_by_role("link", name=library.title_ky).click()
    visitor.wait_for_url(re.compile(rf"/ky/practices/{library.slug}/$"))
    expect(visitor.locator("h1")).to_have_text(library.title_ky)
    expect(visitor.locator("main")).to_contain_text("26")  # the own share, in %

    # A servant proposes a practice with a PDF.
    member = new_page()
    member.goto("/ky/accounts/login/")
    sign_in(member, servant.email, PASSWORD)
    member.goto("/ky/practices/propose/")
    member.locator("[name=title]").fill(NEW_TITLE)
    member.locator("[name=summary]").fill("Ден соолугунда мүмкүнчүлүгү чектелген балдар үчүн бала бакчада топ ачылды.")
    social = Theme.objects.get(slug="social")
    member.locator("select[name=theme]").select_option(str(social.pk))
    member.locator("[name=year]").fill("2025")
    member.locator("[name=problem]").fill("Балдар бакчага бара алышчу эмес.")
    member.locator("[name=actions]").fill("Айыл өкмөтү топ ачып, тарбиячыларды окутту.")
    member.locator("[name=results]").fill("14 бала бакчага барат.")
    member.locator("[name=documents]").set_input_files(str(one_page_pdf(tmp_path / "report.pdf")))
    member.locator("[name=consent]").check()
    member.locator("main form [type=submit]").last.click()
    member.wait_for_url(re.compile(r"/ky/accounts/profile/"))
    proposal = Practice.objects.get(title_ky=NEW_TITLE)
    assert proposal.status == Practice.Status.SUBMITTED
    assert proposal.submitted_by == servant
    assert proposal.attachments.get().content_type == "application/pdf"
    expect(member.locator("main")).to_contain_text(NEW_TITLE)

    # Before publication, nobody else finds it.
    visitor.goto(f"/ky/search/?q={NEW_TITLE.split()[1]}")
    expect(visitor.locator("main").get_by_role("link", name=NEW_TITLE)).to_have_count(0)

    # An editor publishes it in the admin.
    admin = new_page()
    admin.goto("/admin/practices/practice/")
    sign_in(admin, editor.email, PASSWORD)
    admin.wait_for_url(re.compile(r"/admin/practices/practice/"))
    admin.locator(f"input[name=_selected_action][value='{proposal.pk}']").check()
    admin.locator("select[name=action]").select_option("publish")
    admin.locator("#changelist-form [type=submit][name=index]").click()
    expect(admin.locator(".messagelist .success")).to_have_count(1)
    proposal.refresh_from_db()
    assert proposal.status == Practice.Status.PUBLISHED
    assert ReviewEvent.objects.filter(practice=proposal, to_status="published", actor=editor).exists()
    assert any(servant.email in m.to for m in mailoutbox)

    # The visitor now finds it by search, with a word of its title (on PostgreSQL also with a typo).
    visitor.goto("/ky/search/?q=инклюзивдүү")
    link = visitor.locator("main").get_by_role("link", name=NEW_TITLE)
    expect(link).to_be_visible()
    if connection.vendor == "postgresql":
        visitor.goto("/ky/search/?q=инклюзивдуу+топп")
        expect(visitor.locator("main").get_by_role("link", name=NEW_TITLE)).to_be_visible()
    visitor.locator("main").get_by_role("link", name=NEW_TITLE).click()
    expect(visitor.locator("h1")).to_have_text(NEW_TITLE)


@pytest.mark.parametrize("language", ["ky", "ru"])
@pytest.mark.parametrize("width", [360, 1280])
def test_library_and_practice_pages_fit_the_screen(new_page, screenshots_dir, library, language, width):
    page = new_page(width=width, height=900)
    for name, path in (("library", f"/{language}/practices/"), ("practice", f"/{language}/practices/{library.slug}/")):
        response = page.goto(path)
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == language
        page.screenshot(path=screenshots_dir / f"{name}-{language}-{width}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
