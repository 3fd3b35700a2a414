"""`manage.py import_municipalities PATH [--dry-run]`: load the municipality directory from CSV.

The file is checked whole before anything is written; one bad row and nothing
is imported. The format is in portal/README.md.
"""

from pathlib import Path

from django.core.management import BaseCommand, CommandError

from portal.directory_import import DirectoryFileError, import_directory

MAX_PROBLEMS_SHOWN = 50


class Command(BaseCommand):
    help = "Import districts and municipalities from a CSV file (see portal/README.md). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV file, UTF-8, comma-separated, with a header row.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, but write nothing.")

    def handle(self, *args, path, dry_run=False, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            districts, municipalities = import_directory(data, dry_run=dry_run)
        except DirectoryFileError as error:
            shown = error.problems[:MAX_PROBLEMS_SHOWN]
            more = len(error.problems) - len(shown)
            lines = [f"{path}: {len(error.problems)} problem(s), nothing was imported:", *shown]
            if more:
                lines.append(f"... and {more} more.")
            raise CommandError("\n".join(lines)) from None

        prefix = "Dry run, nothing written. Would have: " if dry_run else ""
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"{prefix}Districts: {districts}. Municipalities: {municipalities}."))
