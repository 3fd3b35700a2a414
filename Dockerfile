# The portal's production image: gunicorn serving Django, static files served by WhiteNoise.
# All configuration comes from the environment at run time (DATABASE_URL, SECRET_KEY,
# ALLOWED_HOSTS, REDIS_URL, ...); see docker-compose.yml for a local example.
# Debian 12 (bookworm): its postgresql-client is 15, the version of the db service in docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=portal.settings \
    WEB_CONCURRENCY=2

WORKDIR /app

RUN groupadd --system --gid 1000 portal \
    && useradd --system --uid 1000 --gid portal --home-dir /app --no-create-home --shell /usr/sbin/nologin portal

# pg_dump and pg_restore for `manage.py backup` and `restore` (README "Backups"). The client's major
# version must be at least the server's: 15 here, as the postgres:15 service.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, so that a code change does not reinstall them.
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

# The code stays owned by root: the app can read it but not change it. The .mo
# catalogues are committed, so there is no compilemessages (and no gettext) here.
COPY . .

# Hashed, compressed static files for WhiteNoise. The settings refuse to load without a
# SECRET_KEY outside DEBUG, so this step gets a throwaway one that is not kept in the image.
RUN SECRET_KEY=collectstatic-only-not-a-secret python manage.py collectstatic --noinput --verbosity 1 \
    && mkdir -p /app/media /app/private-media /app/backups \
    && chown portal:portal /app/media /app/private-media /app/backups
# (media and private-media are the only places the app writes to, and backups the folder where
# `manage.py backup` writes by default; mount volumes there, as docker-compose.yml does for media,
# unless the deployment keeps uploads in S3-compatible storage)

USER portal

EXPOSE 8000

# /healthz answers 200 when the database does. The Host header is the first allowed host,
# so that the check passes Django's ALLOWED_HOSTS in production too.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request as u; hosts = [h.strip().lstrip('.') for h in os.environ.get('ALLOWED_HOSTS', '').split(',') if h.strip() not in ('', '*')]; request = u.Request('http://127.0.0.1:8000/healthz', headers={'Host': (hosts or ['localhost'])[0]}); sys.exit(0 if u.urlopen(request, timeout=4).status == 200 else 1)"]

# gunicorn reads its number of workers from WEB_CONCURRENCY (2 unless the deployment says otherwise).
# No gunicorn access log: the portal logs every request itself, as one JSON line with more to say
# (duration, SQL queries, cache, user, request id; README "Logs and errors"). gunicorn's error log
# (worker starts, timeouts, crashes) still goes to standard error.
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--worker-tmp-dir", "/dev/shm", "--graceful-timeout", "20", "--no-control-socket"]
