"""Regenerate the sample data that ``measurekit init`` writes into a starter folder.

The rows are invented for a made-up force, Exampleshire Police: small, steady monthly
numbers over the three years a Quarter 1 2023/24 statement compares (July 2020 to June
2023), so that the starter builds with a figure in every window and checks clean. Run from
the repository root:

    python tools/make_starter_data.py

The output is the same each time (no randomness: each month's count follows a fixed
pattern).
"""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path("src/measurekit/starter/data")

#: Months the sample covers, as (year, month): July 2020 to June 2023.
MONTHS = [(2020 + (6 + i) // 12, (6 + i) % 12 + 1) for i in range(36)]

#: Per offence: (offence code choices, usual monthly count, flags).
OFFENCES: list[tuple[list[str], int, dict[str, str]]] = [
    (["28E", "28F", "28G", "28H"], 9, {}),  # residential burglary
    (["45", "48", "37.2", "126"], 7, {}),  # vehicle offences
    (["34B"], 2, {}),  # robbery of personal property
    (["39"], 3, {}),  # theft from the person
    (["92A"], 2, {}),  # trafficking in controlled drugs
    (["8N", "5D"], 3, {"knife_or_sharp_instrument": "yes"}),  # knife or sharp instrument
    (["8N"], 4, {"domestic_abuse": "yes"}),  # domestic abuse, no weapon
]


def _wobble(index: int, spread: int) -> int:
    """A small fixed variation, -spread to +spread, so months are not all alike."""
    return (index * 7 + 3) % (2 * spread + 1) - spread


def crime_records() -> list[list[str]]:
    """One row per invented offence."""
    rows = []
    number = 0
    for index, (year, month) in enumerate(MONTHS):
        day = 1 + index % 27
        for kind, (codes, usual, flags) in enumerate(OFFENCES):
            count = max(0, usual + _wobble(index + kind, 1 if usual < 5 else 2))
            for n in range(count):
                number += 1
                rows.append(
                    [
                        f"{year}-{month:02d}-{(day + n) % 28 + 1:02d}",
                        codes[(index + n) % len(codes)],
                        flags.get("knife_or_sharp_instrument", ""),
                        "",
                        "",
                        flags.get("domestic_abuse", ""),
                        f"XS{number:06d}",
                    ]
                )
        # A homicide every eight months; a handgun offence every nine (fired every other).
        if index % 8 == 5:
            number += 1
            rows.append([f"{year}-{month:02d}-14", "1", "", "", "", "", f"XS{number:06d}"])
        if index % 9 == 2:
            number += 1
            fired = "yes" if index % 18 == 2 else "no"
            rows.append(
                [f"{year}-{month:02d}-20", "5A", "", "handgun", fired, "", f"XS{number:06d}"]
            )
    return rows


def survey_responses() -> list[list[str]]:
    """One row per invented completed victim survey: 12 a month, 4 of them from domestic
    abuse victims; most satisfied."""
    rows = []
    for index, (year, month) in enumerate(MONTHS):
        for n in range(12):
            satisfied = "no" if (index + n) % 4 == 0 else "yes"
            rows.append(
                [f"{year}-{month:02d}-{n * 2 + 1:02d}", satisfied, "yes" if n < 4 else "no"]
            )
    return rows


def force_counts() -> list[list[str]]:
    """Quarterly figures the force supplies (not in crime records), one row per quarter."""
    rows = []
    for index in range(2, 36, 3):  # the last month of each quarter
        year, month = MONTHS[index]
        quarter = index // 3
        end = f"{year}-{month:02d}"
        rows.append(["sharp_object_admissions", end, "3", str(6 + _wobble(quarter, 2))])
        rows.append(["sharp_object_admissions_under_25", end, "3", str(2 + _wobble(quarter, 1))])
        rows.append(["county_lines_closed", end, "3", str(3 + _wobble(quarter, 1))])
        rows.append(["drug_treatment_referrals", end, "3", str(20 + _wobble(quarter, 3))])
    return rows


def write(name: str, header: list[str], rows: list[list[str]]) -> None:
    with (DATA / name).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    write(
        "crime-records.csv",
        [
            "recorded_date",
            "offence_code",
            "knife_or_sharp_instrument",
            "firearm_type",
            "firearm_discharged",
            "domestic_abuse",
            "crime_id",
        ],
        crime_records(),
    )
    write("victim-survey.csv", ["response_date", "satisfied", "domestic_abuse"], survey_responses())
    write("force-counts.csv", ["indicator", "period_end", "months", "value"], force_counts())


if __name__ == "__main__":
    main()
