"""Time this checkout's build against an older commit's, in turns with the tally.

    python benchmarks/statement/against.py 18ed519 [--runs 7] [-f json ...]

Unpacks ``src`` and ``plugins`` of the commit given into a temporary folder, compiles both
copies to bytecode, then runs, ``--runs`` times in turn after one warm-up each: the older
build (``python -m measurekit`` with ``PYTHONPATH`` pointing at the unpacked copy),
this checkout's build, and ``tally.py``, all on the 1x data of ``compare.py``. Prints the
median processor seconds of each and the medians of each build's ratio to the tally taken
turn by turn: on a shared machine whose speed drifts, the fairest before-and-after figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from compare import HERE, STATEMENT, compile_packages

DATA = Path("/tmp/measurekit-statement-1x")


def processor_seconds(command: list[str], env: dict[str, str] | None = None) -> float:
    """Run ``command`` with its output thrown away; its user + system seconds."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{command[0]} failed")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("-f", "--format", dest="formats", action="append", default=[])
    arguments = parser.parse_args()
    if not (DATA / STATEMENT).exists():
        subprocess.run(
            [sys.executable, str(HERE / "scale.py"), "--times", "1", "--out", str(DATA)],
            check=True,
        )
    compile_packages()
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(
            ["git", "-C", str(HERE.parents[1]), "archive", arguments.commit, "src", "plugins"],
            check=True,
            capture_output=True,
        ).stdout
        archive_path = Path(folder) / "old.tar"
        archive_path.write_bytes(archive)
        with tarfile.open(archive_path) as tar:
            tar.extractall(folder, filter="data")
        subprocess.run([sys.executable, "-m", "compileall", "-q", folder], check=True)
        older = dict(os.environ, PYTHONPATH=f"{folder}/src{os.pathsep}{folder}/plugins")
        # ``python -m measurekit``: each commit's own way in and out (the ``measurekit``
        # script is this checkout's, which an older commit may not have).
        build = [sys.executable, "-m", "measurekit", "build", str(DATA / STATEMENT)]
        build += ["-o", str(DATA / "output")]
        build += [item for name in arguments.formats for item in ("-f", name)]
        tally = [sys.executable, str(HERE / "tally.py"), str(DATA / "data")]
        processor_seconds(build, older)
        processor_seconds(build)
        runs: dict[str, list[float]] = {"before": [], "after": [], "tally": []}
        for _ in range(arguments.runs):
            runs["before"].append(processor_seconds(build, older))
            runs["after"].append(processor_seconds(build))
            runs["tally"].append(processor_seconds(tally))
    for name, seconds in runs.items():
        print(f"{name}: {statistics.median(seconds):.3f} s processor (median)")
    for name in ("before", "after"):
        ratios = [a / b for a, b in zip(runs[name], runs["tally"], strict=True)]
        print(f"{name}/tally: {statistics.median(ratios):.2f} (median of {len(ratios)} turns)")


if __name__ == "__main__":
    main()
