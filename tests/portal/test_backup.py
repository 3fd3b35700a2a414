"""Backups restore: `backup` then `restore` into an empty installation gives the same rows and files.

The restore runs in a fresh interpreter, as an operator runs it, against a new database (PostgreSQL:
a database made for the test; SQLite: a new file) and new media folders.
"""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.roles import Role
from portal import backups
from portal.mail import queue_email
from tests.practices.sample_files import image_bytes, pdf_bytes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media(tmp_path, settings):
    """This test's own public and private media folders: (public, private)."""
    from practices.models import Attachment

    public, private = tmp_path / "source" / "media", tmp_path / "source" / "private-media"
    public.mkdir(parents=True)
    private.mkdir(parents=True)
    settings.MEDIA_ROOT = public
    settings.PRIVATE_MEDIA_ROOT = private
    # The private storage's folder comes from its options, not a setting: point its cached paths here.
    storage = Attachment._meta.get_field("file").storage
    storage.__dict__.update(base_location=str(private), location=str(private))
    yield public, private
    for name in ("base_location", "location"):
        storage.__dict__.pop(name, None)


@pytest.fixture
def content(media, make_practice, make_member, make_issue, editor):
    """A little of everything: practices with an attachment and a gallery image, members, an issue
    with PDF editions, a queued e-mail."""
    from practices.models import Attachment, PracticeImage

    for number in range(3):
        practice = make_practice(f"Clean water {number}")
        attachment = Attachment(practice=practice, title="Plan", language="ru")
        attachment.file.save("plan.pdf", ContentFile(pdf_bytes(f"plan {number}")), save=False)
        attachment.fill_file_metadata()
        attachment.save()
        image = PracticeImage(practice=practice, caption="Well")
        image.image.save("well.png", ContentFile(image_bytes(color=(number, 90, 200))), save=True)
    make_member(Role.DEPUTY, email="deputy-backup@example.kg")
    make_member(Role.SERVANT, email="servant-backup@example.kg", first_name="Айгүл")
    make_issue(2026, 4)
    queue_email(to="deputy-backup@example.kg", subject="Welcome", body="Саламатсызбы")


def checksums(*roots):
    """{folder name/relative path: sha256} of every file under the roots."""
    found = {}
    for root in roots:
        for path in sorted(Path(root).rglob("*")):
            if path.is_file():
                found[f"{Path(root).name}/{path.relative_to(root).as_posix()}"] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return found


