"""Template helpers of the magazine: an issue's month, cover sizes, edition languages, excerpts.

Nothing here decides who may download: the views ask magazine.entitlement and pass the answer.
"""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import get_language

from magazine.models import COVER_CARD_SIZE, COVER_LARGE_WIDTH
from portal.i18n import field_in_language
from portal.templatetags.portal_tags import LANGUAGE_SELF_NAMES
from practices.richtext import html_to_text

register = template.Library()

EXCERPT_WORDS = 45


@register.filter
def issue_month(issue):
    """The month and year the issue covers, as the reader's language writes them
    (Django's YEAR_MONTH_FORMAT: "October 2026", "Октябрь 2026 г.", "Октябрь 2026 ж.")."""
    return date_format(issue.period_start, "YEAR_MONTH_FORMAT")


@register.simple_tag
def cover_card_size():
    """`{% cover_card_size as size %}`: (width, height) of the cover thumbnails on cards."""
    return COVER_CARD_SIZE


@register.simple_tag
def cover_large_size(issue):
    """(width, height) of `issue.cover_large`: fitted into COVER_LARGE_WIDTH, never enlarged."""
    width, height = issue.cover_width, issue.cover_height
    if not width or not height:
        return (COVER_LARGE_WIDTH, round(COVER_LARGE_WIDTH * COVER_CARD_SIZE[1] / COVER_CARD_SIZE[0]))
    if width <= COVER_LARGE_WIDTH:
        return (width, height)
    return (COVER_LARGE_WIDTH, round(height * COVER_LARGE_WIDTH / width))


@register.filter
def edition_language(code):
    """An edition's language named in itself (a reader looks for their own): "Кыргызча", "Русский"."""
    return LANGUAGE_SELF_NAMES.get(code, code)


@register.simple_tag
def editorial_excerpt(issue, words=EXCERPT_WORDS):
    """The start of the editorial note as plain text, marked with its language when it is a fallback."""
    html, code = field_in_language(issue, "editorial")
    text = Truncator(html_to_text(html)).words(words)
    if not code or code == (get_language() or "").split("-")[0]:
        return text
    return format_html('<span lang="{}">{}</span>', code, text)
