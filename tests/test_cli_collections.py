"""The command line collects cyclic garbage less often while it runs (the program from its
first import), and leaves the collector as it found it (a script or test that calls
``main`` keeps its own settings)."""

from __future__ import annotations

import gc
import importlib
import subprocess
import sys
from collections.abc import Iterator

import pytest

#: The module (``measurekit.cli.main`` the attribute is the function of that name).
cli = importlib.import_module("measurekit.cli.main")


@pytest.fixture
def default_thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield (700, 10, 10)
    gc.set_threshold(*before)


def test_a_run_raises_the_thresholds_and_puts_them_back(
    monkeypatch: pytest.MonkeyPatch, default_thresholds: tuple[int, int, int]
) -> None:
    seen: list[tuple[int, int, int]] = []

    def fake_run(arguments: object) -> int:
        seen.append(gc.get_threshold())
        return 0

    monkeypatch.setattr(cli, "_run", fake_run)
    assert cli.main(["plugins"]) == 0
    assert seen == [(100_000, 50, 100)]
    assert gc.get_threshold() == default_thresholds


def test_a_failure_puts_the_thresholds_back_too(
    monkeypatch: pytest.MonkeyPatch, default_thresholds: tuple[int, int, int]
) -> None:
    def failing_run(arguments: object) -> int:
        raise RuntimeError("a bug, not a user's error")

    monkeypatch.setattr(cli, "_run", failing_run)
    with pytest.raises(RuntimeError):
        cli.main(["plugins"])
    assert gc.get_threshold() == default_thresholds


def test_the_program_collects_rarely_from_its_first_import() -> None:
    # A whole run of the program in a fresh interpreter, counting the collector's runs to
    # the end (the program runs exit handlers before it ends the process). With Python's
    # thresholds, importing measurekit and its plugins alone starts it about 40 times.
    script = (
        "import atexit, gc, sys\n"
        "starts = []\n"
        "gc.callbacks.append(lambda phase, info: phase == 'start' and starts.append(1))\n"
        "atexit.register(lambda: print(len(starts), file=sys.stderr))\n"
        "sys.argv = ['measurekit', 'plugins']\n"
        "from measurekit.__main__ import run\n"
        "run()\n"
    )
    finished = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert "homicide" in finished.stdout
    assert int(finished.stderr.strip()) < 12
