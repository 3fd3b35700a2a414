"""What the portal does when the database (or the cache) is away (issue 5).

A page that cannot reach the database answers 503 with a short page in the reader's
language and a Retry-After header, not a 500: the load balancer and the reader both
learn that it is passing. Django turns an exception into a response inside each
middleware, so the error is caught in two places that share `unavailable_response`:
`DatabaseUnavailableMiddleware.process_exception` (raised by a view or its template)
and the 500 handler, `portal.views.server_error` (raised by an inner middleware, such
as the session being saved). This middleware sits outside the page cache, so pages
cached for anonymous readers are still served while the database is away.

The time limits come from the database settings (portal.env.env_database): a
connection that cannot be made in DATABASE_CONNECT_TIMEOUT seconds fails, and with
CONN_HEALTH_CHECKS a persistent connection that died is dropped and made anew at
the next request, so the portal recovers by itself when the database is back.

`health()` is what /healthz reports: each probe runs in its own thread, on its own
connection, with a deadline, so the answer comes in time even when a server hangs.
"""

import logging
import sys
import threading
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger("portal.faults")

# Seconds a reader (or a crawler) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30
# /healthz answers within this, whatever the servers do (Docker's HEALTHCHECK waits 5 s, its probe 4 s).
HEALTH_DEADLINE_SECONDS = 3.5

DATABASE_ERRORS = (OperationalError, InterfaceError)
try:  # the errors psycopg raises before Django wraps them (a connection made outside the ORM)
    import psycopg

    DATABASE_ERRORS += (psycopg.OperationalError, psycopg.InterfaceError)
except ImportError:  # SQLite only
    pass


def is_database_unavailable(error):
    """True when `error`, or an error it was raised from, says the database cannot be reached."""
    for _depth in range(5):
        if error is None:
            return False
        if isinstance(error, DATABASE_ERRORS):
            return True
        error = error.__cause__ or error.__context__
    return False


def describe(error):
    """A short reason an operator can act on, without hosts, ports or user names."""
    if error is None:
        return "timed out"
    text = str(error).lower()
    if "refused" in text:
        return "connection refused"
    if "timeout" in text or "timed out" in text:
        return "timed out"
    if "closed" in text or "terminat" in text or "lost" in text or "reset" in text:
        return "connection lost"
    if "could not translate host name" in text or "name or service not known" in text:
        return "unknown host"
    return f"error ({type(error).__name__})"


def reader_language(request):
    """The reader's language from the URL prefix, the language cookie or the browser, without
    the database (LocaleMiddleware may not have run)."""
    return translation.get_language_from_request(request, check_path=True)


def unavailable_response(request, error):
    """The 503 page, rendered without the database, the session or the user."""
    if not getattr(request, "_portal_database_unavailable", False):
        request._portal_database_unavailable = True  # logged once, whichever handler sees it first
        logger.warning("Database unavailable for %s %s: %s (%s)", request.method, request.path, describe(error), error)
    language = reader_language(request)
    with translation.override(language):
        # A plain dict: no context processors, nothing that reads the session or the user.
        html = loader.get_template("503.html").render({"LANGUAGE_CODE": language})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    add_never_cache_headers(response)  # no cache (ours, a proxy's, the browser's) may keep the outage
    return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 with a friendly page (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return unavailable_response(request, exception)
        return None


# --- /healthz ---------------------------------------------------------------------------------------


def _probe_database():
    from django.db import connections

    # This thread's own connection, closed after: a hung or dead connection of a request
    # thread cannot stall the answer, and nothing is left open behind.
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()


def _probe_cache():
    from django.core.cache import caches

    cache = caches["default"]
    try:
        token = str(time.monotonic_ns())
        cache.set("healthz", token, 10)
        if cache.get("healthz") != token:
            raise RuntimeError("the cache did not return what was stored")
    finally:
        cache.close()


def _run_probes(probes, deadline):
    """Run each probe in a daemon thread; {name: None if fine, else the reason}."""
    results = {}

    def run(name, probe):
        try:
            probe()
        except Exception as error:  # any failure is a reason to report, not to crash /healthz
            results[name] = describe(error)
        else:
            results[name] = None

    threads = {name: threading.Thread(target=run, args=(name, probe), daemon=True) for name, probe in probes.items()}
    for thread in threads.values():
        thread.start()
    ends_at = time.monotonic() + deadline
    for name, thread in threads.items():
        thread.join(max(0, ends_at - time.monotonic()))
        if thread.is_alive():
            results[name] = "timed out"  # the thread ends by itself when its own time limit passes
    return {name: results.get(name, "timed out") for name in probes}


def health(deadline=None):
    """(healthy, lines) for /healthz: ["ok"], or a status and a line per server saying why.

    Healthy means the database answers: without it no page but a cached one can be shown.
    The shared cache (Redis, when REDIS_URL is set) is reported but does not make the
    container unhealthy: every container uses the same Redis, so a blip would have the
    load balancer drop them all at once, which is worse than serving slower pages.
    """
    probes = {"database": _probe_database}
    if settings.REDIS_URL:
        probes["cache"] = _probe_cache
    results = _run_probes(probes, HEALTH_DEADLINE_SECONDS if deadline is None else deadline)
    lines = [f"{name}: {'ok' if reason is None else f'unavailable ({reason})'}" for name, reason in results.items()]
    healthy = results["database"] is None
    degraded = healthy and any(reason is not None for reason in results.values())
    if not healthy or degraded:
        logger.warning("Health check: %s", "; ".join(lines))
    if healthy and not degraded:
        return True, ["ok"]
    return healthy, ["degraded" if healthy else "unavailable", *lines]


def current_error():
    """The exception being handled (for the 500 handler, which Django calls without it)."""
    return sys.exc_info()[1]
