"""Read settings from the environment, failing loudly on a bad value.

Every helper names the variable in its error so that a mistyped deployment
stops at start with a message an operator can act on.
"""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (one of 1/0, true/false, yes/no, on/off), got {raw!r}.")


def env_int(name, default, *, minimum=None):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}.")
    return value


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name, default, choices):
    raw = os.environ.get(name, default)
    if raw not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(sorted(choices))}, got {raw!r}.")
    return raw


def env_database(name, default):
    import dj_database_url

    raw = os.environ.get(name) or default
    try:
        config = dj_database_url.parse(raw, conn_max_age=600, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types for bad URLs
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {exc}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"{name} names an unknown database scheme: {raw.split(':', 1)[0]!r}.")
    if config["ENGINE"] == "django.db.backends.postgresql":
        options = config.setdefault("OPTIONS", {})
        # A database that is down or hangs fails a request in seconds (a friendly 503, see
        # portal.faults) instead of holding a worker until gunicorn kills it.
        options.setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 3, minimum=1))
        # Off unless set: the same settings run migrations, backups and index rebuilds, which may
        # rightly take minutes. Set it for the web containers only (seconds).
        statement_timeout = env_int("DATABASE_STATEMENT_TIMEOUT", 0, minimum=0)
        if statement_timeout:
            flag = f"-c statement_timeout={statement_timeout * 1000}"
            options["options"] = f"{options['options']} {flag}" if options.get("options") else flag
    return config


def env_url(name, default="", *, schemes):
    raw = os.environ.get(name, default)
    if raw and raw.split("://", 1)[0] not in schemes:
        raise ImproperlyConfigured(
            f"{name} must start with one of {', '.join(s + '://' for s in schemes)}, got {raw!r}."
        )
    return raw
