"""Errors go to Sentry only when SENTRY_DSN is set, without personal data; nothing is ever sent here
(sentry_sdk.init is replaced)."""

import pytest
import sentry_sdk
from django.core.exceptions import ImproperlyConfigured
from sentry_sdk.integrations.django import DjangoIntegration

from tests.portal.settings_probe import load_settings

SENTRY_VARIABLES = ("SENTRY_DSN", "SENTRY_ENVIRONMENT", "SENTRY_RELEASE", "SENTRY_TRACES_SAMPLE_RATE")
DSN = "https://public@sentry.example.test/1"


@pytest.fixture
def init_calls(monkeypatch):
    calls = []
    monkeypatch.setattr(sentry_sdk, "init", lambda *args, **kwargs: calls.append(kwargs))
    return calls


def test_it_does_not_start_sentry_without_a_dsn(monkeypatch, init_calls):
    load_settings(monkeypatch, unset=SENTRY_VARIABLES)

    assert init_calls == []


def test_it_starts_sentry_with_the_settings_from_the_environment(monkeypatch, init_calls):
    load_settings(
        monkeypatch,
        unset=SENTRY_VARIABLES,
        SENTRY_DSN=DSN,
        SENTRY_ENVIRONMENT="staging",
        SENTRY_RELEASE="portal@1.2.3",
        SENTRY_TRACES_SAMPLE_RATE="0.25",
    )

    [options] = init_calls
    assert options["dsn"] == DSN
    assert options["environment"] == "staging"
    assert options["release"] == "portal@1.2.3"
    assert options["traces_sample_rate"] == 0.25
    assert options["send_default_pii"] is False
    assert any(isinstance(integration, DjangoIntegration) for integration in options["integrations"])


def test_it_traces_nothing_unless_asked(monkeypatch, init_calls):
    load_settings(monkeypatch, unset=SENTRY_VARIABLES, SENTRY_DSN=DSN)

    [options] = init_calls
    assert options["traces_sample_rate"] == 0
    assert options["environment"] is None and options["release"] is None


@pytest.mark.parametrize("rate", ["often", "1.5", "-0.1", "nan"])
def test_it_refuses_a_bad_sample_rate(monkeypatch, init_calls, rate):
    with pytest.raises(ImproperlyConfigured, match="SENTRY_TRACES_SAMPLE_RATE"):
        load_settings(monkeypatch, unset=SENTRY_VARIABLES, SENTRY_DSN=DSN, SENTRY_TRACES_SAMPLE_RATE=rate)
    assert init_calls == []
