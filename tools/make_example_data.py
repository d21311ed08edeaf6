"""Regenerate the bundled example's record-level crime data.

The example's records are constructed, not real: they are made so that their counts match
the figures Cheshire's Police and Crime Commissioner published for the 12 months to June 2023
(and the years before), while individual records (dates, codes) are invented. Run from the
repository root:

    python tools/make_example_data.py

The output is deterministic (a fixed seed), so regenerating gives the same file.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path("src/measurekit/example/data/crime-records.csv")
SEED = 20230630

#: The windows the example reports, as (first month, last month) with months as (year, month).
WINDOWS = {
    "baseline": ((2019, 4), (2020, 3)),
    "bridge": ((2020, 4), (2020, 6)),  # between the baseline and two years before
    "two_years_before": ((2020, 7), (2021, 6)),
    "previous_year": ((2021, 7), (2022, 6)),
    "current": ((2022, 7), (2023, 6)),
}

#: Offence code mixes for each indicator; a record's code is drawn from its mix.
CODES = {
    "homicide": ["1", "1", "4.1", "4.2", "4.10"],
    "burglary": ["28E", "28F", "28G", "28H"],
    "vehicle_offences": ["45", "48", "37.2", "126"],
    "robbery": ["34B"],
    "theft_from_person": ["39"],
    # Offences that belong to no measure, so the file is not all signal.
    "other": ["8N", "105A", "58C", "49"],
}

#: How many records of each indicator fall in each window. The current and previous-year
#: figures for homicide and neighbourhood crime are the published ones (see the module
#: docstring); the earlier windows of the parts of neighbourhood crime are illustrative.
COUNTS = {
    "homicide": {
        "baseline": 7,
        "bridge": 1,
        "two_years_before": 9,
        "previous_year": 2,
        "current": 0,
    },
    "burglary": {
        "baseline": 2811,
        "bridge": 540,
        "two_years_before": 2577,
        "previous_year": 2390,
        "current": 2262,
    },
    "vehicle_offences": {
        "baseline": 3342,
        "bridge": 650,
        "two_years_before": 3005,
        "previous_year": 2860,
        "current": 2664,
    },
    "robbery": {
        "baseline": 402,
        "bridge": 70,
        "two_years_before": 331,
        "previous_year": 356,
        "current": 348,
    },
    "theft_from_person": {
        "baseline": 530,
        "bridge": 60,
        "two_years_before": 398,
        "previous_year": 461,
        "current": 505,
    },
    "other": {
        "baseline": 900,
        "bridge": 200,
        "two_years_before": 880,
        "previous_year": 910,
        "current": 905,
    },
}


def months(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    """Every (year, month) from ``first`` to ``last`` inclusive."""
    result, (year, month) = [], first
    while (year, month) <= last:
        result.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def records(rng: random.Random) -> list[dict[str, str]]:
    """Every constructed record, in date order."""
    rows = []
    for indicator, per_window in COUNTS.items():
        for window, total in per_window.items():
            window_months = months(*WINDOWS[window])
            for _ in range(total):
                year, month = rng.choice(window_months)
                day = rng.randint(1, 28)
                rows.append(
                    {
                        "recorded_date": f"{year:04d}-{month:02d}-{day:02d}",
                        "offence_code": rng.choice(CODES[indicator]),
                        "knife_or_sharp_instrument": "",
                        "firearm_type": "",
                        "firearm_discharged": "",
                        "domestic_abuse": "",
                    }
                )
    rows.sort(key=lambda row: (row["recorded_date"], row["offence_code"]))
    for number, row in enumerate(rows, start=1):
        row["crime_id"] = f"EX{number:06d}"
    return rows


def main() -> None:
    rows = records(random.Random(SEED))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} records to {OUT}")


if __name__ == "__main__":
    main()
