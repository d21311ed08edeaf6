"""Count the instructions a statement build and the tally execute, with Valgrind.

    python benchmarks/statement/instructions.py [--times 1] [-f json ...]

Runs each command once under ``valgrind --tool=callgrind`` (Debian's ``valgrind``
package) and prints the instructions each executed and their ratio. Unlike seconds, an
instruction count is the same from one run to the next whatever else the machine is
doing, so it shows a change too small for the noise of a shared machine's timings. It is
not a time: a build that touches more memory (imports, many objects) runs fewer
instructions a second than the tally's tight loop, so the ratio of seconds is higher.
Data and statement as for ``compare.py``; about a minute at 1x.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

from compare import HERE, STATEMENT, compile_packages

COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(command: list[str]) -> int:
    """The instructions ``command`` executes (callgrind's total), its output thrown away."""
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    found = COLLECTED.search(run.stderr)
    if run.returncode or not found:
        raise SystemExit(f"{command[0]} failed under valgrind:\n{run.stderr[-2000:]}")
    return int(found[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=1, help="the data's size, in examples")
    parser.add_argument("-f", "--format", dest="formats", action="append", default=[])
    arguments = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    compile_packages()
    folder = Path(f"/tmp/measurekit-statement-{arguments.times}x")
    if not (folder / STATEMENT).exists():
        scale = [sys.executable, str(HERE / "scale.py"), "--times", str(arguments.times)]
        subprocess.run([*scale, "--out", str(folder)], check=True)
    measurekit = str(Path(sys.executable).with_name("measurekit"))
    build = [measurekit, "build", str(folder / STATEMENT), "-o", str(folder / "output")]
    build += [item for name in arguments.formats for item in ("-f", name)]
    a = instructions(build)
    b = instructions([sys.executable, str(HERE / "tally.py"), str(folder / "data")])
    print(f"A measurekit build: {a:,} instructions")
    print(f"B tally: {b:,} instructions")
    print(f"A/B: {a / b:.2f}")


if __name__ == "__main__":
    main()
