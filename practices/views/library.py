"""The library: all practices with the theme grid and filters, one theme, one practice.

Each page runs a fixed number of queries whatever the number of practices (pinned in
tests/practices/test_library_*.py); lists load only what a card shows.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import translate_url
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from accounts.visibility import Visibility
from portal.datacache import content_fragment, levels_key
from portal.i18n import field_in_language
from portal.templatetags.portal_tags import LANGUAGE_SELF_NAMES
from practices.access import practice_for_reader
from practices.filters import SORTS, PracticeFilter, ThemePracticeFilter, in_theme, themes_with_counts
from practices.models import Practice, Theme, practice_prefetches

PER_PAGE = 20
RELATED_COUNT = 4

# Long texts a card never shows: not loaded for lists (20 cards x 3 languages of rich text).
_LONG_FIELDS = ("problem", "actions", "results", "body", "partners")
CARD_DEFERRED = [*_LONG_FIELDS] + [f"{field}_{code}" for field in _LONG_FIELDS for code, _name in settings.LANGUAGES]


def cards_for(user):
    """The practices this reader may see, with what a card shows (practices/includes/practice_card.html)."""
    return Practice.objects.for_reader(user).for_cards().defer(*CARD_DEFERRED)


def _page(request, filterset):
    paginator = Paginator(filterset.qs, PER_PAGE)
    count = filterset.unfiltered_count()
    if count is not None:
        paginator.count = count  # the cached total (portal.datacache): no COUNT over every practice
    # get_page: a missing, wrong or too large page number gives the first or last page, never an error.
    return paginator.get_page(request.GET.get("page"))


@require_safe
def practice_list(request):
    def build():
        themes = themes_with_counts(request.user)
        practices = PracticeFilter(
            request.GET,
            queryset=cards_for(request.user),
            themes=themes,
            request=request,
            facet_key=("library", levels_key(request.user)),
        )
        return {"themes": themes, "filter": practices, "page_obj": _page(request, practices)}

    # Members see the same list as every member of their visibilities: the content block is shared.
    return render(request, "practices/index.html", content_fragment(request, build, ["themes", "filter", "page_obj"]))


@require_safe
def theme(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    queryset = cards_for(request.user).filter(in_theme(theme.pk))
    practices = ThemePracticeFilter(
        request.GET, queryset=queryset, request=request, facet_key=("theme", theme.pk, levels_key(request.user))
    )
    context = {"theme": theme, "filter": practices, "page_obj": _page(request, practices)}
    return render(request, "practices/theme.html", context)


@require_safe
def practice_detail(request, slug):
    queryset = Practice.objects.select_related("theme", "municipality__region", "municipality__district")
    practice = practice_for_reader(request.user, slug, queryset.prefetch_related(*practice_prefetches()))
    others = cards_for(request.user).exclude(pk=practice.pk).order_by(*SORTS["newest"])
    related = others.filter(theme_id=practice.theme_id)[:RELATED_COUNT]
    nearby = others.filter(municipality_id=practice.municipality_id)[:RELATED_COUNT] if practice.municipality_id else []
    title_language = field_in_language(practice, "title")[1]
    context = {
        "practice": practice,
        "related": list(related),
        "nearby": list(nearby),
        "title_language": title_language,
        "is_translated": title_language == get_language(),
        "languages": _languages(request, practice),
        "video_host": urlsplit(practice.video_url).hostname or "",
        "is_restricted": practice.visibility != Visibility.PUBLIC,
        "site_url": f"{request.scheme}://{request.get_host()}",  # printed after document links
    }
    return render(request, "practices/detail.html", context)


def _languages(request, practice):
    """The languages the practice is written in, each with this page's address in that language."""
    return [
        {"code": code, "name": LANGUAGE_SELF_NAMES.get(code, code), "url": translate_url(request.path, code)}
        for code in practice.available_languages
    ]
