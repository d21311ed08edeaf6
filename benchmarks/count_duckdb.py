"""The yardstick: the same monthly counts with one plain DuckDB ``GROUP BY`` over the files.

    python benchmarks/count_duckdb.py FOLDER [--files N]

What anyone with DuckDB would write: ``read_csv`` over every street-level file (DuckDB
guessing the dialect and types, as it does by default), grouped by month, force and crime
type. No checks of any kind. Prints the same JSON line as ``count_measurekit.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import duckdb
from peak import cpu_seconds, peak_mib


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--files", type=int, default=None)
    arguments = parser.parse_args()
    files = sorted(arguments.folder.rglob("*-street.csv*"))[: arguments.files]
    start, cpu_start = time.perf_counter(), cpu_seconds()
    rows = duckdb.execute(
        'select "Month", "Falls within", "Crime type", count(*) from read_csv(?, header = true) '
        "group by all",
        [[str(path) for path in files]],
    ).fetchall()
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu_start
    counts = {(str(m), f.strip(), t.strip()): n for m, f, t, n in rows}
    text = "\n".join(f"{m}|{f}|{t}|{n}" for (m, f, t), n in sorted(counts.items()))
    total = sum(counts.values())
    print(
        json.dumps(
            {
                "tool": "duckdb group by",
                "files": len(files),
                "rows": total,
                "seconds": round(seconds, 3),
                "rows_per_second": round(total / seconds),
                "cpu_seconds": round(cpu, 3),
                **peak_mib(),
                "digest": hashlib.sha256(text.encode()).hexdigest()[:16],
            }
        )
    )


if __name__ == "__main__":
    main()
