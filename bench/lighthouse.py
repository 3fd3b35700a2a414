"""Lighthouse scores (mobile) for five public pages, on a fresh demo database: `make lighthouse`.

Builds a throwaway installation in a temporary folder (SQLite database with the demo content,
collected static files, media), serves it with gunicorn under production settings on 127.0.0.1,
and runs Lighthouse (npm, pinned in bench/lighthouse/package-lock.json) with Debian's Chromium on:
the home page, the library, a published practice, the magazine index and the latest issue.

Reports go to bench/results/lighthouse/ (JSON and HTML, not committed) and a summary to
bench/results/lighthouse.md (committed). Exits 1 when any score is below --min-score (100),
listing the audits that cost points.

    python bench/lighthouse.py [--port 8270] [--pages home,library] [--min-score 100]
"""

# A developer's tool running fixed local commands (npm, manage.py, gunicorn, Lighthouse) on 127.0.0.1.
# ruff: noqa: S603, S607, S310

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = NODE_DIR / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench" / "results" / "lighthouse"
SUMMARY = ROOT / "bench" / "results" / "lighthouse.md"
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LANGUAGE = "ky"  # the default language: what a visitor of "/" lands on

# Printed by `manage.py shell`: the pages' paths, found in the fresh database.
FIND_PAGES = f"""
import json
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation
from magazine.models import Issue
from practices.models import Practice

with translation.override({LANGUAGE!r}):
    practices = Practice.objects.for_reader(AnonymousUser()).order_by("-id")
    practice = practices.filter(images__isnull=False).first() or practices.first()
    issue = Issue.objects.published().order_by("-year", "-number").first()
    print(json.dumps({{
        "home": reverse("portal:home"),
        "library": reverse("practices:index"),
        "practice": practice.get_absolute_url(),
        "magazine": reverse("magazine:index"),
        "issue": issue.get_absolute_url(),
    }}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8270)
    parser.add_argument("--pages", default="", help="comma-separated subset of home,library,practice,magazine,issue")
    parser.add_argument("--min-score", type=int, default=100)
    parser.add_argument(
        "--database-url", default="", help="an empty database to use instead of a temporary SQLite file"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median run counts")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--save-assets", action="store_true", help="keep each page's trace")
    args = parser.parse_args()

    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).exists():
        sys.exit(f"Chromium not found at {chrome}: `apt-get install chromium`, or set CHROME_PATH.")
    install_lighthouse()

    with tempfile.TemporaryDirectory(prefix="portal-lighthouse-") as tmp:
        env = production_env(Path(tmp), args.port, args.database_url)
        print("Preparing a demo database and static files in", tmp, flush=True)
        for command in (
            ["migrate", "--noinput", "--verbosity", "0"],
            ["load_demo", "--yes"],
            ["collectstatic", "--noinput", "--verbosity", "0"],
        ):
            subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        found = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", FIND_PAGES], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if found.returncode:
            sys.exit(f"Could not find the pages in the demo database:\n{found.stderr}")
        pages = json.loads(found.stdout.strip().splitlines()[-1])
        if args.pages:
            pages = {name: pages[name] for name in args.pages.split(",")}

        base = f"http://127.0.0.1:{args.port}"
        with open(Path(tmp) / "gunicorn.log", "wb") as log:
            server = subprocess.Popen(
                [
                    PYTHON,
                    "-m",
                    "gunicorn",
                    "portal.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{args.port}",
                    "--workers",
                    str(args.workers),
                    "--no-control-socket",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_until_up(f"{base}/healthz", server)
                results = {}
                for name, path in pages.items():
                    fetch(base + path)  # a first reader warms the caches, as on a live site
                    runs = [
                        run_lighthouse(name, base + path, chrome, run=run, save_assets=args.save_assets)
                        for run in range(1, args.runs + 1)
                    ]
                    results[name] = median_run(name, runs)
            finally:
                server.terminate()
                server.wait(timeout=30)

    report(results, pages, args.min_score, chrome)
    failed = [name for name, result in results.items() if min(result["scores"].values()) < args.min_score]
    sys.exit(1 if failed else 0)


def install_lighthouse():
    if LIGHTHOUSE.exists():
        return
    print("Installing Lighthouse (npm ci in bench/lighthouse/)", flush=True)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, check=True)


def production_env(tmp, port, database_url=""):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "DJANGO_"))}
    # A shared Redis would mix this throwaway site's cached pages with another's.
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url or f"sqlite:///{tmp / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp / "private-media"),
        STATIC_ROOT=str(tmp / "static"),
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SERVE_MEDIA="1",
        SITE_URL=f"http://127.0.0.1:{port}",
        LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def fetch(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status


def wait_until_up(url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (exit code {server.returncode}); see its log above.")
        try:
            if fetch(url, timeout=2) == 200:
                return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    sys.exit(f"{url} did not answer 200 within {seconds} s.")


def run_lighthouse(name, url, chrome, *, run, save_assets=False):
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{name}-run{run}"
    print(f"Lighthouse: {name} {url} (run {run})", flush=True)
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output=html",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        "--quiet",
        *(["--save-assets"] if save_assets else []),
    ]
    # Chromium on a busy machine now and then loses a trace (NO_NAVSTART); a second try is fair.
    for attempt in (1, 2, 3):
        done = subprocess.run(command, env=os.environ | {"CHROME_PATH": chrome})
        if done.returncode == 0:
            break
        print(f"Lighthouse failed (attempt {attempt}), trying again", flush=True)
    else:
        sys.exit(f"Lighthouse failed three times on {url}.")
    data = json.loads(out.with_name(f"{out.name}.report.json").read_text())
    scores = {key: round(data["categories"][key]["score"] * 100) for key in CATEGORIES}
    return {
        "url": url,
        "run": run,
        "scores": scores,
        "failing": failing_audits(data),
        "version": data["lighthouseVersion"],
        "benchmark": data["environment"]["benchmarkIndex"],
    }


def median_run(name, runs):
    """The run with the median performance score (Lighthouse's advice against its own variance: run
    several times, keep the median). Its reports become <name>.report.json/.html; the others go."""
    chosen = sorted(runs, key=lambda result: result["scores"]["performance"])[len(runs) // 2]
    for result in runs:
        for suffix in ("json", "html"):
            report = RESULTS / f"{name}-run{result['run']}.report.{suffix}"
            if result is chosen:
                report.replace(RESULTS / f"{name}.report.{suffix}")
            else:
                report.unlink()
    chosen["all_performance"] = [result["scores"]["performance"] for result in runs]
    return chosen


def failing_audits(data):
    """The audits that cost points: scored below 1 and counted in a category (weight > 0)."""
    failing = []
    for key in CATEGORIES:
        for ref in data["categories"][key]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                failing.append(f"{key}: {audit['id']}: {audit['title']}{shown} [score {audit['score']:.2f}]")
    return failing


def chromium_version(chrome):
    try:
        return subprocess.run([chrome, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return chrome


def report(results, pages, min_score, chrome):
    header = "| page | path | " + " | ".join(CATEGORIES) + " | performance of each run |"
    lines = [header, "|" + "---|" * (len(CATEGORIES) + 3)]
    for name, result in results.items():
        scores = " | ".join(str(result["scores"][k]) for k in CATEGORIES)
        each = ", ".join(map(str, result["all_performance"]))
        lines.append(f"| {name} | `{pages[name]}` | {scores} | {each} |")
    table = "\n".join(lines)
    print()
    print(table)
    problems = [f"- {name}: {item}" for name, result in results.items() for item in result["failing"]]
    if problems:
        print("\nAudits that cost points:")
        print("\n".join(problems))
    version = next(iter(results.values()))["version"] if results else "?"
    SUMMARY.write_text(
        "# Lighthouse (mobile)\n\n"
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `make lighthouse` (bench/lighthouse.py): "
        f"Lighthouse {version}, {chromium_version(chrome)}, default mobile emulation and simulated throttling, "
        "gunicorn with production settings on 127.0.0.1, a fresh demo database (SQLite), "
        f"pages in the default language; each page {len(next(iter(results.values()))['all_performance'])} times, "
        f"the median run shown. Target: {min_score} in every category.\n\n"
        f"{table}\n" + ("\nAudits that cost points:\n\n" + "\n".join(problems) + "\n" if problems else "")
    )
    print(f"\nReports: {RESULTS.relative_to(ROOT)}/, summary: {SUMMARY.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
