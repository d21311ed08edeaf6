"""The same monthly counts with a plain pandas script, one file at a time.

    python benchmarks/count_pandas.py FOLDER [--all-columns] [--files N]

Reads each street-level file with ``pandas.read_csv`` (only the four columns needed, unless
``--all-columns``), counts rows by month, force and crime type, and adds the files' counts
together. Prints the same JSON line as ``count_measurekit.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import pandas as pd
from peak import cpu_seconds, peak_mib

COLUMNS = ["Crime ID", "Month", "Falls within", "Crime type"]
KEYS = ["Month", "Falls within", "Crime type"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--all-columns", action="store_true")
    parser.add_argument("--files", type=int, default=None)
    arguments = parser.parse_args()
    files = sorted(arguments.folder.rglob("*-street.csv"))[: arguments.files]
    start, cpu_start = time.perf_counter(), cpu_seconds()
    totals: pd.Series | None = None
    repeated = 0
    for path in files:
        frame = pd.read_csv(path, usecols=None if arguments.all_columns else COLUMNS, dtype=str)
        counts = frame.groupby(KEYS).size()
        totals = counts if totals is None else totals.add(counts, fill_value=0)
        repeated += int(frame["Crime ID"].dropna().duplicated().sum())
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu_start
    assert totals is not None
    rows = int(totals.sum())
    text = "\n".join(f"{m}|{f}|{t}|{int(n)}" for (m, f, t), n in sorted(totals.items()))
    print(
        json.dumps(
            {
                "tool": "pandas" + (" (all columns)" if arguments.all_columns else " (usecols)"),
                "files": len(files),
                "rows": rows,
                "seconds": round(seconds, 3),
                "rows_per_second": round(rows / seconds),
                "cpu_seconds": round(cpu, 3),
                **peak_mib(),
                "digest": hashlib.sha256(text.encode()).hexdigest()[:16],
                "repeated_ids": repeated,
            }
        )
    )


if __name__ == "__main__":
    main()
