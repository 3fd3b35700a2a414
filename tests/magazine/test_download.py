"""Downloading an edition: only through the entitlement check, never from a public address,
as an attachment with a good name, kept in no cache."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.http import Http404
from django.test import override_settings
from django.utils import timezone
from django.views.static import serve

from magazine.models import Edition
from tests.conftest import MINIMAL_PDF

pytestmark = pytest.mark.django_db

JAN_2026 = datetime.date(2026, 1, 1)


def url(issue, language="ru", lang="ru"):
    return f"/{lang}/magazine/{issue.year}/{issue.number}/pdf/{language}/"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def subscriber(servant, make_order, plans):
    make_order(servant, plan=plans["electronic"], starts_on=JAN_2026)
    return servant


def test_it_sends_the_pdf_as_an_attachment_with_a_good_name(client, subscriber, make_issue):
    issue = make_issue(2026, 10, running_number=156)
    client.force_login(subscriber)
    response = client.get(url(issue, "ru"))
    assert response.status_code == 200
    assert body(response) == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(MINIMAL_PDF))
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Municipality-2026-10-ru.pdf"; ')
    assert "filename*=UTF-8''" in disposition


def test_the_file_name_is_the_same_whatever_the_page_language(client, subscriber, make_issue):
    issue = make_issue(2026, 3)
    client.force_login(subscriber)
    names = {client.get(url(issue, "ky", lang))["Content-Disposition"] for lang in ("ky", "ru", "en")}
    assert len(names) == 1
    assert 'filename="Municipality-2026-03-ky.pdf"' in names.pop()


def test_a_paid_edition_is_kept_in_no_cache_and_not_sniffed(client, subscriber, make_issue):
    client.force_login(subscriber)
    response = client.get(url(make_issue(2026, 3)))
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_free_edition_may_stay_in_the_readers_browser_only(client, make_issue):
    response = client.get(url(make_issue(2026, 3, is_free=True)))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private"


def test_head_answers_without_the_file(client, subscriber, make_issue):
    client.force_login(subscriber)
    response = client.head(url(make_issue(2026, 3)))
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == str(len(MINIMAL_PDF))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_refused(client, subscriber, make_issue, method):
    client.force_login(subscriber)
    assert getattr(client, method)(url(make_issue(2026, 3))).status_code == 405


@override_settings(PRIVATE_MEDIA_X_ACCEL_REDIRECT="/protected/")
def test_behind_nginx_it_only_names_the_file(client, subscriber, make_issue):
    issue = make_issue(2026, 3)
    client.force_login(subscriber)
    response = client.get(url(issue))
    edition = issue.editions.get(language="ru")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{edition.file.name}"
    assert response.content == b""
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("attachment; ")


@override_settings(PRIVATE_MEDIA_X_ACCEL_REDIRECT="/protected/")
def test_behind_nginx_a_refused_reader_gets_no_header(client, make_issue):
    response = client.get(url(make_issue(2026, 3)))
    assert response.status_code == 403
    assert "X-Accel-Redirect" not in response


def test_an_anonymous_reader_is_invited_to_sign_in_and_come_back_to_the_issue(client, make_issue):
    issue = make_issue(2026, 3)
    response = client.get(url(issue, lang="en"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "/en/accounts/login/?next=/en/magazine/2026/3/" in html
    assert "/pdf/" not in html.split("accounts/login/?next=")[1].split('"')[0]
    assert 'href="/en/magazine/subscribe/"' in html
    assert 'href="/en/magazine/2026/3/buy/"' in html


def test_a_member_without_a_subscription_is_offered_to_subscribe_or_buy(client, servant, make_issue):
    client.force_login(servant)
    response = client.get(url(make_issue(2026, 3), lang="en"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "accounts/login/" not in html.split("<main")[1]
    assert 'href="/en/magazine/subscribe/"' in html and 'href="/en/magazine/2026/3/buy/"' in html


@pytest.mark.parametrize("language", ["de", "en", "KY", "xx"])
def test_an_unknown_language_is_404(client, subscriber, make_issue, language):
    client.force_login(subscriber)
    assert client.get(url(make_issue(2026, 3), language)).status_code == 404


def test_a_missing_edition_is_404_even_for_staff(client, editor, make_issue):
    issue = make_issue(2026, 3, editions=("ru",))
    client.force_login(editor)
    assert client.get(url(issue, "ru")).status_code == 200
    assert client.get(url(issue, "ky")).status_code == 404


def test_an_unknown_issue_is_404(client, subscriber, make_issue):
    make_issue(2026, 3)
    client.force_login(subscriber)
    assert client.get("/ru/magazine/2026/4/pdf/ru/").status_code == 404
    assert client.get("/ru/magazine/2025/3/pdf/ru/").status_code == 404


@pytest.mark.parametrize("status", ["draft", "scheduled"])
def test_an_issue_not_yet_out_is_404_to_readers_and_sent_to_staff(client, subscriber, editor, make_issue, status):
    fields = {"publish_at": timezone.now() + datetime.timedelta(days=2)} if status == "scheduled" else {}
    issue = make_issue(2026, 3, status=status, is_free=True, **fields)
    assert client.get(url(issue)).status_code == 404
    client.force_login(subscriber)
    assert client.get(url(issue)).status_code == 404
    client.force_login(editor)
    response = client.get(url(issue))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"  # not out yet: not even a free issue is cached


def test_a_purchase_of_one_issue_opens_no_other_by_changing_the_address(client, servant, make_issue, make_order):
    bought = make_issue(2026, 3)
    others = [make_issue(2026, 4), make_issue(2025, 3), make_issue(2027, 3, running_number=999)]
    make_order(servant, issue=bought)
    client.force_login(servant)
    assert client.get(url(bought)).status_code == 200
    for other in others:
        assert client.get(url(other)).status_code == 403


def test_a_file_missing_from_the_storage_is_404(client, subscriber, make_issue):
    issue = make_issue(2026, 3)
    storages["private"].delete(issue.editions.get(language="ru").file.name)
    client.force_login(subscriber)
    assert client.get(url(issue)).status_code == 404


def test_editions_are_stored_outside_the_public_media(make_issue):
    issue = make_issue(2026, 3)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    for edition in issue.editions.all():
        path = Path(edition.file.path).resolve()
        assert path.is_file()
        assert not path.is_relative_to(media_root)
        assert "municipality" not in edition.file.name  # a random name: nothing to guess


def test_no_public_media_address_serves_an_edition(client, make_issue):
    issue = make_issue(2026, 3, is_free=True)
    for edition in Edition.objects.filter(issue=issue):
        assert client.get(f"/media/{edition.file.name}").status_code == 404
        assert client.get(f"{settings.MEDIA_URL}{Path(edition.file.name).name}").status_code == 404
        with pytest.raises(Http404):  # even the development server's /media/ view (DEBUG) finds nothing
            serve(None, edition.file.name, document_root=settings.MEDIA_ROOT)
