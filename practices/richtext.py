"""Rich text that is safe to render: every rich-text field is cleaned with nh3
(the maintained Rust "ammonia" sanitizer) when it is saved, whoever wrote it:
an editor in the admin, a member's proposal, an import.

The allow-list is what the admin's editor produces: paragraphs, headings,
lists, emphasis, links, quotes and simple tables. No images (they go through
the gallery, resized), no styles, no event handlers, no scripts or SVG.
"""

import re
from html import unescape

import nh3
from django.db import models

BLOCK_BOUNDARY = re.compile(r"</?(?:p|br|h[1-6]|li|ul|ol|div|blockquote|tr|td|th|table|hr)\b[^>]*>", re.I)

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html):
    """Return `html` with everything outside the allow-list removed."""
    if not html:
        return html
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def html_to_text(html):
    """Plain text of rich text, for search and summaries."""
    if not html:
        return ""
    # Block boundaries become spaces, so "<p>a</p><p>b</p>" reads "a b", not "ab";
    # inline tags join their text as it reads ("<b>слушания</b>." stays "слушания.").
    spaced = BLOCK_BOUNDARY.sub(r" \g<0>", html)
    text = nh3.clean(spaced, tags=set(), attributes={})
    # nh3 leaves entities escaped; search wants the characters.
    return " ".join(unescape(text).split())


class RichTextField(models.TextField):
    """A TextField whose value is sanitized on every save, update() and bulk_update() included
    (django-modeltranslation copies the field class, so each language's column is sanitized too)."""

    def pre_save(self, model_instance, add):
        if self._is_translated_original(model_instance):
            # The per-language columns (title_ky, ...) sanitize themselves; reading the original
            # would go through modeltranslation's fallback and copy another language's text in.
            return super().pre_save(model_instance, add)
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value, connection):
        # QuerySet.update() and bulk_update() write without pre_save(): sanitize what reaches the
        # database here too (nh3 leaves clean HTML as it is, so a value cleaned above is unchanged).
        return super().get_db_prep_save(sanitize_html(value) if isinstance(value, str) else value, connection)

    def _is_translated_original(self, model_instance):
        from modeltranslation.fields import TranslationField
        from modeltranslation.translator import NotRegistered, translator

        if isinstance(self, TranslationField):
            return False
        try:
            options = translator.get_options_for_model(type(model_instance))
        except NotRegistered:
            return False
        return self.name in options.all_fields
