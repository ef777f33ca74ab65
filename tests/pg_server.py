"""A throwaway PostgreSQL server for the test session, started from the system binaries.

``initdb`` + ``pg_ctl`` in a temporary folder, on a free port of 127.0.0.1, trust authentication,
``fsync`` off (the data lives only as long as the session). As root the server runs as the
unprivileged ``postgres`` system user (or ``nobody``), which owns the folder: PostgreSQL refuses to
run as root. Each test that asks for :func:`pg_url` gets a fresh, empty schema (first on the search
path of the URL) in one shared database, dropped afterwards: creating a schema takes milliseconds,
a database a few tenths of a second. :func:`pg_database_url` gives a whole new database.
A watchdog process stops the server and removes its folder if the test process dies without
tearing it down (killed, crashed), so no server outlives the tests.

When the binaries are missing the tests that need them FAIL (never skip), naming the fix:
``make system-postgres``.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin or on PATH: "
    "run `make system-postgres` (it runs `apt-get install -y postgresql`), then the tests again"
)
SUPERUSER = "zholdau"
SHARED_DB = "zholdau_tests"


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl: the newest /usr/lib/postgresql/N/bin, else PATH."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> str | None:
    """The unprivileged user to run the server as when we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError(
        "running as root and neither a `postgres` nor a `nobody` user exists to run PostgreSQL"
    )


class PgServer:
    """One running server; :meth:`create_database` hands out fresh databases on it."""

    def __init__(self, bindir: Path, root: Path, user: str | None) -> None:
        self.bindir = bindir
        self.root = root
        self.user = user
        self.data = root / "data"
        self.log = root / "server.log"
        self.port = 0
        self._names = itertools.count(1)
        self._shared_ready = False

    # --- life cycle -------------------------------------------------------------------------------
    @classmethod
    def start(cls) -> PgServer:
        """initdb a new cluster in a temporary folder and start it; ``pytest.fail`` when impossible."""
        bindir = find_bindir()
        if bindir is None:
            pytest.fail(INSTALL_HINT, pytrace=False)
        user = _run_as()
        # /tmp, not $TMPDIR: the server user must reach the folder, and a socket path must stay short
        root = Path(tempfile.mkdtemp(prefix="zholdau-pg-", dir="/tmp" if os.path.isdir("/tmp") else None))
        if user:
            info = pwd.getpwnam(user)
            os.chown(root, info.pw_uid, info.pw_gid)
        server = cls(bindir, root, user)
        try:
            server._initdb()
            server._start()
        except BaseException:
            server.stop()
            raise
        return server

    def _cmd(self, name: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / name), *args]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        # cwd: the server user may not be allowed to read the folder the tests run from
        proc = subprocess.run(cmd, cwd=self.root, capture_output=True, text=True, timeout=120)
        if check and proc.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            pytest.fail(
                f"`{' '.join(cmd)}` failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}\n{log}",
                pytrace=False,
            )
        return proc

    def _initdb(self) -> None:
        # A UTF-8 ctype is needed: under the plain C locale pg_trgm sees no letters in Cyrillic text.
        base = ["-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-sync"]
        proc = self._cmd("initdb", *base, "--locale=C.UTF-8", check=False)
        if proc.returncode != 0:
            shutil.rmtree(self.data, ignore_errors=True)
            self._cmd("initdb", *base, "--locale=C")

    def _start(self) -> None:
        for _attempt in range(3):  # the free port may be taken between the probe and the start
            self.port = _free_port()
            opts = (
                f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
            )
            proc = self._cmd(
                "pg_ctl",
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-o",
                opts,
                "-w",
                "-t",
                "60",
                "start",
                check=False,
            )
            if proc.returncode == 0:
                self._watch()
                return
        log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
        pytest.fail(f"PostgreSQL did not start: {proc.stdout}\n{proc.stderr}\n{log}", pytrace=False)

    def _watch(self) -> None:
        """A watchdog in its own session: when this test process dies without tearing down (killed,
        crashed), it stops the server and removes the folder, so no server outlives the tests."""
        stop = [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]
        if self.user:
            stop = ["runuser", "-u", self.user, "--", *stop]
        script = (
            f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; "
            f"{shlex.join(stop)} >/dev/null 2>&1; rm -rf {shlex.quote(str(self.root))}"
        )
        subprocess.Popen(
            ["sh", "-c", script],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        """Stop the server (if running) and remove its folder."""
        if (self.data / "postmaster.pid").exists():
            self._cmd("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    # --- databases --------------------------------------------------------------------------------
    def url(self, dbname: str = "postgres", schema: str | None = None) -> str:
        """A connection URL; with ``schema``, that schema comes first on the search path."""
        url = f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"
        return url + f"?options=-csearch_path%3D{schema},public" if schema else url

    def admin(self, sql: str, dbname: str = "postgres") -> None:
        """Run one statement outside a transaction."""
        try:
            import psycopg
        except ImportError:
            pytest.fail(
                "psycopg is not installed: run `make install` (or pip install -e '.[postgres]')",
                pytrace=False,
            )
        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self) -> str:
        """A new empty database (about 0.1-0.3 s); its URL."""
        name = f"db{os.getpid()}_{next(self._names)}"
        self.admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1].split('?')[0]} WITH (FORCE)")

    def create_schema(self) -> str:
        """A new empty schema in the shared test database (a few ms); the URL that works in it.

        pg_trgm is installed once in that database's ``public`` schema, which stays on the search path.
        """
        if not self._shared_ready:
            self.admin(f"CREATE DATABASE {SHARED_DB}")
            self.admin("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public", SHARED_DB)
            self._shared_ready = True
        name = f"s{os.getpid()}_{next(self._names)}"
        self.admin(f"CREATE SCHEMA {name}", SHARED_DB)
        return self.url(SHARED_DB, name)

    def drop_schema(self, url: str) -> None:
        schema = url.rsplit("search_path%3D", 1)[1].split(",")[0]
        self.admin(f"DROP SCHEMA IF EXISTS {schema} CASCADE", SHARED_DB)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The session's PostgreSQL server (started on first use, stopped at the end)."""
    server = PgServer.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of a fresh, empty schema on the session's server (dropped after the test)."""
    url = pg_server.create_schema()
    yield url
    pg_server.drop_schema(url)


@pytest.fixture
def pg_database_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of a fresh, empty database (for what a schema cannot show: a first CREATE EXTENSION)."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)
