"""The floor a statement is measured against: read the example's two CSV files once and
tally their rows by month and code, in plain Python (the csv module and a Counter).

    python benchmarks/statement/tally.py [DATA_FOLDER]

DATA_FOLDER holds ``crime-records.csv`` and ``victim-survey.csv`` (by default the bundled
example's). Prints the number of rows and of distinct (month, code) keys.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "measurekit" / "example" / "data"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else EXAMPLE
    records: Counter[tuple[str, str]] = Counter()
    with (folder / "crime-records.csv").open(newline="", encoding="utf-8") as file:
        reader = csv.reader(file)
        header = next(reader)
        date, code = header.index("recorded_date"), header.index("offence_code")
        for row in reader:
            records[row[date][:7], row[code]] += 1
    responses: Counter[tuple[str, str]] = Counter()
    with (folder / "victim-survey.csv").open(newline="", encoding="utf-8") as file:
        reader = csv.reader(file)
        header = next(reader)
        date, satisfied = header.index("response_date"), header.index("satisfied")
        for row in reader:
            responses[row[date][:7], row[satisfied]] += 1
    rows = sum(records.values()) + sum(responses.values())
    print(f"{rows} rows, {len(records) + len(responses)} keys")


if __name__ == "__main__":
    main()
