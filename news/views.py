"""News: the list with filters (theme, year) and one page per item with related practices.

Each page runs a fixed number of queries whatever the number of news items (pinned in
tests/news/test_list.py and test_detail.py).
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from news.filters import NewsFilter
from news.models import News
from portal.i18n import field_in_language
from practices.filters import SORTS
from practices.models import Practice
from practices.views.library import cards_for

PER_PAGE = 10
RELATED_COUNT = 4

# A list shows the lead, never the body (three languages of rich text per item).
LIST_DEFERRED = ["body", *(f"body_{code}" for code, _name in settings.LANGUAGES)]


def may_preview(user):
    return user.is_authenticated and user.has_perm("news.change_news")


@require_safe
def news_list(request):
    queryset = News.objects.published().prefetch_related("themes").defer(*LIST_DEFERRED)
    news = NewsFilter(request.GET, queryset=queryset, request=request)
    # get_page: a missing, wrong or too large page number gives the first or last page, never an error.
    page = Paginator(news.qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "news/index.html", {"filter": news, "page_obj": page})


def news_for_reader(user, slug):
    """The news item, or 404 when it is not published (editors may preview it)."""
    queryset = News.objects.prefetch_related("themes", "municipalities")
    try:
        news = queryset.get(slug=slug)
    except News.DoesNotExist:
        raise Http404 from None
    if not is_published(news) and not may_preview(user):
        raise Http404
    return news


def is_published(news):
    return news.is_published and news.date <= timezone.now()


def related_practices(user, news):
    """Up to RELATED_COUNT practices this reader may see, sharing a theme or a municipality with the news."""
    theme_ids = [theme.pk for theme in news.themes.all()]
    municipality_ids = [municipality.pk for municipality in news.municipalities.all()]
    if not theme_ids and not municipality_ids:
        return []
    further = Practice.themes.through.objects.filter(practice_id=OuterRef("pk"), theme_id__in=theme_ids)
    condition = Q(theme_id__in=theme_ids) | Exists(further) | Q(municipality_id__in=municipality_ids)
    return list(cards_for(user).filter(condition).order_by(*SORTS["newest"])[:RELATED_COUNT])


@require_safe
def news_detail(request, slug):
    news = news_for_reader(request.user, slug)
    title_language = field_in_language(news, "title")[1]
    context = {
        "news": news,
        "is_preview": not is_published(news),
        "title_language": title_language,
        "is_translated": title_language in (None, get_language()),
        "related": related_practices(request.user, news),
    }
    return render(request, "news/detail.html", context)
