"""Every request leaves one structured log record; errors leave their traceback, under the same request id."""

import json
import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.observability import JSONFormatter, RequestLogMiddleware
from tests.portal.settings_probe import load_settings

FIELDS = {
    "time",
    "level",
    "logger",
    "message",
    "method",
    "path",
    "status",
    "duration_ms",
    "user_id",
    "queries",
    "cache",
    "bytes",
    "remote_addr",
    "request_id",
}


def request_lines(caplog):
    """The portal.request records, each as the JSON line the production handler writes."""
    formatter = JSONFormatter()
    return [formatter.format(record) for record in caplog.records if record.name == "portal.request"]


@pytest.fixture(autouse=True)
def _capture(caplog):
    caplog.set_level(logging.INFO, logger="portal.request")


@pytest.mark.django_db
def test_it_logs_one_json_line_per_request(client, caplog):
    url = reverse("portal:home") + "?q=water&token=abc123&password=hunter2&page=2&api_key=k-99&code=4711"

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_USER_AGENT="test")

    assert response.status_code == 200
    [line] = request_lines(caplog)
    assert "\n" not in line
    entry = json.loads(line)
    assert FIELDS <= set(entry)
    assert entry["logger"] == "portal.request"
    assert entry["level"] == "INFO"
    assert entry["method"] == "GET"
    assert entry["status"] == 200
    assert entry["duration_ms"] > 0
    assert entry["queries"] == len(queries) > 0
    assert entry["user_id"] is None
    assert entry["cache"] in {"HIT", "MISS", "-"}
    assert entry["bytes"] == len(response.content)
    assert entry["remote_addr"] == "127.0.0.1"
    assert entry["request_id"] == response["X-Request-ID"]
    assert entry["path"] == (reverse("portal:home") + "?q=water&token=***&password=***&page=2&api_key=***&code=***")
    for secret in ("abc123", "hunter2", "k-99", "4711"):
        assert secret not in line


@pytest.mark.django_db
def test_it_logs_the_signed_in_member(client, caplog, servant):
    client.force_login(servant)

    client.get(reverse("portal:home"))

    [line] = request_lines(caplog)
    assert json.loads(line)["user_id"] == servant.pk


@pytest.mark.django_db
def test_it_logs_a_server_error_with_its_traceback_under_the_request_id(caplog, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the theme counts are broken")

    monkeypatch.setattr("portal.views.themes_with_counts", broken)
    client = Client(raise_request_exception=False)

    response = client.get(reverse("portal:home"), HTTP_X_REQUEST_ID="lb-7f3a-0001")

    assert response.status_code == 500
    assert response["X-Request-ID"] == "lb-7f3a-0001"
    [error] = [record for record in caplog.records if record.name == "django.request"]
    entry = json.loads(JSONFormatter().format(error))
    assert entry["level"] == "ERROR"
    assert entry["request_id"] == "lb-7f3a-0001"
    assert entry["status_code"] == 500
    assert entry["exc_type"] == "RuntimeError"
    assert "Traceback (most recent call last)" in entry["traceback"]
    assert "RuntimeError: the theme counts are broken" in entry["traceback"]
    assert "in broken" in entry["traceback"]
    [line] = request_lines(caplog)
    assert json.loads(line)["status"] == 500
    assert json.loads(line)["request_id"] == "lb-7f3a-0001"


def middleware_response(response=None, **headers):
    """(response, log entry) of RequestLogMiddleware around a view that answers `response`."""
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("portal.request")
    logger.addHandler(handler)
    try:
        request = RequestFactory().get("/ky/", **headers)
        result = RequestLogMiddleware(lambda request: response or HttpResponse("ok"))(request)
    finally:
        logger.removeHandler(handler)
    [record] = records
    return result, json.loads(JSONFormatter().format(record))


def test_it_echoes_a_request_id_from_the_load_balancer():
    response, entry = middleware_response(HTTP_X_REQUEST_ID="3f2c9a1e-req")

    assert response["X-Request-ID"] == entry["request_id"] == "3f2c9a1e-req"


@pytest.mark.parametrize("given", [None, "", "not an id\nforged: line", "x" * 200])
def test_it_makes_a_request_id_when_none_usable_is_given(given):
    headers = {} if given is None else {"HTTP_X_REQUEST_ID": given}

    response, entry = middleware_response(**headers)

    assert len(entry["request_id"]) == 32
    assert response["X-Request-ID"] == entry["request_id"]


def test_it_logs_the_page_caches_answer():
    cached = HttpResponse("cached page")
    cached["X-Cache"] = "HIT"

    _response, entry = middleware_response(cached)

    assert entry["cache"] == "HIT"
    assert entry["queries"] == 0
    assert entry["bytes"] == len(b"cached page")


def test_it_ignores_x_forwarded_for_unless_the_proxy_is_trusted(settings):
    settings.TRUST_X_FORWARDED_FOR = False

    _response, entry = middleware_response(HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="10.0.0.5")

    assert entry["remote_addr"] == "10.0.0.5"


def test_it_logs_the_address_the_trusted_proxy_saw(settings):
    settings.TRUST_X_FORWARDED_FOR = True

    # The client wrote the first entry itself; the proxy appended the address it really saw.
    _response, entry = middleware_response(HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.5")

    assert entry["remote_addr"] == "203.0.113.9"


def test_it_writes_json_outside_debug_and_text_in_debug(monkeypatch):
    production = load_settings(monkeypatch, unset=("LOG_FORMAT", "DEBUG"))
    development = load_settings(monkeypatch, unset=("LOG_FORMAT",), DEBUG="1")

    assert production.LOGGING["handlers"]["console"]["formatter"] == "json"
    assert development.LOGGING["handlers"]["console"]["formatter"] == "text"


def test_it_refuses_an_unknown_log_format(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT"):
        load_settings(monkeypatch, LOG_FORMAT="xml")
