from django.conf import settings
from django.db import connection
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.collation import sort_key
from portal.models import Municipality, Region


@require_GET
def home(request):
    stats = Municipality.objects.aggregate(
        municipalities=Count("id"), members=Count("id", filter=Q(is_ulsg_member=True))
    )
    stats["regions"] = Region.objects.count()
    return render(request, "portal/home.html", {"stats": stats})


@require_GET
def municipality_list(request):
    """The directory grouped by region and district, in two queries."""
    regions = list(Region.objects.all())
    municipalities = Municipality.objects.with_places().order_by()
    by_region = {region.pk: {"region": region, "cities": [], "districts": {}} for region in regions}
    for municipality in municipalities:
        group = by_region[municipality.region_id]
        if municipality.district_id is None:
            group["cities"].append(municipality)
        else:
            group["districts"].setdefault(municipality.district, []).append(municipality)
    groups = []
    for region in regions:
        group = by_region[region.pk]
        districts = sorted(group["districts"].items(), key=lambda item: sort_key(item[0].name))
        groups.append(
            {
                "region": region,
                "cities": sorted(group["cities"], key=lambda m: sort_key(m.name)),
                "districts": [(d, sorted(ms, key=lambda m: sort_key(m.name))) for d, ms in districts],
            }
        )
    return render(request, "portal/municipality_list.html", {"groups": groups})


@require_GET
def search(request):
    """Site search. Until the library lands it finds municipalities, in any of the three languages."""
    query = request.GET.get("q", "").strip()[:200]
    results = []
    if query:
        match = Q()
        for code, _name in settings.LANGUAGES:
            match |= Q(**{f"name_{code}__icontains": query})
        results = sorted(Municipality.objects.with_places().filter(match)[:50], key=lambda m: sort_key(m.name))
    return render(request, "portal/search.html", {"query": query, "results": results})


@require_GET
def news(request):
    return render(request, "portal/news.html")


@require_GET
def events(request):
    return render(request, "portal/events.html")


@never_cache
@require_GET
def healthz(request):
    """For the load balancer and Docker: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    return render(request, "403.html", {"csrf_failed": True}, status=403)


def server_error(request):
    # No context processors: the database or the session may be what failed.
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"LANGUAGE_CODE": get_language() or settings.LANGUAGE_CODE}), status=500)
