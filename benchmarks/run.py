"""Time measurekit's ``police-uk`` source against DuckDB and pandas, in separate processes.

    python benchmarks/run.py [--folder /tmp/measurekit-bench] [--rounds 3]

Generates the folder first if it is missing (see ``generate.py``). Each tool runs in a fresh
process, interleaved round by round so that both see the same machine load; the report
gives each tool's best round (rows per second, wall time, peak memory) and checks that every
tool produced the same counts. A second table reads growing numbers of files with
measurekit, to show that its peak memory does not grow with them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

TOOLS = {
    "measurekit (DuckDB counts)": ["count_measurekit.py"],
    "DuckDB GROUP BY (yardstick)": ["count_duckdb.py"],
    "measurekit, 1 process": ["count_measurekit.py", "--own-reader", "--workers", "1"],
    "measurekit, 2 processes": ["count_measurekit.py", "--own-reader", "--workers", "2"],
    "pandas, 4 columns (usecols)": ["count_pandas.py"],
    "pandas, all columns": ["count_pandas.py", "--all-columns"],
}


def run(script: list[str], folder: Path, extra: Sequence[str] = ()) -> dict[str, Any]:
    command = [sys.executable, str(HERE / script[0]), str(folder), *script[1:], *extra]
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=HERE)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path("/tmp/measurekit-bench"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--forces", type=int, default=20)
    parser.add_argument("--years", type=int, default=2)
    arguments = parser.parse_args()
    folder: Path = arguments.folder
    if not folder.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--out", str(folder),
             "--forces", str(arguments.forces), "--years", str(arguments.years)],
            check=True,
        )  # fmt: skip
    best: dict[str, dict[str, Any]] = {}
    for round_number in range(arguments.rounds):
        for name, script in TOOLS.items():
            outcome = run(script, folder)
            print(f"round {round_number + 1}: {name}: {outcome}", file=sys.stderr)
            if name not in best or outcome["seconds"] < best[name]["seconds"]:
                best[name] = outcome
    digests = {str(outcome["digest"]) for outcome in best.values()}
    print(f"\nSame counts from every tool: {'yes' if len(digests) == 1 else 'NO'}\n")
    print(
        "| tool | files | rows | seconds | rows per second | processor seconds "
        "| peak MiB (main) | peak MiB (largest worker) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, outcome in best.items():
        print(
            f"| {name} | {outcome['files']:,} | {outcome['rows']:,} | {outcome['seconds']} | "
            f"{outcome['rows_per_second']:,} | {outcome['cpu_seconds']} | {outcome['peak_mib']} | "
            f"{outcome['peak_child_mib'] or '-'} |"
        )
    print("\nmeasurekit on more and more files (peak MiB):\n")
    print("| files | rows | DuckDB counts | own reader, 1 process |")
    print("|---:|---:|---:|---:|")
    total = int(best["measurekit, 1 process"]["files"])
    for files in (1, 12, 60, total // 2, total):
        fast = run(TOOLS["measurekit (DuckDB counts)"], folder, ["--files", str(files)])
        own = run(TOOLS["measurekit, 1 process"], folder, ["--files", str(files)])
        print(f"| {own['files']:,} | {own['rows']:,} | {fast['peak_mib']} | {own['peak_mib']} |")


if __name__ == "__main__":
    main()
