"""Data computed from published content, kept in the cache until content changes.

The library's filter lists and counts (themes with counts, years, places, the total) and search
results are the same for every reader who may see the same visibilities, and they only change when
content does. Computing them costs a pass over every published practice or search entry (tens of
milliseconds at 10,000 practices, ten times that at 100,000), so they are kept in the cache under
the page cache's content version (portal.pagecache): any content change makes them stale at once,
and PAGE_CACHE_SECONDS bounds their age. Unlike whole pages, they serve signed-in readers too (the
key names the visibilities the reader may see). With PAGE_CACHE_SECONDS = 0 (the tests), nothing
is kept and every request computes them, so the pinned query counts are the worst case.

A cache that is away (Redis restarting) costs speed, never an error: the lists are computed.
"""

import hashlib
import logging
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from accounts.visibility import visible_levels
from portal.pagecache import content_version

logger = logging.getLogger(__name__)


def levels_key(user):
    """The part of a cache key that depends on the reader: which visibilities they may see."""
    return "+".join(sorted(str(level) for level in visible_levels(user)))


def cached(parts, compute):
    """compute(), kept in the cache under `parts` and the content version while pages are cached."""
    seconds = settings.PAGE_CACHE_SECONDS
    if not seconds:
        return compute()
    try:
        key = "data:{}:{}".format(content_version(cache), ":".join(str(part) for part in parts))
        value = cache.get(key)
    except Exception:
        logger.warning("facet cache unavailable; computing", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, seconds)
        except Exception:
            logger.warning("facet cache unavailable; not kept", exc_info=True)
    return value


def content_fragment(request, build, names):
    """A page's context whose content block is kept in the cache for every reader who may see the
    same visibilities (the template wraps the block in {% sharedcontent name content_cache %}, portal_tags).

    `build()` returns the context the block needs; it only runs when the block is rendered, i.e. when
    the cache does not have it: each name in `names` is a lazy stand-in for build()[name]. The key
    names the content version, the reader's visibilities, the language and the full path with its
    query string, so a member never sees another visibility's list and any content change shows.
    Measured on the signed-in library at 10,000 practices: 40 ms of Python per request without it.
    """
    built = {}

    def value(name):
        if not built:
            built.update(build())
        return built[name]

    context = {name: SimpleLazyObject(partial(value, name)) for name in names}
    seconds = settings.PAGE_CACHE_SECONDS
    key = ""
    if seconds:
        try:
            version = content_version(cache)
        except Exception:
            logger.warning("fragment cache unavailable; rendering", exc_info=True)
            seconds = 0
        else:
            path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
            key = f"{version}:{levels_key(request.user)}:{get_language()}:{path}"
    context["content_cache"] = {"seconds": seconds, "key": key}
    return context
