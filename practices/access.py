"""The one place that loads a practice or a resource for a reader and checks the
right to see it, so no view forgets the check (healthchecks' _get_check_for_user).

- Not found, or not published and not previewable by this user: 404.
- Published, but of a visibility the user may not see: 403 (the portal's 403 page
  tells them how to sign in or become a member).
- Editors (who may change practices) and the member who proposed a practice may
  preview it before it is published.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.visibility import can_view
from practices.models import Practice, Resource


def may_preview_practice(user, practice):
    if not user.is_authenticated:
        return False
    return user.has_perm("practices.change_practice") or practice.submitted_by_id == user.pk


def practice_for_reader(user, slug, queryset=None):
    queryset = Practice.objects.all() if queryset is None else queryset
    try:
        practice = queryset.get(slug=slug)
    except Practice.DoesNotExist:
        raise Http404 from None
    if practice.is_published:
        if not can_view(user, practice.visibility) and not user.has_perm("practices.change_practice"):
            raise PermissionDenied
        return practice
    if may_preview_practice(user, practice):
        return practice
    raise Http404


def resource_for_reader(user, slug, queryset=None):
    queryset = Resource.objects.all() if queryset is None else queryset
    try:
        resource = queryset.get(slug=slug)
    except Resource.DoesNotExist:
        raise Http404 from None
    may_edit = user.is_authenticated and user.has_perm("practices.change_resource")
    if not resource.is_published and not may_edit:
        raise Http404
    if not can_view(user, resource.visibility) and not may_edit:
        raise PermissionDenied
    return resource
