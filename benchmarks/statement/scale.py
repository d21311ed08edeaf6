"""Make a copy of the bundled example statement whose data are ``--times`` times as large.

    python benchmarks/statement/scale.py --times 10 --out /tmp/measurekit-statement-10x

The folder gets the example's statement file and narrative, and its two CSV files with
every row written ``--times`` times. Copy ``k`` of a row is dated ``k`` days later within
the same month (wrapping round to the 1st), so each month's counts are exactly ``--times``
times the example's while the rows spread over more distinct dates, as more data would.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import shutil
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "measurekit" / "example"
STATEMENT = "cheshire-2023-24-q1.toml"


def shifted(date: str, days: int) -> str:
    """``date`` (YYYY-MM-DD) moved ``days`` days on, wrapping within its month."""
    year, month, day = (int(part) for part in date.split("-"))
    length = calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-{(day - 1 + days) % length + 1:02d}"


def scale(source: Path, target: Path, date_column: str, times: int) -> int:
    """Write ``source``'s rows ``times`` times to ``target``; the number of rows written."""
    written = 0
    with (
        source.open(newline="", encoding="utf-8") as inp,
        target.open("w", newline="", encoding="utf-8") as out,
    ):
        reader = csv.reader(inp)
        writer = csv.writer(out, lineterminator="\n")
        header = next(reader)
        writer.writerow(header)
        at = header.index(date_column)
        rows = list(reader)
        for copy in range(times):
            for row in rows:
                row = list(row)
                row[at] = shifted(row[at], copy)
                writer.writerow(row)
                written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    arguments = parser.parse_args()
    out: Path = arguments.out
    (out / "data").mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE / STATEMENT, out / STATEMENT)
    shutil.copytree(EXAMPLE / "narrative", out / "narrative", dirs_exist_ok=True)
    rows = scale(
        EXAMPLE / "data" / "crime-records.csv",
        out / "data" / "crime-records.csv",
        "recorded_date",
        arguments.times,
    )
    rows += scale(
        EXAMPLE / "data" / "victim-survey.csv",
        out / "data" / "victim-survey.csv",
        "response_date",
        arguments.times,
    )
    print(f"{out / STATEMENT}: {rows:,} rows")


if __name__ == "__main__":
    main()
