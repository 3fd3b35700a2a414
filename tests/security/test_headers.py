"""Security headers on a page, a form and a file download, with production's settings.

Tests run with the secure cookies and HSTS off (portal/settings_test.py, served over http); these
turn them on as production does and make their requests over https (secure=True), as HSTS is only
sent on a secure response.
"""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import override_settings

from practices.models import Attachment
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PRODUCTION = override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
    LANGUAGE_COOKIE_SECURE=True,
)
YEAR = 365 * 24 * 3600


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_security_headers(response):
    hsts = response["Strict-Transport-Security"]
    assert f"max-age={YEAR}" in hsts
    assert "includeSubDomains" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["style-src"]


def assert_secure_cookie(cookie, *, samesite="Lax"):
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == samesite


@PRODUCTION
def test_a_public_page_has_every_header_and_no_nonce(client, make_practice):
    practice = make_practice("Water")
    response = client.get(f"/ru/practices/{practice.slug}/", secure=True)
    assert response.status_code == 200
    assert_security_headers(response)
    # Anonymous pages are cached whole: a nonce would be reused by every reader of the copy.
    assert "nonce-" not in response["Content-Security-Policy"]
    assert_secure_cookie(response.cookies[settings.LANGUAGE_COOKIE_NAME])


@PRODUCTION
def test_a_page_served_from_the_cache_has_the_headers_too(client, make_practice):
    practice = make_practice("Water")
    client.get(f"/ru/practices/{practice.slug}/", secure=True)
    response = client.get(f"/ru/practices/{practice.slug}/", secure=True)
    assert response.status_code == 200
    assert_security_headers(response)


@PRODUCTION
def test_a_plain_http_request_is_sent_to_https(client):
    response = client.get("/ru/practices/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@PRODUCTION
def test_the_sign_in_form_and_its_answer_have_every_header_and_secure_cookies(client, servant):
    form = client.get("/ky/accounts/login/", secure=True)
    assert form.status_code == 200
    assert_security_headers(form)
    assert_secure_cookie(form.cookies[settings.CSRF_COOKIE_NAME])
    assert_secure_cookie(form.cookies[settings.LANGUAGE_COOKIE_NAME])

    wrong = client.post("/ky/accounts/login/", {"login": servant.email, "password": "wrong password"}, secure=True)
    assert wrong.status_code == 200
    assert_security_headers(wrong)

    signed_in = client.post("/ky/accounts/login/", {"login": servant.email, "password": PASSWORD}, secure=True)
    assert signed_in.status_code == 302
    assert_security_headers(signed_in)
    assert_secure_cookie(signed_in.cookies[settings.SESSION_COOKIE_NAME])
    assert_secure_cookie(signed_in.cookies[settings.CSRF_COOKIE_NAME])  # rotated at sign-in


@PRODUCTION
def test_the_admin_language_switch_sets_a_secure_cookie(client, editor):
    client.force_login(editor)
    form = client.get("/admin/", secure=True)
    token = form.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        "/i18n/setlang/", {"language": "ru", "next": "/admin/", "csrfmiddlewaretoken": token}, secure=True
    )
    assert response.status_code == 302
    assert_security_headers(response)
    assert_secure_cookie(response.cookies[settings.LANGUAGE_COOKIE_NAME])


@PRODUCTION
def test_a_members_only_attachment_download_has_every_header(client, servant, make_practice):
    attachment = Attachment(practice=make_practice("Water", visibility="members"), title="Report", language="ru")
    attachment.file.save("report.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    attachment.fill_file_metadata()
    attachment.original_name = "report.pdf"
    attachment.save()
    client.force_login(servant)
    response = client.get(f"/ru/practices/{attachment.practice.slug}/files/{attachment.pk}/", secure=True)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert_security_headers(response)
    response.close()  # the file it streams


@PRODUCTION
def test_a_paid_issue_pdf_download_has_every_header(client, servant, make_issue, make_order):
    issue = make_issue(2026, 3)
    make_order(servant, issue=issue)
    client.force_login(servant)
    response = client.get(f"/ru/magazine/{issue.year}/{issue.number}/pdf/ru/", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_security_headers(response)
    response.close()  # the file it streams


@PRODUCTION
def test_an_admin_change_form_has_a_nonce_for_the_editors_import_map(client, editor, make_practice):
    practice = make_practice("Water")
    client.force_login(editor)
    response = client.get(f"/admin/practices/practice/{practice.pk}/change/", secure=True)
    assert response.status_code == 200
    assert_security_headers(response)
    nonce = next(s for s in policy(response)["script-src"] if s.startswith("'nonce-"))[len("'nonce-") : -1]
    assert f'<script type="importmap" nonce="{nonce}">' in response.content.decode()


@pytest.mark.parametrize(
    "environment",
    [
        {"MEDIA_URL": "https://media.example.kg/portal/"},
        {"AWS_STORAGE_BUCKET_NAME": "portal-media", "AWS_S3_CUSTOM_DOMAIN": "media.example.kg"},
    ],
    ids=["media-url", "s3-custom-domain"],
)
def test_images_may_come_from_the_media_host_when_media_is_on_another_host(environment):
    """The settings derive the media origin (not its path) for img-src from MEDIA_URL."""
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json, portal.settings as s; print(json.dumps(s.CONTENT_SECURITY_POLICY['DIRECTIVES'], default=repr))"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={**os.environ, "SECRET_KEY": "x", **environment},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    directives = json.loads(result.stdout)
    assert directives["img-src"] == ["'self'", "data:", "https://media.example.kg"]
    assert "https://media.example.kg" not in directives["script-src"]


def test_check_deploy_is_clean_with_production_settings():
    """`manage.py check --deploy` as CI runs it (production's environment, DEBUG off)."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "SECRET_KEY": "a-long-random-production-like-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "portal.example.kg",
        "SITE_URL": "https://portal.example.kg",
        "DEBUG": "0",
    }
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' conftest when they are collected too.
    for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
