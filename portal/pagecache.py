"""Whole-page cache for anonymous readers (issue 5).

Published content is the same for every visitor of a language, and the language is in the URL
(/ky/, /ru/, /en/), so an anonymous page is kept in the "default" cache (Redis when REDIS_URL is
set) under its address, the content version and whether it was gzipped. A hit is answered here,
before the session, the database or any view is touched, with `X-Cache: HIT`; it answers
`If-None-Match` with 304.

Invalidation is one number: every save, delete or many-to-many change of a model that pages show
(CONTENT_MODELS, connected in portal/apps.py) bumps the content version, which is part of every
key, so all cached pages are missed at once and expire on their own. PAGE_CACHE_SECONDS bounds how
stale time-based content (upcoming events, member counts, which change without a content save)
may get; 0 turns the cache off.

Never stored: signed-in readers (a session or messages cookie), anything but a 200 to GET, pages
that set a cookie (the language cookie aside, which is set again on every hit), used the CSRF
token, say private/no-store/no-cache, vary on more than Cookie and Accept-Encoding, are not
HTML/XML/text, or are downloads; searches with words (`q`), /admin/, /<lang>/accounts/, /healthz.
"""

import hashlib
import logging
import time

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.http import quote_etag
from django.utils.translation import get_language_from_path

from portal.middleware import remember_language

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
VERSION_KEY = "pagecache:version"

# Every model whose rows some page shows. A change to any of them empties the page cache.
CONTENT_MODELS = [
    "practices.Theme",
    "practices.Tag",
    "practices.Practice",
    "practices.PracticeImage",
    "practices.Attachment",
    "practices.ReviewEvent",
    "practices.Resource",
    "magazine.Rubric",
    "magazine.Issue",
    "magazine.Edition",
    "magazine.Article",
    "magazine.Plan",
    "news.News",
    "events.Event",
    "events.Registration",  # pages show the seats left
    "events.Material",
    "portal.Region",
    "portal.District",
    "portal.Municipality",
]

# Paths (after the language prefix) that are never cached: the admin, sign-in and profile pages.
NEVER_CACHED_PREFIXES = ("/admin/", "/accounts/", "/healthz", "/i18n/")
# Files sent after a permission check; they are streamed and private anyway.
NEVER_CACHED_VIEWS = {
    "practices:attachment",
    "practices:resource_download",
    "magazine:download",
    "events:material",
}
# Only these may differ between two requests for one key (the key holds the encoding; anonymous
# requests carry no session cookie). A page varying on anything else is not stored.
STORABLE_VARY = {"cookie", "accept-encoding"}
# Bounds that keep odd requests from filling the cache.
MAX_QUERY_STRING = 256
MAX_BODY_BYTES = 1024 * 1024
# While the cache is away every request would fail the same way: say so once a minute, not each time.
WARNING_INTERVAL = 60
_last_warning = 0.0


def _warn(message):
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= WARNING_INTERVAL:
        _last_warning = now
        logger.warning(message, exc_info=True)


# --- the content version ---------------------------------------------------------------------------


def _fresh_version():
    # A lost version key (evicted, Redis emptied) restarts above every number used before, so an
    # old page can never be found again under a reused number.
    return time.time_ns() // 1000


def content_version(cache=None):
    cache = cache or caches[CACHE_ALIAS]
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _fresh_version()
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version():
    """Make every cached page stale. Safe to call often; a cache that is away is logged, not raised."""
    cache = caches[CACHE_ALIAS]
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # no version yet
            cache.set(VERSION_KEY, _fresh_version(), timeout=None)
    except Exception:
        # Not throttled: pages may now be stale for up to PAGE_CACHE_SECONDS, which is worth knowing.
        logger.warning("page cache: could not bump the content version", exc_info=True)


def _bump_after_commit():
    bump_content_version()


def content_changed(sender, using=None, **kwargs):
    """Receiver for post_save, post_delete and m2m_changed of the content models."""
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed's pre_add, pre_remove, pre_clear
    bump_content_version()
    # A request between this save and the commit would render the old content under the new
    # version; bump once more when the transaction commits (once per transaction).
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and not any(entry[1] is _bump_after_commit for entry in connection.run_on_commit):
        transaction.on_commit(_bump_after_commit, using=using)


def connect_invalidation():
    """Connect content_changed to every content model and its many-to-many tables (AppConfig.ready)."""
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"pagecache-m2m-{through._meta.label}")


# --- the middleware -------------------------------------------------------------------------------


def _has_words(request):
    return bool(request.GET.get("q", "").strip())


def _is_anonymous(request):
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _unprefixed(path):
    language = get_language_from_path(path)
    return path[len(language) + 1 :] if language else path


def may_use_cache(request):
    """Whether the cache may answer (and later keep) this request at all."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and _is_anonymous(request)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
        and not _unprefixed(request.path_info).startswith(NEVER_CACHED_PREFIXES)
        and not _has_words(request)
    )


def _used_csrf_token(request, response):
    # get_token() sets CSRF_COOKIE_NEEDS_UPDATE (CSRF_COOKIE_USED before Django 4.1); the
    # middleware resets it to False once the cookie is written, but the key stays.
    return (
        "CSRF_COOKIE_NEEDS_UPDATE" in request.META
        or request.META.get("CSRF_COOKIE_USED")
        or b"csrfmiddlewaretoken" in response.content
    )


def may_store(request, response):
    """Whether this response to an anonymous GET is the same for every anonymous reader."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if set(response.cookies) - {settings.LANGUAGE_COOKIE_NAME} or _used_csrf_token(request, response):
        return False
    cache_control = {
        part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-store", "no-cache"}:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
    if not vary <= STORABLE_VARY:
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if not (content_type.startswith("text/") or content_type.endswith(("/xml", "+xml"))):
        return False
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name in NEVER_CACHED_VIEWS:
        return False
    return len(response.content) <= MAX_BODY_BYTES


def page_key(request, version, gzipped):
    address = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False).hexdigest()
    return f"page:{version}:{'gz' if gzipped else 'id'}:{address}"


class PageCacheMiddleware:
    """Answer anonymous GET and HEAD requests from the cache; keep what may be kept.

    It sits above GZipMiddleware in MIDDLEWARE, so the stored body is already compressed (for
    clients that accept gzip) and a hit does no compression work.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_use_cache(request):
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        gzipped = bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
        try:
            key = page_key(request, content_version(cache), gzipped)
            entry = cache.get(key)
        except Exception:
            _warn("page cache: the cache is unavailable; serving pages uncached")
            return self.get_response(request)
        if entry is not None:
            return self._hit(request, entry)

        response = self.get_response(request)
        if may_store(request, response):
            etag = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
            response.headers["ETag"] = etag
            headers = [(name, value) for name, value in response.headers.items() if name.lower() != "x-cache"]
            try:
                cache.set(key, (headers, response.content, etag), settings.PAGE_CACHE_SECONDS)
            except Exception:
                _warn("page cache: could not store a page")
            response = get_conditional_response(request, etag=etag, response=response)
        response.headers["X-Cache"] = "MISS"
        return response

    def _hit(self, request, entry):
        headers, content, etag = entry
        response = HttpResponse(content)
        for name, value in headers:
            response.headers[name] = value
        remember_language(request, response)
        response = get_conditional_response(request, etag=etag, response=response)
        response.headers["X-Cache"] = "HIT"
        return response
