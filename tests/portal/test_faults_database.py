"""The database goes away: pages answer 503 with a friendly page in the reader's language,
/healthz says why, both within 5 seconds, and the portal recovers by itself when it is back.

The first tests fake the error in-process (fast, any database). The last ones run the real
portal under gunicorn, talking to PostgreSQL through a proxy the test stops, hangs and starts
again (tests/portal/faultproxy.py): the shared PostgreSQL server itself is never touched.
"""

import logging
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections
from django.test import Client, RequestFactory
from django.utils import translation

from portal import faults, views
from portal.env import env_database
from tests.portal.faultproxy import FaultProxy

FRIENDLY = "The portal is briefly unavailable"
LIMIT_SECONDS = 5


def friendly_text(language):
    with translation.override(language):
        return translation.gettext(FRIENDLY)


@pytest.fixture
def database_down():
    """Every query of the request fails as if the server refused the connection."""
    error = OperationalError('connection to server at "10.0.0.7", port 5432 failed: Connection refused')
    with mock.patch.object(connections[DEFAULT_DB_ALIAS], "ensure_connection", side_effect=error):
        yield


@pytest.fixture
def browser():
    # A real 500 would be re-raised by the test client; the portal's answer is what is tested.
    return Client(raise_request_exception=False)


# --- in-process, with the error faked -----------------------------------------------------------


@pytest.mark.parametrize("path, language", [("/ky/", "ky"), ("/ru/practices/", "ru"), ("/en/magazine/", "en")])
def test_it_answers_503_in_the_readers_language(db, browser, database_down, path, language):
    response = browser.get(path)
    assert response.status_code == 503
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert friendly_text(language) in html
    assert response["Retry-After"] == str(faults.RETRY_AFTER_SECONDS)
    assert response["Content-Language"] == language
    assert "no-store" in response["Cache-Control"]


def test_a_page_cached_for_anonymous_readers_is_still_served(db, browser, settings):
    """The middleware sits outside the page cache (portal.pagecache)."""
    settings.PAGE_CACHE_SECONDS = 600
    assert browser.get("/ru/practices/").status_code == 200
    with mock.patch.object(connections[DEFAULT_DB_ALIAS], "ensure_connection", side_effect=OperationalError("down")):
        assert browser.get("/ru/practices/").status_code == 200
        assert browser.get("/ru/magazine/").status_code == 503  # not cached


def test_it_takes_the_language_from_the_cookie_where_the_address_has_none(db):
    try:
        raise OperationalError("Connection refused")
    except OperationalError:
        response = views.server_error(_request_failing("/admin/", cookie="ru"))
    assert response.status_code == 503
    assert '<html lang="ru">' in response.content.decode() and friendly_text("ru") in response.content.decode()


def _request_failing(path, cookie=None):
    request = RequestFactory().get(path)
    if cookie:
        request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = cookie
    return request


def test_the_500_handler_answers_503_for_an_error_raised_outside_the_view(db):
    """An inner middleware (the session being saved) raised it: Django calls handler500."""
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = views.server_error(_request_failing("/ru/practices/"))
    assert response.status_code == 503
    assert friendly_text("ru") in response.content.decode()


def test_the_500_handler_still_answers_500_for_other_errors(db):
    try:
        raise ValueError("a bug")
    except ValueError:
        response = views.server_error(_request_failing("/ru/practices/"))
    assert response.status_code == 500


