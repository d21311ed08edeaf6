"""Helpers for writing small data files in tests."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

RECORD_HEADER = [
    "recorded_date",
    "offence_code",
    "knife_or_sharp_instrument",
    "firearm_type",
    "firearm_discharged",
    "domestic_abuse",
    "crime_id",
]


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable[object]]) -> Path:
    """Write a CSV file with ``header`` and ``rows``; return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def records(*spec: tuple[str, str, int]) -> list[list[str]]:
    """Record rows from ``(date, offence_code, how_many)`` triples."""
    rows = []
    for date, code, count in spec:
        rows.extend([date, code, "", "", "", "", ""] for _ in range(count))
    return rows
