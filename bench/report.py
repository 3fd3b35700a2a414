"""The benchmark's numbers: one row per page from wrk's totals, checked against the targets of
issue 5, and the table printed and written to bench/results/. Pure functions (tested in
tests/bench/test_report.py)."""

ANONYMOUS_PAGES = ("home", "library", "theme", "practice", "magazine", "issue")
LIVE_PAGES = ("library_member", "search_ru", "search_ky")
ANONYMOUS_MIN_RATIO = 0.50  # of the ceiling's requests per second
LIVE_MIN_RATIO = 0.05
LIVE_MAX_P95_MS = 100.0
MAX_SLOWDOWN = 1.5  # at 100,000 practices against the same page at 10,000


def row_from_wrk(page, wrk):
    """A table row from a probe page ({key, label, path, queries, cache}) and wrk_report.lua's totals."""
    seconds = wrk["duration_us"] / 1e6 if wrk["duration_us"] else 0
    errors = wrk["connect_errors"] + wrk["read_errors"] + wrk["write_errors"] + wrk["timeouts"]
    errors += wrk["status_errors"]  # answers of 400 and above
    answered = wrk["cache_hits"] + wrk["cache_misses"]
    return {
        **page,
        "requests": wrk["requests"],
        "rps": wrk["requests"] / seconds if seconds else 0.0,
        "p50_ms": wrk["p50_us"] / 1000,
        "p95_ms": wrk["p95_us"] / 1000,
        "p99_ms": wrk["p99_us"] / 1000,
        "errors": errors,
        "server_errors": wrk["s5xx"],
        "hit_rate": wrk["cache_hits"] / answered if answered else None,
    }


def evaluate(rows, baseline=None):
    """Add `ratio` (to the ceiling), `target` (what is checked) and `passed` (True, False, None: nothing to
    check) to each row. `baseline`: {key: requests per second} of the same pages at 10,000 practices."""
    ceiling = next((row["rps"] for row in rows if row["key"] == "ceiling"), 0.0)
    for row in rows:
        row["ratio"] = row["rps"] / ceiling if ceiling else None
        checks = []  # (description, passed)
        if row["key"] in ANONYMOUS_PAGES:
            checks.append((f"≥ {ANONYMOUS_MIN_RATIO:.0%} of ceiling", _at_least(row["ratio"], ANONYMOUS_MIN_RATIO)))
        elif row["key"] in LIVE_PAGES:
            checks.append((f"≥ {LIVE_MIN_RATIO:.0%} of ceiling", _at_least(row["ratio"], LIVE_MIN_RATIO)))
            checks.append((f"p95 < {LIVE_MAX_P95_MS:.0f} ms", row["p95_ms"] < LIVE_MAX_P95_MS))
        if baseline and row["key"] != "ceiling" and baseline.get(row["key"]):
            row["slowdown"] = baseline[row["key"]] / row["rps"] if row["rps"] else float("inf")
            checks.append((f"≤ {MAX_SLOWDOWN}× slower than at 10k", row["slowdown"] <= MAX_SLOWDOWN))
        if row["errors"]:
            checks.append(("no errors", False))
        if not row["requests"]:
            checks.append(("answered within the run", False))
        row["target"] = "; ".join(text for text, _passed in checks) or "-"
        row["passed"] = all(passed for _text, passed in checks) if checks else None
    return rows


def _at_least(ratio, minimum):
    return ratio is not None and ratio >= minimum


def verdict(rows):
    """True when every checked row passed."""
    return all(row["passed"] is not False for row in rows)


COLUMNS = [
    ("Page", lambda r: r["label"]),
    ("URL", lambda r: f"`{r['path']}`"),
    ("req/s", lambda r: f"{r['rps']:.1f}"),
    ("p50 ms", lambda r: f"{r['p50_ms']:.1f}"),
    ("p95 ms", lambda r: f"{r['p95_ms']:.1f}"),
    ("p99 ms", lambda r: f"{r['p99_ms']:.1f}"),
    ("SQL/req", lambda r: str(r["queries"])),
    ("SQL 1st", lambda r: str(r.get("queries_first", "-"))),
    ("X-Cache", lambda r: r.get("cache") or "-"),
    ("× ceiling", lambda r: "-" if r["ratio"] is None else f"{r['ratio']:.2f}"),
    ("errors", lambda r: str(r["errors"])),
    ("target", lambda r: r["target"]),
    ("result", lambda r: {True: "pass", False: "**FAIL**", None: "-"}[r["passed"]]),
]


def format_table(rows):
    """A Markdown table (readable as plain text too)."""
    header = [name for name, _cell in COLUMNS]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(cell(row) for _name, cell in COLUMNS) + " |")
    if any("slowdown" in row for row in rows):
        lines.append("")
        lines.append(
            "Slowdown against the 10,000-practice run (its req/s divided by this run's): "
            + ", ".join(f"{row['key']} {row['slowdown']:.2f}×" for row in rows if "slowdown" in row)
        )
    return "\n".join(lines)
