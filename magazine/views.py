from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def issue_index(request):
    return render(request, "magazine/index.html")
