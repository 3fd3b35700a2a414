"""Backups of the whole installation: the database and both media trees in one dated archive.

An archive (portal-backup-YYYYMMDD-HHMMSS.tar.gz, UTC) holds:

    database/portal.pgdump   pg_dump --format=custom (PostgreSQL)   or  database/portal.sqlite3 (SQLite)
    media/...                MEDIA_ROOT (covers, gallery images, thumbnails)
    private-media/...        PRIVATE_MEDIA_ROOT (paid PDFs, members-only attachments)
    manifest.json            what it holds: engine, migrations, rows per table, sha256 and size of every file

`create_backup` writes it, `restore_backup` puts it back into an empty installation and checks the
result against the manifest. The management commands `backup` and `restore` are thin wrappers.
"""

import datetime
import hashlib
import io
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.db import connection, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT_VERSION = 1
ARCHIVE_PREFIX = "portal-backup-"
ARCHIVE_SUFFIX = ".tar.gz"
MANIFEST = "manifest.json"
DUMP_NAMES = {"postgresql": "database/portal.pgdump", "sqlite": "database/portal.sqlite3"}
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
# Archive folder -> (the storage in settings.STORAGES, the setting that names its local folder).
MEDIA_TREES = {"media": ("default", "MEDIA_ROOT"), "private-media": ("private", "PRIVATE_MEDIA_ROOT")}
# Tables that `migrate` fills by itself (framework bookkeeping and the data migrations' reference
# data: role groups and their permissions, regions, themes). Rows there do not make an installation
# "not empty"; tests/portal/test_backup.py checks that a freshly migrated database passes.
MIGRATION_FILLED_TABLES = frozenset(
    {
        "django_migrations",
        "django_content_type",
        "auth_permission",
        "auth_group",
        "auth_group_permissions",
        "portal_region",
        "practices_theme",
    }
)
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message says why and what to do."""


# --- backup ------------------------------------------------------------------------------------------


def default_backup_dir():
    return Path(settings.BACKUP_DIR)


def archive_name(now=None):
    now = (now or timezone.now()).astimezone(datetime.UTC)
    return f"{ARCHIVE_PREFIX}{now:%Y%m%d-%H%M%S}{ARCHIVE_SUFFIX}"


def create_backup(output_dir=None, *, keep=0, now=None):
    """Write a dated archive into `output_dir` and return its path.

    The archive appears under its final name only once complete (written to a hidden temporary
    file in the same directory, then renamed). With `keep`, only the newest `keep` archives of the
    directory stay. The archive holds personal data: the file is readable by its owner only.
    """
    output_dir = Path(output_dir or default_backup_dir())
    output_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    final = output_dir / archive_name(now)
    if final.exists():
        raise BackupError(f"{final} already exists; wait a second and run the backup again.")
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")

    with tempfile.TemporaryDirectory(prefix="portal-backup-") as work:
        dump = Path(work) / PurePosixPath(DUMP_NAMES[vendor]).name
        row_counts = dump_database(dump)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().astimezone(datetime.UTC).isoformat(),
            "portal_version": portal_version(),
            "django_version": django.get_version(),
            "python_version": platform.python_version(),
            "database": {
                "engine": vendor,
                "file": DUMP_NAMES[vendor],
                "sha256": sha256_of(dump),
                "size": dump.stat().st_size,
                "migrations": migration_heads(),
                "row_counts": row_counts,
            },
            # Media kept in object storage is not in the archive: back the bucket up with its own tools.
            "object_storage": object_storage_folders(),
            "files": {},
        }
        handle = tempfile.NamedTemporaryFile(dir=output_dir, prefix=".", suffix=".partial", delete=False)
        partial = Path(handle.name)
        try:
            with handle:
                with tarfile.open(fileobj=handle, mode="w:gz") as archive:
                    archive.add(dump, arcname=DUMP_NAMES[vendor], recursive=False)
                    for folder, root in local_media_roots().items():
                        for path, arcname in media_files(root, folder):
                            manifest["files"][arcname] = add_file(archive, path, arcname)
                    # Last, so that it lists exactly what was written (uploads go on during a backup).
                    add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False).encode())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, final)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    if keep:
        prune_backups(output_dir, keep)
    return final


def dump_database(target):
    """Dump the default database to `target`; return the row count of every table in that dump."""
    if connection.vendor == "postgresql":
        return _dump_postgresql(target)
    return _dump_sqlite(target)


def _dump_postgresql(target):
    # The counts and pg_dump share one snapshot, so they agree even while the site is being written to.
    # (Inside an outer transaction, as in a test, there is no fresh snapshot to share; count as is.)
    with connection.cursor():
        pass  # connect (and run the health check) before the transaction, whose first statement must be SET
    if connection.in_atomic_block:
        counts = count_rows(connection)
        _run_pg("pg_dump", ["--format=custom", "--file", str(target)], connection.settings_dict)
        return counts
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        counts = count_rows(connection)
        _run_pg(
            "pg_dump",
            ["--format=custom", f"--snapshot={snapshot}", "--file", str(target)],
            connection.settings_dict,
        )
    return counts


def _dump_sqlite(target):
    # SQLite's online backup API copies a consistent database, even one in memory or in use.
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        if connection.in_atomic_block:
            # The backup API waits forever for a connection's own uncommitted writes (as in a test's
            # transaction); a dump through that same connection sees them.
            destination.executescript("\n".join(connection.connection.iterdump()))
        else:
            connection.connection.backup(destination)
    finally:
        destination.close()
    copy = sqlite3.connect(target)
    try:
        tables = [
            row[0]
            for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        ]
        return {table: copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in sorted(tables)}  # noqa: S608
    finally:
        copy.close()


def count_rows(conn):
    """{table: rows} for every table of a Django connection."""
    with conn.cursor() as cursor:
        tables = conn.introspection.table_names(cursor)
        counts = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def migration_heads():
    """The last applied migration of each app, e.g. {"practices": "0012_..."}."""
    loader = MigrationLoader(connection)
    heads = {}
    for app, name in sorted(loader.applied_migrations):
        if app not in heads or name > heads[app]:
            heads[app] = name
    return heads


def portal_version():
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def local_media_roots():
    """{archive folder: local directory} of the media storages kept in the file system."""
    return {
        folder: Path(getattr(settings, setting))
        for folder, (storage, setting) in MEDIA_TREES.items()
        if _is_local(storage)
    }


def object_storage_folders():
    """Archive folders whose storage is not the file system (S3-compatible, through django-storages)."""
    return [folder for folder, (storage, _setting) in MEDIA_TREES.items() if not _is_local(storage)]


def _is_local(alias):
    from django.core.files.storage import FileSystemStorage, storages

    return isinstance(storages[alias], FileSystemStorage)


def media_files(root, folder):
    """(path, name in the archive) for every regular file under `root`, in a stable order.

    Links are skipped: a link out of the media tree must not pull other files into the archive.
    """
    if not root.is_dir():
        return
    for directory, subdirs, names in os.walk(root):
        subdirs.sort()
        for name in sorted(names):
            path = Path(directory) / name
            if path.is_symlink() or not path.is_file():
                continue
            yield path, f"{folder}/{path.relative_to(root).as_posix()}"


class _HashingReader:
    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def add_file(archive, path, arcname):
    """Add one file, hashing it as it is read; return its manifest entry."""
    with open(path, "rb") as handle:
        info = archive.gettarinfo(arcname=arcname, fileobj=handle)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _HashingReader(handle)
        archive.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "size": info.size}


def add_bytes(archive, arcname, data):
    info = tarfile.TarInfo(arcname)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def list_backups(directory):
    """Archives of a directory, oldest first (their names sort by date)."""
    return sorted(Path(directory).glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"))


def prune_backups(directory, keep):
    """Delete all but the newest `keep` archives; return the deleted paths."""
    archives = list_backups(directory)
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


def _pg_environment(settings_dict):
    """libpq's variables for a Django connection: the password travels in the environment, never in argv."""
    env = os.environ.copy()
    options = settings_dict.get("OPTIONS", {})
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
        "PGPASSFILE": options.get("passfile"),
        "PGSERVICE": options.get("service"),
    }
    for name, value in values.items():
        if value not in (None, ""):
            env[name] = str(value)
    return env


