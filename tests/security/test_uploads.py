"""Uploads that lie about their type, oversized files and pixel bombs, tried on the member's proposal
form, the admin's file fields and a live server: each is refused with a message in the reader's
language that names the file, nothing is saved (no row, no file in either media folder), and the
worker goes on answering. The checks themselves live in practices.uploads and practices.filetypes.
"""

import html
import io
import re
import urllib.error
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils import translation

from events.models import Material
from magazine.models import Edition, Issue
from news.models import News
from practices import uploads
from practices.models import Resource
from tests.practices import sample_files as files
from tests.practices.test_propose import assert_nothing_saved, form_data
from tests.security.markup import form_defaults

pytestmark = pytest.mark.django_db

SCRIPT = b"<script>alert(document.cookie)</script>"
HTML_PAGE = b"<!DOCTYPE html><html><body>" + SCRIPT + b"</body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" width="10" height="10">'
    + SCRIPT
    + b"</svg>"
)

# English message (gettext msgid) of each refusal, for (name, content) as a document or a photo.
NOT_PDF = "“%(name)s” is not a PDF file: its content is of another type."
NOT_DOCUMENT = "“%(name)s” is not a document of an accepted type: send a PDF, DOCX, XLSX or PPTX file."
NOT_IMAGE = "“%(name)s” is not an image of an accepted type: send a JPEG, PNG or WebP photo."
MARKUP = (
    "“%(name)s” is not a plain image: it contains web-page code. "
    "Open the photo in an image editor, save it again and send the new copy."
)
UNREADABLE_PDF = "“%(name)s” cannot be read as a PDF: it may be damaged. Save it as PDF again and send it."


def png_with_html_appended():
    return files.image_bytes("PNG") + HTML_PAGE


def html_with_png_header():
    return b"\x89PNG\r\n\x1a\n" + HTML_PAGE


def jpeg_with_html_in_a_comment():
    jpeg = files.image_bytes("JPEG")
    comment = b"\xff\xfe" + (len(HTML_PAGE) + 2).to_bytes(2, "big") + HTML_PAGE
    return jpeg[:2] + comment + jpeg[2:]  # a valid JPEG that Pillow decodes, with a page inside


DOCUMENT_LIES = [
    ("report.pdf", HTML_PAGE, NOT_PDF),
    ("отчёт.pdf", SVG, NOT_PDF),
    ("report.docx", HTML_PAGE, NOT_DOCUMENT),
    ("drawing.svg", SVG, NOT_DOCUMENT),
    ("page.html", HTML_PAGE, NOT_DOCUMENT),
    ("polyglot.pdf", b"%PDF-1.4\n" + HTML_PAGE, UNREADABLE_PDF),
]
IMAGE_LIES = [
    ("photo.png", png_with_html_appended(), MARKUP),
    ("photo.png", html_with_png_header(), None),  # "not an image" or "damaged": refused either way
    ("photo.jpg", jpeg_with_html_in_a_comment(), MARKUP),
    ("logo.svg", SVG, NOT_IMAGE),
    ("logo.png", SVG, NOT_IMAGE),
    ("photo.png", HTML_PAGE, NOT_IMAGE),
]


def in_language(message, language, name):
    with translation.override(language):
        return translation.gettext(message) % {"name": name}


def page_text(response):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


# --- the checks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "message"), DOCUMENT_LIES)
def test_a_document_that_lies_about_its_type_is_refused(name, content, message):
    with translation.override("en"):
        with pytest.raises(uploads.ValidationError) as caught:
            uploads.validate_document(files.upload(name, content))
        assert caught.value.messages == [message % {"name": name}]


@pytest.mark.parametrize(("name", "content", "message"), IMAGE_LIES)
def test_an_image_that_lies_about_its_type_is_refused(name, content, message):
    with translation.override("en"):
        with pytest.raises(uploads.ValidationError) as caught:
            uploads.validate_image(files.upload(name, content))
        if message:
            assert caught.value.messages == [message % {"name": name}]


