"""Files of the library: served only through the visibility check, never from a public URL."""

from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.http import Http404
from django.test import override_settings
from django.views.static import serve

from accounts.roles import Role
from practices.models import Attachment, Practice, Resource
from practices.views.downloads import content_disposition
from tests.roles import ROLES, SEES, sign_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 a small test file"


def add_attachment(practice, name="report.pdf", content=PDF):
    attachment = Attachment(practice=practice, title="Report", language="ru")
    attachment.file.save(name, ContentFile(content, name=name), save=False)
    attachment.fill_file_metadata()
    attachment.original_name = name
    attachment.save()
    return attachment


def url_of(attachment):
    return f"/ru/practices/{attachment.practice.slug}/files/{attachment.pk}/"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


# Learning materials


def test_it_sends_a_public_file_to_anyone(client, make_resource):
    resource = make_resource("Guide", content=PDF)
    response = client.get(f"/ru/resources/{resource.slug}/download/")
    assert response.status_code == 200
    assert body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(PDF))
    assert response["Content-Disposition"] == "attachment; filename=\"guide.pdf\"; filename*=UTF-8''guide.pdf"
    assert response["Cache-Control"] == "private"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("visibility", ["public", "members", "deputies"])
def test_each_role_downloads_what_it_may_see(client, make_member, make_resource, who, visibility):
    resource = make_resource("Guide", visibility=visibility, content=PDF)
    sign_in(client, make_member, who)
    response = client.get(f"/ru/resources/{resource.slug}/download/")
    if visibility in SEES[who]:
        assert response.status_code == 200
        assert body(response) == PDF
    else:
        assert response.status_code == 403
        assert PDF not in response.content


def test_a_members_file_is_not_kept_in_any_cache(client, servant, make_resource):
    resource = make_resource("Guide", visibility="members")
    client.force_login(servant)
    response = client.get(f"/ru/resources/{resource.slug}/download/")
    assert response["Cache-Control"] == "private, no-store"


def test_an_anonymous_reader_refused_a_file_is_invited_to_sign_in_and_come_back_to_its_page(client, make_resource):
    resource = make_resource("Guide", visibility="members")
    response = client.get(f"/en/resources/{resource.slug}/download/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Sign in" in html and "Become a member" in html
    assert f"/en/accounts/login/?next=/en/resources/{resource.slug}/" in html
    assert "/download/" not in html.split("accounts/login/?next=")[1].split('"')[0]


def test_a_servant_refused_a_deputies_file_is_told_so(client, servant, make_resource):
    resource = make_resource("Guide", visibility="deputies")
    client.force_login(servant)
    response = client.get(f"/en/resources/{resource.slug}/download/")
    assert response.status_code == 403
    assert "Your account does not give access" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 404), ("servant", 404), ("deputy", 404), ("ulsg_admin", 404), ("editor", 200)],
)
def test_an_unpublished_materials_file_is_for_editors_only(client, make_member, make_resource, who, status):
    resource = make_resource("Draft guide", is_published=False)
    sign_in(client, make_member, who)
    response = client.get(f"/ru/resources/{resource.slug}/download/")
    assert response.status_code == status
    if status == 200:
        assert response["Cache-Control"] == "private, no-store"


def test_a_material_without_a_file_is_404(client, make_resource):
    resource = make_resource("Video", kind=Resource.Kind.VIDEO, content=None, video_url="https://example.org/v")
    assert client.get(f"/ru/resources/{resource.slug}/download/").status_code == 404


def test_a_file_missing_from_the_storage_is_404(client, make_resource):
    resource = make_resource("Guide")
    storages["private"].delete(resource.file.name)
    assert client.get(f"/ru/resources/{resource.slug}/download/").status_code == 404


def test_a_non_ascii_name_is_kept_with_an_ascii_fallback(client, make_resource):
    resource = make_resource("Guide")
    Resource.objects.filter(pk=resource.pk).update(original_name="Отчет 2024.pdf")
    response = client.get(f"/ru/resources/{resource.slug}/download/")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "filename*=UTF-8''%D0%9E%D1%82%D1%87%D0%B5%D1%82%202024.pdf" in disposition
    assert 'filename="Otchet 2024.pdf"' in disposition


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ("report.pdf", "report.pdf"),
        ("Отчет.pdf", "Otchet.pdf"),
        ("Жаңы план.docx", "Zhangy plan.docx"),
        ("Ысык-Көл 2024.pdf", "Ysyk-Kol 2024.pdf"),
        ("Café.pdf", "Cafe.pdf"),
        ('a"b\\c.pdf', "a_b_c.pdf"),
        ("中文.pdf", "download.pdf"),
    ],
)
def test_content_disposition_names_the_file_for_old_and_new_clients(name, fallback):
    header = content_disposition(name)
    assert header == f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def test_a_download_head_request_answers_the_headers_only(client, make_resource):
    resource = make_resource("Guide", content=PDF)
    response = client.head(f"/ru/resources/{resource.slug}/download/")
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(PDF))
    assert response["Content-Type"] == "application/pdf"
    assert response.content == b""


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_a_download_refuses_other_methods(client, make_resource, method):
    resource = make_resource("Guide")
    assert getattr(client, method)(f"/ru/resources/{resource.slug}/download/").status_code == 405


