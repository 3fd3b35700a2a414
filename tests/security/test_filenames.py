"""Hostile file names on the member's proposal and the admin's uploads: "../" and "..\\" paths, NUL
bytes, control and bidirectional characters, and Kyrgyz or Russian names of 300+ characters.

The file is stored under a random name inside its storage folder; the name the reader gets back is
the uploaded one, cleaned (practices.uploads.clean_stem) and shortened to fit a file system, and the
download's Content-Disposition carries it safely: an ASCII `filename` and the exact UTF-8 name in
RFC 5987's `filename*`.
"""

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from practices import uploads
from practices.models import Attachment, Resource
from tests.practices import sample_files as files
from tests.practices.test_propose import form_data
from tests.security.markup import form_defaults

pytestmark = pytest.mark.django_db

LONG_KY = "Кумбел айыл аймагынын ичүүчү суу боюнча отчёту " * 8  # 376 characters, 700+ bytes
LONG_RU = "Отчёт о муниципальной службе питьевого водоснабжения айыла Кумбел " * 5

HOSTILE_NAMES = [
    ("../../../../etc/passwd.pdf", "passwd.pdf"),
    ("..\\..\\..\\windows\\system.ini.pdf", None),
    ("report\x00.html.pdf", None),
    ("re\x07po\x1b[31mrt\r\n.pdf", None),
    ("\u202efdp.exe.pdf", None),  # right-to-left override: "exe.pdf" shown as "fdp.exe"
    ('quote"; filename="evil.html.pdf', None),
    (LONG_KY + ".pdf", None),
    (LONG_RU + ".pdf", None),
    (".pdf", None),
]

CONTENT_DISPOSITION = re.compile(
    r"""^attachment; filename="([A-Za-z0-9 _.\-]+)"; filename\*=UTF-8''([A-Za-z0-9%._~\-]+)$"""
)


def assert_clean_name(name):
    assert name.endswith(".pdf")
    assert "/" not in name and "\\" not in name
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or 0x202A <= ord(ch) <= 0x202E for ch in name)
    assert not name.startswith(".")
    assert len(name.encode()) <= uploads.MAX_NAME_BYTES


def assert_inside(storage_root, stored_name):
    root = Path(storage_root).resolve()
    assert (root / stored_name).resolve().is_relative_to(root)
    assert re.fullmatch(r"[a-z/]+/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", stored_name), stored_name


def assert_safe_disposition(response, expected_name):
    header = response["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    match = CONTENT_DISPOSITION.match(header)
    assert match, header
    ascii_name, encoded = match.groups()
    assert unquote(encoded, errors="strict") == expected_name
    assert ascii_name.endswith(".pdf")


# --- the cleaning -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), HOSTILE_NAMES)
def test_the_kept_name_is_clean_and_short(name, expected):
    upload = uploads.validate_document(files.upload(name, files.pdf_bytes()))
    assert_clean_name(upload.name)
    if expected:
        assert upload.name == expected


def test_a_long_name_is_cut_between_characters_and_keeps_its_start_and_extension():
    upload = uploads.validate_document(files.upload(LONG_KY + ".pdf", files.pdf_bytes()))
    assert upload.name.startswith("Кумбел айыл аймагынын ичүүчү суу")
    assert upload.name.endswith(".pdf")
    upload.name.encode().decode()  # whole characters: still valid UTF-8
    assert 150 <= len(upload.name.encode()) <= uploads.MAX_NAME_BYTES


def test_a_photos_name_is_cleaned_too():
    upload = uploads.validate_image(files.upload("..\\..\\" + "Сүрөт " * 80 + "\x00.png", files.image_bytes("PNG")))
    assert upload.name.endswith(".png") and upload.name.startswith("Сүрөт")
    assert "\x00" not in upload.name and len(upload.name.encode()) <= uploads.MAX_NAME_BYTES


# --- the member's proposal ---------------------------------------------------------------------------


@pytest.fixture
def propose(client, servant, theme, municipality, isolated_storage, django_capture_on_commit_callbacks):
    client.force_login(servant)

    def send(*names):
        data = form_data(theme, municipality)
        data["documents"] = [SimpleUploadedFile(name, files.pdf_bytes(), "application/pdf") for name in names]
        data["images"] = []
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/ru/practices/propose/", data)

    return send


def test_a_proposal_with_hostile_names_stores_files_inside_their_folder(client, propose, isolated_storage):
    response = propose(*(name for name, _expected in HOSTILE_NAMES))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    _public, private = isolated_storage
    attachments = list(Attachment.objects.order_by("order", "pk"))
    assert len(attachments) == len(HOSTILE_NAMES)
    for attachment in attachments:
        assert_inside(private, attachment.file.name)
        assert attachment.file.name.startswith("practices/files/")
        assert_clean_name(attachment.original_name)
        assert (private / attachment.file.name).read_bytes().startswith(b"%PDF-")
        # The member previews their own proposal's files.
        download = client.get(attachment.get_absolute_url())
        assert download.status_code == 200
        assert_safe_disposition(download, attachment.original_name)
    # Nothing was written outside the two media folders' own subfolders.
    assert all(not name.startswith("..") for name in files.stored_files(*isolated_storage))


# --- the admin ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "_expected"), HOSTILE_NAMES)
def test_an_admin_upload_with_a_hostile_name_is_stored_inside_its_folder(
    client, editor, isolated_storage, name, _expected
):
    client.force_login(editor)
    url = "/admin/practices/resource/add/"
    data = form_defaults(client.get(url).content.decode())
    data.update(
        title_ru=["Руководство"],
        slug=["guide"],
        kind=["guide"],
        language=["ru"],
        is_published=["on"],
        file=SimpleUploadedFile(name, files.pdf_bytes(), "application/pdf"),
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    resource = Resource.objects.get()
    _public, private = isolated_storage
    assert_inside(private, resource.file.name)
    assert_clean_name(resource.original_name)
    download = client.get("/ru/resources/guide/download/")
    assert download.status_code == 200
    assert_safe_disposition(download, resource.original_name)


# --- names stored by older code or another path --------------------------------------------------------


@pytest.mark.parametrize(
    "original",
    ["../../secret.pdf", "..\\..\\secret.pdf", 'a";\r\nSet-Cookie: x=1.pdf', "\u202etxt.pdf", "Отчёт " * 40 + ".pdf"],
)
def test_the_download_header_is_safe_whatever_name_was_stored(client, make_resource, original):
    """A name already in the database (imported, or from before the cleaning) is cleaned on the way out."""
    resource = make_resource("Guide", slug="old-guide")
    Resource.objects.filter(pk=resource.pk).update(original_name=original[:255])
    response = client.get("/ru/resources/old-guide/download/")
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert "\r" not in header and "\n" not in header and "Set-Cookie" not in response.headers
    match = CONTENT_DISPOSITION.match(header)
    assert match, header
    name = unquote(match.group(2))
    assert "/" not in name and "\\" not in name and "\u202e" not in name
    assert name.endswith(".pdf")


def test_magazine_editions_are_named_by_the_portal(client, editor, make_issue):
    client.force_login(editor)
    issue = make_issue(2026, 7)
    response = client.get(f"/ru/magazine/{issue.year}/{issue.number}/pdf/ru/")
    assert response.status_code == 200
    match = CONTENT_DISPOSITION.match(response["Content-Disposition"])
    assert match, response["Content-Disposition"]
    assert unquote(match.group(2)).endswith("-2026-07-ru.pdf")
    assert match.group(1).endswith("-2026-07-ru.pdf")
