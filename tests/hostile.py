"""Helpers for hostile-input tests: run the command line and insist on one clean line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from measurekit.cli.main import main

from .helpers import RECORD_HEADER, records, write_csv

#: Any control character but a line feed: what must never reach a terminal.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def one_line(err: str) -> str:
    """``err`` as the single clean error line it must be."""
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert err.startswith("measurekit: error: "), err
    assert not CONTROL.search(err), repr(err)
    return err.strip()


def fails(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run the command line in this process, expecting exit 1; its error line."""
    assert main(argv) == 1
    return one_line(capsys.readouterr().err)


def fails_in_child(argv: list[str], cwd: Path | None = None) -> str:
    """Run the command line in a child process that must end within a minute (so that a
    hang fails the test instead of stopping the suite), expecting exit 1."""
    done = subprocess.run(
        [sys.executable, "-m", "measurekit", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )
    assert done.returncode == 1, (done.stdout, done.stderr)
    return one_line(done.stderr)


def records_statement(folder: Path, body: str = "", crime: str = "crime.csv") -> Path:
    """A homicide statement over ``folder/crime.csv`` (written with a few good rows unless
    it exists), with ``body`` added to ``[statement]``."""
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / crime
    if not data.exists() and not data.is_symlink():
        write_csv(data, RECORD_HEADER, records(("2022-04-01", "8N", 1), ("2023-06-01", "1", 2)))
    path = folder / "statement.toml"
    path.write_text(
        f'[statement]\nforce = "Testshire Police"\nperiod = "2023/24 Q1"\n{body}\n\n'
        f'[sources.crime]\nformat = "records"\npath = "{crime}"\n\n'
        '[[sections]]\nmeasures = ["homicide"]\n',
        encoding="utf-8",
    )
    return path
