from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def practice_list(request):
    return render(request, "practices/index.html")


def _todo(request, *args, **kwargs):  # placeholder until this module is written
    raise Http404


theme = practice_detail = _todo