def manage(*arguments, database_url, public, private):
    """Run manage.py in a fresh interpreter with the production settings and these places."""
    environ = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG", "TMPDIR"}}
    environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        SECRET_KEY="backup-test-secret-key-" + "x" * 30,
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(public),
        PRIVATE_MEDIA_ROOT=str(private),
        LOG_FORMAT="text",
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def empty_database(tmp_path):
    """(DATABASE_URL, count_rows()) of a new, empty database of the same engine as the tests'."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"

        def count():
            with sqlite3.connect(path) as db:
                tables = [
                    row[0]
                    for row in db.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    )
                ]
                return {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608

        yield f"sqlite:///{path}", count
        return

    import psycopg

    params = connection.settings_dict
    name = f"portal_h6_restore_{uuid.uuid4().hex[:8]}"
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    url = f"postgres://{auth}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')

    def count():
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
            tables = [
                row[0]
                for row in db.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
                )
            ]
            return {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608

    yield url, count
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_restores_a_backup_into_an_empty_installation(content, media, empty_database, tmp_path, capsys):
    database_url, count_restored_rows = empty_database
    rows = backups.count_rows(connection)
    files = checksums(*media)
    assert rows["practices_practice"] == 3 and rows["accounts_user"] == 3 and rows["portal_outboxemail"] == 1
    # 3 attachments + 2 editions (private), 3 images and their thumbnails (public)
    assert sum(name.startswith("private-media/") for name in files) == 5
    assert sum(name.startswith("media/") for name in files) >= 3

    call_command("backup", output_dir=tmp_path / "backups")
    archive = Path(capsys.readouterr().out.split(" (")[0])
    assert archive.parent == tmp_path / "backups"
    assert archive.name.startswith("portal-backup-") and archive.name.endswith(".tar.gz")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    public, private = tmp_path / "restored" / "media", tmp_path / "restored" / "private-media"
    result = manage("restore", str(archive), database_url=database_url, public=public, private=private)

    assert result.returncode == 0, result.stderr
    assert "row counts and checksums match" in result.stdout
    assert count_restored_rows() == rows
    assert checksums(public, private) == files


def make_archive(path, members):
    """A .tar.gz with the given (TarInfo, bytes or None) members."""
    with tarfile.open(path, "w:gz") as archive:
        for info, data in members:
            if data is not None:
                info.size = len(data)
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def file_member(name, data=b"x"):
    return tarfile.TarInfo(name), data


def link_member(name, target, kind=tarfile.SYMTYPE):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info, None


@pytest.mark.parametrize(
    "member",
    [
        file_member("../x"),
        file_member("media/../../x"),
        file_member("/etc/x"),
        link_member("media/link", "/etc/passwd"),
        link_member("media/hard", "/etc/passwd", tarfile.LNKTYPE),
        file_member("elsewhere/x"),
    ],
    ids=["parent", "parent-inside", "absolute", "symlink", "hardlink", "unknown-folder"],
)
@pytest.mark.django_db
def test_it_refuses_a_tampered_archive(member, media, tmp_path):
    archive = make_archive(tmp_path / "portal-backup-20260101-000000.tar.gz", [file_member("media/a.txt"), member])

    with pytest.raises(CommandError, match="The archive is refused"):
        call_command("restore", str(archive))

    assert not (tmp_path / "x").exists()
    assert list(media[0].iterdir()) == [] and list(media[1].iterdir()) == []


@pytest.mark.django_db
def test_it_refuses_to_restore_over_an_installation_with_content(media, make_practice, tmp_path):
    call_command("backup", output_dir=tmp_path, stdout=io.StringIO())
    make_practice("Already here")

    with pytest.raises(CommandError, match="This installation is not empty: .*practices_practice.*--force"):
        call_command("restore", str(backups.list_backups(tmp_path)[-1]))


@pytest.mark.django_db
def test_it_refuses_a_dump_of_the_other_database_engine(media, tmp_path):
    call_command("backup", output_dir=tmp_path, stdout=io.StringIO())
    archive = backups.list_backups(tmp_path)[-1]
    with tarfile.open(archive) as original:
        members = [(m, original.extractfile(m).read()) for m in original.getmembers()]
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"

    def edited(info, data):
        if info.name != "manifest.json":
            return info, data
        manifest = json.loads(data)
        manifest["database"]["engine"] = other
        return info, json.dumps(manifest).encode()

    members = [edited(info, data) for info, data in members]
    make_archive(archive, members)

    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    with pytest.raises(CommandError, match=f"holds a {names[other]} database; this installation uses"):
        call_command("restore", str(archive))


@pytest.mark.django_db
def test_it_refuses_a_damaged_archive(media, tmp_path):
    (media[1] / "paid.pdf").write_bytes(b"%PDF-1.4 the real thing")
    call_command("backup", output_dir=tmp_path, stdout=io.StringIO())
    archive = backups.list_backups(tmp_path)[-1]
    with tarfile.open(archive) as original:
        members = [(m, original.extractfile(m).read()) for m in original.getmembers()]
    members = [(m, b"%PDF-1.4 something else" if m.name.endswith("paid.pdf") else data) for m, data in members]
    make_archive(archive, members)
    (media[1] / "paid.pdf").unlink()

    with pytest.raises(CommandError, match="The archive is damaged: checksum mismatch private-media/paid.pdf"):
        call_command("restore", str(archive))


@pytest.mark.django_db
def test_it_counts_a_freshly_migrated_database_as_empty(media):
    assert backups.installation_content() == ([], [])


@pytest.mark.django_db
def test_it_keeps_only_the_newest_archives(media, tmp_path, settings):
    import datetime

    start = datetime.datetime(2026, 5, 1, 2, 0, tzinfo=datetime.UTC)
    for day in range(4):
        backups.create_backup(tmp_path, keep=2, now=start + datetime.timedelta(days=day))

    assert [path.name for path in backups.list_backups(tmp_path)] == [
        "portal-backup-20260503-020000.tar.gz",
        "portal-backup-20260504-020000.tar.gz",
    ]
    assert not list(tmp_path.glob(".*.partial"))


def test_it_gives_pg_dump_the_password_in_the_environment_only(monkeypatch):
    calls = []
    monkeypatch.setattr(backups.shutil, "which", lambda program: "/usr/bin/" + program)
    monkeypatch.setattr(
        backups.subprocess,
        "run",
        lambda argv, **kwargs: calls.append((argv, kwargs)) or subprocess.CompletedProcess(argv, 0),
    )
    settings_dict = {"NAME": "portal", "USER": "portal", "PASSWORD": "s3cret-pw", "HOST": "db", "PORT": 5432}

    backups._run_pg("pg_dump", ["--format=custom", "--file", "portal.pgdump"], settings_dict)

    argv, kwargs = calls[0]
    assert "s3cret-pw" not in " ".join(argv)
    assert kwargs["env"]["PGPASSWORD"] == "s3cret-pw"
    assert kwargs["env"]["PGHOST"] == "db" and kwargs["env"]["PGDATABASE"] == "portal"
