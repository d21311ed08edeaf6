"""Regenerate the bundled example's record-level crime data and victim survey responses.

The example's records and survey responses are constructed, not real: they are made so that
their counts match the figures Cheshire's Police and Crime Commissioner published for the 12
months to June 2023 (and the years before), while individual rows (dates, codes, answers) are
invented. Figures the published statement does not give are illustrative. Run from the
repository root:

    python tools/make_example_data.py

The output is deterministic (a fixed seed), so regenerating gives the same file.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path("src/measurekit/example/data/crime-records.csv")
SURVEY_OUT = Path("src/measurekit/example/data/victim-survey.csv")
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
    "drug_trafficking": ["92A"],
    # Offences with a knife or a firearm flag: violence, weapons possession and criminal
    # damage codes that belong to no measure's code list.
    "knife": ["8N", "5D", "10A", "8M"],
    "firearm": ["8N", "5D", "10C", "58C"],
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
    # Drug trafficking: illustrative (the published statement gives no count).
    "drug_trafficking": {
        "baseline": 612,
        "bridge": 170,
        "two_years_before": 641,
        "previous_year": 577,
        "current": 598,
    },
    # Knife or sharp instrument offences: 586 and 523 are published; the rest illustrative.
    "knife": {
        "baseline": 541,
        "bridge": 110,
        "two_years_before": 497,
        "previous_year": 523,
        "current": 586,
    },
    "other": {
        "baseline": 900,
        "bridge": 200,
        "two_years_before": 880,
        "previous_year": 910,
        "current": 905,
    },
}


#: Offences involving a handgun, rifle or shotgun in each window, and how many of them
#: involved a discharge. 18 (4), 20 (2) and 30 (12) are published; the baseline and bridge
#: are illustrative.
SERIOUS_FIREARMS = {
    "baseline": (24, 6),
    "bridge": (5, 1),
    "two_years_before": (30, 12),
    "previous_year": (20, 2),
    "current": (18, 4),
}
#: Offences with an imitation or air weapon, in every window: they are not serious firearm
#: offences, so they test that the measure leaves them out.
OTHER_FIREARMS_PER_WINDOW = 3

#: Victim survey responses per window and group, as (responses, satisfied). The survey
#: starts in July 2021, so earlier windows have no result. 42 of 56 domestic abuse victims
#: (75%) in the 12 months to June 2023 is published; everything else is illustrative.
SURVEY_START = (2021, 7)
SURVEY = {
    "previous_year": {"domestic_abuse": (61, 48), "other": (1150, 868)},
    "current": {"domestic_abuse": (56, 42), "other": (1104, 811)},
}


def months(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    """Every (year, month) from ``first`` to ``last`` inclusive."""
    result, (year, month) = [], first
    while (year, month) <= last:
        result.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def record(rng: random.Random, window: str, codes: list[str], **flags: str) -> dict[str, str]:
    """One constructed record in ``window``, with a code from ``codes`` and ``flags``."""
    year, month = rng.choice(months(*WINDOWS[window]))
    row = {
        "recorded_date": f"{year:04d}-{month:02d}-{rng.randint(1, 28):02d}",
        "offence_code": rng.choice(codes),
        "knife_or_sharp_instrument": "",
        "firearm_type": "",
        "firearm_discharged": "",
        "domestic_abuse": "",
    }
    row.update(flags)
    return row


def records(rng: random.Random) -> list[dict[str, str]]:
    """Every constructed record, in date order."""
    rows = []
    for indicator, per_window in COUNTS.items():
        flags = {"knife_or_sharp_instrument": "yes"} if indicator == "knife" else {}
        for window, total in per_window.items():
            rows += [record(rng, window, CODES[indicator], **flags) for _ in range(total)]
    for window, (offences, discharged) in SERIOUS_FIREARMS.items():
        for number in range(offences):
            kind = rng.choice(["handgun", "handgun", "shotgun", "rifle"])
            fired = "yes" if number < discharged else "no"
            rows.append(
                record(rng, window, CODES["firearm"], firearm_type=kind, firearm_discharged=fired)
            )
        for number in range(OTHER_FIREARMS_PER_WINDOW):
            kind = "imitation" if number % 2 else "air"
            rows.append(
                record(rng, window, CODES["firearm"], firearm_type=kind, firearm_discharged="yes")
            )
    rows.sort(key=lambda row: (row["recorded_date"], row["offence_code"]))
    for number, row in enumerate(rows, start=1):
        row["crime_id"] = f"EX{number:06d}"
    return rows


def survey(rng: random.Random) -> list[dict[str, str]]:
    """Every constructed survey response, in date order."""
    rows = []
    for window, groups in SURVEY.items():
        first, last = WINDOWS[window]
        window_months = months(max(first, SURVEY_START), last)
        for group, (responses, satisfied) in groups.items():
            answers = [True] * satisfied + [False] * (responses - satisfied)
            rng.shuffle(answers)
            for answer in answers:
                year, month = rng.choice(window_months)
                rows.append(
                    {
                        "response_date": f"{year:04d}-{month:02d}-{rng.randint(1, 28):02d}",
                        "satisfied": "yes" if answer else "no",
                        "domestic_abuse": "yes" if group == "domestic_abuse" else "no",
                    }
                )
    rows.sort(key=lambda row: (row["response_date"], row["domestic_abuse"], row["satisfied"]))
    return rows


def write(path: Path, rows: list[dict[str, str]]) -> None:
    """``rows`` as a CSV file at ``path``, header first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {path}")


def main() -> None:
    rng = random.Random(SEED)
    write(OUT, records(rng))
    write(SURVEY_OUT, survey(rng))


if __name__ == "__main__":
    main()
