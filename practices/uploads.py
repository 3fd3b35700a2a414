"""Checks on every file that enters the library, by its content, never its name.

Used by the members' proposal form and by the admin. Each refusal is a
ValidationError that names the file and says what to do, in the reader's language.

- Documents: PDF (must start with %PDF- and be readable by pypdf), DOCX, XLSX, PPTX
  (real Office ZIP containers).
- Images: JPEG, PNG, WebP, opened and decoded with Pillow; the pixel count is read
  from the header first, so a "decompression bomb" is refused before it is decoded.
- Images must not carry web-page code: a valid PNG with HTML appended (or HTML behind a PNG
  header) would be a page to any client that sniffs the type, so it is refused.
- Every file: at most settings.UPLOAD_MAX_FILE_SIZE bytes.

A file that passes gets the extension of its real type, so it is stored and served as what it is,
and a clean name: no path, no control characters, short enough for every file system.
"""

import re
import unicodedata
import warnings
import zipfile
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from practices.filetypes import OFFICE_TYPES, detect_content_type

PDF = "application/pdf"
# Real type → (extension, the ZIP member every such file has).
DOCUMENT_TYPES = {
    PDF: ("pdf", None),
    OFFICE_TYPES["docx"]: ("docx", "word/document.xml"),
    OFFICE_TYPES["xlsx"]: ("xlsx", "xl/workbook.xml"),
    OFFICE_TYPES["pptx"]: ("pptx", "ppt/presentation.xml"),
}
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
DOCUMENT_ACCEPT = ".pdf,.docx,.xlsx,.pptx"
IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"

MAX_DOCUMENTS = 10
MAX_IMAGES = 10
# A kept name fits in 255 bytes (ext4, NTFS, a ZIP entry) with room for a browser's " (1)".
MAX_NAME_BYTES = 200
# Markup a browser would run if it ever took the bytes for a page ("<svg onload=" is caught by its
# handler), matched in lower case. Only markers of six bytes and more: compressed image data, close
# to random, holds one by chance less than once in 10^5 photos of 20 MB. The literal parts are looked
# for first (bytes.find, fast), the pattern only where one is found: 20 MB take about 0.3 s.
WEB_MARKUP = re.compile(
    rb"<(?:script|iframe|object|embed|!doctype\s+html)|<(?:html|body)[\s>/]|"
    rb"\bon(?:error|load|mouseover|focus)\s*=|javascript:|xmlns=[\"']http://www\.w3\.org/(?:1999/xhtml|2000/svg)"
)
WEB_MARKUP_PARTS = (
    b"<script",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<!doctype",
    b"<html",
    b"<body",
    b"onerror",
    b"onload",
    b"onmouseover",
    b"onfocus",
    b"javascript:",
    b"www.w3.org/",
)


def display_name(upload):
    return PurePosixPath(str(getattr(upload, "name", "") or "")).name or "?"


def clean_stem(name):
    """The name without a path, control or format characters, or the last extension, in NFC,
    shortened (by whole characters) so that the stem and an extension fit in MAX_NAME_BYTES."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/")
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    stem = PurePosixPath(PurePosixPath(name).name).stem
    stem = " ".join(stem.split()).strip(" .")
    while len(stem.encode()) > MAX_NAME_BYTES - 10:
        stem = stem[:-1]
    return stem.rstrip(" .") or "file"


def clean_name(name):
    """clean_stem plus the name's own extension (cleaned, lower case, at most 10 characters)."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/")
    suffix = "".join(ch for ch in PurePosixPath(name).suffix if unicodedata.category(ch)[0] != "C")
    return f"{clean_stem(name)}{suffix.lower()[:10]}"


def _rename(upload, extension):
    """Give the upload the extension of its real type and a clean name (see clean_stem)."""
    upload.name = f"{clean_stem(display_name(upload))}.{extension}"
    return upload


def _check_no_markup(upload, name):
    """Refuse a file that carries web-page code anywhere in it (read in overlapping blocks)."""
    upload.seek(0)
    tail = b""
    try:
        while block := upload.read(1024 * 1024):
            text = (tail + block).lower()
            if any(part in text for part in WEB_MARKUP_PARTS) and WEB_MARKUP.search(text):
                raise ValidationError(
                    _(
                        "“%(name)s” is not a plain image: it contains web-page code. "
                        "Open the photo in an image editor, save it again and send the new copy."
                    ),
                    code="image_markup",
                    params={"name": name},
                )
            tail = block[-32:]
    finally:
        upload.seek(0)


