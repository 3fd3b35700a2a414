"""The benchmark: `make bench` (10,000 practices) and `make bench-large` (100,000).

Generates the data in the PostgreSQL database portal_bench (kept for the next run when the
parameters are the same; --fresh regenerates), starts the portal under gunicorn with production
settings on 127.0.0.1, and loads each page with wrk from this second process: a short warm-up,
then --duration seconds with --connections clients. SQL queries per request are counted
in-process by bench/probe.py with the same settings and database. Prints the table and writes
bench/results/<date>-<N>-practices[-label].md and .json; exits 1 when a target is missed.

Usage: .venv/bin/python bench/run.py [--practices 10000] [--duration 15] [--label before-cache] ...
"""

# The subprocesses run fixed argument lists built here (never a shell, nothing from outside).
# ruff: noqa: S603, S607

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import report, server  # noqa: E402
from bench.server import log  # noqa: E402

RESULTS = server.ROOT / "bench" / "results"
LUA = server.ROOT / "bench" / "wrk_report.lua"


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--issues", type=int, default=200)
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fresh", action="store_true", help="Regenerate the data even when they match.")
    parser.add_argument("--duration", type=int, default=15, help="Seconds of load per page (default 15).")
    parser.add_argument("--warmup", type=int, default=3, help="Seconds of unmeasured load per page first.")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's sync workers.")
    parser.add_argument("--only", help="Comma-separated page keys to load (the ceiling is always loaded).")
    parser.add_argument("--label", default="", help="Added to the result's file name, e.g. before-cache.")
    parser.add_argument("--note", default="", help="A sentence written above the table (e.g. the machine was busy).")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="A setting for the portal, e.g. PAGE_CACHE_SECONDS=0 to measure without the page cache (repeatable).",
    )
    parser.add_argument(
        "--baseline",
        help="A results .json at 10,000 practices to compare with (default for a larger run: the newest one).",
    )
    return parser.parse_args(argv)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    log("wrk is missing: installing Debian's package (apt-get install -y wrk) ...")
    command = ["apt-get", "install", "-y", "wrk"]
    if shutil.which("sudo") and not _is_root():
        command.insert(0, "sudo")
    subprocess.run(command, check=True)


def _is_root():
    import os

    return os.geteuid() == 0


def run_wrk(url, *, seconds, connections, threads, headers):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout=10s", "--latency"]
    command += ["-s", str(LUA)]
    for header in headers:
        command += ["-H", header]
    command.append(url)
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
    for line in result.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            return json.loads(line.removeprefix("WRK_JSON ")), result.stdout
    raise RuntimeError(f"wrk printed no totals:\n{result.stdout}\n{result.stderr}")


def baseline_for(args):
    """{key: req/s} of a 10,000-practice run, for the 1.5× check of a larger run."""
    path = args.baseline
    if not path:
        if args.practices <= 10_000:
            return None, None
        runs = sorted(RESULTS.glob("*-10000-practices.json"))
        if not runs:
            return None, None
        path = runs[-1]
    data = json.loads(Path(path).read_text())
    return {row["key"]: row["rps"] for row in data["rows"]}, str(Path(path).name)


def main(argv=None):
    args = arguments(argv)
    server.ensure_venv_python()
    ensure_wrk()
    parameters = {"practices": args.practices, "issues": args.issues, "members": args.members, "seed": args.seed}
    started = time.monotonic()
    RAW.mkdir(parents=True, exist_ok=True)
    with server.static_dir() as static_root:
        env = server.portal_env(static_root=static_root)
        overrides = dict(item.split("=", 1) for item in args.env)
        env.update(overrides)
        database = server.prepare_data(env, parameters, fresh=args.fresh)
        log("Collecting static files ...")
        server.collect_static(env)
        server.flush_cache()
        log("Counting SQL queries in-process (bench/probe.py) ...")
        probe = server.probe(env, server.VAR / "probe.json")
        facts = server.machine_facts(database)
        pages = probe["pages"]
        if args.only:
            wanted = {"ceiling", *args.only.split(",")}
            pages = [page for page in pages if page["key"] in wanted]
        gunicorn = server.Gunicorn(env, workers=args.workers)
        rows = []
        try:
            gunicorn.start()
            for page in pages:
                url = f"{gunicorn.url}{page['path']}"
                headers = ["Accept-Encoding: gzip"] + ([f"Cookie: {probe['cookie']}"] if page["signed_in"] else [])
                load = {"connections": args.connections, "threads": args.threads, "headers": headers}
                if args.warmup:
                    run_wrk(url, seconds=args.warmup, **load)
                totals, raw = run_wrk(url, seconds=args.duration, **load)
                (RAW / f"{page['key']}.txt").write_text(raw)
                row = report.row_from_wrk(page, totals)
                rows.append(row)
                log(
                    f"{page['label']:<24} {row['rps']:8.1f} req/s  p50 {row['p50_ms']:6.1f}  "
                    f"p95 {row['p95_ms']:6.1f}  p99 {row['p99_ms']:6.1f} ms  errors {row['errors']}"
                )
        finally:
            gunicorn.stop()
    baseline, baseline_name = baseline_for(args)
    report.evaluate(rows, baseline)
    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "parameters": parameters,
        "counts": probe["counts"],
        "load": {
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "connections": args.connections,
            "wrk_threads": args.threads,
            "gunicorn_workers": args.workers,
        },
        "machine": facts,
        "note": args.note,
        "settings": dict(item.split("=", 1) for item in args.env),
        "baseline": baseline_name,
        "passed": report.verdict(rows),
        "rows": rows,
        "total_seconds": round(time.monotonic() - started),
    }
    write_results(result, args)
    return 0 if result["passed"] else 1


def write_results(result, args):
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = f"{dt.date.today():%Y-%m-%d}-{args.practices}-practices" + (f"-{args.label}" if args.label else "")
    table = report.format_table(result["rows"])
    machine = result["machine"]
    load = result["load"]
    lines = [
        f"# Benchmark: {args.practices:,} practices ({result['date']})",
        "",
        *([f"> {result['note']}", ""] if result["note"] else []),
        f"Data: {json.dumps(result['counts'])}.",
        f"Load: wrk, {load['connections']} connections, {load['wrk_threads']} threads, "
        f"{load['warmup_s']} s warm-up then {load['duration_s']} s per page, from 127.0.0.1; "
        f"gunicorn with {load['gunicorn_workers']} sync workers, production settings, PostgreSQL, Redis cache.",
        f"Machine: {machine['nproc']} CPUs ({machine['cpu']}), {machine['memory']} RAM, "
        f"load average at start {machine['load_average_at_start']}; PostgreSQL {machine['postgresql']}, "
        f"Python {machine['python']}, {machine['wrk']}; commit {machine['git_commit']}.",
        *([f"Settings changed for this run: {result['settings']}."] if result["settings"] else []),
        *([f"Compared with: {result['baseline']}."] if result["baseline"] else []),
        "",
        table,
        "",
        f"Result: {'all targets met' if result['passed'] else 'some targets missed'} "
        f"(run took {result['total_seconds']} s).",
        "",
        f"Reproduce: `make bench{'-large' if args.practices > 10_000 else ''}` "
        f"(or `.venv/bin/python bench/run.py --practices {args.practices} --duration {args.duration}`).",
    ]
    text = "\n".join(lines) + "\n"
    (RESULTS / f"{stem}.md").write_text(text)
    (RESULTS / f"{stem}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    print()
    print(text)
    log(f"Written: bench/results/{stem}.md and .json")


RAW = server.RAW

if __name__ == "__main__":
    sys.exit(main())
