"""Request logs, their JSON form, and error reporting to Sentry.

Every request leaves one record on the "portal.request" logger (RequestLogMiddleware, outermost, so
cached pages, 503s and 500s are logged too) with: method, path, status, duration_ms, user_id, queries,
cache, bytes, remote_addr and request_id. With LOG_FORMAT=json each record is one line of JSON
(JSONFormatter); records of the same request, an error's traceback included, share its request_id.
"""

import contextvars
import datetime
import json
import logging
import re
import time
import traceback
import uuid

from django.conf import settings

request_logger = logging.getLogger("portal.request")

# The current request's id, for every record logged while it is handled (errors included).
current_request_id = contextvars.ContextVar("request_id", default=None)

# Query parameters whose values never reach the logs (sign-in keys, reset tokens, passwords, codes).
SENSITIVE = re.compile(r"key|token|password|passwd|secret|code|signature|sig$", re.IGNORECASE)
# URL parts named like that (allauth's password-reset and confirmation keys are in the path).
SENSITIVE_PATH_KWARGS = re.compile(r"key|token|password|secret|signature", re.IGNORECASE)
# A request id from a proxy or load balancer is kept when it looks like one; anything else is replaced.
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
REDACTED = "***"


class QueryCounter:
    """A database execute wrapper that counts the statements run (connection.execute_wrapper)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.db import connections

        request_id = request.headers.get("X-Request-ID", "")
        if not REQUEST_ID.match(request_id):
            request_id = uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        counter = QueryCounter()
        wrapped = []
        start = time.perf_counter()
        try:
            for conn in connections.all():
                conn.execute_wrappers.append(counter)
                wrapped.append(conn)
            response = self.get_response(request)
            duration_ms = (time.perf_counter() - start) * 1000
            response.headers["X-Request-ID"] = request_id
            path = safe_path(request)
            cache = response.get("X-Cache", "-")
            request_logger.info(
                '"%s %s" %s %.1fms %sq cache:%s',
                request.method,
                path,
                response.status_code,
                duration_ms,
                counter.count,
                cache,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": round(duration_ms, 2),
                    "user_id": _user_id(request),
                    "queries": counter.count,
                    "cache": cache,
                    "bytes": _size(response),
                    "remote_addr": client_address(request),
                    "request_id": request_id,
                },
            )
            return response
        finally:
            for conn in wrapped:
                if counter in conn.execute_wrappers:
                    conn.execute_wrappers.remove(counter)
            current_request_id.reset(token)


def safe_path(request):
    """The path and query string, without the values of sensitive parameters or URL parts."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if value and isinstance(value, str) and SENSITIVE_PATH_KWARGS.search(name):
                path = path.replace(value, REDACTED)
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return path
    parts = []
    for part in query.split("&"):
        name, equals, _value = part.partition("=")
        parts.append(f"{name}={REDACTED}" if equals and SENSITIVE.search(name) else part)
    return f"{path}?{'&'.join(parts)}"


def client_address(request):
    """REMOTE_ADDR, or behind a trusted proxy (TRUST_X_FORWARDED_FOR) the address that proxy saw.

    The proxy appends the address it received the request from, so the last entry is the one to
    believe; earlier entries come from the client and may be anything.
    """
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if entries:
            return entries[-1]
    return request.META.get("REMOTE_ADDR")


def _user_id(request):
    # Only a user already loaded by the view: the log must not cost a session or a user query.
    user = getattr(request, "user", None)
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user)
    from django.utils.functional import empty

    if wrapped is empty or wrapped is None:
        return None
    return wrapped.pk if wrapped.is_authenticated else None


def _size(response):
    if not response.streaming:
        return len(response.content)
    length = response.get("Content-Length")
    return int(length) if length and length.isdigit() else None


# Attributes every LogRecord has; anything else on a record came through `extra`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}
# Extras that are objects, not data (django.request passes the request and the status as extras).
_SKIPPED = {"request", "server_time"}


class JSONFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the record's extras, request_id,
    and for an error its exception type and traceback."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and name not in _SKIPPED and not name.startswith("_"):
                entry[name] = value
        request = getattr(record, "request", None)
        request_id = getattr(request, "request_id", None) or current_request_id.get()
        if request_id:
            entry["request_id"] = request_id
        if request is not None and "path" not in entry and hasattr(request, "path"):
            entry["method"] = getattr(request, "method", None)
            entry["path"] = safe_path(request)
        if record.exc_info and record.exc_info[0] is not None:
            entry["exc_type"] = record.exc_info[0].__name__
            entry["traceback"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        elif record.exc_text:
            entry["traceback"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


def init_sentry(*, dsn, environment, release, traces_sample_rate):
    """Report errors to Sentry (called by the settings only when SENTRY_DSN is set).

    No personal data is sent (send_default_pii=False): no user e-mails, cookies or request bodies.
    """
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=environment or None,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
    )
