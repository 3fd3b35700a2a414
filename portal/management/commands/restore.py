from pathlib import Path

from django.core.management import BaseCommand, CommandError

from portal import backups


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into an empty installation (database and media), "
        "then check every table's row count and every file's checksum against the archive's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="A portal-backup-*.tar.gz file.")
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Restore even though the installation already holds content: its database is replaced by "
                "the backup's, media files with the same names are overwritten, other files are kept."
            ),
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            result = backups.restore_backup(archive, force=force, log=self.stdout.write)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {result['created_at']}: {result['tables']} tables, {result['rows']} rows, "
                f"{result['files']} files; row counts and checksums match the manifest."
            )
        )
