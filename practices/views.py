from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.visibility import Visibility, can_view


@require_GET
def practice_index(request):
    return render(request, "practices/index.html")


@require_GET
def deputies(request):
    """The deputies' section: its heading for everyone, the restricted block only
    for those accounts.visibility lets see deputies' content."""
    return render(
        request,
        "practices/deputies.html",
        {"show_restricted": can_view(request.user, Visibility.DEPUTIES)},
    )
