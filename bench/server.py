"""What the benchmark (bench/run.py) and the load test (bench/loadtest.py) share: the benchmark
database and its data, the portal's production settings, gunicorn started and always stopped,
the workers' memory, and the facts of the machine.

Standard library only, plus psycopg and redis from the portal's own virtualenv (run with
.venv/bin/python), so nothing is installed for it.
"""

# The subprocesses run fixed argument lists built here (never a shell, nothing from outside).
# ruff: noqa: S603, S607

import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
VAR = ROOT / "var" / "bench"
RAW = ROOT / "bench" / "results" / "raw"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
# The cache of the benchmark: its own Redis database, flushed before each run (never another one).
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8280"))
MARKER_TABLE = "bench_parameters"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def portal_env(*, static_root, database_url=DATABASE_URL):
    """The portal's production settings, on 127.0.0.1 over plain HTTP, with a fresh secret key."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SENTRY_"))}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(VAR / "media"),
        PRIVATE_MEDIA_ROOT=str(VAR / "private-media"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def manage(env, *args, quiet=False):
    command = [str(BIN / "python"), "manage.py", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL if quiet else None)


# The benchmark database -------------------------------------------------------------------


class Database:
    """The PostgreSQL database of the benchmark, and a marker of the parameters its data were made with."""

    def __init__(self, url=DATABASE_URL):
        import psycopg

        self.psycopg = psycopg
        self.url = url
        parts = urlsplit(url)
        self.name = parts.path.lstrip("/")
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))

    def exists(self):
        with self.psycopg.connect(self.admin_url, autocommit=True) as connection:
            return bool(connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name]).fetchall())

    def recreate(self):
        from psycopg import sql

        with self.psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name)))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))

    def ensure(self):
        from psycopg import sql

        if not self.exists():
            with self.psycopg.connect(self.admin_url, autocommit=True) as connection:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))

    def marker(self):
        """The parameters the data were generated with, or None."""
        if not self.exists():
            return None
        with self.psycopg.connect(self.url) as connection:
            row = connection.execute("SELECT to_regclass(%s)", [MARKER_TABLE]).fetchone()
            if row[0] is None:
                return None
            row = connection.execute(f"SELECT parameters FROM {MARKER_TABLE}").fetchone()  # noqa: S608
            return json.loads(row[0]) if row else None

    def set_marker(self, parameters):
        with self.psycopg.connect(self.url) as connection:
            connection.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (parameters text NOT NULL)")
            connection.execute(f"DELETE FROM {MARKER_TABLE}")  # noqa: S608
            connection.execute(f"INSERT INTO {MARKER_TABLE} VALUES (%s)", [json.dumps(parameters)])  # noqa: S608

    def version(self):
        with self.psycopg.connect(self.url) as connection:
            return connection.execute("SHOW server_version").fetchone()[0]


def prepare_data(env, parameters, *, fresh=False):
    """Migrate the benchmark database and generate its data, unless it holds data made with these parameters."""
    database = Database(env["DATABASE_URL"])
    media_present = (VAR / "private-media").exists()
    if not fresh and database.marker() == parameters and media_present:
        log(f"Reusing the data in {database.name} ({parameters}); --fresh regenerates them.")
        manage(env, "migrate", "--noinput", quiet=True)
        return database
    log(f"Creating {database.name} and generating {parameters} ...")
    database.recreate()
    for folder in ("media", "private-media"):
        shutil.rmtree(VAR / folder, ignore_errors=True)
    started = time.monotonic()
    manage(env, "migrate", "--noinput", quiet=True)
    log(f"Migrated ({time.monotonic() - started:.0f} s).")
    manage(
        env,
        "generate_bench_data",
        f"--practices={parameters['practices']}",
        f"--issues={parameters['issues']}",
        f"--members={parameters['members']}",
        f"--seed={parameters['seed']}",
    )
    with database.psycopg.connect(database.url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    database.set_marker(parameters)
    return database


def collect_static(env):
    manage(env, "collectstatic", "--noinput", "-v0")


def flush_cache():
    """Empty the benchmark's own Redis database (REDIS_URL's database number; never the others)."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def static_dir():
    return tempfile.TemporaryDirectory(prefix="portal-bench-static-")


# gunicorn -------------------------------------------------------------------------------


class Gunicorn:
    """gunicorn with the portal, in its own process group; always stop() it (try/finally)."""

    def __init__(self, env, *, workers=2, port=PORT, log_path=None):
        self.env = env
        self.workers = workers
        self.port = port
        self.log_path = log_path or VAR / "gunicorn.log"
        self.process = None

    @property
    def url(self):
        return f"http://{HOST}:{self.port}"

    def start(self, timeout=60):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log_file = open(self.log_path, "w")  # noqa: SIM115 (closed in stop)
        command = [
            str(BIN / "gunicorn"),
            "portal.wsgi:application",
            f"--workers={self.workers}",
            "--worker-class=sync",
            f"--bind={HOST}:{self.port}",
            "--timeout=60",
            "--backlog=2048",
            "--no-control-socket",  # several gunicorns on one machine would share ~/.gunicorn/gunicorn.ctl
        ]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}); see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200 and len(self.worker_pids()) == self.workers:
                        log(f"gunicorn is up on {self.url} ({self.workers} sync workers; log: {self.log_path}).")
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not answer /healthz within {timeout} s; see {self.log_path}")

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            except ProcessLookupError:
                pass
        self.log_file.close()
        self.process = None

    def worker_pids(self):
        """The master's children (the workers), from /proc."""
        if self.process is None:
            return []
        children = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # "pid (comm) state ppid ...": comm may hold spaces, so split after its closing parenthesis.
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == self.process.pid:
                children.append(int(entry.name))
        return sorted(children)


def rss_kib(pid):
    """Resident memory of a process in KiB (VmRSS), or None when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


# The machine ------------------------------------------------------------------------------


def machine_facts(database=None):
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    load = ""
    try:
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True)
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "load_average_at_start": load,
        "postgresql": database.version() if database else "",
        "python": platform.python_version(),
        "git_commit": commit.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else ""),
        "wrk": _version(["wrk", "--version"]),
    }


def _version(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (result.stdout or result.stderr).splitlines()[0].strip() if (result.stdout or result.stderr) else ""


def probe(env, out_path):
    """Run bench/probe.py against the benchmark database (the URLs to load, a member's session, SQL counts)."""
    subprocess.run(
        [str(BIN / "python"), str(ROOT / "bench" / "probe.py"), str(out_path)], cwd=ROOT, env=env, check=True
    )
    return json.loads(Path(out_path).read_text())


def ensure_venv_python():
    if Path(sys.executable).resolve() != (BIN / "python").resolve() and not (BIN / "python").exists():
        sys.exit("The portal's virtualenv is missing: run `make install` first.")
