"""Template filters for the practices library: money in som, numbers and shares, language names.

Numbers are grouped by thousands explicitly in the reader's language (ky and ru with a
non-breaking space, en with a comma): the project does not turn on grouping everywhere.
"""

import re

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info, pgettext

from portal.i18n import field_in_language
from practices.models import CARD_SIZE, FileLanguage

register = template.Library()

NBSP = "\u00a0"


@register.filter
def grouped(value):
    """12345 -> "12 345" (ky, ru) or "12,345" (en); "" for an empty value."""
    if value is None or value == "":
        return ""
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


@register.filter
def som(value):
    """97000000 -> "97 000 000 сом" (the space is non-breaking, so the sum never wraps)."""
    if value is None or value == "":
        return ""
    unit = pgettext("currency", "som")  # outside the f-string, where xgettext can find it
    return f"{grouped(value)}{NBSP}{unit}"


@register.filter
def percent(value):
    """26 -> "26 %" in Kyrgyz and Russian (a non-breaking space, as their typography wants), "26%" in English."""
    if value is None or value == "":
        return ""
    separator = "" if (get_language() or "").startswith("en") else NBSP
    return f"{grouped(value)}{separator}%"


@register.filter
def language_name(code):
    """A language code ("ru", or a file's "multi") -> its name in the reader's language."""
    if code == FileLanguage.MULTI:
        return FileLanguage(code).label
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


@register.simple_tag
def lang_text(obj, field):
    """A translated plain-text field in the reader's language, or its fallback marked with `lang`
    (without the visible note of portal_tags' `translated`, for cards where the title carries it)."""
    text, code = field_in_language(obj, field)
    if not code or code == (get_language() or "").split("-")[0]:
        return text
    return format_html('<span lang="{}">{}</span>', code, text)


@register.simple_tag
def shown_language(obj, field):
    """The code of the language the field is shown in ("" when it has no text in any)."""
    return field_in_language(obj, field)[1] or ""


@register.filter
def tel(phone):
    """A phone number as written ("+996 (3946) 5-12-34") -> the digits of a tel: link."""
    return re.sub(r"[^\d+]", "", phone or "")


@register.simple_tag
def card_size():
    """`{% card_size as size %}`: (width, height) of the card thumbnails, for the img attributes."""
    return CARD_SIZE
