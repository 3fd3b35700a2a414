"""Files are accepted by what they contain, never by their name, and every refusal names the file."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from practices import uploads
from tests.practices import sample_files as files


@pytest.fixture(autouse=True)
def _in_english():
    """The messages are asserted in English here; test_it_speaks_the_readers_language checks ky and ru."""
    with translation.override("en"):
        yield


def refusal(validator, upload):
    with pytest.raises(ValidationError) as raised:
        validator(upload)
    return raised.value


def test_it_accepts_a_real_pdf():
    upload = uploads.validate_document(files.pdf("report.pdf"))
    assert upload.name == "report.pdf"


@pytest.mark.parametrize(
    ("name", "part"),
    [("plan.docx", "word/document.xml"), ("budget.xlsx", "xl/workbook.xml"), ("slides.pptx", "ppt/presentation.xml")],
)
def test_it_accepts_office_documents(name, part):
    assert uploads.validate_document(files.upload(name, files.office_bytes(part))).name == name


def test_a_pdf_named_otherwise_is_stored_as_a_pdf():
    assert uploads.validate_document(files.upload("report.docx", files.pdf_bytes())).name == "report.pdf"


@pytest.mark.parametrize(
    "content",
    [files.image_bytes("PNG"), b"Just some text, honestly a PDF", b"<html><script>alert(1)</script></html>"],
)
def test_a_file_named_pdf_that_is_not_a_pdf_is_refused_by_name(content):
    error = refusal(uploads.validate_document, files.upload("report.pdf", content))
    assert error.code == "not_pdf"
    assert error.messages == ["“report.pdf” is not a PDF file: its content is of another type."]


def test_a_broken_pdf_is_refused():
    error = refusal(uploads.validate_document, files.upload("broken.pdf", b"%PDF-1.7\nnothing else here"))
    assert error.code == "pdf_unreadable"
    assert "“broken.pdf”" in error.messages[0]


def test_a_zip_named_docx_without_a_document_is_refused():
    error = refusal(uploads.validate_document, files.upload("plan.docx", files.office_bytes("other.xml")))
    assert error.code == "office_unreadable"


@pytest.mark.parametrize("name", ["virus.exe", "page.html", "photo.png", "archive.zip"])
def test_other_types_are_refused_as_documents(name):
    content = files.image_bytes() if name.endswith(".png") else b"MZ\x90\x00 not a document"
    error = refusal(uploads.validate_document, files.upload(name, content))
    assert error.code == "document_type"
    assert f"“{name}”" in error.messages[0]


@override_settings(UPLOAD_MAX_FILE_SIZE=1000)
@translation.override("en")
def test_a_file_over_the_size_limit_is_refused():
    error = refusal(uploads.validate_document, files.upload("big.pdf", files.pdf_bytes() + b" " * 2000))
    assert error.code == "file_too_large"
    assert "“big.pdf”" in error.messages[0]
    assert "1000\xa0bytes" in error.messages[0]


@pytest.mark.parametrize(("maker", "fmt", "ext"), [(files.png, "PNG", "png"), (files.jpeg, "JPEG", "jpg")])
def test_it_accepts_photos(maker, fmt, ext):
    assert uploads.validate_image(maker("my photo." + ext)).name == f"my photo.{ext}"


def test_it_accepts_webp():
    upload = files.upload("photo.webp", files.image_bytes("WEBP"))
    assert uploads.validate_image(upload).name == "photo.webp"


def test_a_photo_is_stored_with_the_extension_of_its_real_format():
    assert uploads.validate_image(files.upload("photo.png", files.image_bytes("JPEG"))).name == "photo.jpg"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
        ("photo.jpg", b"not a photo at all"),
        ("photo.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ("report.png", files.pdf_bytes()),
    ],
)
def test_what_is_not_a_photo_is_refused(name, content):
    error = refusal(uploads.validate_image, files.upload(name, content))
    assert error.code in {"image_type", "image_unreadable"}
    assert f"“{name}”" in error.messages[0]


def test_a_truncated_photo_is_refused():
    content = files.image_bytes("PNG", size=(300, 300))
    error = refusal(uploads.validate_image, files.upload("cut.png", content[: len(content) // 2]))
    assert error.code == "image_unreadable"


@pytest.mark.parametrize("side", [7_000, 30_000])  # over the portal's limit; over Pillow's own bomb limit
def test_an_image_of_huge_pixel_dimensions_is_refused_before_it_is_decoded(side, monkeypatch):
    monkeypatch.setattr(uploads.Image.Image, "load", lambda self: pytest.fail("the bomb was decoded"))
    error = refusal(uploads.validate_image, files.upload("bomb.png", files.huge_png_header(side, side)))
    assert error.code == "image_too_many_pixels"
    assert "“bomb.png”" in error.messages[0]


@override_settings(UPLOAD_MAX_IMAGE_PIXELS=1000)
@translation.override("en")
def test_the_pixel_limit_is_a_setting():
    error = refusal(uploads.validate_image, files.png("wide.png", size=(100, 20)))
    assert error.messages == [
        "“wide.png” is too large an image: 100 × 20 pixels, more than the 1,000 pixels accepted. "
        "Send a smaller copy of the photo."
    ]


@override_settings(UPLOAD_MAX_FILE_SIZE=100)
def test_a_photo_over_the_size_limit_is_refused():
    assert refusal(uploads.validate_image, files.png(size=(300, 300))).code == "file_too_large"


def test_all_bad_files_are_reported_at_once():
    batch = [files.upload("a.pdf", b"text"), files.pdf("good.pdf"), files.upload("b.pdf", b"more text")]
    error = refusal(
        lambda items: uploads.validate_many(
            items, uploads.validate_document, limit=10, too_many_message=uploads.TOO_MANY_DOCUMENTS
        ),
        batch,
    )
    assert len(error.messages) == 2
    assert "“a.pdf”" in error.messages[0] and "“b.pdf”" in error.messages[1]


def test_too_many_files_are_refused():
    batch = [files.pdf(f"{n}.pdf") for n in range(3)]
    error = refusal(
        lambda items: uploads.validate_many(
            items, uploads.validate_document, limit=2, too_many_message=uploads.TOO_MANY_DOCUMENTS
        ),
        batch,
    )
    assert error.messages == ["Attach at most 2 documents."]


def test_refusals_are_in_the_readers_language():
    with translation.override("ru"):
        error = refusal(uploads.validate_document, files.upload("отчёт.pdf", b"text"))
        expected = translation.gettext("“%(name)s” is not a PDF file: its content is of another type.") % {
            "name": "отчёт.pdf"
        }
        assert error.messages == [expected]