def validate_size(upload):
    limit = settings.UPLOAD_MAX_FILE_SIZE
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s): the largest file accepted is %(limit)s."),
            code="file_too_large",
            params={"name": display_name(upload), "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


def validate_document(upload):
    """A PDF, DOCX, XLSX or PPTX document, checked by its content. Returns the upload."""
    validate_size(upload)
    name = display_name(upload)
    content_type = detect_content_type(upload)
    if name.lower().endswith(".pdf") and content_type != PDF:
        raise ValidationError(
            _("“%(name)s” is not a PDF file: its content is of another type."),
            code="not_pdf",
            params={"name": name},
        )
    if content_type not in DOCUMENT_TYPES:
        raise ValidationError(
            _("“%(name)s” is not a document of an accepted type: send a PDF, DOCX, XLSX or PPTX file."),
            code="document_type",
            params={"name": name},
        )
    extension, member = DOCUMENT_TYPES[content_type]
    if content_type == PDF:
        _check_pdf(upload)
    else:
        _check_office(upload, member)
    return _rename(upload, extension)


def _check_pdf(upload):
    try:
        upload.seek(0)
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError(
                _("“%(name)s” is protected by a password: send a PDF that opens without one."),
                code="pdf_encrypted",
                params={"name": display_name(upload)},
            )
        if len(reader.pages) == 0:
            raise PyPdfError("no pages")
    except (PyPdfError, ValueError, OSError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise ValidationError(
            _("“%(name)s” cannot be read as a PDF: it may be damaged. Save it as PDF again and send it."),
            code="pdf_unreadable",
            params={"name": display_name(upload)},
        ) from error
    finally:
        upload.seek(0)


def _check_office(upload, member):
    """An Office file is a ZIP with a known part; only its directory is read, nothing is unpacked."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        names = set()
        cause = error
    else:
        cause = None
    finally:
        upload.seek(0)
    if member not in names or "[Content_Types].xml" not in names:
        raise ValidationError(
            _("“%(name)s” cannot be read as an Office document: it may be damaged or of another type."),
            code="office_unreadable",
            params={"name": display_name(upload)},
        ) from cause


def validate_image(upload):
    """A JPEG, PNG or WebP photo of at most UPLOAD_MAX_IMAGE_PIXELS pixels. Returns the upload."""
    validate_size(upload)
    name = display_name(upload)
    try:
        with warnings.catch_warnings():
            # The pixel count is checked below against the portal's own limit.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                if image_format in IMAGE_FORMATS:
                    _check_pixels(name, width, height)
                    image.load()  # decodes: a truncated or corrupt photo fails here, not on the page
    except Image.DecompressionBombError:
        raise ValidationError(
            _(
                "“%(name)s” is too large an image: more than the %(limit)s pixels accepted. "
                "Send a smaller copy of the photo."
            ),
            code="image_too_many_pixels",
            params={"name": name, "limit": number_format(settings.UPLOAD_MAX_IMAGE_PIXELS, force_grouping=True)},
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        if detect_content_type(upload) not in {"image/jpeg", "image/png", "image/webp"}:
            raise _not_an_image(name) from None
        raise ValidationError(
            _("“%(name)s” cannot be read as an image: it may be damaged."),
            code="image_unreadable",
            params={"name": name},
        ) from None
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise _not_an_image(name)
    _check_no_markup(upload, name)
    return _rename(upload, IMAGE_FORMATS[image_format])


def _not_an_image(name):
    return ValidationError(
        _("“%(name)s” is not an image of an accepted type: send a JPEG, PNG or WebP photo."),
        code="image_type",
        params={"name": name},
    )


def _check_pixels(name, width, height):
    limit = settings.UPLOAD_MAX_IMAGE_PIXELS
    if width * height > limit:
        raise ValidationError(
            _(
                "“%(name)s” is too large an image: %(width)s × %(height)s pixels, more than the %(limit)s "
                "pixels accepted. Send a smaller copy of the photo."
            ),
            code="image_too_many_pixels",
            params={"name": name, "width": width, "height": height, "limit": number_format(limit, force_grouping=True)},
        )


def validate_many(uploads, validator, *, limit, too_many_message):
    """Check a list of uploads; report every bad file at once, so the member fixes them in one go."""
    if len(uploads) > limit:
        raise ValidationError(too_many_message % {"limit": limit}, code="too_many_files")
    errors = []
    for upload in uploads:
        try:
            validator(upload)
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    return uploads


class DocumentField(forms.FileField):
    """A form field for one document, checked by its content (admin forms)."""

    def to_python(self, data):
        upload = super().to_python(data)
        if isinstance(upload, UploadedFile):
            validate_document(upload)
        return upload


class PhotoField(forms.ImageField):
    """A form field for one photo: the portal's checks (named file, pixel limit) before Django's own."""

    def to_python(self, data):
        if isinstance(data, UploadedFile) and data.size:
            validate_image(data)
        return super().to_python(data)


TOO_MANY_DOCUMENTS = ngettext_lazy("Attach at most %(limit)d document.", "Attach at most %(limit)d documents.", "limit")
TOO_MANY_IMAGES = ngettext_lazy("Add at most %(limit)d photo.", "Add at most %(limit)d photos.", "limit")
