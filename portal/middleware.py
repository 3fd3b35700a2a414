from django.conf import settings
from django.utils.translation import get_language_from_path


def remember_language(request, response):
    """Remember the language of the last prefixed page the reader opened.

    The switcher is a set of plain links (crawlable, cacheable, no JavaScript);
    this keeps the choice so that `/` later sends the reader back to it. The
    cookie is only written when the choice changes. The page cache calls this on
    its hits too, since it never stores the cookie with a page.
    """
    language = get_language_from_path(request.path_info)
    if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language and response.status_code < 400:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            httponly=True,
        )
    return response


class RememberLanguageMiddleware:
    """Sets the language cookie on every prefixed page (see remember_language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return remember_language(request, self.get_response(request))
