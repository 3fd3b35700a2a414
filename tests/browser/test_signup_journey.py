"""A council deputy joins the portal: signs up, confirms the e-mail, waits for a ULSG admin's
approval, and then sees the deputy role on the profile. Then: the main pages at a phone's and a
laptop's width, in Kyrgyz and Russian, screenshot for review and checked for sideways scrolling."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from accounts.models import User
from accounts.roles import Role
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_EMAIL = "asel.deputy@example.kg"
NEW_PASSWORD = "Kumbel-suu-2026!"
CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


def test_a_deputy_signs_up_is_approved_and_sees_the_role(new_page, sign_in, mailoutbox, municipality, ulsg_admin):
    # A visitor signs up in Kyrgyz as a deputy of the Kumbel aiyl aimak.
    visitor = new_page()
    visitor.goto("/ky/accounts/signup/")
    assert visitor.locator("html").get_attribute("lang") == "ky"
    visitor.locator("#id_first_name").fill("Асел")
    visitor.locator("#id_last_name").fill("Токтосунова")
    visitor.locator("input[name=email]").fill(NEW_EMAIL)
    visitor.locator("input[name=password1]").fill(NEW_PASSWORD)
    visitor.locator("input[name=password2]").fill(NEW_PASSWORD)
    visitor.locator("input[name=applied_role][value=deputy]").check()
    visitor.locator("select[name=municipality]").select_option(str(municipality.pk))
    visitor.locator("input[name=position]").fill("Айыл кеңешинин депутаты")
    visitor.locator("select[name=preferred_language]").select_option("ky")
    visitor.locator("form:has(input[name=password2]) [type=submit]").first.click()
    visitor.wait_for_url(re.compile(r"/ky/accounts/confirm-email/$"))

    member = User.objects.get(email=NEW_EMAIL)
    assert (member.status, member.applied_role, member.municipality_id) == ("pending", "deputy", municipality.pk)

    # The confirmation e-mail carries a link; opening it shows a button that confirms (a POST).
    assert [m.to for m in mailoutbox] == [[NEW_EMAIL]]
    link = CONFIRM_LINK.search(mailoutbox[0].body)
    assert link, mailoutbox[0].body
    visitor.goto(link.group(0))
    visitor.locator("main form[method=post] [type=submit]").first.click()
    # Confirmed in the same browser: signed in, on the profile that says the application waits.
    visitor.wait_for_url(re.compile(r"/ky/accounts/profile/$"))
    assert member.emailaddress_set.get(email=NEW_EMAIL).verified

    # The ULSG admins hear of the new application.
    assert [ulsg_admin.email] in [m.to for m in mailoutbox[1:]]

    # A ULSG admin signs in (the admin's login is the portal's) and approves the application.
    admin = new_page()
    admin.goto("/admin/accounts/user/")
    admin.wait_for_url(re.compile(r"/(ky|ru|en)/accounts/login/\?next="))
    sign_in(admin, ulsg_admin.email, PASSWORD)
    admin.wait_for_url(re.compile(r"/admin/accounts/user/$"))
    admin.locator(f"input[name=_selected_action][value='{member.pk}']").check()
    admin.locator("select[name=action]").select_option("approve_members")
    admin.locator("#changelist-form [type=submit][name=index]").click()
    expect(admin.locator(".messagelist .success")).to_have_count(1)

    member.refresh_from_db()
    assert member.status == User.Status.APPROVED
    assert member.role == Role.DEPUTY

    # The member, still signed in, finds the role and the approval on the profile page.
    visitor.goto("/ky/accounts/profile/")
    with translation.override("ky"):
        role, status = str(Role.DEPUTY.label), str(User.Status.APPROVED.label)
    expect(visitor.locator("[data-testid=role]")).to_have_text(role)
    expect(visitor.locator("[data-testid=status]")).to_have_text(status)


PAGES = {"home": "/{lang}/", "signup": "/{lang}/accounts/signup/", "profile": "/{lang}/accounts/profile/"}


def test_main_pages_fit_a_phone_in_kyrgyz_and_russian(new_page, sign_in, screenshots_dir, deputy):
    overflowing = []
    for width, height in [(360, 740), (1280, 800)]:
        anonymous, member = new_page(width, height), new_page(width, height)
        member.goto("/ky/accounts/login/")
        sign_in(member, deputy.email, PASSWORD)
        for name, url in PAGES.items():
            page = member if name == "profile" else anonymous
            for lang in ("ky", "ru"):
                page.goto(url.format(lang=lang))
                assert page.url.endswith(url.format(lang=lang)), page.url
                assert page.locator("html").get_attribute("lang") == lang
                page.screenshot(path=screenshots_dir / f"{name}-{lang}-{width}.png", full_page=True)
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if width == 360 and scroll_width > 360:
                    overflowing.append(f"{name}-{lang}: {scroll_width}px")
    assert not overflowing, f"pages scroll sideways at 360 px: {overflowing}"
