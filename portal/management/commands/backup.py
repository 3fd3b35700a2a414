from pathlib import Path

from django.core.management import BaseCommand, CommandError

from portal import backups


class Command(BaseCommand):
    help = (
        "Write the database and both media folders (public and private) to a dated archive, "
        "portal-backup-YYYYMMDD-HHMMSS.tar.gz (UTC), with a manifest of row counts and file checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            help="Where to write the archive (default: BACKUP_DIR, else backups/ in the project).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            metavar="N",
            help="Afterwards, delete all but the newest N archives of that folder (default: BACKUP_KEEP; 0 keeps all).",
        )

    def handle(self, *args, output_dir=None, keep=None, **options):
        from django.conf import settings

        keep = settings.BACKUP_KEEP if keep is None else keep
        if keep < 0:
            raise CommandError("--keep must be 0 (keep all) or more.")
        try:
            path = backups.create_backup(output_dir, keep=keep)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from None
        for folder in backups.object_storage_folders():
            self.stderr.write(
                f"Not in the archive: {folder}/ is kept in object storage (S3); back the bucket up with its own "
                "tools (versioning, replication, or a scheduled `rclone sync`)."
            )
        self.stdout.write(f"{path} ({path.stat().st_size / 1024 / 1024:.1f} MB)")
