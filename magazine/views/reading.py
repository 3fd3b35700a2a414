"""Reading the magazine: the index (latest issue and archive), one issue, one article.

Each page runs a fixed number of queries whatever the number of issues and articles
(pinned in tests/magazine/test_{index,issue,article}.py). Whether the reader may
download is asked of magazine.entitlement, once per page; this module only explains
a refusal (pending membership, print-only or ended subscription, an order awaiting
payment) so the reader knows what to do next.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from accounts.models import User
from magazine.entitlement import entitled_issue_ids, is_magazine_staff, may_download
from magazine.filters import IssueFilter
from magazine.models import Article, Edition, Issue, Purchase, Subscription

PER_PAGE = 24


def _in_every_language(field_name):
    """The field and its modeltranslation columns ("body", "body_ky", "body_ru", "body_en")."""
    return [field_name, *(f"{field_name}_{code}" for code, _name in settings.LANGUAGES)]


# Long texts that a list never shows: not loaded for cards and tables of contents.
EDITORIAL_FIELDS = _in_every_language("editorial")
BODY_FIELDS = _in_every_language("body")


def editions_prefetch():
    """An issue's editions without the PDF's extracted text (kept for nothing a page shows)."""
    return Prefetch("editions", queryset=Edition.objects.defer("text"))


def contents_prefetch():
    """The table of contents: articles in order with rubric and themes, without their full texts."""
    articles = Article.objects.select_related("rubric").defer(*BODY_FIELDS).prefetch_related("themes")
    return Prefetch("articles", queryset=articles)


def issue_for_reader(user, year, number, queryset=None):
    """The issue numbered `number` in `year`, if this reader may see it: published (or
    scheduled with its date passed) for everyone, any status for magazine staff; else 404."""
    queryset = Issue.objects.all() if queryset is None else queryset
    issue = queryset.filter(year=year, number=number).first()
    if issue is None or not (issue.is_visible or is_magazine_staff(user)):
        raise Http404
    return issue


# What the reader may do ------------------------------------------------------------


@dataclass
class Offer:
    """What this reader may do with one issue (templates/magazine/includes/issue_actions.html).

    `reason`: free, staff, entitled (may download); anonymous, pending, inactive, print_only,
    ended, member (may not: the template says why and what to do).
    """

    may_download: bool
    reason: str
    covered_until: object = None  # the end of an electronic subscription that ended before this issue
    awaiting: list = field(default_factory=list)  # the reader's orders awaiting payment, for this issue


def reader_offer(user, issue, *, entitled):
    """Why `user` may or may not download `issue` (`entitled`: what magazine.entitlement answered).

    Queries: none when entitled or anonymous; two for a member who may not download
    (their subscriptions, their unpaid purchase of this issue).
    """
    if entitled:
        if is_magazine_staff(user):
            return Offer(True, "staff")
        return Offer(True, "free" if issue.is_free else "entitled")
    if not user.is_authenticated:
        return Offer(False, "anonymous")
    if user.status == User.Status.PENDING and user.is_active:
        reason = "pending"
    elif not user.is_approved:
        reason = "inactive"
    else:
        reason = "member"
    offer = Offer(False, reason)
    subscriptions = list(
        Subscription.objects.filter(user=user)
        .exclude(status=Subscription.Status.CANCELLED)
        .select_related("plan", "payment")
        .order_by("-created_at")
    )
    purchases = Purchase.objects.filter(user=user, issue=issue, status=Purchase.Status.REQUESTED)
    offer.awaiting = [s for s in subscriptions if s.status == Subscription.Status.REQUESTED]
    offer.awaiting += list(purchases.select_related("payment"))
    if reason == "member":
        _explain_subscriptions(offer, subscriptions, issue)
    return offer


def _explain_subscriptions(offer, subscriptions, issue):
    """A print-only subscription covering the month, or an electronic one that ended before it."""
    month = issue.period_start
    running = [s for s in subscriptions if s.starts_on and s.ends_on and s.status != Subscription.Status.REQUESTED]
    if any(s.starts_on <= month <= s.ends_on and not s.plan.includes_electronic for s in running):
        offer.reason = "print_only"
        return
    ended = [s.ends_on for s in running if s.plan.includes_electronic and s.ends_on < month]
    if ended:
        offer.reason = "ended"
        offer.covered_until = max(ended)


# Pages -----------------------------------------------------------------------------


@require_safe
def issue_index(request):
    published = Issue.objects.published()
    issues = IssueFilter(request.GET, queryset=published.defer(*EDITORIAL_FIELDS), request=request)
    page = Paginator(issues.qs, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    # The latest issue leads the first page of the whole archive; a filtered or later page is about the archive.
    latest = None
    if not issues.active and page.number == 1:
        latest = published.first()
    shown = [latest, *page.object_list] if latest else page.object_list
    prefetch_related_objects(shown, editions_prefetch())
    condition = issues.article_condition()
    if condition is not None:
        titles = _in_every_language("title")[1:]
        matching = Article.objects.filter(condition).only("issue_id", "slug", "is_free", "order", *titles)
        prefetch_related_objects(page.object_list, Prefetch("articles", queryset=matching, to_attr="matching"))
    context = {
        "filter": issues,
        "page_obj": page,
        "latest": latest,
        "entitled_ids": entitled_issue_ids(request.user, shown),
    }
    return render(request, "magazine/index.html", context)


@require_safe
def issue_detail(request, year, number):
    queryset = Issue.objects.prefetch_related(editions_prefetch(), contents_prefetch())
    issue = issue_for_reader(request.user, year, number, queryset)
    offer = reader_offer(request.user, issue, entitled=may_download(request.user, issue))
    context = {"issue": issue, "offer": offer, "archive_year_url": archive_year_url(issue), **_neighbours(issue)}
    return render(request, "magazine/issue.html", context)


def archive_year_url(issue):
    return f"{reverse('magazine:index')}?year={issue.year}#archive"


def _neighbours(issue):
    """The previous and the next published issue, for browsing the archive one issue at a time."""
    published = Issue.objects.published().only("year", "number", "running_number", "month")
    before = Q(year__lt=issue.year) | Q(year=issue.year, number__lt=issue.number)
    after = Q(year__gt=issue.year) | Q(year=issue.year, number__gt=issue.number)
    return {
        "previous_issue": published.filter(before).order_by("-year", "-number").first(),
        "next_issue": published.filter(after).order_by("year", "number").first(),
    }


@require_safe
def article_detail(request, year, number, slug):
    """A free article's full text; for any other, its summary and how to get the issue that holds it."""
    articles = Article.objects.select_related("issue", "rubric").prefetch_related("themes")
    article = articles.filter(issue__year=year, issue__number=number, slug=slug).first()
    if article is None or not (article.issue.is_visible or is_magazine_staff(request.user)):
        raise Http404
    issue = article.issue
    prefetch_related_objects([issue], editions_prefetch())
    contents = issue.articles.select_related("rubric").defer(*BODY_FIELDS)
    offer = reader_offer(request.user, issue, entitled=may_download(request.user, issue))
    context = {
        "article": article,
        "issue": issue,
        "offer": offer,
        "contents": list(contents),
        "archive_year_url": archive_year_url(issue),
    }
    return render(request, "magazine/article.html", context)
