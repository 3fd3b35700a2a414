"""What the site search knows about magazine articles.

For each article of a published issue (published, or scheduled with its date
passed), one entry per language with what a reader of that language sees: title,
summary, rubric, author and the issue's number, month and title. The full text is
indexed only for free articles: a search snippet must never show a paid article's
text. The entry leads to the article's page when it is free, else to its issue's
page (where the reader can download, subscribe or buy).

portal.search writes the entries (it imports this module: SOURCE_MODULES).
Publishing or unpublishing an issue calls `index_issue(issue)` (magazine.publishing).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from magazine.models import Article, Issue
from portal import search
from portal.i18n import field_in_language
from portal.models import SearchEntry
from practices.indexing import MAX_BODY
from practices.richtext import html_to_text


def article_queryset():
    """The articles that are indexed, with what article_entries reads (2 queries per chunk)."""
    return (
        Article.objects.filter(issue__in=Issue.objects.published().values("pk"))
        .select_related("issue", "rubric")
        .prefetch_related("themes")
        .order_by("pk")
    )


def _text(obj, field, language):
    return field_in_language(obj, field, language)[0]


def _issue_words(issue, language):
    """ "No. 10 (156), October 2026, <the issue's title>" as the reader of `language` reads it."""
    with translation.override(language):
        label = gettext("No. %(label)s") % {"label": issue.label}
        month = date_format(issue.period_start, "YEAR_MONTH_FORMAT")
    return " ".join(part for part in (f"{label}, {month}", _text(issue, "title", language)) if part)


def _url(article, language):
    issue = article.issue
    with translation.override(language):
        if article.is_free:
            return reverse(
                "magazine:article", kwargs={"year": issue.year, "number": issue.number, "slug": article.slug}
            )
        return reverse("magazine:issue", kwargs={"year": issue.year, "number": issue.number})


def article_entries(article):
    issue = article.issue
    # Themes are ordered by number: the first one stands for the article in the theme facet.
    themes = sorted(article.themes.all(), key=lambda theme: theme.number)
    entries = []
    for language, _name in settings.LANGUAGES:
        body = html_to_text(_text(article, "body", language)) if article.is_free else ""
        parts = [
            _text(article.rubric, "name", language) if article.rubric else "",
            article.author,
            _issue_words(issue, language),
            body,
        ]
        entries.append(
            {
                "language": language,
                "title": _text(article, "title", language) or article.slug,
                "summary": search.strip_sentinels(_text(article, "summary", language)),
                "body": search.strip_sentinels(" ".join(part for part in parts if part))[:MAX_BODY],
                "url": _url(article, language),
                "visibility": "public",  # the catalogue is open to all; the PDFs are what is sold
                "theme_id": themes[0].pk if themes else None,
                "region_id": None,
                "place": "",
                "year": issue.year,
                "date": issue.published_at or issue.publish_at,
            }
        )
    return entries


def index_issue(issue):
    """Index every article of `issue`, or remove them all when it is not published.

    Also drops the entries of articles that no longer exist (an article deleted
    from an issue's contents), so the search never leads to a missing page.
    """
    for article in issue.articles.all():
        search.index(article)
    SearchEntry.objects.filter(kind=SearchEntry.Kind.ARTICLE).exclude(
        object_id__in=Article.objects.values("pk")
    ).delete()


search.register(Article, kind=SearchEntry.Kind.ARTICLE, queryset=article_queryset, entries=article_entries)
