"""Settings come only from the environment and fail at start on a bad value,
naming the variable."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import env

ROOT = Path(__file__).resolve().parents[2]


def start_django(**environ):
    """Import the real settings in a fresh interpreter with exactly these variables."""
    clean = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG", "SYSTEMROOT"}}
    clean.update(environ)
    clean["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({}, "SECRET_KEY"),
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"SECRET_KEY": "x" * 50, "DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL"),
        ({"DEBUG": "1", "EMAIL_PORT": "twenty-five"}, "EMAIL_PORT"),
        ({"DEBUG": "1", "REDIS_URL": "http://127.0.0.1:6379"}, "REDIS_URL"),
        ({"DEBUG": "1", "SECURE_SSL_REDIRECT": "sometimes"}, "SECURE_SSL_REDIRECT"),
        ({"DEBUG": "1", "CSRF_TRUSTED_ORIGINS": "portal.kg"}, "CSRF_TRUSTED_ORIGINS"),
        ({"DEBUG": "1", "SECURE_HSTS_SECONDS": "-5"}, "SECURE_HSTS_SECONDS"),
        ({"DEBUG": "1", "LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"DEBUG": "1", "SITE_URL": "portal.kg"}, "SITE_URL"),
    ],
)
def test_it_fails_at_start_naming_the_bad_variable(environ, variable):
    result = start_django(**environ)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.splitlines()[-1]


def test_it_starts_on_a_bare_machine_in_debug():
    result = start_django(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_it_starts_with_production_values():
    result = start_django(
        SECRET_KEY="k" * 60,
        ALLOWED_HOSTS="portal.example.kg",
        DATABASE_URL="postgres://portal@db:5432/portal",
        REDIS_URL="redis://cache:6379/0",
        EMAIL_HOST="smtp.example.kg",
    )
    assert result.returncode == 0, result.stderr


def test_deploy_check_passes_with_production_values():
    clean = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG"}}
    clean.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.example.kg",
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("raw", ["1", "true", "YES", "on"])
def test_env_bool_reads_true(monkeypatch, raw):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env.env_bool("SOME_FLAG") is True


@pytest.mark.parametrize("raw", ["0", "false", "No", "off", ""])
def test_env_bool_reads_false(monkeypatch, raw):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env.env_bool("SOME_FLAG", True) is False


def test_env_int_names_the_variable(monkeypatch):
    monkeypatch.setenv("WORKERS", "two")
    with pytest.raises(ImproperlyConfigured, match="WORKERS"):
        env.env_int("WORKERS", 2)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.kg, b.kg ,,")
    assert env.env_list("HOSTS") == ["a.kg", "b.kg"]