def test_a_real_photo_with_harmless_metadata_passes():
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Description", "Кумбел, 2024 <b>суу</b> & more")  # text, not a page
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(buffer, format="PNG", pnginfo=info)
    upload = files.upload("суу.png", buffer.getvalue())
    assert uploads.validate_image(upload).name == "суу.png"


def test_markup_split_across_read_blocks_is_found():
    photo = files.image_bytes("PNG")
    content = photo + b"\x00" * (1024 * 1024 - 3 - len(photo)) + SCRIPT  # "<sc" | "ript>" across the 1 MB reads
    with pytest.raises(uploads.ValidationError) as caught:
        uploads.validate_image(files.upload("photo.png", content))
    assert caught.value.code == "image_markup"


@pytest.mark.parametrize("side", [50_000, 65_535])
def test_a_pixel_bomb_is_refused_before_it_is_decoded(side):
    bomb = files.huge_png_header(side, side)
    assert len(bomb) < 200
    with pytest.raises(uploads.ValidationError) as caught:
        uploads.validate_image(files.upload("bomb.png", bomb))
    assert caught.value.code == "image_too_many_pixels"
    assert "bomb.png" in caught.value.messages[0]


def test_a_pixel_bomb_made_by_pillow_and_patched_is_refused():
    """A real small PNG whose IHDR is rewritten to claim 50,000 × 50,000 pixels (CRC fixed too)."""
    import struct
    import zlib

    png = bytearray(files.image_bytes("PNG", size=(8, 8)))
    png[16:24] = struct.pack(">II", 50_000, 50_000)
    png[29:33] = struct.pack(">I", zlib.crc32(bytes(png[12:29])))
    with pytest.raises(uploads.ValidationError) as caught:
        uploads.validate_image(files.upload("patched.png", bytes(png)))
    assert caught.value.code == "image_too_many_pixels"


@override_settings(UPLOAD_MAX_FILE_SIZE=2000)
def test_oversized_files_are_refused_before_they_are_read():
    big_pdf = files.upload("big.pdf", files.pdf_bytes() + b"%" * 2000)
    big_photo = files.upload("big.png", files.image_bytes("PNG", size=(400, 400)) + b"\x00" * 2000)
    for validator, upload in ((uploads.validate_document, big_pdf), (uploads.validate_image, big_photo)):
        with pytest.raises(uploads.ValidationError) as caught:
            validator(upload)
        assert caught.value.code == "file_too_large"


# --- the member's proposal form ---------------------------------------------------------------------

URLS = {"ky": "/ky/practices/propose/", "ru": "/ru/practices/propose/", "en": "/en/practices/propose/"}


@pytest.fixture
def propose(client, servant, theme, municipality, isolated_storage, django_capture_on_commit_callbacks):
    client.force_login(servant)

    def send(language="ru", documents=(), images=()):
        data = form_data(theme, municipality)
        data["documents"] = list(documents)
        data["images"] = list(images)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URLS[language], data)

    return send


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
@pytest.mark.parametrize(("name", "content", "message"), DOCUMENT_LIES[:2] + DOCUMENT_LIES[3:4])
def test_the_proposal_refuses_a_lying_document_in_the_readers_language(
    propose, isolated_storage, language, name, content, message
):
    response = propose(language, documents=[files.upload(name, content)])
    assert response.status_code == 200
    assert in_language(message, language, name) in page_text(response)
    assert_nothing_saved(isolated_storage)


