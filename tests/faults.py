"""Helpers for fault-injection tests: a small statement to build, a build run in a child
process that pauses at a named point (see :mod:`measurekit.fault_points`), and a tmpfs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .helpers import RECORD_HEADER, records, write_csv

FORMATS = ("json", "markdown", "text")
#: The files a build of ``statement.toml`` in :data:`FORMATS` writes, in commit order.
OUTPUTS = ("statement.json", "statement.md", "statement.txt")
#: Long enough for a child process that is working, short enough that a hang fails.
PATIENCE = 120.0


def statement(folder: Path, homicides: int, force: str = "Testshire Police") -> Path:
    """A statement of one measure (homicide) over records holding ``homicides`` offences
    in June 2023, so that two statements with different counts give different files."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(
        folder / "crime.csv",
        RECORD_HEADER,
        records(("2022-04-01", "8N", 1), ("2023-06-01", "1", homicides)),
    )
    path = folder / "statement.toml"
    path.write_text(
        f'[statement]\nforce = "{force}"\nperiod = "2023/24 Q1"\n\n'
        '[sources.crime]\nformat = "records"\npath = "crime.csv"\n\n'
        '[[sections]]\nmeasures = ["homicide"]\n',
        encoding="utf-8",
    )
    return path


def command(statement_path: Path, output: Path) -> list[str]:
    formats = [part for name in FORMATS for part in ("-f", name)]
    return [
        sys.executable,
        "-m",
        "measurekit",
        "build",
        str(statement_path),
        "-o",
        str(output),
        *formats,
    ]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every entry of ``folder``: file name to content (folders and hidden entries too)."""
    return {
        entry.name: entry.read_bytes() if entry.is_file() else b"<folder>"
        for entry in sorted(folder.iterdir())
    }


class Paused:
    """A build running in a child process, stopped at ``point`` until :meth:`resume`."""

    def __init__(
        self, argv: list[str], point: str, marker: Path, env: dict[str, str] | None = None
    ) -> None:
        self.marker = marker
        environment = {**os.environ, **(env or {})}
        environment["MEASUREKIT_PAUSE_AT"] = point
        environment["MEASUREKIT_PAUSE_FILE"] = str(marker)
        self.process = subprocess.Popen(
            argv, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + PATIENCE
        while not marker.exists():
            if self.process.poll() is not None:
                out, err = self.process.communicate()
                raise AssertionError(f"the build ended before pausing at {point}: {out}{err}")
            if time.monotonic() > deadline:
                self.process.kill()
                raise AssertionError(f"the build never reached {point}")
            time.sleep(0.01)
        while not marker.read_text(encoding="ascii"):
            time.sleep(0.01)

    @property
    def pid(self) -> int:
        return self.process.pid

    def send(self, number: int) -> None:
        os.kill(self.process.pid, number)

    def resume(self) -> None:
        self.marker.unlink(missing_ok=True)

    def finish(self) -> tuple[int, str, str]:
        """Wait for the child; its exit status (negative: killed by that signal), stdout
        and stderr."""
        out, err = self.process.communicate(timeout=PATIENCE)
        return self.process.returncode, out, err


def kill_hard(paused: Paused) -> None:
    paused.send(signal.SIGKILL)
    paused.finish()
    paused.resume()


@contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``path`` (skips the test where mounting is not
    permitted: not root, or no mount capability in this container)."""
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'not permitted'})")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def remount_read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)
