"""Files of the library, served only after practices.access has checked the reader's right.

The files live in the private storage (`storages["private"]`), which has no public
URL: neither MEDIA_URL nor any other address serves them. Two ways of sending one:

- by default the app streams it (FileResponse), from any storage backend;
- behind nginx, set PRIVATE_MEDIA_X_ACCEL_REDIRECT to an internal location's prefix
  ("/protected/") and the app only answers with the header; nginx sends the file:

      location /protected/ { internal; alias /srv/private-media/; }

Anonymous readers refused a members' file get the 403 page, whose sign-in link
brings them back to the item's page (not to the file itself).
"""

import unicodedata
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from accounts.visibility import Visibility
from practices.access import practice_for_reader, resource_for_reader
from practices.models import Attachment

FALLBACK_TYPE = "application/octet-stream"


@require_safe
def attachment(request, slug, pk):
    try:
        practice = practice_for_reader(request.user, slug)
    except PermissionDenied:
        return _refused(request, reverse("practices:detail", kwargs={"slug": slug}))
    item = get_object_or_404(Attachment.objects.defer("text"), practice=practice, pk=pk)
    is_public = practice.is_published and practice.visibility == Visibility.PUBLIC
    return _send(request, item, is_public=is_public)


@require_safe
def resource_download(request, slug):
    try:
        resource = resource_for_reader(request.user, slug)
    except PermissionDenied:
        return _refused(request, reverse("practices:resource", kwargs={"slug": slug}))
    is_public = resource.is_published and resource.visibility == Visibility.PUBLIC
    return _send(request, resource, is_public=is_public)


def _refused(request, item_url):
    """The portal's 403 page; signing in leads back to the item's page, where the download button is."""
    return render(request, "403.html", {"next_url": item_url}, status=403)


def _send(request, item, *, is_public):
    storage = storages["private"]
    name = item.file.name
    if not name or not storage.exists(name):
        raise Http404
    accel_prefix = getattr(settings, "PRIVATE_MEDIA_X_ACCEL_REDIRECT", "")
    if accel_prefix:
        response = HttpResponse(content_type=item.content_type or FALLBACK_TYPE)
        response["X-Accel-Redirect"] = accel_prefix.rstrip("/") + "/" + quote(name.lstrip("/"))
    elif request.method == "HEAD":
        response = HttpResponse(content_type=item.content_type or FALLBACK_TYPE)
        response["Content-Length"] = storage.size(name)
    else:
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=item.content_type or FALLBACK_TYPE)
        response["Content-Length"] = storage.size(name)
    # Set here rather than by FileResponse(as_attachment=True): Django's header has no ASCII fallback name.
    response["Content-Disposition"] = content_disposition(download_name(item))
    # Members' files must not stay in a shared cache or on a shared computer's disk.
    response["Cache-Control"] = "private" if is_public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download_name(item):
    """The name the file had when it was uploaded, without anything that could act as a path."""
    name = PurePosixPath((item.original_name or item.file.name).replace("\\", "/")).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name or "download" + PurePosixPath(item.file.name).suffix


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


def content_disposition(filename):
    """`attachment` with an ASCII fallback name and the real one in RFC 6266's `filename*`.

    Current clients read `filename*` ("Отчет.pdf" stays "Отчет.pdf"); old ones get "Otchet.pdf".
    """
    stem, dot, suffix = filename.rpartition(".")
    if not dot or not stem:
        stem, suffix = filename, ""
    ascii_name = (_ascii(stem) or "download") + ("." + _ascii(suffix) if _ascii(suffix) else "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
