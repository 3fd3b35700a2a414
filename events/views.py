from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def event_list(request):
    return render(request, "portal/events.html")


def _todo(request, *args, **kwargs):  # placeholder until written
    raise Http404


event_detail = register = cancel = calendar = material = _todo
