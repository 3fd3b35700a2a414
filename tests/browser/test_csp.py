"""The Content-Security-Policy, seen by a real browser: the admin's practice form (django-prose-editor's
inline import map, modeltranslation's jQuery UI tabs) and a public page run without a single
violation, and the editor's toolbar appears."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Runs in every page before its own scripts: keeps each violation the page reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def watch(page):
    """Start recording violations on `page`, from the DOM event and from the console; returns the list."""
    seen = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return seen


def violations(page, seen):
    return seen + page.evaluate("window.__cspViolations || []")


def test_the_admin_practice_form_runs_under_the_policy(new_page, sign_in, editor, make_practice):
    practice = make_practice("Drinking water service")
    page = new_page()
    seen = watch(page)
    page.goto(f"/admin/practices/practice/{practice.pk}/change/")
    sign_in(page, editor.email, PASSWORD)
    page.wait_for_url(f"**/admin/practices/practice/{practice.pk}/change/")
    header = page.request.get(page.url).headers["content-security-policy"]
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header

    # django-prose-editor's toolbar: its module loaded through the import map that carries the nonce.
    expect(page.locator(".prose-menubar").first).to_be_visible()
    # modeltranslation's language tabs (vendored jQuery UI) were built.
    expect(page.locator(".ui-tabs-nav").first).to_be_visible()
    page.locator(".prose-editor [contenteditable=true]").first.click()
    page.keyboard.type("Checked under the policy.")
    assert violations(page, seen) == []


def test_a_public_page_runs_under_the_policy(new_page, make_practice):
    practice = make_practice("Drinking water service")
    page = new_page()
    seen = watch(page)
    for path in ("/ky/", "/ky/practices/", f"/ky/practices/{practice.slug}/", "/ky/accounts/login/"):
        response = page.goto(path)
        assert response.status == 200, path
        assert "nonce-" not in response.headers["content-security-policy"], path
        assert violations(page, seen) == [], path


def test_a_members_own_pages_run_under_the_policy(new_page, sign_in, servant):
    page = new_page()
    seen = watch(page)
    page.goto("/ky/accounts/login/")
    sign_in(page, servant.email, PASSWORD)
    for path in ("/ky/accounts/profile/", "/ky/accounts/email/", "/ky/accounts/password/change/"):
        response = page.goto(path)
        assert response.status == 200, path
        assert violations(page, seen) == [], path
