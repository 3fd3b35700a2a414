"""Browser tests: the system's Chromium, driven by Playwright, against pytest-django's live server.

No browser is ever downloaded: the tests use Debian's Chromium (`apt-get install chromium`), or the
executable named by CHROMIUM_PATH. Without one they are skipped on a laptop and fail in CI (CI=true).
The server runs in this process, so the e-mails it sends land in `mailoutbox`.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the test's thread, and Django refuses
# ORM calls (fixtures, assertions) from a thread with a running loop unless told this is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 15_000


def find_chromium():
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(
                "browser tests cannot run: no Chromium at /usr/bin/chromium (CI=true, so this is an error); "
                "apt-get install chromium, or set CHROMIUM_PATH",
                pytrace=False,
            )
        pytest.skip("browser tests skipped: no Chromium at /usr/bin/chromium; apt-get install chromium")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    this_threads_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        # With Playwright's event loop running in this thread, Django would look connections up per
        # async context and open new ones, without the serialized copy of the test database that
        # serialized_rollback restores from: keep handing out the thread's own connections.
        for alias, connection in this_threads_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_page(browser, live_server, request):
    """new_page(width=1280, height=800) -> a page in its own browser context (its own cookies),
    with relative URLs resolved against the live server. On failure every page is screenshot
    to test-artifacts/failures/ for the CI log."""
    contexts = []

    def make(width=1280, height=800):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}, locale="ky-KG"
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        folder = ARTIFACTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        for n, context in enumerate(contexts):
            for m, page in enumerate(context.pages):
                page.screenshot(path=folder / f"{name}-{n}-{m}.png", full_page=True)
    for context in contexts:
        context.close()


@pytest.fixture
def screenshots_dir():
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def sign_in():
    """sign_in(page, email, password): through the allauth form, as a person does."""

    def fill(page, email, password):
        page.locator("input[name=login]").fill(email)
        page.locator("input[name=password]").fill(password)
        page.locator("form:has(input[name=password]) [type=submit]").first.click()
        # Signed in once the browser has left the login page (for the profile, or the `next` page).
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    return fill
