"""The benchmark's ceiling (bench/run.py): the cheapest response a Django view can give through the
portal's whole middleware stack, so each page's throughput can be read against what the framework
manages on the same machine. Harmless in production: a constant text, no database, no session."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache  # measured on every request, never answered from the page cache
def ceiling(request):
    return HttpResponse("ok\n", content_type="text/plain")