def _run_pg(program, arguments, settings_dict):
    if shutil.which(program) is None:
        raise BackupError(
            f"{program} was not found. Install PostgreSQL's client programs "
            "(Debian: apt-get install postgresql-client; the Docker image has them)."
        )
    result = subprocess.run(  # noqa: S603 (fixed program, arguments built here)
        [program, "--no-password", *arguments],
        env=_pg_environment(settings_dict),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed (exit code {result.returncode}):\n{result.stderr.strip()}")
    return result


# --- restore -----------------------------------------------------------------------------------------


def installation_content():
    """What already is in this installation: (tables with rows, media files), both lists of names.

    A freshly migrated database counts as empty (MIGRATION_FILLED_TABLES).
    """
    counts = count_rows(connection)
    tables = [table for table, rows in counts.items() if rows and table not in MIGRATION_FILLED_TABLES]
    files = []
    for folder, root in local_media_roots().items():
        files.extend(arcname for _, arcname in media_files(root, folder))
    return tables, files


def check_member(member):
    """Refuse a member that could write outside the restore directory or is not a plain file or folder."""
    name = member.name
    path = PurePosixPath(name)
    if not name or name.startswith(("/", "\\")) or path.is_absolute() or ":" in path.parts[0]:
        raise BackupError(f"The archive is refused: {name!r} is an absolute path.")
    if ".." in path.parts or "\\" in name or "\x00" in name:
        raise BackupError(f"The archive is refused: {name!r} points outside the restore directory.")
    if not (member.isfile() or member.isdir()):
        raise BackupError(f"The archive is refused: {name!r} is a link or a special file, not a plain file.")
    top = path.parts[0]
    if name != MANIFEST and top not in {"database", *MEDIA_TREES}:
        raise BackupError(f"The archive is refused: {name!r} is not part of a portal backup.")


def unpack(archive_path, staging):
    """Unpack the archive into `staging` after checking every member; return the manifest."""
    try:
        with tarfile.open(archive_path, mode="r|gz") as archive:
            for member in archive:
                check_member(member)
                archive.extract(member, staging, set_attrs=False, filter="data")
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"{archive_path} is not a readable portal backup: {exc}") from None
    try:
        manifest = json.loads((staging / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupError(f"{archive_path} has no readable {MANIFEST}: it is not a complete portal backup.") from None
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"{archive_path} has backup format {manifest.get('format')!r}; this portal reads format 1.")
    return manifest


def check_files(root_for, manifest):
    """Compare files with the manifest; return a list of problems (empty when all match).

    `root_for(folder)` gives the directory that holds an archive folder's files.
    """
    problems = []
    for arcname, expected in sorted(manifest["files"].items()):
        folder, _, rest = arcname.partition("/")
        path = Path(root_for(folder)) / rest
        if not path.is_file():
            problems.append(f"missing file {arcname}")
        elif path.stat().st_size != expected["size"] or sha256_of(path) != expected["sha256"]:
            problems.append(f"checksum mismatch {arcname}")
    return problems


def check_rows(manifest, conn=None):
    """Compare the database's row counts with the manifest; return a list of problems."""
    actual = count_rows(conn or connection)
    problems = []
    for table, rows in sorted(manifest["database"]["row_counts"].items()):
        if table not in actual:
            problems.append(f"missing table {table}")
        elif actual[table] != rows:
            problems.append(f"table {table}: {actual[table]} rows, the backup has {rows}")
    return problems


def restore_backup(archive_path, *, force=False, log=print):
    """Restore an archive into this installation; return {"tables": n, "rows": n, "files": n}.

    Refuses (BackupError) an archive of another database engine, an archive from a newer portal,
    a damaged or tampered archive, and, unless `force`, an installation that already holds content.
    Nothing in the installation is touched until the archive has been unpacked and checked.
    """
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"{archive_path} does not exist.")
    vendor = connection.vendor
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
        staging = Path(work)
        log(f"Unpacking and checking {archive_path} ...")
        manifest = unpack(archive_path, staging)
        database = manifest["database"]
        if database["engine"] != vendor:
            raise BackupError(
                f"This archive holds a {ENGINE_NAMES.get(database['engine'], database['engine'])} database; "
                f"this installation uses {ENGINE_NAMES.get(vendor, vendor)}. A backup can only be restored into "
                "the same kind of database (to move between them, use dumpdata and loaddata)."
            )
        newer = _unknown_migrations(database["migrations"])
        if newer:
            raise BackupError(
                "This archive was made by a newer version of the portal (migrations this code does not have: "
                f"{', '.join(newer)}). Update the code first, then restore."
            )
        dump = staging / database["file"]
        problems = check_files(lambda folder: staging / folder, manifest)
        if not dump.is_file() or sha256_of(dump) != database["sha256"]:
            problems.append(f"checksum mismatch {database['file']}")
        if problems:
            raise BackupError("The archive is damaged: " + "; ".join(problems[:10]))

        for folder in object_storage_folders():
            if any(name.startswith(f"{folder}/") for name in manifest["files"]):
                raise BackupError(
                    f"The archive holds {folder}/ files, but this installation keeps them in object storage (S3): "
                    "restore into an installation with local media folders, then copy the files to the bucket."
                )

        tables, files = installation_content()
        if (tables or files) and not force:
            found = []
            if tables:
                more = ", ..." if len(tables) > 5 else ""
                found.append(f"{len(tables)} tables hold rows ({', '.join(tables[:5])}{more})")
            if files:
                found.append(f"{len(files)} media files exist")
            raise BackupError(
                f"This installation is not empty: {'; '.join(found)}. Restore into a new, empty installation "
                "(a fresh database, with or without `migrate`, and empty media folders), or add --force to "
                "replace its database with the backup's (media files with the same names are overwritten, "
                "other files are kept)."
            )

        log(f"Restoring the {ENGINE_NAMES[vendor]} database ...")
        restore_database(dump)
        log("Restoring media files ...")
        for folder, root in local_media_roots().items():
            _copy_tree(staging / folder, root)

    log("Checking the restored installation against the manifest ...")
    problems = check_rows(manifest) + check_files(lambda folder: local_media_roots()[folder], manifest)
    if problems:
        raise BackupError("The restore does not match the backup: " + "; ".join(problems[:10]))
    if _pending_migrations():
        log("The backup was made by an older version of the portal: run `python manage.py migrate` now.")
    return {
        "tables": len(database["row_counts"]),
        "rows": sum(database["row_counts"].values()),
        "files": len(manifest["files"]),
        "created_at": manifest["created_at"],
    }


def _pending_migrations():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def _unknown_migrations(heads):
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return sorted(f"{app}.{name}" for app, name in heads.items() if (app, name) not in known)


def restore_database(dump):
    if connection.vendor == "postgresql":
        _restore_postgresql(dump)
    else:
        _restore_sqlite(dump)


def _restore_postgresql(dump):
    settings_dict = connection.settings_dict
    connections.close_all()  # pg_restore drops tables: our own open transaction must not hold locks
    # --clean --if-exists replaces what a fresh `migrate` made; --single-transaction: all or nothing.
    _run_pg(
        "pg_restore",
        [
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--clean",
            "--if-exists",
            "--dbname",
            settings_dict["NAME"],
            str(dump),
        ],
        settings_dict,
    )


def _restore_sqlite(dump):
    # The backup API overwrites the whole target database, page by page, in one transaction.
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _copy_tree(source, target):
    if not source.is_dir():
        return
    for directory, _subdirs, names in os.walk(source):
        relative = Path(directory).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copyfile(Path(directory) / name, target / relative / name)
