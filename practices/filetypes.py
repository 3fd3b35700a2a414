"""What a file really is, read from its first bytes, and the text of a PDF.

Used for every document that enters the library (admin or proposal), so a
file's type shown to readers and sent in Content-Type is its real one.
"""

import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

# (magic prefix, MIME type). Office files after 2007 are ZIP containers.
SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"RIFF", "image/webp"),
    (b"PK\x03\x04", "application/zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),
]
OFFICE_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
MAX_PDF_TEXT = 200_000  # characters kept for search


def _head(file, length=16):
    file.seek(0)
    head = file.read(length)
    file.seek(0)
    return head


def detect_content_type(file):
    """The MIME type from the content; ZIP containers named .docx/.xlsx/.pptx are Office files."""
    head = _head(file)
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            if content_type == "image/webp" and head[8:12] != b"WEBP":
                break
            if content_type == "application/zip":
                suffix = str(getattr(file, "name", "")).rsplit(".", 1)[-1].lower()
                return OFFICE_TYPES.get(suffix, content_type)
            return content_type
    return "application/octet-stream"


def extract_pdf_text(file):
    """The text of a PDF for search; empty when it has none or cannot be read."""
    try:
        file.seek(0)
        reader = PdfReader(file)
        parts = []
        length = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            parts.append(text)
            length += len(text)
            if length > MAX_PDF_TEXT:
                break
        return " ".join(" ".join(parts).split())[:MAX_PDF_TEXT]
    except (PyPdfError, ValueError, OSError, KeyError, TypeError):
        logger.info("No text extracted from %s", getattr(file, "name", "a PDF"))
        return ""
    finally:
        file.seek(0)
