from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def issue_index(request):
    return render(request, "magazine/index.html")


def _todo(request, *args, **kwargs):  # placeholder until this module is written
    raise Http404


issue_detail = article_detail = _todo
