from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def news_list(request):
    return render(request, "portal/news.html")


def news_detail(request, slug):  # placeholder until written
    raise Http404
