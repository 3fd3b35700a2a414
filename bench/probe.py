"""In-process half of the benchmark, run with the same settings and database as gunicorn
(bench/server.py `probe`): picks the real URLs to load, signs a bench member in (a session
in the database, so gunicorn accepts its cookie), and counts each page's SQL queries in the
steady state (the second request, as a warmed-up server answers it) with django.test.Client
and CaptureQueriesContext. Writes JSON to the path given.

Usage: .venv/bin/python bench/probe.py OUT.json   (with the environment of bench/server.portal_env)
"""

import json
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.visibility import Visibility  # noqa: E402
from magazine.models import Edition, Issue  # noqa: E402
from portal import benchdata  # noqa: E402
from practices.models import Attachment, Practice  # noqa: E402

HOST = "127.0.0.1"
HEADERS = {"HTTP_ACCEPT_ENCODING": "gzip"}
ANONYMOUS = AnonymousUser()


def url(name, language="ky", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def pages():
    """[(key, label, path, signed_in)] in the order of the table."""
    practice = (
        Practice.objects.for_reader(ANONYMOUS)
        .filter(municipality__isnull=False, attachments__isnull=True)
        .order_by("-published_at")
        .first()
    )
    # The theme with the most practices, filtered by the region and year most of them have.
    busiest = (
        Practice.objects.for_reader(ANONYMOUS)
        .filter(municipality__isnull=False)
        .values("theme__slug", "municipality__region__code")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    year = timezone.localdate().year - 1
    theme_path = (
        url("practices:theme", slug=busiest["theme__slug"])
        + f"?region={busiest['municipality__region__code']}&year={year}"
    )
    issue = Issue.objects.published().first()
    return [
        ("ceiling", "Ceiling: a trivial view", "/bench/ceiling", False),
        ("home", "Home page", url("portal:home"), False),
        ("library", "Library", url("practices:index"), False),
        ("theme", "Theme with filters", theme_path, False),
        ("practice", "Practice page", url("practices:detail", slug=practice.slug), False),
        ("magazine", "Magazine index", url("magazine:index"), False),
        ("issue", "Issue page", url("magazine:issue", year=issue.year, number=issue.number), False),
        (
            "search_ru",
            "Search in Russian (водопровод)",
            url("portal:search", "ru") + "?" + urlencode({"q": "водопровод"}),
            False,
        ),
        (
            "search_ky",
            "Search in Kyrgyz (мектеп)",
            url("portal:search", "ky") + "?" + urlencode({"q": "мектеп"}),
            False,
        ),
        ("library_member", "Library, signed in", url("practices:index"), True),
    ]


def member_client():
    client = Client(SERVER_NAME=HOST, **HEADERS)
    client.force_login(User.objects.get(email=benchdata.BENCH_SERVANT))
    return client


def measure(client, path):
    """(status, queries, queries of the first request, X-Cache, bytes) of the second request."""
    with CaptureQueriesContext(connection) as first:
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, len(queries), len(first), response.headers.get("X-Cache", "-"), len(body)


def load_targets():
    """What bench/locustfile.py reads: pages, files, members and search words that exist in this database."""
    public = Practice.objects.for_reader(ANONYMOUS).order_by("?")
    members_only = Practice.objects.published().filter(visibility=Visibility.MEMBERS).order_by("?")
    issues = list(Issue.objects.published()[:60])
    free_editions = Edition.objects.filter(issue__is_free=True).select_related("issue")[:20]
    attachments = Attachment.objects.filter(
        practice__status=Practice.Status.PUBLISHED, practice__visibility=Visibility.PUBLIC
    ).select_related("practice")
    return {
        "practices": [p.slug for p in public.only("slug")[:300]],
        "member_practices": [p.slug for p in members_only.only("slug")[:100]],
        "themes": list(Practice.objects.values_list("theme__slug", flat=True).distinct()),
        "regions": list(
            Practice.objects.exclude(municipality=None).values_list("municipality__region__code", flat=True).distinct()
        ),
        "years": sorted({p.year for p in public.only("year")[:300] if p.year}),
        "issues": [[issue.year, issue.number] for issue in issues],
        "free_downloads": [edition.get_download_url() for edition in free_editions],
        "attachment_downloads": [attachment.get_absolute_url() for attachment in attachments],
        "members": [f"member{i:05d}@bench.kg" for i in range(1, benchdata.LOAD_MEMBERS + 1)],
        "subscriber": benchdata.BENCH_SUBSCRIBER,
        "password": benchdata.BENCH_PASSWORD,
        "search_words": benchdata.SEARCH_WORDS,
    }


def main(out_path):
    anonymous = Client(SERVER_NAME=HOST, **HEADERS)
    member = member_client()
    rows = []
    for key, label, path, signed_in in pages():
        status, queries, first, cache, size = measure(member if signed_in else anonymous, path)
        if status != 200:
            raise SystemExit(f"{path} answered {status}: the benchmark needs a 200.")
        rows.append(
            {"key": key, "label": label, "path": path, "signed_in": signed_in, "cache": cache, "bytes": size}
            | {"queries": queries, "queries_first": first}
        )
    result = {
        "pages": rows,
        "cookie": f"{settings.SESSION_COOKIE_NAME}={member.cookies[settings.SESSION_COOKIE_NAME].value}",
        "targets": load_targets(),
        "counts": {
            "practices": Practice.objects.count(),
            "published_practices": Practice.objects.published().count(),
            "issues": Issue.objects.count(),
            "members": User.objects.count(),
        },
    }
    Path(out_path).write_text(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1])
