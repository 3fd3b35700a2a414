from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.visibility import Visibility, can_view


@require_GET
def deputies(request):
    return render(
        request,
        "practices/deputies.html",
        {"show_restricted": can_view(request.user, Visibility.DEPUTIES)},
    )


def _todo(request, *args, **kwargs):  # placeholder until this module is written
    raise Http404


resource_list = resource_detail = gender_budgeting = _todo
