"""Time a statement build against the plain-Python tally of the same data, in turns.

    python benchmarks/statement/compare.py [--times 1] [--runs 5] [-f json ...]

Makes the data (``scale.py``) in ``/tmp/measurekit-statement-<N>x`` if it is not there, then
runs the two as whole processes, A B A B ..., after one warm-up run of each:

- A: ``measurekit build`` of the example statement on that data, in the formats given
  (``-f``, repeatable; none means every default format);
- B: ``tally.py`` on the same two CSV files.

Prints each one's median wall and processor (user + system) seconds, and the median of the
ratios A/B taken pair by pair, so the comparison holds while the machine's speed drifts.

Before timing, measurekit's modules and its plugins' are compiled to bytecode, as
``pip install`` leaves an installed package: otherwise a machine that sets
``PYTHONDONTWRITEBYTECODE`` (or a read-only editable checkout) compiles every module's source
on every run, about a quarter of a second that no installed copy spends. ``--no-compile``
leaves the bytecode as it is, to measure that case.
The figures in README.md were taken this way (medians of several runs, in turns).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STATEMENT = "cheshire-2023-24-q1.toml"


def timed(command: list[str]) -> tuple[float, float]:
    """Run ``command`` with its output thrown away; its wall and processor seconds."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{command[0]} exited {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def compile_packages() -> None:
    """Compile measurekit and the packages of its entry-point plugins to bytecode."""
    code = (
        "import compileall, importlib.metadata as m, importlib.util as u\n"
        "names = {'measurekit'} | {p.value.split(':')[0].split('.')[0]\n"
        "    for p in m.entry_points(group='measurekit')}\n"
        "for name in sorted(names):\n"
        "    for folder in u.find_spec(name).submodule_search_locations or ():\n"
        "        compileall.compile_dir(folder, quiet=1)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=1, help="the data's size, in examples")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("-f", "--format", dest="formats", action="append", default=[])
    parser.add_argument("--no-compile", action="store_true", help="leave bytecode as it is")
    arguments = parser.parse_args()
    if not arguments.no_compile:
        compile_packages()
    folder = Path(f"/tmp/measurekit-statement-{arguments.times}x")
    if not (folder / STATEMENT).exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "scale.py"),
                "--times",
                str(arguments.times),
                "--out",
                str(folder),
            ],
            check=True,
        )
    measurekit = str(Path(sys.executable).with_name("measurekit"))
    build = [measurekit, "build", str(folder / STATEMENT), "-o", str(folder / "output")]
    build += [item for name in arguments.formats for item in ("-f", name)]
    tally = [sys.executable, str(HERE / "tally.py"), str(folder / "data")]
    timed(build)
    timed(tally)
    a_runs, b_runs = [], []
    for _ in range(arguments.runs):
        a_runs.append(timed(build))
        b_runs.append(timed(tally))
    for label, runs in (("A measurekit build", a_runs), ("B tally", b_runs)):
        wall = statistics.median(run[0] for run in runs)
        cpu = statistics.median(run[1] for run in runs)
        print(f"{label}: {wall:.3f} s wall, {cpu:.3f} s processor (medians)")
    for index, what in ((0, "wall"), (1, "processor")):
        ratios = [a[index] / b[index] for a, b in zip(a_runs, b_runs, strict=True)]
        print(f"A/B {what}: {statistics.median(ratios):.2f} (median of {len(ratios)} pairs)")


if __name__ == "__main__":
    main()
