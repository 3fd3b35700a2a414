"""Files of the library, served only after practices.access has checked the reader's right.

The files live in the private storage and are sent by portal.files (a streamed
FileResponse, or nginx's X-Accel-Redirect), never from a public URL.

Anonymous readers refused a members' file get the 403 page, whose sign-in link
brings them back to the item's page (not to the file itself).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from accounts.visibility import Visibility
from portal.files import content_disposition, protected_file_response
from practices.access import practice_for_reader, resource_for_reader
from practices.models import Attachment
from practices.uploads import clean_name

__all__ = ["attachment", "content_disposition", "download_name", "resource_download"]


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
    filename = download_name(item)
    return protected_file_response(
        request, item.file, filename=filename, content_type=item.content_type, cacheable=is_public
    )


def download_name(item):
    """The name the file had when it was uploaded, without anything that could act as a path."""
    # Also shortens names stored before uploads were cleaned (up to 255 Cyrillic letters).
    return clean_name(item.original_name or item.file.name)
