"""Settings for the LSG Best Practices Portal.

Configuration comes only from environment variables (see the README's table).
The defaults run a first clone on SQLite with console e-mail; they are safe:
DEBUG is off unless set, and SECRET_KEY must be given outside DEBUG.
"""

from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.env import (
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
for origin in CSRF_TRUSTED_ORIGINS:
    if not origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(f"CSRF_TRUSTED_ORIGINS entries must start with http:// or https://, got {origin!r}.")

# The portal's name in e-mails and the admin, in the reader's language.
SITE_NAME = _("LSG Best Practices Portal")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "imagekit",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "reversion",
    "csp",
    "allauth",
    "allauth.account",
    "portal",
    "accounts",
    "practices",
    "magazine",
    "news",
    "events",
]

MIDDLEWARE = [
    # Outermost: every response is logged with its duration, cache hits and errors included.
    "portal.observability.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so cached pages get the Content-Security-Policy header too.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A database that is away gives a friendly 503, not a 500 (cached pages are still served).
    "portal.faults.DatabaseUnavailableMiddleware",
    # Anonymous pages from the cache, before the session or the database is touched.
    "portal.pagecache.PageCacheMiddleware",
    # Below the page cache, so it stores the compressed page and a hit does no compression work.
    "django.middleware.gzip.GZipMiddleware",
    # ETag and 304 for pages the cache does not keep; below GZip, so the ETag is of the plain body.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.middleware.RememberLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite file on a bare machine, PostgreSQL in CI and production.
DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared between app containers), local memory otherwise.
REDIS_URL = env_url("REDIS_URL", schemes=("redis", "rediss", "unix"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            # A Redis that is away must cost a second, not hang the request (pages then skip the cache).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Page cache (portal/pagecache.py) ---
# Anonymous pages are served from the "default" cache for at most this many seconds (0 turns the
# page cache off). Any change to content that pages show makes them stale at once; this bounds only
# what changes without a content save: time-based lists (upcoming events) and member counts.
# Off by default in DEBUG: a template being edited must show at once (set it to try the cache locally).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 600, minimum=0)
# --- end of page cache ---

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
ACCOUNT_LOGOUT_REDIRECT_URL = "portal:home"

# django-allauth: e-mail as the login, mandatory confirmation, no user enumeration,
# and rate limits (login throttling) kept in the cache.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Confirming in the same browser signs the member in and returns them where they were going
# (a visitor who signs up on the way to a subscription lands back on it).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.MemberSignupForm"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_RATE_LIMIT", "5/5m/ip,5/5m/key"),
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}

# Languages: Kyrgyz is the state language and the default.
LANGUAGE_CODE = "ky"
LANGUAGES = [
    ("ky", _("Kyrgyz")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Bishkek"
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # as RememberLanguageMiddleware sets it; no script reads it

# django-modeltranslation: when a text is missing, show the first available of
# Russian, Kyrgyz, English (DESIGN.md "Languages").
MODELTRANSLATION_DEFAULT_LANGUAGE = "ky"
MODELTRANSLATION_LANGUAGES = ("ky", "ru", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ru", "ky", "en")

# Static files: hashed names, compressed, served by WhiteNoise with a year's cache.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]

# Media storage: public media (covers, thumbnails) and private files (paid PDFs,
# members-only attachments), which are only ever served through a permission check.
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
# Behind nginx: an internal location's prefix ("/protected/") aliased to PRIVATE_MEDIA_ROOT; the app
# checks the right and answers with X-Accel-Redirect, nginx sends the file. Empty: the app streams it.
PRIVATE_MEDIA_X_ACCEL_REDIRECT = env_str("PRIVATE_MEDIA_X_ACCEL_REDIRECT", "")
# --- Media storage backends (S3-compatible through django-storages when configured) ---
# Local folders by default (one machine, or shared volumes). Setting AWS_STORAGE_BUCKET_NAME moves both
# storages to S3-compatible object storage (AWS S3, MinIO, ...), which several app containers share:
# public media as public objects with a long cache, private files as private objects that leave the
# bucket only through a view that checks the right and answers with a signed URL valid for a minute.
# SERVE_MEDIA: the app itself serves MEDIA_ROOT (portal/media.py) on a single machine with no proxy.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
MEDIA_CACHE_SECONDS = env_int("MEDIA_CACHE_SECONDS", 7 * 24 * 3600, minimum=0)
PRIVATE_MEDIA_URL_EXPIRE = env_int("PRIVATE_MEDIA_URL_EXPIRE", 60, minimum=1)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
_s3_bucket = env_str("AWS_STORAGE_BUCKET_NAME")
_s3_vars = (
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_PRIVATE_STORAGE_BUCKET_NAME",
    "AWS_PRIVATE_LOCATION",
    "AWS_LOCATION",
    "AWS_S3_OBJECT_ACLS",
)
if not _s3_bucket:
    _stray = [name for name in _s3_vars if env_str(name)]
    if _stray:
        raise ImproperlyConfigured(f"{', '.join(_stray)} set but AWS_STORAGE_BUCKET_NAME is empty: set it to use S3.")
else:
    _s3_endpoint = env_url("AWS_S3_ENDPOINT_URL", schemes=("http", "https")).rstrip("/")
    _s3_region = env_str("AWS_S3_REGION_NAME") or None
    _s3_domain = env_str("AWS_S3_CUSTOM_DOMAIN").strip().rstrip("/")
    if "://" in _s3_domain:
        raise ImproperlyConfigured(f"AWS_S3_CUSTOM_DOMAIN is a host name without a scheme, got {_s3_domain!r}.")
    _s3_key, _s3_secret = env_str("AWS_ACCESS_KEY_ID"), env_str("AWS_SECRET_ACCESS_KEY")
    if bool(_s3_key) != bool(_s3_secret):
        _missing = "AWS_SECRET_ACCESS_KEY" if _s3_key else "AWS_ACCESS_KEY_ID"
        raise ImproperlyConfigured(f"{_missing} must be set with the other half of the S3 key (or leave both empty).")
    # Off for buckets with ACLs disabled ("bucket owner enforced"): a bucket policy makes objects public.
    _s3_acls = env_bool("AWS_S3_OBJECT_ACLS", True)
    _s3_location = env_str("AWS_LOCATION").strip("/")
    _s3_private_bucket = env_str("AWS_PRIVATE_STORAGE_BUCKET_NAME") or _s3_bucket
    _s3_same_bucket = _s3_private_bucket == _s3_bucket
    _s3_private_location = env_str("AWS_PRIVATE_LOCATION", "private" if _s3_same_bucket else "").strip("/")
    if _s3_same_bucket:
        # In a shared bucket, only per-object ACLs and a separate prefix keep private files private.
        if not _s3_acls:
            raise ImproperlyConfigured(
                "AWS_PRIVATE_STORAGE_BUCKET_NAME must name a separate bucket when AWS_S3_OBJECT_ACLS is off."
            )
        if not _s3_private_location or _s3_private_location == _s3_location:
            raise ImproperlyConfigured(
                "AWS_PRIVATE_LOCATION must be a prefix of its own when private files share the public bucket."
            )
    if PRIVATE_MEDIA_X_ACCEL_REDIRECT:
        raise ImproperlyConfigured("PRIVATE_MEDIA_X_ACCEL_REDIRECT needs local private files; unset it with S3.")
    if SERVE_MEDIA:
        raise ImproperlyConfigured("SERVE_MEDIA serves local files; unset it with S3 (the bucket serves them).")
    _s3_common = {
        "endpoint_url": _s3_endpoint or None,
        "region_name": _s3_region,
        "access_key": _s3_key or None,  # None: boto3 finds credentials itself (an instance role, ...)
        "secret_key": _s3_secret or None,
        # MinIO and most other S3-compatible servers want path-style addresses.
        "addressing_style": "path" if _s3_endpoint else None,
        "signature_version": "s3v4",
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": _s3_common
        | {
            "bucket_name": _s3_bucket,
            "location": _s3_location,
            "custom_domain": _s3_domain or None,
            "querystring_auth": False,
            "default_acl": "public-read" if _s3_acls else None,
            "object_parameters": {"CacheControl": f"public, max-age={MEDIA_CACHE_SECONDS}"},
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": _s3_common
        | {
            "bucket_name": _s3_private_bucket,
            "location": _s3_private_location,
            "custom_domain": None,  # signed S3 URLs only, never through a public CDN
            "querystring_auth": True,
            "querystring_expire": PRIVATE_MEDIA_URL_EXPIRE,
            "default_acl": "private" if _s3_acls else None,
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }
    if not env_str("MEDIA_URL"):
        # Where public objects are (the Content-Security-Policy allows images from there).
        if _s3_domain:
            _s3_base = f"https://{_s3_domain}"
        elif _s3_endpoint:
            _s3_base = f"{_s3_endpoint}/{_s3_bucket}"
        else:
            _s3_base = f"https://{_s3_bucket}.s3.{_s3_region + '.' if _s3_region else ''}amazonaws.com"
        MEDIA_URL = f"{_s3_base}/{_s3_location + '/' if _s3_location else ''}"
# Thumbnails (django-imagekit) are made when an image is saved, so pages never
# check the storage for them.
# --- end of media storage backends ---
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "thumbnails"
IMAGEKIT_SPEC_CACHEFILE_NAMER = "portal.thumbnails.remembered_source_name_as_path"
# What a member may upload with a proposal (checked by content, not by name).
UPLOAD_MAX_FILE_SIZE = env_int("UPLOAD_MAX_FILE_SIZE", 20 * 1024 * 1024, minimum=1)
UPLOAD_MAX_IMAGE_PIXELS = env_int("UPLOAD_MAX_IMAGE_PIXELS", 40_000_000, minimum=1)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024, minimum=0)

# Background tasks (django-tasks): e-mail delivery and the magazine's notices are
# queued in the database and run by `python manage.py db_worker` (make run starts one).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# E-mail: console on a bare machine, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "LSG Portal <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", addr) for addr in env_list("ADMIN_EMAILS")]

# Security. SECURE_SSL_REDIRECT is switchable for a proxy that terminates TLS
# and redirects by itself; everything else is on outside DEBUG.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# --- Content-Security-Policy (django-csp) ---
# Public pages have no script and no inline style, and are cached whole for anonymous readers, so
# they must not need a nonce. Only the admin (never cached) asks for one, through request.csp_nonce
# (templates/admin/change_form.html), for the import map django-prose-editor writes inline: a page
# that never reads the nonce gets a header without it.
TIPTAP_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
CSP_MEDIA_ORIGINS = []
if MEDIA_URL.startswith(("http://", "https://")):
    # Public media on another host (an S3 bucket's custom domain): images are loaded from there.
    _media = urlsplit(MEDIA_URL)
    CSP_MEDIA_ORIGINS = [f"{_media.scheme}://{_media.netloc}"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # Tiptap (inside django-prose-editor) injects its base CSS as a <style> element without a nonce:
        # that one block is allowed by its hash (tests/browser/test_csp.py notices when an upgrade
        # changes it); no other inline style.
        "style-src": [SELF, TIPTAP_STYLE_HASH],
        "img-src": [SELF, "data:", *CSP_MEDIA_ORIGINS],
        "media-src": [SELF, *CSP_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# --- end of Content-Security-Policy ---

# --- Logging, error reporting (portal/observability.py) ---
# Everything goes to standard error: one JSON object per line in production (LOG_FORMAT=json, the
# default outside DEBUG), readable lines in DEBUG. Each request leaves one "portal.request" record;
# errors (django.request, 5xx) come through the same handler with their traceback as a field.
LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"})
LOG_FORMAT = env_choice("LOG_FORMAT", "text" if DEBUG else "json", {"json", "text"})
# Behind one reverse proxy or load balancer that sets X-Forwarded-For, log the address it saw.
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", env_bool("USE_X_FORWARDED_PROTO", False))
# allauth's login throttling counts by the client's address: behind the proxy, take it from the same
# header (otherwise every visitor would share the proxy's address and one attacker would lock out all).
ALLAUTH_TRUSTED_PROXY_COUNT = 1 if TRUST_X_FORWARDED_FOR else 0
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "json": {"()": "portal.observability.JSONFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own records reach the console once, through the root (and ADMIN_EMAILS, if set).
        "django": {"handlers": ["mail_admins"], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "INFO"},
    },
}

# Sentry, only when SENTRY_DSN is set: errors (and a share of requests as traces), no personal data.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    try:
        SENTRY_TRACES_SAMPLE_RATE = float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0") or 0)
    except ValueError:
        raise ImproperlyConfigured("SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1.") from None
    if not 0 <= SENTRY_TRACES_SAMPLE_RATE <= 1:
        raise ImproperlyConfigured("SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1.")
    from portal.observability import init_sentry

    init_sentry(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT"),
        release=env_str("SENTRY_RELEASE"),
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
    )
# --- end of logging ---
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# The admin's translated-field tabs (modeltranslation reads JQUERY_UI_URL) use jQuery UI;
# it is vendored, never loaded from a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# Absolute links in e-mails (the portal's public address, no trailing slash).
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000", schemes=("http", "https")).rstrip("/")

# The magazine's orders and payments (magazine.payments, magazine.subscriptions).
# MAGAZINE_PAYMENT_METHOD picks the payment method (today only a bank transfer an editor confirms).
# The bank details below are DEMO PLACEHOLDERS: set the real ones through the environment before
# taking payments. Members write their order's reference in the transfer's purpose.
MAGAZINE_PAYMENT_METHOD = env_choice("MAGAZINE_PAYMENT_METHOD", "bank_transfer", {"bank_transfer"})
MAGAZINE_BANK_DETAILS = {
    "recipient": env_str("MAGAZINE_BANK_RECIPIENT", "Union of Local Self-Governments of the Kyrgyz Republic"),
    "inn": env_str("MAGAZINE_BANK_INN", "00000000000000 (placeholder)"),
    "bank": env_str("MAGAZINE_BANK_NAME", "Demo Bank of Kyrgyzstan, Bishkek (placeholder)"),
    "account": env_str("MAGAZINE_BANK_ACCOUNT", "0000000000000000 (placeholder)"),
    "bik": env_str("MAGAZINE_BANK_BIK", "000000 (placeholder)"),
}
MAGAZINE_ISSUE_PRICE = env_int("MAGAZINE_ISSUE_PRICE", 150, minimum=1)  # one issue, in som
MAGAZINE_REMINDER_DAYS = env_int("MAGAZINE_REMINDER_DAYS", 14, minimum=1)  # expiry reminder, days before the end

# --- Backups (portal/management/commands/backup.py, restore.py) ---
# `manage.py backup` writes dated archives here (they hold personal data: keep the folder private,
# and copy the archives off the machine); BACKUP_KEEP > 0 deletes all but the newest that many.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "backups")))
BACKUP_KEEP = env_int("BACKUP_KEEP", 0, minimum=0)

# --- end of backups ---
