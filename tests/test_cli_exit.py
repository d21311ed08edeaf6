"""The ``measurekit`` program ends without the interpreter's teardown (``end_process``), and
loses nothing by it: exit handlers run, buffered output is flushed, the status is kept, and a
thread still at work is waited for as a normal exit would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


def test_buffered_output_and_exit_handlers_are_not_lost(tmp_path: Path) -> None:
    marker = tmp_path / "handler-ran"
    code = (
        "import atexit, pathlib, sys\n"
        "from measurekit.cli.main import end_process\n"
        f"atexit.register(pathlib.Path({str(marker)!r}).write_text, 'yes')\n"
        "sys.stdout.write('x' * 100_000)\n"  # more than a buffer: part is still unwritten
        "sys.stderr.write('last words')\n"
        "end_process(3)\n"
        "print('never printed')\n"
    )
    finished = _run(code)
    assert finished.returncode == 3
    assert finished.stdout == "x" * 100_000
    assert finished.stderr == "last words"
    assert marker.read_text() == "yes"


def test_a_thread_still_at_work_is_waited_for(tmp_path: Path) -> None:
    marker = tmp_path / "thread-done"
    code = (
        "import pathlib, threading, time\n"
        "from measurekit.cli.main import end_process\n"
        "def work():\n"
        "    time.sleep(0.5)\n"
        f"    pathlib.Path({str(marker)!r}).write_text('done')\n"
        "threading.Thread(target=work).start()\n"
        "end_process(0)\n"
    )
    finished = _run(code)
    assert finished.returncode == 0, finished.stderr
    assert marker.read_text() == "done"


def test_the_program_exits_with_the_commands_status(tmp_path: Path) -> None:
    """``python -m measurekit`` (as the ``measurekit`` script) ends through ``run``: a
    missing statement file is exit 1 with its one-line error, and a good build is exit 0
    with every line of its report."""
    missing = subprocess.run(
        [sys.executable, "-m", "measurekit", "build", str(tmp_path / "none.toml")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert missing.returncode == 1
    assert missing.stderr.count("\n") == 1
    assert "none.toml" in missing.stderr
    built = subprocess.run(
        [sys.executable, "-m", "measurekit", "example", "-f", "json", "-f", "text",
         "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert written == ["cheshire-2023-24-q1.json", "cheshire-2023-24-q1.txt"]
    assert built.stdout.splitlines() == [f"wrote {tmp_path / 'out' / name}" for name in written]
