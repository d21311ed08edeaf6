"""Serious violence and drugs supply on record-level data generated with known answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from measurekit.errors import InputError
from measurekit.model.statement import Role

from .statement_builder import (
    RECORD_HEADER,
    build,
    figure,
    has_figure,
    record,
    render,
    repeat,
    statement_toml,
    write_csv,
)

COUNTS_HEADER = ("indicator", "period_end", "months", "value")


def records() -> list[tuple[str, ...]]:
    """Records with known answers for the year to June 2023 (and the year before):

    - serious firearms: 3 handgun (1 discharged) + 2 rifle (2 discharged) + 1 shotgun = 6,
      3 discharged; imitation and air weapons (all discharged) do not count;
    - a year earlier: 4 shotgun, 0 discharged;
    - knife: 7 flagged records now (one is also a robbery), 5 a year before;
    - drug trafficking: 4 with code 92A now (one written lower case), 2 a year before.
    """
    now, before = "2023-02-14", "2022-02-14"
    return [
        *repeat(record(now, firearm="handgun", discharged="yes"), 1),
        *repeat(record(now, firearm="Handgun", discharged="no"), 2),
        *repeat(record(now, firearm="rifle", discharged="Y"), 2),
        record(now, firearm="shotgun"),
        *repeat(record(now, firearm="imitation", discharged="yes"), 5),
        *repeat(record(now, firearm="air", discharged="yes"), 3),
        *repeat(record(before, firearm="shotgun", discharged="no"), 4),
        *repeat(record(now, knife="yes"), 6),
        record(now, code="34B", knife="true"),
        *repeat(record(before, knife="1"), 5),
        *repeat(record(now, code="92A"), 3),
        record(now, code="92a"),
        *repeat(record(before, code="92A"), 2),
        *repeat(record(now, code="92B"), 4),
        # The data run from July 2020 to June 2023.
        record("2020-07-01"),
        record("2023-06-30"),
    ]


BODY = """
[sources.crime]
format = "records"
path = "records.csv"

[[sections]]
measures = ["serious_violence", "drugs_supply"]
"""


def test_firearm_knife_and_trafficking_counts(tmp_path: Path) -> None:
    write_csv(tmp_path / "records.csv", RECORD_HEADER, records())
    statement = build(tmp_path / "s.toml", statement_toml(BODY))
    assert figure(statement, "firearm_offences").value == 6
    assert figure(statement, "firearm_discharges").value == 3
    assert figure(statement, "firearm_offences", Role.PREVIOUS_YEAR).value == 4
    assert figure(statement, "firearm_discharges", Role.PREVIOUS_YEAR).value == 0
    assert figure(statement, "firearm_offences", Role.TWO_YEARS_BEFORE).value == 0
    assert figure(statement, "knife_crime").value == 7
    assert figure(statement, "knife_crime", Role.PREVIOUS_YEAR).value == 5
    assert figure(statement, "drug_trafficking").value == 4
    assert figure(statement, "drug_trafficking", Role.PREVIOUS_YEAR).value == 2
    assert not has_figure(statement, "sharp_object_admissions")
    assert not has_figure(statement, "county_lines_closed")


def test_sentences_name_the_windows(tmp_path: Path) -> None:
    write_csv(tmp_path / "records.csv", RECORD_HEADER, records())
    text = render(build(tmp_path / "s.toml", statement_toml(BODY)), ["text"])["text"]
    flat = " ".join(text.split())
    assert (
        "In the 12 months to June 2023, Testshire Police recorded 6 offences involving a "
        "handgun, rifle or shotgun; the firearm was discharged in 3 of them." in flat
    )
    assert "more than the 4 recorded in the 12 months to June 2022 (0 discharged)" in flat
    assert "recorded 7 knife or sharp instrument offences" in flat
    assert "recorded 4 drug trafficking offences" in flat
    assert "significant" not in flat


def counts_rows() -> list[tuple[object, ...]]:
    """Quarterly county lines closed (2 + 3 + 1 + 4 = 10 in the year to June 2023, 1 + 1 +
    2 + 2 = 6 the year before) and one 12-month figure of sharp-object admissions."""
    closed = [2, 3, 1, 4]
    earlier = [1, 1, 2, 2]
    ends = ["2022-09", "2022-12", "2023-03", "2023-06"]
    before = ["2021-09", "2021-12", "2022-03", "2022-06"]
    rows: list[tuple[object, ...]] = []
    rows += [("county_lines_closed", end, 3, n) for end, n in zip(ends, closed, strict=True)]
    rows += [("county_lines_closed", end, 3, n) for end, n in zip(before, earlier, strict=True)]
    rows += [
        ("sharp_object_admissions", "2023-06", 12, 65),
        ("sharp_object_admissions", "2022-06", 12, 70),
    ]
    return rows


def test_supplied_counts_are_shown_when_the_source_has_them(tmp_path: Path) -> None:
    write_csv(tmp_path / "records.csv", RECORD_HEADER, records())
    write_csv(tmp_path / "counts.csv", COUNTS_HEADER, counts_rows())
    body = BODY + (
        '\n[sources.force_counts]\nformat = "counts"\npath = "counts.csv"\n'
        '\n[measures.drugs_supply]\ncounts_source = "force_counts"\n'
        '\n[measures.serious_violence]\ncounts_source = "force_counts"\n'
    )
    statement = build(tmp_path / "s.toml", statement_toml(body))
    assert figure(statement, "county_lines_closed").value == 10
    assert figure(statement, "county_lines_closed", Role.PREVIOUS_YEAR).value == 6
    assert figure(statement, "sharp_object_admissions").value == 65
    assert not has_figure(statement, "drug_treatment_referrals")
    assert not has_figure(statement, "sharp_object_admissions_under_25")
    flat = " ".join(render(statement, ["text"])["text"].split())
    # 70 -> 65: -7.1%, as Nottinghamshire published.
    assert "a reduction of 7.1% on the 70 recorded in the 12 months to June 2022" in flat
    assert "County lines closed: 10, more than the 6 recorded in the 12 months to June 2022" in flat


def test_counts_source_must_exist(tmp_path: Path) -> None:
    write_csv(tmp_path / "records.csv", RECORD_HEADER, records())
    body = BODY + '\n[measures.drugs_supply]\ncounts_source = "nowhere"\n'
    with pytest.raises(
        InputError, match=r"measures.drugs_supply.counts_source: .*\[sources.nowhere\]"
    ):
        build(tmp_path / "s.toml", statement_toml(body))
