"""Small real files for upload tests: a PDF with text, photos, Office documents, and impostors."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter


def pdf_bytes(text="Kumbel drinking water service"):
    """A one-page PDF whose page says `text` (ASCII), written by hand with a correct xref table."""
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def blank_pdf_bytes():
    """A one-page PDF made by pypdf."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(fmt="PNG", size=(64, 40), color=(200, 30, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png_header(width=30_000, height=30_000):
    """A small PNG that claims width × height pixels (a "decompression bomb" header) with a few
    bytes of image data: decoding it would need gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


def office_bytes(part="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(name="plan.pdf"):
    return upload(name, pdf_bytes(), "application/pdf")


def png(name="photo.png", **kwargs):
    return upload(name, image_bytes("PNG", **kwargs), "image/png")


def jpeg(name="photo.jpg", **kwargs):
    return upload(name, image_bytes("JPEG", **kwargs), "image/jpeg")


def stored_files(*folders):
    """Every file under the given folders (relative paths), to prove nothing was left behind."""
    return sorted(str(path.relative_to(folder)) for folder in folders for path in folder.rglob("*") if path.is_file())


@pytest.fixture(name="isolated_storage")
def isolated_storage_fixture(tmp_path, settings):
    """Public and private media in this test's own folders: (public, private)."""
    from practices.models import Attachment

    public, private = tmp_path / "media", tmp_path / "private-media"
    public.mkdir()
    private.mkdir()
    settings.MEDIA_ROOT = public
    # The private storage's folder comes from its options, not a setting: point its cached paths
    # here, and drop them afterwards so they are computed again from the real options.
    storage = Attachment._meta.get_field("file").storage
    storage.__dict__.update(base_location=str(private), location=str(private))
    yield public, private
    for name in ("base_location", "location"):
        storage.__dict__.pop(name, None)
