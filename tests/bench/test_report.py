"""The benchmark's table and its check against issue 5's targets (bench/report.py), and the
load test's memory growth (bench/loadtest.py): pure functions, no server."""

from bench import loadtest, report


def wrk(requests=1000, seconds=10, p50=5, p95=20, p99=40, status_errors=0, s5xx=0, hits=0, misses=0):
    return {
        "requests": requests,
        "duration_us": seconds * 1_000_000,
        "connect_errors": 0,
        "read_errors": 0,
        "write_errors": 0,
        "timeouts": 0,
        "status_errors": status_errors,
        "s5xx": s5xx,
        "cache_hits": hits,
        "cache_misses": misses,
        "p50_us": p50 * 1000,
        "p95_us": p95 * 1000,
        "p99_us": p99 * 1000,
    }


def page(key, label=None):
    return {"key": key, "label": label or key, "path": f"/{key}", "queries": 3, "queries_first": 7, "cache": "HIT"}


def rows(**rps):
    """Rows with these requests per second (10 s runs), the ceiling at 1000/s."""
    result = [report.row_from_wrk(page("ceiling"), wrk(requests=10_000))]
    for key, value in rps.items():
        result.append(report.row_from_wrk(page(key), wrk(requests=int(value * 10))))
    return result


def by_key(evaluated):
    return {row["key"]: row for row in evaluated}


def test_it_computes_rates_and_milliseconds_from_wrk():
    row = report.row_from_wrk(page("home"), wrk(requests=1234, seconds=10, p50=4, p95=9, p99=15, hits=1200, misses=34))

    assert row["rps"] == 123.4
    assert (row["p50_ms"], row["p95_ms"], row["p99_ms"]) == (4, 9, 15)
    assert row["hit_rate"] == 1200 / 1234
    assert row["errors"] == 0


def test_it_passes_anonymous_pages_at_half_the_ceiling_and_fails_below():
    evaluated = by_key(report.evaluate(rows(home=500, library=499)))

    assert evaluated["home"]["ratio"] == 0.5 and evaluated["home"]["passed"] is True
    assert evaluated["library"]["passed"] is False
    assert evaluated["ceiling"]["passed"] is None


def test_it_checks_live_pages_for_five_percent_and_p95():
    result = [report.row_from_wrk(page("ceiling"), wrk(requests=10_000))]
    result.append(report.row_from_wrk(page("search_ru"), wrk(requests=600, p95=99)))
    result.append(report.row_from_wrk(page("search_ky"), wrk(requests=600, p95=100)))
    result.append(report.row_from_wrk(page("library_member"), wrk(requests=400, p95=50)))

    evaluated = by_key(report.evaluate(result))

    assert evaluated["search_ru"]["passed"] is True
    assert evaluated["search_ky"]["passed"] is False  # p95 must stay under 100 ms
    assert evaluated["library_member"]["passed"] is False  # 4 % of the ceiling
    assert "p95 < 100 ms" in evaluated["search_ru"]["target"]


def test_it_fails_a_page_with_errors_or_no_answer():
    result = [report.row_from_wrk(page("ceiling"), wrk(requests=10_000))]
    result.append(report.row_from_wrk(page("home"), wrk(requests=9000, status_errors=3, s5xx=3)))
    result.append(report.row_from_wrk(page("issue"), wrk(requests=0)))

    evaluated = by_key(report.evaluate(result))

    assert evaluated["home"]["passed"] is False and "no errors" in evaluated["home"]["target"]
    assert evaluated["issue"]["passed"] is False
    assert report.verdict(list(evaluated.values())) is False


def test_it_compares_a_large_run_with_the_baseline():
    evaluated = by_key(report.evaluate(rows(home=600, practice=900), baseline={"home": 900, "practice": 1000}))

    assert evaluated["home"]["slowdown"] == 1.5 and evaluated["home"]["passed"] is True
    assert evaluated["practice"]["passed"] is True
    slower = by_key(report.evaluate(rows(home=590), baseline={"home": 900}))
    assert slower["home"]["passed"] is False


def test_it_formats_a_markdown_table_with_a_result_column():
    table = report.format_table(report.evaluate(rows(home=800, library=100)))
    lines = table.splitlines()

    assert lines[0].startswith("| Page | URL | req/s | p50 ms | p95 ms | p99 ms | SQL/req")
    assert lines[0].endswith("| target | result |")
    assert len(lines) == 2 + 3
    assert "| 800.0 |" in lines[3] and lines[3].endswith("| pass |")
    assert lines[4].endswith("| **FAIL** |")
    assert report.verdict(report.evaluate(rows(home=800))) is True


def test_it_measures_memory_growth_from_the_end_of_the_warmup():
    samples = [
        {"t": 0, "rss_kib": {1: 50_000, 2: 50_000}},
        {"t": 60, "rss_kib": {1: 100_000, 2: 100_000}},
        {"t": 300, "rss_kib": {1: 105_000, 2: 110_000}},
    ]

    base, final, growth, restarted = loadtest.memory_growth(samples, warmup=60)

    assert (base, final) == (200_000, 215_000)
    assert growth == 0.075
    assert restarted is False
    samples[-1]["rss_kib"] = {1: 105_000, 3: 60_000}
    assert loadtest.memory_growth(samples, warmup=60)[3] is True
