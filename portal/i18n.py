"""Which language a translated field is shown in.

django-modeltranslation falls back to Russian, Kyrgyz, English (in that order)
when the reader's language has no text; the portal must then say so on the page.
"""

from django.conf import settings
from django.utils.translation import get_language


def field_in_language(obj, field, language=None):
    """Return (text, language_code) of `obj.field` as the reader will see it.

    The code is the reader's own language when the text exists in it, else the
    first fallback language that has it, else ("", None).
    """
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    order = [language] + [code for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES if code != language]
    for code in order:
        text = getattr(obj, f"{field}_{code}", None)
        if text:
            return text, code
    return "", None
