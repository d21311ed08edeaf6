"""Monthly counts by force and crime type with measurekit's ``police-uk`` source.

    python benchmarks/count_measurekit.py FOLDER [--workers N] [--files N] [--own-reader]

Prints one JSON line: rows read, seconds, rows per second, peak memory and a digest of the
counts (equal digests mean equal counts). The source is opened exactly as a statement opens
it; every force's rows are tallied while reading, then one force is selected. Where DuckDB
is installed it does the counting; ``--own-reader`` uses measurekit's own reader instead.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import time
from pathlib import Path

from measurekit_police_uk import PoliceUkFormat, PoliceUkOptions
from measurekit_police_uk.folder import ENGINE_VARIABLE, find_files
from peak import cpu_seconds, peak_mib

from measurekit.sources.base import SourceSpec


def digest(counts: dict[tuple[str, str, str], int]) -> str:
    """A fingerprint of (month, force, crime type) -> rows."""
    text = "\n".join(f"{m}|{f}|{t}|{n}" for (m, f, t), n in sorted(counts.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--files", type=int, default=None, help="read only the first N files")
    parser.add_argument("--own-reader", action="store_true", help="do not count with DuckDB")
    arguments = parser.parse_args()
    if arguments.own_reader:
        os.environ[ENGINE_VARIABLE] = "0"
    files = find_files([arguments.folder])[: arguments.files]
    options = PoliceUkOptions(workers=arguments.workers)
    # Avon and Somerset comes first in every month, so any first N files include it.
    spec = SourceSpec("crime", "police-uk", files, ("Avon and Somerset",), True, options)
    start, cpu_start = time.perf_counter(), cpu_seconds()
    source = PoliceUkFormat().open(spec)
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu_start
    counts = {(str(m), f, t): n for (m, f, t), n in source.data.counts.items()}
    rows = source.data.rows
    print(
        json.dumps(
            {
                "tool": "measurekit, own reader" if arguments.own_reader else "measurekit",
                "files": len(files),
                "rows": rows,
                "seconds": round(seconds, 3),
                "rows_per_second": round(rows / seconds),
                "cpu_seconds": round(cpu, 3),
                **peak_mib(),
                "digest": digest(counts),
            }
        )
    )


if __name__ == "__main__":
    main()
