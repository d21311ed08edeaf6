"""Generate a large police.uk folder from the twelve real Cheshire files of 2025.

Every real row is written once per (force, year): the force's name replaces ``Reported by``
and ``Falls within``, the year is shifted back in ``Month`` and the file name, and Crime IDs
are made distinct per copy (repeats within a file stay repeats). Files keep police.uk's
layout, one per force and month: ``YYYY-MM/YYYY-MM-<force>-street.csv``.

    python benchmarks/generate.py --forces 20 --years 2 --out /tmp/measurekit-bench

20 forces over 2 years is 480 files and 3,238,200 rows (about 800 MB).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "tests" / "data" / "police-uk-cheshire-2025"

#: Forces of England and Wales, as ``Falls within`` names them.
FORCES = (
    "Avon and Somerset Constabulary",
    "Bedfordshire Police",
    "Cambridgeshire Constabulary",
    "Cheshire Constabulary",
    "City of London Police",
    "Cleveland Police",
    "Cumbria Constabulary",
    "Derbyshire Constabulary",
    "Devon & Cornwall Police",
    "Dorset Police",
    "Durham Constabulary",
    "Dyfed-Powys Police",
    "Essex Police",
    "Gloucestershire Constabulary",
    "Greater Manchester Police",
    "Gwent Police",
    "Hampshire Constabulary",
    "Hertfordshire Constabulary",
    "Humberside Police",
    "Kent Police",
    "Lancashire Constabulary",
    "Leicestershire Police",
    "Lincolnshire Police",
    "Merseyside Police",
    "Metropolitan Police Service",
    "Norfolk Constabulary",
    "North Wales Police",
    "North Yorkshire Police",
    "Northamptonshire Police",
    "Northumbria Police",
    "Nottinghamshire Police",
    "South Wales Police",
    "South Yorkshire Police",
    "Staffordshire Police",
    "Suffolk Constabulary",
    "Surrey Police",
    "Sussex Police",
    "Thames Valley Police",
    "Warwickshire Police",
    "West Mercia Police",
    "West Midlands Police",
    "West Yorkshire Police",
    "Wiltshire Police",
)


def slug(force: str) -> str:
    """The force's part of a police.uk file name: ``avon-and-somerset``."""
    words = force.lower().replace("&", "and").split()
    kept = [w for w in words if w not in {"police", "constabulary", "service"}]
    return "-".join(kept)


def generate(out: Path, forces: int, years: int) -> tuple[int, int]:
    """Write the folder; return (files, data rows) written."""
    originals = sorted(SOURCE.glob("*-street.csv.gz"))
    files = rows = 0
    for index, force in enumerate(FORCES[:forces]):
        for back in range(years):
            for original in originals:
                year = int(original.name[:4]) - back
                month = f"{year}-{original.name[5:7]}"
                folder = out / month
                folder.mkdir(parents=True, exist_ok=True)
                target = folder / f"{month}-{slug(force)}-street.csv"
                salt = f"{index}-{back}".encode()
                with (
                    gzip.open(original, "rt", encoding="utf-8", newline="") as source,
                    target.open("w", encoding="utf-8", newline="") as sink,
                ):
                    reader = csv.reader(source)
                    writer = csv.writer(sink, lineterminator="\n")
                    writer.writerow(next(reader))
                    for row in reader:
                        if row[0]:
                            row[0] = hashlib.sha256(salt + row[0].encode()).hexdigest()
                        row[1] = month
                        row[2] = row[3] = force
                        writer.writerow(row)
                        rows += 1
                files += 1
    return files, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/measurekit-bench"))
    parser.add_argument("--forces", type=int, default=20, help=f"1 to {len(FORCES)}")
    parser.add_argument("--years", type=int, default=2, help="copies of the year, going back")
    arguments = parser.parse_args()
    files, rows = generate(arguments.out, arguments.forces, arguments.years)
    print(f"wrote {files:,} files, {rows:,} rows to {arguments.out}")


if __name__ == "__main__":
    main()
