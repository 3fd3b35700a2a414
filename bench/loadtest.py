"""The load test: `make loadtest`.

The benchmark's data and gunicorn (bench/server.py: same database, settings and start-up), then
locust, headless, on 127.0.0.1: --users simulated users (anonymous readers, searchers in Kyrgyz
and Russian, members who sign in through the form and browse and download; bench/locustfile.py)
for --minutes. Every gunicorn worker's resident memory is read from /proc every 10 s; the growth
is measured from the end of the warm-up (--warmup seconds) to the end. Writes
bench/results/loadtest-<date>.md and .json; exits 1 when any answer was a server error (5xx) or
the workers' memory grew by more than 10 %.

Usage: .venv/bin/python bench/loadtest.py [--users 100] [--minutes 5] [--warmup 60]
Locust runs from its own virtualenv, .venv-bench (made from bench/requirements.txt on first use).
"""

# The subprocesses run fixed argument lists built here (never a shell, nothing from outside).
# ruff: noqa: S603, S607

import argparse
import csv
import datetime as dt
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import server  # noqa: E402
from bench.server import log  # noqa: E402

BENCH_VENV = server.ROOT / ".venv-bench"
REQUIREMENTS = server.ROOT / "bench" / "requirements.txt"
RESULTS = server.ROOT / "bench" / "results"
MAX_GROWTH = 0.10
SAMPLE_SECONDS = 10


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--warmup", type=int, default=60, help="Seconds before the memory baseline is taken.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--issues", type=int, default=200)
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--label", default="")
    return parser.parse_args(argv)


def ensure_locust():
    stamp = BENCH_VENV / ".installed"
    if stamp.exists() and stamp.stat().st_mtime >= REQUIREMENTS.stat().st_mtime:
        return BENCH_VENV / "bin" / "locust"
    log("Installing locust into .venv-bench (bench/requirements.txt) ...")
    subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
    subprocess.run(
        [str(BENCH_VENV / "bin" / "python"), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)], check=True
    )
    stamp.touch()
    return BENCH_VENV / "bin" / "locust"


class MemorySampler(threading.Thread):
    """Every SAMPLE_SECONDS: {seconds since start, {worker pid: RSS KiB}} of the gunicorn workers."""

    def __init__(self, gunicorn):
        super().__init__(daemon=True)
        self.gunicorn = gunicorn
        self.samples = []
        self.started = time.monotonic()
        self.stopping = threading.Event()

    def sample(self):
        workers = {pid: server.rss_kib(pid) for pid in self.gunicorn.worker_pids()}
        self.samples.append({"t": round(time.monotonic() - self.started), "rss_kib": workers})

    def run(self):
        while not self.stopping.is_set():
            self.sample()
            self.stopping.wait(SAMPLE_SECONDS)

    def stop(self):
        self.stopping.set()
        self.join()
        self.sample()


def memory_growth(samples, warmup):
    """(baseline KiB, final KiB, growth ratio, restarted): the sum of the workers' RSS at the first sample
    at or after `warmup` seconds and at the last one. `restarted`: a worker pid changed in between
    (a worker that died and was replaced would hide a leak, so it is reported)."""
    after = [s for s in samples if s["t"] >= warmup] or samples[-1:]
    first, last = after[0], samples[-1]
    base = sum(v for v in first["rss_kib"].values() if v)
    final = sum(v for v in last["rss_kib"].values() if v)
    restarted = set(first["rss_kib"]) != set(last["rss_kib"])
    return base, final, (final - base) / base if base else 0.0, restarted


def locust_stats(prefix):
    """The Aggregated row and the per-name rows of locust's --csv statistics."""
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv", newline="")))  # noqa: SIM115
    return rows


def main(argv=None):
    args = arguments(argv)
    server.ensure_venv_python()
    locust = ensure_locust()
    parameters = {"practices": args.practices, "issues": args.issues, "members": args.members, "seed": args.seed}
    server.RAW.mkdir(parents=True, exist_ok=True)
    seconds = int(args.minutes * 60)
    with server.static_dir() as static_root:
        env = server.portal_env(static_root=static_root)
        database = server.prepare_data(env, parameters, fresh=args.fresh)
        server.collect_static(env)
        server.flush_cache()
        probe = server.probe(env, server.VAR / "probe.json")
        targets_path = server.VAR / "loadtest-targets.json"
        targets_path.write_text(json.dumps(probe["targets"], ensure_ascii=False))
        errors_path = server.VAR / "loadtest-server-errors.json"
        errors_path.unlink(missing_ok=True)
        facts = server.machine_facts(database)
        gunicorn = server.Gunicorn(env, workers=args.workers, log_path=server.VAR / "gunicorn-loadtest.log")
        sampler = None
        csv_prefix = server.RAW / "locust"
        try:
            gunicorn.start()
            sampler = MemorySampler(gunicorn)
            sampler.start()
            command = [
                str(locust),
                "-f",
                str(server.ROOT / "bench" / "locustfile.py"),
                "--headless",
                f"--users={args.users}",
                f"--spawn-rate={args.spawn_rate}",
                f"--run-time={seconds}s",
                f"--host={gunicorn.url}",
                f"--csv={csv_prefix}",
                "--only-summary",
                "--stop-timeout=10",
            ]
            log(f"locust: {args.users} users for {seconds} s ...")
            locust_env = {
                "BENCH_TARGETS": str(targets_path),
                "BENCH_SERVER_ERRORS": str(errors_path),
                "PATH": "/usr/bin:/bin",
            }
            with open(server.RAW / "locust.log", "w") as output:
                subprocess.run(
                    command,
                    cwd=server.ROOT,
                    env=locust_env,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    timeout=seconds + 120,
                )
            sampler.stop()
        finally:
            if sampler is not None and sampler.is_alive():
                sampler.stop()
            gunicorn.stop()
    result = summarize(args, sampler.samples, csv_prefix, errors_path, facts, probe["counts"])
    write_results(result, args)
    return 0 if result["passed"] else 1


