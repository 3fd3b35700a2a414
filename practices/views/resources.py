"""Learning materials (`/<lang>/resources/`, one material's page) and the two curated
sections built on them and on practices: "For deputies" and "Gender-responsive budgeting".

Every list starts from `for_reader(user)`, so a reader never sees an item of a
visibility they may not see; one material's page goes through practices.access.
Each page runs a fixed number of queries (pinned in tests/practices/).
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.visibility import Visibility, can_view
from practices.access import resource_for_reader
from practices.models import Practice, Resource, Theme
from practices.resource_filters import ResourceFilter

RESOURCES_PER_PAGE = 20


def _with_themes(queryset):
    """What a material's item or page shows, without the PDF text (kept for search, up to 200 kB)."""
    return queryset.defer("text").prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("number")))


def _listed_resources(user):
    """Published materials the reader may see."""
    return _with_themes(Resource.objects.for_reader(user))


def _section_practices(user, **flags):
    return Practice.objects.for_reader(user).filter(**flags).for_cards()


@require_safe
def resource_list(request):
    themes = list(Theme.objects.all())
    resource_filter = ResourceFilter(request.GET, queryset=_listed_resources(request.user), themes=themes)
    paginator = Paginator(resource_filter.qs, RESOURCES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "practices/resources.html",
        {"filter": resource_filter, "page_obj": page, "resources": page.object_list},
    )


@require_safe
def resource_detail(request, slug):
    # Not only published ones: practices.access lets editors preview, and answers 403 or 404.
    resource = resource_for_reader(request.user, slug, queryset=_with_themes(Resource.objects.all()))
    return render(request, "practices/resource_detail.html", {"resource": resource})


@require_safe
def deputies(request):
    """What editors mark for deputies. The deputies-only part has its own block: deputies see
    its items there, everyone else a note on how to get access."""
    user = request.user
    resources = list(_listed_resources(user).filter(for_deputies=True))
    practices = list(_section_practices(user, for_deputies=True))
    context = {
        "resources": [r for r in resources if r.visibility != Visibility.DEPUTIES],
        "practices": [p for p in practices if p.visibility != Visibility.DEPUTIES],
        "restricted_resources": [r for r in resources if r.visibility == Visibility.DEPUTIES],
        "restricted_practices": [p for p in practices if p.visibility == Visibility.DEPUTIES],
        "show_restricted": can_view(user, Visibility.DEPUTIES),
    }
    return render(request, "practices/deputies.html", context)


@require_safe
def gender_budgeting(request):
    """The gender-responsive budgeting material in one place."""
    user = request.user
    context = {
        "resources": list(_listed_resources(user).filter(gender_budgeting=True)),
        "practices": list(_section_practices(user, gender_budgeting=True)),
        "sees_members_material": can_view(user, Visibility.MEMBERS),
    }
    return render(request, "practices/gender_budgeting.html", context)
