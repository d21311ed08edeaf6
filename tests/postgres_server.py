"""A throwaway PostgreSQL server for the sql source's tests.

Started from the server binaries of the Debian ``postgresql`` package (``initdb`` and
``pg_ctl``, run as the ``postgres`` user when the tests run as root), in a temporary
folder that also holds its socket, on a free port, logging every statement; stopped and
removed by the fixture's finalizer. Where the binaries are missing the tests skip, saying
how to enable them.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs
import pytest

ENABLE = (
    "PostgreSQL server binaries not found: install the Debian package postgresql "
    "(apt-get install postgresql; .ci/run does), or set MEASUREKIT_PG_BIN to the folder "
    "holding initdb and pg_ctl"
)
#: The password of the role the tests connect as (sent over TCP, checked by SCRAM).
PASSWORD = "s3cret-Pa55word"
USER = "analyst"
DATABASE = "crime"


def server_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``: ``MEASUREKIT_PG_BIN`` when set (and
    only there), else the newest ``/usr/lib/postgresql/*/bin``, else the ``PATH``."""
    chosen = os.environ.get("MEASUREKIT_PG_BIN")
    candidates = [chosen] if chosen is not None else []
    candidates += (
        []
        if chosen is not None
        else sorted(
            glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2] or 0)
        )[::-1]
    )
    found = shutil.which("initdb")
    if chosen is None and found:
        candidates.append(str(Path(found).parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


@attrs.frozen
class Server:
    """A running server: where it listens and its statement log."""

    folder: Path
    port: int
    log: Path

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, password: str = PASSWORD, port: int | None = None) -> str:
        """The analyst's SQLAlchemy URL over TCP (password checked by SCRAM)."""
        return f"postgresql+psycopg://{USER}:{password}@127.0.0.1:{port or self.port}/{DATABASE}"

    def admin(self, sql: str, *rows: Sequence[object], copy: str | None = None) -> None:
        """Run ``sql`` as the superuser over the socket; with ``copy``, COPY ``rows`` in."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), port=self.port, user="postgres", dbname=DATABASE,
            autocommit=True,
        ) as connection:  # fmt: skip
            if sql:
                connection.execute(sql)
            if copy is not None:
                with connection.cursor().copy(copy) as loading:
                    for row in rows:
                        loading.write_row(row)

    def statements(self) -> list[str]:
        """Every statement in the server's log (a statement's continuation lines joined)."""
        found: list[str] = []
        for line in self.log.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(("\t", " ")) and found:
                found[-1] += " " + line.strip()
                continue
            for marker in ("LOG:  statement: ", "LOG:  execute "):
                if marker in line:
                    text = line.split(marker, 1)[1]
                    found.append(text.split(": ", 1)[1] if marker.endswith("execute ") else text)
        return found


def _as_server_user() -> list[str]:
    """How to run a server binary: as ``postgres`` when we are root (initdb refuses root)."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", "postgres", "--"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def postgres() -> Iterator[Server]:
    """A PostgreSQL server with database ``crime`` and role ``analyst`` (password
    :data:`PASSWORD`), for the session; skipped where the binaries are missing."""
    pytest.importorskip("psycopg", reason="the PostgreSQL tests need pip install -e '.[postgres]'")
    binaries = server_binaries()
    if binaries is None:
        pytest.skip(ENABLE)
    folder = Path(tempfile.mkdtemp(prefix="measurekit-pg-"))
    (folder / "socket").mkdir()
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for path in (folder, folder / "socket"):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    run = _as_server_user()
    data, log, port = folder / "data", folder / "server.log", _free_port()
    subprocess.run(
        [*run, str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
         "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync"],
        check=True, capture_output=True,
    )  # fmt: skip
    options = (
        f"-p {port} -k {folder / 'socket'} -c listen_addresses=127.0.0.1 "
        "-c log_statement=all -c fsync=off"
    )
    subprocess.run(
        [*run, str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w",
         "start"],
        check=True, capture_output=True,
    )  # fmt: skip
    server = Server(folder, port, log)
    try:
        import psycopg

        with psycopg.connect(
            host=str(server.socket_dir), port=port, user="postgres", dbname="postgres",
            autocommit=True,
        ) as connection:  # fmt: skip
            connection.execute(f"create role {USER} login password '{PASSWORD}'")
            connection.execute(f"create database {DATABASE} owner {USER}")
        yield server
    finally:
        subprocess.run(
            [*run, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            check=False, capture_output=True,
        )  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)
