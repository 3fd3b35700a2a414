"""Public media (covers, photos, thumbnails) served by the app itself, when SERVE_MEDIA is on.

For a single small machine with no proxy in front, and for the benchmark and Lighthouse runs.
A reverse proxy serving MEDIA_ROOT, or S3-compatible storage, is better (the README says how):
every image here takes a gunicorn worker for as long as it is sent.

Unlike django.views.static.serve (for development only), this view sends files with a long
public cache, ETag and Last-Modified (so a returning reader gets a 304), only from MEDIA_ROOT,
never from the private files, and never as a page a browser would run.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

# Types a browser shows as an image, a video or a document without running anything.
INLINE_TYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/avif",
    "video/mp4",
    "video/webm",
    "audio/mpeg",
    "application/pdf",
}


@require_safe
def serve_public_media(request, path):
    if not settings.SERVE_MEDIA:
        raise Http404
    full_path = media_file(path)
    stat = full_path.stat()
    etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
    last_modified = http_date(stat.st_mtime)
    response = get_conditional_response(request, etag=etag, last_modified=int(stat.st_mtime))
    if response is None:
        content_type, encoding = mimetypes.guess_type(full_path.name)
        content_type = content_type or "application/octet-stream"
        # SVG can carry script, HTML is a page: anything but a known passive type is downloaded.
        inline = content_type in INLINE_TYPES and not encoding
        response = FileResponse(
            full_path.open("rb"), content_type=content_type, as_attachment=not inline, filename=full_path.name
        )
    response["ETag"] = etag
    response["Last-Modified"] = last_modified
    response["Cache-Control"] = f"public, max-age={settings.MEDIA_CACHE_SECONDS}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def media_file(path):
    """The file under MEDIA_ROOT named by `path`, or Http404 (outside it, hidden, private, missing)."""
    if "\x00" in path or any(part.startswith(".") for part in path.split("/")):
        raise Http404
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        full_path = Path(safe_join(root, path)).resolve()
    except (SuspiciousFileOperation, ValueError):
        raise Http404 from None
    private_root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    # resolve() follows links: a link out of MEDIA_ROOT, or into the private files, is refused too.
    if not full_path.is_relative_to(root) or full_path.is_relative_to(private_root) or not full_path.is_file():
        raise Http404
    return full_path
