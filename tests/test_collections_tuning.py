"""The collector runs rarely while the program imports measurekit and its plugins, and
``fewer_collections`` leaves the thresholds as they were."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest

from measurekit.collections_tuning import fewer_collections


@pytest.fixture
def known_thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    gc.set_threshold(123, 4, 5)
    yield (123, 4, 5)
    gc.set_threshold(*before)


def test_the_thresholds_are_raised_inside_and_restored_after(
    known_thresholds: tuple[int, int, int],
) -> None:
    with fewer_collections():
        assert gc.get_threshold() == (100_000, 50, 100)  # as the module documents
    assert gc.get_threshold() == known_thresholds


def test_the_thresholds_are_restored_after_an_error(
    known_thresholds: tuple[int, int, int],
) -> None:
    with pytest.raises(KeyError), fewer_collections():
        raise KeyError("boom")
    assert gc.get_threshold() == known_thresholds


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


def test_importing_measurekit_loads_nothing_else() -> None:
    script = (
        "import sys, measurekit\n"
        "print(sorted(name for name in sys.modules if name.startswith('measurekit')))\n"
        "print(measurekit.Figure.__module__, measurekit.hookimpl.project_name)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert output == [
        "['measurekit', 'measurekit.__about__', 'measurekit.lazy_exports']",
        "measurekit.model.statement measurekit",
    ]