@pytest.mark.parametrize("language", ["ky", "ru"])
@pytest.mark.parametrize(("name", "content", "message"), [IMAGE_LIES[0], IMAGE_LIES[3]])
def test_the_proposal_refuses_a_lying_photo_in_the_readers_language(
    propose, isolated_storage, language, name, content, message
):
    response = propose(language, documents=[files.pdf()], images=[files.upload(name, content)])
    assert response.status_code == 200
    assert in_language(message, language, name) in page_text(response)
    assert_nothing_saved(isolated_storage)


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_proposal_refuses_a_pixel_bomb_in_the_readers_language(propose, isolated_storage, language):
    response = propose(
        language, documents=[files.pdf()], images=[files.upload("bomb.png", files.huge_png_header(50_000, 50_000))]
    )
    assert response.status_code == 200
    with translation.override(language):
        expected = translation.gettext(
            "“%(name)s” is too large an image: %(width)s × %(height)s pixels, more than the %(limit)s "
            "pixels accepted. Send a smaller copy of the photo."
        )
    # The numbers are formatted for the language; the sentence around them is the translation.
    assert expected.split("%(name)s")[0] + "bomb.png" in page_text(response)
    assert_nothing_saved(isolated_storage)


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_proposal_refuses_an_oversized_file_in_the_readers_language(propose, isolated_storage, language):
    with override_settings(UPLOAD_MAX_FILE_SIZE=3000):
        response = propose(language, documents=[files.upload("big.pdf", files.pdf_bytes() + b"%" * 3000)])
    assert response.status_code == 200
    with translation.override(language):
        expected = translation.gettext("“%(name)s” is too large (%(size)s): the largest file accepted is %(limit)s.")
    assert expected.split("%(name)s")[0] + "big.pdf" in page_text(response)
    assert_nothing_saved(isolated_storage)


def test_all_lies_at_once_are_each_named_and_nothing_is_saved(propose, isolated_storage):
    documents = [files.upload(name, content) for name, content, _message in DOCUMENT_LIES[:3]]
    images = [files.upload(f"{index}-{name}", content) for index, (name, content, _m) in enumerate(IMAGE_LIES)]
    response = propose("en", documents=documents, images=images)
    assert response.status_code == 200
    text = page_text(response)
    for upload in documents + images:
        assert upload.name in text
    assert_nothing_saved(isolated_storage)


# --- the admin's file fields --------------------------------------------------------------------------


@pytest.fixture
def admin_post(client, editor, isolated_storage):
    client.force_login(editor)

    def post(url, files_and_fields, *, new_inline=None):
        """POST the form at `url` as the browser has it, with `files_and_fields`; `new_inline`: the
        prefix of an inline formset to which one form is added (the fields named `<prefix>-0-...`)."""
        data = form_defaults(client.get(url).content.decode())
        if new_inline:
            assert f"{new_inline}-TOTAL_FORMS" in data, sorted(key for key in data if key.endswith("TOTAL_FORMS"))
            data[f"{new_inline}-TOTAL_FORMS"] = ["1"]
        data.update(files_and_fields)
        return client.post(url, data)

    return post


def stored(isolated_storage):
    return files.stored_files(*isolated_storage)


