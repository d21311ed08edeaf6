"""The ``measurekit`` program ends without the interpreter's teardown (``end_process``), and
loses nothing by it: exit handlers run, buffered output is flushed, the status is kept, and
a thread still at work, or a tool watching the process, gets the exit Python gives."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

#: A child's opening: a module-level object that marks the teardown when it is freed, and
#: a handler that marks the exit handlers' run.
PREAMBLE = """\
import atexit, os, pathlib, sys, threading, time
from measurekit.cli.main import end_process

class Teardown:
    def __del__(self):
        pathlib.Path({teardown!r}).write_text("freed")

freed_at_teardown = Teardown()
atexit.register(pathlib.Path({handler!r}).write_text, "ran")
"""


def _child(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    """Run ``PREAMBLE`` then ``body`` in a new Python, with its streams buffered as a
    program's are when they are pipes (whatever this machine's PYTHONUNBUFFERED says)."""
    code = PREAMBLE.format(teardown=str(tmp_path / "teardown"), handler=str(tmp_path / "handler"))
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-c", code + body],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )


def test_the_teardown_is_skipped_and_nothing_is_lost(tmp_path: Path) -> None:
    finished = _child(
        tmp_path,
        "sys.stdout.write('no newline, so still in the buffer')\n"
        "sys.stderr.write('last words')\n"
        "end_process(3)\n"
        "print('never printed')\n",
    )
    assert finished.returncode == 3
    assert finished.stdout == "no newline, so still in the buffer"
    assert finished.stderr == "last words"
    assert (tmp_path / "handler").read_text() == "ran"
    assert not (tmp_path / "teardown").exists()


def test_an_exit_handler_that_fails_stops_neither_the_others_nor_the_status(
    tmp_path: Path,
) -> None:
    finished = _child(
        tmp_path,
        "def broken():\n    raise RuntimeError('a plugin clean-up failed')\n"
        "atexit.register(broken)\n"  # runs first: handlers run last registered first
        "end_process(4)\n",
    )
    assert finished.returncode == 4
    assert "a plugin clean-up failed" in finished.stderr
    assert (tmp_path / "handler").read_text() == "ran"


def test_a_thread_still_at_work_is_waited_for(tmp_path: Path) -> None:
    finished = _child(
        tmp_path,
        "def work():\n"
        "    time.sleep(0.5)\n"
        f"    pathlib.Path({str(tmp_path / 'thread')!r}).write_text('done')\n"
        "threading.Thread(target=work).start()\n"
        "end_process(0)\n",
    )
    assert finished.returncode == 0, finished.stderr
    assert (tmp_path / "thread").read_text() == "done"
    assert (tmp_path / "teardown").read_text() == "freed"  # Python's own exit


def test_a_watching_tool_gets_pythons_own_exit(tmp_path: Path) -> None:
    """A profiler (here a do-nothing one), a tracer such as coverage, or ``python -i``
    does its work once the program returns: so the exit is Python's own, a
    :class:`SystemExit` the tool can catch."""
    finished = _child(
        tmp_path,
        "sys.setprofile(lambda *args: None)\n"
        "try:\n"
        "    end_process(5)\n"
        "except SystemExit as stop:\n"
        "    sys.setprofile(None)\n"
        "    print('the tool takes over; then exit', stop.code)\n"
        "    raise\n",
    )
    assert finished.returncode == 5
    assert finished.stdout == "the tool takes over; then exit 5\n"
    assert (tmp_path / "handler").read_text() == "ran"


def test_a_closed_or_broken_stream_at_the_end(tmp_path: Path) -> None:
    """A stream the program closed is left alone, as Python leaves it; output that cannot
    reach a reader who has gone is exit 141 (128 + SIGPIPE), as ``_main`` reports it."""
    closed = _child(tmp_path, "sys.stdout.close()\nend_process(0)\n")
    assert closed.returncode == 0, closed.stderr
    broken = _child(
        tmp_path,
        "reader, writer = os.pipe()\n"
        "os.dup2(writer, 1)\n"
        "os.close(reader)\n"
        "os.close(writer)\n"
        "sys.stdout.write('for nobody')\n"
        "end_process(0)\n",
    )
    assert broken.returncode == 141


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


def test_a_program_started_without_standard_output() -> None:
    """``measurekit plugins >&-``: Python gives the program no ``sys.stdout`` at all; the
    report goes nowhere, and the program still ends cleanly."""
    command = f"exec {shlex.quote(sys.executable)} -m measurekit plugins >&-"
    finished = subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, timeout=120, check=False
    )
    assert finished.returncode == 0
    assert finished.stderr == ""