@override_settings(PRIVATE_MEDIA_X_ACCEL_REDIRECT="/protected/")
def test_behind_nginx_it_answers_with_x_accel_redirect_and_no_body(client, make_resource):
    resource = make_resource("Guide", content=PDF)
    response = client.get(f"/ru/resources/{resource.slug}/download/")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{resource.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; ")
    assert response["Cache-Control"] == "private"


@override_settings(PRIVATE_MEDIA_X_ACCEL_REDIRECT="/protected/")
def test_behind_nginx_the_right_is_still_checked(client, make_resource):
    resource = make_resource("Guide", visibility="deputies")
    response = client.get(f"/ru/resources/{resource.slug}/download/")
    assert response.status_code == 403
    assert "X-Accel-Redirect" not in response


def test_a_download_changes_nothing_in_the_database(client, make_resource):
    resource = make_resource("Guide")
    before = list(Resource.objects.values())
    client.get(f"/ru/resources/{resource.slug}/download/")
    assert list(Resource.objects.values()) == before


def test_a_download_runs_a_fixed_number_of_queries(client, deputy, make_resource, django_assert_num_queries):
    resource = make_resource("Guide", visibility="deputies")
    client.force_login(deputy)
    # 1 session, 2 user, 3 the material, 4 user's permissions, 5 group permissions (practices.access asks
    # whether the reader may edit), 6 the user's groups (accounts.visibility)
    with django_assert_num_queries(6):
        assert client.get(f"/ru/resources/{resource.slug}/download/").status_code == 200


# Attachments of practices


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("visibility", ["public", "members", "deputies"])
def test_each_role_downloads_the_attachments_it_may_see(client, make_member, make_practice, who, visibility):
    attachment = add_attachment(make_practice("Water", visibility=visibility))
    sign_in(client, make_member, who)
    response = client.get(url_of(attachment))
    if visibility in SEES[who]:
        assert response.status_code == 200
        assert body(response) == PDF
        assert response["Cache-Control"] == ("private" if visibility == "public" else "private, no-store")
    else:
        assert response.status_code == 403


def test_an_anonymous_reader_refused_an_attachment_comes_back_to_the_practice(client, make_practice):
    attachment = add_attachment(make_practice("Water", visibility="members"))
    html = client.get(url_of(attachment)).content.decode()
    assert f"/ru/accounts/login/?next=/ru/practices/{attachment.practice.slug}/" in html


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("pending", 404),
        ("servant", 404),
        ("deputy", 404),
        ("ulsg_admin", 404),
        ("submitter", 200),
        ("editor", 200),
    ],
)
def test_a_draft_practices_attachment_is_for_its_submitter_and_editors(client, make_member, make_practice, who, status):
    submitter = make_member(Role.SERVANT, email="submitter@example.kg")
    practice = make_practice("Water", status=Practice.Status.DRAFT, submitted_by=submitter)
    attachment = add_attachment(practice)
    if who == "submitter":
        client.force_login(submitter)
    else:
        sign_in(client, make_member, who)
    response = client.get(url_of(attachment))
    assert response.status_code == status
    if status == 200:
        assert body(response) == PDF
        assert response["Cache-Control"] == "private, no-store"


def test_an_attachment_of_another_practice_is_404(client, make_practice):
    attachment = add_attachment(make_practice("Water"))
    other = make_practice("Waste")
    assert client.get(f"/ru/practices/{other.slug}/files/{attachment.pk}/").status_code == 404


def test_an_attachment_gets_its_stored_type_and_name(client, make_practice):
    attachment = add_attachment(make_practice("Water"), name="Бюджет.pdf")
    response = client.get(url_of(attachment))
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''%D0%91%D1%8E%D0%B4%D0%B6%D0%B5%D1%82.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_attachment_refuses_post(client, make_practice):
    attachment = add_attachment(make_practice("Water"))
    assert client.post(url_of(attachment)).status_code == 405


# No public address


def test_files_are_stored_outside_the_public_media(make_practice, make_resource):
    attachment = add_attachment(make_practice("Water"))
    resource = make_resource("Guide")
    media_root = Path(settings.MEDIA_ROOT).resolve()
    for field in (attachment.file, resource.file):
        path = Path(field.path).resolve()
        assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
        assert not path.is_relative_to(media_root)


def test_no_public_media_address_serves_a_file(client, make_practice):
    """Even the development server's /media/ view (DEBUG) finds nothing under the private names."""
    attachment = add_attachment(make_practice("Water"))
    with pytest.raises(Http404):
        serve(None, attachment.file.name, document_root=settings.MEDIA_ROOT)
    assert client.get(f"/media/{attachment.file.name}").status_code == 404
    # Django gives a private storage without base_url the MEDIA_URL prefix, but nothing is there.
    assert client.get(attachment.file.url).status_code == 404