def test_it_logs_the_error_once_per_request(db, browser, database_down, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.faults"):
        browser.get("/ky/")
    records = [record for record in caplog.records if record.name == "portal.faults"]
    assert len(records) == 1
    assert "connection refused" in records[0].getMessage()


def test_it_renders_without_touching_the_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = faults.unavailable_response(_request_failing("/en/"), OperationalError("timeout expired"))
    assert response.status_code == 503


def test_a_wrapped_error_counts_and_others_do_not():
    assert faults.is_database_unavailable(OperationalError("x"))
    try:
        try:
            raise OperationalError("connection refused")
        except OperationalError as error:
            raise RuntimeError("while loading") from error
    except RuntimeError as outer:
        assert faults.is_database_unavailable(outer)
    assert not faults.is_database_unavailable(ValueError("x"))
    assert not faults.is_database_unavailable(None)


@pytest.mark.parametrize(
    "message, reason",
    [
        ('connection to server at "10.0.0.7", port 5432 failed: Connection refused', "connection refused"),
        ("connection timeout expired", "timed out"),
        ("server closed the connection unexpectedly", "connection lost"),
        ('password authentication failed for user "portal"', "error (OperationalError)"),
    ],
)
def test_the_reason_names_no_host_or_user(message, reason):
    assert faults.describe(OperationalError(message)) == reason


def test_healthz_says_ok_when_the_database_answers(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_why_when_the_database_refuses(db, client):
    with mock.patch("portal.faults._probe_database", side_effect=OperationalError("failed: Connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content.decode() == "unavailable\ndatabase: unavailable (connection refused)\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_in_time_when_the_database_hangs(db, client):
    with (
        mock.patch("portal.faults._probe_database", side_effect=lambda: time.sleep(3)),
        mock.patch("portal.faults.HEALTH_DEADLINE_SECONDS", 0.3),
    ):
        started = time.monotonic()
        response = client.get("/healthz")
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "database: unavailable (timed out)" in response.content.decode()
    assert elapsed < 1


def test_healthz_stays_200_when_only_the_shared_cache_is_down(db, client, settings):
    """Every container shares one Redis: a blip must not make the load balancer drop them all."""
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    with mock.patch("portal.faults._probe_cache", side_effect=ConnectionError("Connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content.decode() == "degraded\ndatabase: ok\ncache: unavailable (connection refused)\n"


def test_healthz_refuses_other_methods(db, client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200


# --- the time limits in the database settings ---------------------------------------------------


def test_postgres_connections_have_a_time_limit(monkeypatch):
    monkeypatch.delenv("DATABASE_CONNECT_TIMEOUT", raising=False)
    monkeypatch.delenv("DATABASE_STATEMENT_TIMEOUT", raising=False)
    monkeypatch.setenv("TEST_DB", "postgres://portal@db.internal:5432/portal")
    config = env_database("TEST_DB", "")
    assert config["OPTIONS"] == {"connect_timeout": 3}
    assert config["CONN_MAX_AGE"] == 600 and config["CONN_HEALTH_CHECKS"] is True

    monkeypatch.setenv("DATABASE_CONNECT_TIMEOUT", "5")
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT", "30")
    config = env_database("TEST_DB", "")
    assert config["OPTIONS"] == {"connect_timeout": 5, "options": "-c statement_timeout=30000"}

    monkeypatch.setenv("DATABASE_CONNECT_TIMEOUT", "soon")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_CONNECT_TIMEOUT"):
        env_database("TEST_DB", "")


def test_sqlite_gets_no_postgres_options(monkeypatch):
    monkeypatch.setenv("TEST_DB", "sqlite:///tmp/portal.sqlite3")
    assert "connect_timeout" not in env_database("TEST_DB", "").get("OPTIONS", {})


# --- the real portal under gunicorn, PostgreSQL through a proxy ---------------------------------

ROOT = Path(__file__).resolve().parents[2]
APP_PORT, PROXY_PORT = 8240, 8241


@pytest.fixture(scope="module")
def live_portal(django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn (2 workers, DEBUG off) whose DATABASE_URL goes through a FaultProxy to the test database."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (CI runs it): the proxy stands between the portal and its server")
    database = connection.settings_dict
    if (database["HOST"] or "").startswith("/"):
        pytest.skip("needs PostgreSQL over TCP: the proxy cannot stand in for a Unix socket")
    proxy = FaultProxy(listen_port=PROXY_PORT, target=(database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432)))
    proxy.start()
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DATABASE_URL": f"postgres://{user}{password}@127.0.0.1:{PROXY_PORT}/{database['NAME']}",
        "DEBUG": "0",
        "SECRET_KEY": "faults-test-secret-key",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("REDIS_URL", None)
    env.pop("DATABASE_CONNECT_TIMEOUT", None)  # the default is what is tested
    log_path = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    log = log_path.open("wb")
    server = subprocess.Popen(  # noqa: S603 (a fixed command line)
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "portal.wsgi:application",
            f"--bind=127.0.0.1:{APP_PORT}",
            "--workers=2",
            "--timeout=30",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if fetch("/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start: {log_path.read_text()[-2000:]}")
            time.sleep(0.2)
        yield {"proxy": proxy, "server": server, "log": log_path}
    finally:
        proxy.up()
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        proxy.close()
        log.close()


def fetch(path, cookies=None):
    """(status, body, seconds) of a GET, given LIMIT_SECONDS to answer."""
    headers = {"Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    request = urllib.request.Request(f"http://127.0.0.1:{APP_PORT}{path}", headers=headers)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=LIMIT_SECONDS) as response:  # noqa: S310 (http://127.0.0.1)
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, body, time.monotonic() - started


# A query string no page was cached under: a page cached for anonymous readers is rightly
# served while the database is away, and these tests are about the pages that are not.
_fresh = iter(range(1, 1_000_000))


def fresh(path):
    return f"{path}?fault={next(_fresh)}"


def assert_unavailable(path, language, cookies=None):
    status, body, seconds = fetch(fresh(path), cookies)
    assert status == 503, (path, status, body[:300])
    assert f'<html lang="{language}">' in body and friendly_text(language) in body
    assert seconds < LIMIT_SECONDS
    return seconds


@pytest.mark.django_db  # the test database must exist; the portal only reads it
def test_it_answers_503_within_5_seconds_while_the_database_is_stopped(live_portal):
    live_portal["proxy"].down()
    try:
        for path, language in [("/ky/", "ky"), ("/ru/practices/", "ru"), ("/en/magazine/", "en"), ("/ru/", "ru")]:
            assert_unavailable(path, language)
        status, body, seconds = fetch("/healthz")
        assert (status, body) == (503, "unavailable\ndatabase: unavailable (connection refused)\n")
        assert seconds < LIMIT_SECONDS
    finally:
        live_portal["proxy"].up()


@pytest.mark.django_db  # the test database must exist; the portal only reads it
def test_it_answers_503_within_5_seconds_while_the_database_hangs(live_portal):
    live_portal["proxy"].hang()
    try:
        timings = [assert_unavailable(path, language) for path, language in [("/ky/", "ky"), ("/ru/practices/", "ru")]]
        # A signed-in reader's session is read from the database too: still one wait, not two.
        signed_in = {settings.SESSION_COOKIE_NAME: "x" * 32, settings.LANGUAGE_COOKIE_NAME: "en"}
        timings.append(assert_unavailable("/en/magazine/", "en", signed_in))
        timings.append(assert_unavailable("/admin/", "en", signed_in))
        status, body, seconds = fetch("/healthz")
        assert (status, body) == (503, "unavailable\ndatabase: unavailable (timed out)\n")
        assert seconds < LIMIT_SECONDS
        # The connection time limit (DATABASE_CONNECT_TIMEOUT, 3 s) is what answered, not the client giving up.
        assert min(timings) > 2
    finally:
        live_portal["proxy"].up()


@pytest.mark.django_db  # the test database must exist; the portal only reads it
def test_it_recovers_without_a_restart_when_the_database_returns(live_portal):
    proxy, server = live_portal["proxy"], live_portal["server"]
    assert fetch(fresh("/ru/practices/"))[0] == 200  # workers hold persistent connections now
    proxy.down()  # and they are cut
    assert_unavailable("/ru/practices/", "ru")
    proxy.up()
    for path in ["/ky/", "/ru/practices/", "/en/magazine/", "/ky/", "/ru/practices/"]:  # both workers
        status, body, _seconds = fetch(fresh(path))
        assert status == 200, (path, status, body[:300])
    assert fetch("/healthz")[:2] == (200, "ok\n")
    assert server.poll() is None  # the same gunicorn, never restarted
