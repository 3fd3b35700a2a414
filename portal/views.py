from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.models import User
from accounts.visibility import visible_levels
from events.models import Event
from news.models import News
from portal import faults
from portal import search as search_index
from portal.collation import sort_key
from portal.datacache import content_fragment
from portal.models import Municipality, Region, SearchEntry
from practices.filters import themes_with_counts
from practices.models import Practice

LATEST_ON_HOME = 6
EVENTS_ON_HOME = 3
NEWS_ON_HOME = 3
# Long texts the home page never shows.
EVENT_DEFERRED = ["description", *(f"description_{code}" for code, _name in settings.LANGUAGES)]
NEWS_DEFERRED = ["body", *(f"body_{code}" for code, _name in settings.LANGUAGES)]
MUNICIPALITIES_IN_SEARCH = 12


@require_safe
def home(request):
    """The theme grid, the latest practices, upcoming events, the latest news and the portal's
    figures, in seven queries."""
    # The library's counts (main or further theme), so a tile's number is what its theme page lists.
    themes = sorted(themes_with_counts(request.user), key=lambda theme: (-theme.n, theme.number))
    readable = Practice.objects.for_reader(request.user)
    latest = list(readable.for_cards()[:LATEST_ON_HOME])
    stats = Municipality.objects.aggregate(
        municipalities=Count("id"), ulsg_members=Count("id", filter=Q(is_ulsg_member=True))
    )
    stats["practices"] = readable.count()
    stats["themes"] = len(themes)
    stats["members"] = User.objects.filter(status=User.Status.APPROVED, is_active=True).count()
    context = {"themes": themes, "latest": latest, "stats": stats, **_news_and_events()}
    return render(request, "portal/home.html", context)


def _news_and_events():
    """The next published events and the latest news (two queries)."""
    events = Event.objects.published().upcoming().defer(*EVENT_DEFERRED)[:EVENTS_ON_HOME]
    news = News.objects.published().defer(*NEWS_DEFERRED)[:NEWS_ON_HOME]
    return {"upcoming_events": list(events), "latest_news": list(news)}


@require_safe
def municipality_list(request):
    """The directory grouped by region and district, in two queries (the practice counts
    the reader may see come with the municipalities)."""
    regions = list(Region.objects.all())
    readable = Q(practices__status=Practice.Status.PUBLISHED, practices__visibility__in=visible_levels(request.user))
    municipalities = Municipality.objects.with_places().annotate(n_practices=Count("practices", filter=readable))
    by_region = {region.pk: {"region": region, "cities": [], "districts": {}} for region in regions}
    for municipality in municipalities.order_by():
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


@require_safe
def municipality_detail(request, code):
    """One municipality and the published practices its reader may see, in two queries."""
    municipality = get_object_or_404(Municipality.objects.with_places(), code=code)
    practices = list(Practice.objects.for_reader(request.user).filter(municipality=municipality).for_cards())
    return render(request, "portal/municipality_detail.html", {"municipality": municipality, "practices": practices})


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_safe
def search(request):
    """Site search with facets (kind, theme, oblast, year), plus matching municipalities by name."""
    query = search_index.clean_query(request.GET.get("q", ""))

    def build():
        kind = request.GET.get("kind") if request.GET.get("kind") in SearchEntry.Kind.values else None
        results = search_index.search(
            query=query,
            user=request.user,
            language=get_language(),
            kind=kind,
            theme=request.GET.get("theme") or None,
            region=request.GET.get("oblast") or None,
            year=_int_or_none(request.GET.get("year")),
            page=request.GET.get("page") or 1,
        )
        _link_facets(request, results)
        first_page = results.page is None or results.page.number == 1
        return {
            "results": results,
            "municipalities": _municipalities_named(query) if query and first_page else [],
            "filtered": any(request.GET.get(name) for name in ("kind", "theme", "oblast", "year")),
        }

    # The same search gives the same page to every reader of the same visibilities (portal.datacache).
    context = content_fragment(request, build, ["results", "municipalities", "filtered"])
    return render(request, "portal/search.html", {"query": query, **context})


# The GET parameter of each facet of portal.search.
FACET_PARAMETERS = {"kind": "kind", "theme": "theme", "region": "oblast", "year": "year"}


def _link_facets(request, results):
    """Each facet value links to this search with the value chosen, or removed when it is chosen."""
    for facet, parameter in FACET_PARAMETERS.items():
        for value in results.facets.get(facet, []):
            params = request.GET.copy()
            params.pop("page", None)
            if value.selected:
                params.pop(parameter, None)
            else:
                params[parameter] = value.value
            value.url = "?" + params.urlencode()


def _municipalities_named(query):
    """A few municipalities whose name, in any language, contains the query."""
    match = Q()
    for code, _name in settings.LANGUAGES:
        match |= Q(**{f"name_{code}__icontains": query})
    found = Municipality.objects.with_places().filter(match)[:MUNICIPALITIES_IN_SEARCH]
    return sorted(found, key=lambda m: sort_key(m.name))


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """For the load balancer and Docker's HEALTHCHECK, within 5 seconds whatever the servers do:
    200 "ok" (or "degraded" when only the shared cache is away), 503 "unavailable" when the
    database is, each trouble with a line saying why (portal.faults.health)."""
    healthy, lines = faults.health()
    return HttpResponse("\n".join(lines) + "\n", status=200 if healthy else 503, content_type="text/plain")


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    return render(request, "403.html", {"csrf_failed": True}, status=403)


def server_error(request):
    # A database that is away answers 503 with its own page (an inner middleware raised it,
    # so portal.faults.DatabaseUnavailableMiddleware.process_exception never saw it).
    error = faults.current_error()
    if faults.is_database_unavailable(error):
        return faults.unavailable_response(request, error)
    # No context processors: the database or the session may be what failed.
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"LANGUAGE_CODE": get_language() or settings.LANGUAGE_CODE}), status=500)
