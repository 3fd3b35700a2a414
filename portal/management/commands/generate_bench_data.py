"""Generate benchmark data at national scale (portal/benchdata.py; `make bench` runs it).

For a benchmark database only: every member it creates shares a published password.
"""

import time

from django.core.management import BaseCommand, CommandError

from portal import benchdata


class Command(BaseCommand):
    help = (
        "Generate benchmark data: practices in every theme and municipality, magazine issues with articles, "
        f"members (password {benchdata.BENCH_PASSWORD}) and the search index. For a benchmark database only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--practices", type=int, default=10_000)
        parser.add_argument("--issues", type=int, default=200)
        parser.add_argument("--members", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the practices, issues, learning materials, tags, orders and members (superusers aside) first.",
        )

    def handle(self, *args, practices, issues, members, seed, reset, **options):
        if min(practices, issues, members) < 0:
            raise CommandError("Counts cannot be negative.")
        if benchdata.has_content():
            if not reset:
                raise CommandError(
                    "This database has practices or issues already. generate_bench_data is for an empty "
                    "benchmark database; run it with --reset to delete them first."
                )
            started = time.monotonic()
            benchdata.reset()
            self.stdout.write(f"  reset: {time.monotonic() - started:.1f} s")
        started = time.monotonic()
        report = benchdata.generate(practices=practices, issues=issues, members=members, seed=seed, stdout=self.stdout)
        counts = ", ".join(f"{count} {name}" for name, count in report.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Benchmark data: {counts} ({time.monotonic() - started:.1f} s)."))
