"""The magazine's journey in a real browser: a member requests an electronic subscription and gets the
payment instructions, an editor confirms the payment in the admin, the member downloads the Russian
edition; a visitor cannot. Then the magazine index and an issue page at a phone's and a laptop's width,
in Kyrgyz and Russian, screenshot for review and checked for sideways scrolling."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from magazine.models import Subscription
from tests.conftest import MINIMAL_PDF, PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def issue(make_issue):
    today = timezone.localdate()
    return make_issue(year=today.year, number=today.month, month=today.month, title_ru="Бюджет и слушания")


def test_a_member_subscribes_an_editor_confirms_and_the_member_downloads(
    new_page, sign_in, issue, plans, servant, editor, mailoutbox
):
    # A visitor sees the issue but may not download it.
    visitor = new_page(width=360, height=740)
    visitor.goto(issue.get_absolute_url().replace("/ky/", "/ru/"))
    expect(visitor.locator("h1")).to_be_visible()
    response = visitor.request.get(f"/ru/magazine/{issue.year}/{issue.number}/pdf/ru/", max_redirects=0)
    assert response.status in (302, 403)
    assert response.body()[:5] != b"%PDF-"

    # A member requests an electronic subscription and is shown how to pay, with a reference.
    member = new_page()
    member.goto("/ru/accounts/login/")
    sign_in(member, servant.email, PASSWORD)
    member.goto("/ru/magazine/subscribe/")
    member.locator(f"input[name=plan][value='{plans['electronic'].pk}']").check()
    member.locator("form.subscribe-form [type=submit]").click()
    member.wait_for_url(re.compile(r"/ru/magazine/orders/[A-Z0-9-]+/$"))
    subscription = Subscription.objects.get(user=servant)
    reference = subscription.payment.reference
    expect(member.locator("main")).to_contain_text(reference)
    assert subscription.status == Subscription.Status.REQUESTED
    assert any(reference in message.body for message in mailoutbox if message.to == [servant.email])

    # Not paid yet: still no download.
    assert member.request.get(f"/ru/magazine/{issue.year}/{issue.number}/pdf/ru/").status == 403

    # An editor confirms the payment in the admin.
    admin = new_page()
    admin.goto("/admin/magazine/subscription/")
    sign_in(admin, editor.email, PASSWORD)
    admin.wait_for_url(re.compile(r"/admin/magazine/subscription/"))
    admin.locator(f"input[name=_selected_action][value='{subscription.pk}']").check()
    admin.locator("select[name=action]").select_option("confirm_payment")
    admin.locator("#changelist-form [type=submit][name=index]").click()
    expect(admin.locator(".messagelist .success")).to_have_count(1)
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE

    # The member now downloads the Russian edition from the issue page.
    member.goto(f"/ru/magazine/{issue.year}/{issue.number}/")
    with member.expect_download() as download_info:
        member.locator("a[href$='/pdf/ru/']").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as file:
        assert file.read() == MINIMAL_PDF

    # The visitor still cannot.
    assert visitor.request.get(f"/ru/magazine/{issue.year}/{issue.number}/pdf/ru/", max_redirects=0).status in (
        302,
        403,
    )


@pytest.mark.parametrize("language", ["ky", "ru"])
@pytest.mark.parametrize("width", [360, 1280])
def test_magazine_pages_fit_the_screen(new_page, screenshots_dir, issue, make_issue, language, width):
    make_issue(year=issue.year - 1, number=12, month=12)
    page = new_page(width=width, height=900)
    for name, path in (
        ("magazine", f"/{language}/magazine/"),
        ("issue", f"/{language}/magazine/{issue.year}/{issue.number}/"),
    ):
        response = page.goto(path)
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == language
        page.screenshot(path=screenshots_dir / f"{name}-{language}-{width}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
