"""The police.uk reader's worker processes, and multiprocessing's resource tracker, end
with the build that started them, however it ends (even by SIGKILL)."""

from __future__ import annotations

import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from .faults import PATIENCE, Paused

DATA = Path(__file__).parent / "data" / "police-uk-cheshire-2025"

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="needs /proc to find child processes"
)


def children(parent: int) -> set[int]:
    """The processes whose parent is ``parent``, read from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie waiting to be reaped has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_workers_and_resource_tracker_end_with_a_killed_build(
    tmp_path: Path, how: signal.Signals
) -> None:
    folder = tmp_path / "police-uk"
    shutil.copytree(DATA, folder)
    statement = tmp_path / "cheshire.toml"
    statement.write_text(
        '[statement]\nforce = "Cheshire Constabulary"\nperiod = "2025/26 Q3"\n\n'
        f'[sources.crime]\nformat = "police-uk"\npath = "{folder.as_posix()}"\nworkers = 2\n\n'
        '[[sections]]\nmeasures = ["neighbourhood_crime"]\n',
        encoding="utf-8",
    )
    argv = [
        sys.executable,
        "-m",
        "measurekit",
        "build",
        str(statement),
        "-o",
        str(tmp_path / "out"),
    ]
    # measurekit's own reader, whose worker processes these are (not DuckDB's threads).
    own_reader = {"MEASUREKIT_POLICE_UK_DUCKDB": "0"}
    paused = Paused(argv, "read", tmp_path / "marker", env=own_reader)
    started = children(paused.pid)
    assert len(started) >= 3, "expected two workers and the resource tracker"
    paused.send(how)
    paused.resume()
    status, _, err = paused.finish()
    assert status == (-how if how == signal.SIGKILL else 128 + how)
    if how != signal.SIGKILL:
        assert err.strip() == "measurekit: interrupted; no output file was changed"
    deadline = time.monotonic() + PATIENCE
    while any(alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in started if alive(pid)]
    assert not (tmp_path / "out").exists()
