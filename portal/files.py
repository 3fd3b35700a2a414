"""Sending a protected file (a library document, a magazine edition) once a view has checked the right.

The files live in the private storage (`storages["private"]`), which has no public
URL: neither MEDIA_URL nor any other address serves them. Two ways of sending one:

- by default the app streams it (FileResponse), from any storage backend;
- behind nginx, set PRIVATE_MEDIA_X_ACCEL_REDIRECT to an internal location's prefix
  ("/protected/") and the app only answers with the header; nginx sends the file:

      location /protected/ { internal; alias /srv/private-media/; }

When the private storage is not on this machine's disk (S3-compatible object storage, see the
settings), the app answers with a redirect to a signed URL that expires after
PRIVATE_MEDIA_URL_EXPIRE seconds, so the file never passes through a gunicorn worker.
"""

import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect

FALLBACK_TYPE = "application/octet-stream"


def protected_file_response(request, file, *, filename, ascii_filename=None, content_type="", cacheable=False):
    """The response carrying `file` (a FieldFile) as an attachment named `filename`
    (`ascii_filename` for old clients; by default, `filename` transliterated).

    `cacheable`: the reader's browser may keep it (a file anyone may have); otherwise
    `no-store`, so a paid or members' file stays neither in a cache nor on a shared computer's disk.
    Raises Http404 when the file is missing from its storage.
    """
    storage, name = file.storage, file.name
    if not name or not storage.exists(name):
        raise Http404
    content_type = content_type or FALLBACK_TYPE
    disposition = content_disposition(filename, ascii_filename)
    if not is_local(storage):
        return signed_url_redirect(storage, name, content_type=content_type, disposition=disposition)
    accel_prefix = getattr(settings, "PRIVATE_MEDIA_X_ACCEL_REDIRECT", "")
    if accel_prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel_prefix.rstrip("/") + "/" + quote(name.lstrip("/"))
    elif request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
        response["Content-Length"] = storage.size(name)
    else:
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=content_type)
        response["Content-Length"] = storage.size(name)
    # Set here rather than by FileResponse(as_attachment=True): Django's header has no ASCII fallback name.
    response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private" if cacheable else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def is_local(storage):
    """Whether the storage keeps its files on this machine's disk (it has paths)."""
    try:
        storage.path("")
    except NotImplementedError:
        return False
    return True


def signed_url_redirect(storage, name, *, content_type, disposition):
    """A redirect to a short-lived signed URL of the object (S3's query-string authentication).

    The object store sends the file with the name, type and cache policy asked for here; the redirect
    itself is never cached, since its URL is a credential until it expires.
    """
    expire = getattr(settings, "PRIVATE_MEDIA_URL_EXPIRE", 60)
    parameters = {
        "ResponseContentDisposition": disposition,
        "ResponseContentType": content_type,
        "ResponseCacheControl": "private, no-store",
    }
    try:
        url = storage.url(name, parameters=parameters, expire=expire)
    except TypeError:  # a backend without S3's response parameters
        url = storage.url(name, expire=expire)
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


# Cyrillic (Russian and Kyrgyz) to Latin, for the ASCII fallback name only.
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя",
        "a b v g d e yo zh z i y k l m n ng o o p r s t u u f kh ts ch sh shch  y  e yu ya".split(" "),
        strict=True,
    )
)
_TRANSLITERATION = str.maketrans(_CYRILLIC | {k.upper(): v.capitalize() for k, v in _CYRILLIC.items()})


def _ascii(text):
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION))
    text = text.encode("ascii", "ignore").decode()
    return "".join(ch if ch.isalnum() or ch in "-_ " else "_" for ch in text).strip(" _-")


def content_disposition(filename, ascii_filename=None):
    """`attachment` with an ASCII fallback name and the real one in RFC 6266's `filename*`.

    Current clients read `filename*` ("Отчет.pdf" stays "Отчет.pdf"); old ones get "Otchet.pdf"
    (or `ascii_filename`, cleaned of anything but ASCII letters, digits, "-", "_", " " and ".").
    """
    fallback = ascii_filename or filename
    stem, dot, suffix = fallback.rpartition(".")
    if not dot or not stem:
        stem, suffix = fallback, ""
    ascii_name = (_ascii(stem) or "download") + ("." + _ascii(suffix) if _ascii(suffix) else "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