def summarize(args, samples, csv_prefix, errors_path, facts, counts):
    base, final, growth, restarted = memory_growth(samples, args.warmup)
    errors = json.loads(errors_path.read_text()) if errors_path.exists() else {"count": None, "examples": []}
    rows = locust_stats(csv_prefix)
    total = next(row for row in rows if row["Name"] == "Aggregated")
    server_errors = errors["count"]
    passed = server_errors == 0 and growth <= MAX_GROWTH and not restarted
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "users": args.users,
        "seconds": int(args.minutes * 60),
        "warmup_s": args.warmup,
        "workers": args.workers,
        "counts": counts,
        "machine": facts,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "server_errors": server_errors,
        "server_error_examples": errors["examples"],
        "memory_baseline_kib": base,
        "memory_final_kib": final,
        "memory_growth": growth,
        "worker_restarted": restarted,
        "samples": samples,
        "by_name": [
            {
                key: row[key]
                for key in ("Type", "Name", "Request Count", "Failure Count", "Requests/s", "50%", "95%", "99%")
            }
            for row in rows
        ],
        "passed": passed,
    }


def write_results(result, args):
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = f"loadtest-{dt.date.today():%Y-%m-%d}" + (f"-{args.label}" if args.label else "")
    machine = result["machine"]
    lines = [
        f"# Load test ({result['date']})",
        "",
        f"{result['users']} simulated users (locust, headless, 127.0.0.1) for {result['seconds']} s against gunicorn "
        f"with {result['workers']} sync workers, production settings, PostgreSQL and Redis; data: "
        f"{json.dumps(result['counts'])}.",
        f"Machine: {machine['nproc']} CPUs ({machine['cpu']}), {machine['memory']} RAM, load average at start "
        f"{machine['load_average_at_start']}; PostgreSQL {machine['postgresql']}; commit {machine['git_commit']}.",
        "",
        "| measure | value | target | result |",
        "|---|---:|---|---|",
        f"| server errors (5xx) | {result['server_errors']} | 0 | "
        f"{'pass' if result['server_errors'] == 0 else '**FAIL**'} |",
        f"| workers' memory, after {result['warmup_s']} s → end | {result['memory_baseline_kib'] / 1024:.1f} → "
        f"{result['memory_final_kib'] / 1024:.1f} MiB ({result['memory_growth']:+.1%})"
        f"{' (a worker was restarted)' if result['worker_restarted'] else ''} | ≤ +10 % | "
        f"{'pass' if result['memory_growth'] <= MAX_GROWTH and not result['worker_restarted'] else '**FAIL**'} |",
        f"| requests | {result['requests']} ({result['rps']:.1f}/s) | | |",
        f"| failures reported by locust (any status ≥ 400 not expected) | {result['failures']} | | |",
        f"| latency p50 / p95 / p99 | {result['p50_ms']:.0f} / {result['p95_ms']:.0f} / "
        f"{result['p99_ms']:.0f} ms | | |",
        "",
        "| type | request | count | failures | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {row['Type']} | {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
            f"{float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} |"
            for row in result["by_name"]
        ),
        "",
        f"Result: {'passed' if result['passed'] else 'FAILED'}.",
        *(
            ["", "Server errors seen: " + "; ".join(result["server_error_examples"])]
            if result["server_error_examples"]
            else []
        ),
        "",
        f"Reproduce: `make loadtest` (or `.venv/bin/python bench/loadtest.py --users {result['users']} "
        f"--minutes {args.minutes:g}`).",
    ]
    text = "\n".join(lines) + "\n"
    (RESULTS / f"{stem}.md").write_text(text)
    (RESULTS / f"{stem}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    print(text)
    log(f"Written: bench/results/{stem}.md and .json")


if __name__ == "__main__":
    sys.exit(main())