@pytest.mark.parametrize(
    ("name", "content"), [(n, c) for n, c, _m in IMAGE_LIES] + [("bomb.png", files.huge_png_header())]
)
def test_the_admin_refuses_a_lying_news_image(admin_post, isolated_storage, name, content):
    response = admin_post(
        "/admin/news/news/add/",
        {"title_ru": ["Новость"], "slug": ["news-upload"], "image": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert "image" in response.context["adminform"].form.errors
    assert name in str(response.context["adminform"].form.errors["image"])
    assert not News.objects.exists()
    assert stored(isolated_storage) == []


@pytest.mark.parametrize(("name", "content", "_message"), DOCUMENT_LIES)
def test_the_admin_refuses_a_lying_resource_file(admin_post, isolated_storage, name, content, _message):
    response = admin_post(
        "/admin/practices/resource/add/",
        {
            "title_ru": ["Руководство"],
            "slug": ["guide-upload"],
            "language": ["ru"],
            "file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert not Resource.objects.exists()
    assert stored(isolated_storage) == []


@pytest.mark.parametrize(
    ("name", "content"), [("issue.pdf", HTML_PAGE), ("issue.pdf", SVG), ("issue.docx", files.office_bytes())]
)
def test_the_admin_refuses_an_edition_that_is_not_a_real_pdf(admin_post, isolated_storage, make_issue, name, content):
    issue = make_issue(2026, 5, editions=())
    before = stored(isolated_storage)
    response = admin_post(
        f"/admin/magazine/issue/{issue.pk}/change/",
        {"editions-0-language": ["ru"], "editions-0-file": SimpleUploadedFile(name, content)},
        new_inline="editions",
    )
    assert response.status_code == 200
    assert not Edition.objects.exists()
    assert stored(isolated_storage) == before


@pytest.mark.parametrize(("name", "content"), [(n, c) for n, c, _m in IMAGE_LIES[:4]])
def test_the_admin_refuses_a_lying_issue_cover(admin_post, isolated_storage, make_issue, name, content):
    issue = make_issue(2026, 6, editions=())
    response = admin_post(f"/admin/magazine/issue/{issue.pk}/change/", {"cover": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert "cover" in response.context["adminform"].form.errors
    assert not Issue.objects.get(pk=issue.pk).cover
    assert stored(isolated_storage) == []


def test_the_admin_refuses_a_lying_event_material(admin_post, isolated_storage, make_event):
    event = make_event()
    response = admin_post(
        f"/admin/events/event/{event.pk}/change/",
        {
            "materials-0-title_ru": ["Слайды"],
            "materials-0-language": ["ru"],
            "materials-0-visibility": ["public"],
            "materials-0-file": SimpleUploadedFile("slides.pdf", HTML_PAGE),
        },
        new_inline="materials",
    )
    assert response.status_code == 200
    assert not Material.objects.exists()
    assert stored(isolated_storage) == []


# --- a live server: refused, and the worker still answers ---------------------------------------------


def fetch(url, *, cookies, body=None, content_type=None):
    """(status, text, Set-Cookie values) of a real HTTP request (urllib: a client of its own)."""
    headers = {"Cookie": "; ".join(f"{key}={value}" for key, value in cookies.items()), "Referer": url}
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=body, headers=headers, method="POST" if body else "GET")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (our live server)
            return response.status, response.read().decode(), response.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), []


# The live server commits; serialized_rollback brings back the role groups that other transactional tests flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_live_server_refuses_bad_uploads_and_keeps_answering(
    live_server, client, servant, theme, municipality, isolated_storage, settings
):
    client.force_login(servant)
    cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
    url = live_server.url + URLS["ru"]
    status, page, set_cookies = fetch(url, cookies=cookies)
    assert status == 200
    for header in set_cookies:
        name, _sep, rest = header.partition("=")
        if name == settings.CSRF_COOKIE_NAME:
            cookies[name] = rest.split(";", 1)[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    fields = form_data(theme, municipality)
    fields["csrfmiddlewaretoken"] = token

    def upload(name, content):
        return SimpleUploadedFile(name, content)

    def plan():
        return upload("plan.pdf", files.pdf_bytes())

    attempts = [
        ({"documents": [upload("report.pdf", HTML_PAGE)]}, "report.pdf"),
        ({"documents": [plan()], "images": [upload("bomb.png", files.huge_png_header(50_000, 50_000))]}, "bomb.png"),
        ({"documents": [plan()], "images": [upload("photo.png", png_with_html_appended())]}, "photo.png"),
        ({"documents": [plan()], "images": [upload("logo.svg", SVG)]}, "logo.svg"),
        ({"documents": [upload("big.pdf", files.pdf_bytes() + b"%" * 60_000)]}, "big.pdf"),
    ]
    with override_settings(UPLOAD_MAX_FILE_SIZE=50_000):
        for uploads_, refused_name in attempts:
            body = encode_multipart(BOUNDARY, {**fields, **uploads_})
            status, page, _set = fetch(url, cookies=cookies, body=body, content_type=MULTIPART_CONTENT)
            assert status == 200, (status, refused_name)
            assert 'id="error-summary"' in page
            assert refused_name in html.unescape(page)
    assert_nothing_saved(isolated_storage)
    # The worker is alive and serves ordinary pages, to a visitor and to the member.
    assert fetch(live_server.url + "/ru/", cookies={})[0] == 200
    assert fetch(live_server.url + "/ru/practices/", cookies=cookies)[0] == 200
