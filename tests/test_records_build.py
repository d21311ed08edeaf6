"""Figures from a records file whose counts were worked out by hand.

The statement is for 2023/24 Q1, so the windows are July 2022 to June 2023 (current),
July 2021 to June 2022 (previous year) and July 2020 to June 2021 (two years before).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from measurekit.cli.main import main

from .helpers import RECORD_HEADER, records, write_csv

RECORDS = records(
    # Homicide, current window: 1 + 2 + 1 + 1 = 5, across the new year and both window edges.
    ("2022-07-01", "1", 1),
    ("2022-12-31", "4.1", 2),
    ("2023-01-01", "4.10", 1),
    ("2023-06-30", "4.2", 1),
    # 4.11 and 4.3 are not homicide codes: not counted, despite the shared prefix.
    ("2023-02-14", "4.11", 2),
    ("2023-02-14", "4.3", 1),
    # Homicide, previous year: 3 + 1 = 4.
    ("2022-06-30", "1", 3),
    ("2021-07-01", "1", 1),
    # Homicide, two years before: 2 + 1 = 3. The data start in July 2020.
    ("2020-07-15", "1", 2),
    ("2021-06-30", "4.1", 1),
    # Neighbourhood crime, current: burglary 12 + 3 (lower-case code) = 15, vehicle 11,
    # robbery 1, theft from the person 3: total 30.
    ("2023-03-10", "28E", 12),
    ("2023-03-11", "28e", 3),
    ("2022-09-01", "45", 11),
    ("2022-10-01", "34B", 1),
    ("2023-05-05", "39", 3),
    # Previous year: burglary 20, vehicle 10, robbery 0, theft 3: total 33.
    ("2021-08-01", "28H", 20),
    ("2022-01-31", "45", 10),
    ("2021-12-25", "39", 3),
    # After the statement's windows: never counted.
    ("2023-07-01", "1", 4),
)

STATEMENT = """
[sources.crime]
format = "records"
path = "{path}"

[[sections]]
measures = ["homicide"]

[[sections]]
measures = ["neighbourhood_crime"]
"""


def figures(document: dict[str, Any]) -> dict[tuple[str, str], Any]:
    return {(f["indicator"], f["role"]): f for f in document["figures"]}


def build_json(statement: Path, output: Path) -> dict[str, Any]:
    assert main(["build", str(statement), "-f", "json", "-o", str(output)]) == 0
    result: dict[str, Any] = json.loads((output / f"{statement.stem}.json").read_text())
    return result


@pytest.fixture
def records_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "crime.csv", RECORD_HEADER, RECORDS)


def test_every_figure_is_exact(
    records_csv: Path, statement_dir: Callable[..., Path], tmp_path: Path
) -> None:
    document = build_json(statement_dir(STATEMENT.format(path=records_csv.name)), tmp_path / "o")
    found = figures(document)
    expected = {
        ("homicide", "current"): 5,
        ("homicide", "previous_year"): 4,
        ("homicide", "two_years_before"): 3,
        ("burglary", "current"): 15,
        ("burglary", "previous_year"): 20,
        ("vehicle_offences", "current"): 11,
        ("vehicle_offences", "previous_year"): 10,
        ("robbery", "current"): 1,
        ("robbery", "previous_year"): 0,
        ("theft_from_person", "current"): 3,
        ("theft_from_person", "previous_year"): 3,
        ("neighbourhood_crime", "current"): 30,
        ("neighbourhood_crime", "previous_year"): 33,
        ("neighbourhood_crime", "two_years_before"): 0,
    }
    for key, value in expected.items():
        assert found[key]["value"] == value, key
        assert found[key]["unit"] == "count"
        assert found[key]["marker"] is None
    assert found["homicide", "current"]["window"] == {
        "start": "2022-07",
        "end": "2023-06",
        "months": 12,
    }
    assert found["homicide", "two_years_before"]["window"] == {
        "start": "2020-07",
        "end": "2021-06",
        "months": 12,
    }
    assert document["schema"] == "measurekit.figures/1"
    assert document["statement"] == {
        "force": "Testshire Constabulary",
        "period": "2023/24 Q1",
        "start": "2023-04",
        "end": "2023-06",
    }
    # No baseline was set, so no figure plays that role.
    assert not [f for f in document["figures"] if f["role"] == "baseline"]


def test_xlsx_records_give_the_same_figures(
    statement_dir: Callable[..., Path], tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(RECORD_HEADER)
    for row in RECORDS:
        sheet.append(row)
    workbook.save(tmp_path / "crime.xlsx")
    document = build_json(statement_dir(STATEMENT.format(path="crime.xlsx")), tmp_path / "o")
    found = figures(document)
    assert found["homicide", "current"]["value"] == 5
    assert found["neighbourhood_crime", "previous_year"]["value"] == 33


def test_window_before_the_data_is_not_available(
    records_csv: Path, statement_dir: Callable[..., Path], tmp_path: Path
) -> None:
    # A baseline of the 12 months to March 2020 lies before the first record (July 2020).
    statement = statement_dir(
        STATEMENT.format(path=records_csv.name), extra_statement='baseline = "2020-03"\n'
    )
    found = figures(build_json(statement, tmp_path / "o"))
    baseline = found["homicide", "baseline"]
    assert baseline["value"] is None
    assert baseline["marker"] == "[x]"
    assert baseline["window"] == {"start": "2019-04", "end": "2020-03", "months": 12}
    text = tmp_path / "o2"
    assert main(["build", str(statement), "-f", "text", "-o", str(text)]) == 0
    prose = (text / "statement.txt").read_text()
    assert "the data start in July 2020" in prose


def test_offence_codes_can_be_overridden(
    records_csv: Path, statement_dir: Callable[..., Path], tmp_path: Path
) -> None:
    body = STATEMENT.format(path=records_csv.name) + (
        '\n[measures.homicide.offence_codes]\nhomicide = ["1"]\n'
    )
    found = figures(build_json(statement_dir(body), tmp_path / "o"))
    # Code 1 only: current 1, previous 3 + 1 = 4, two years before 2.
    assert found["homicide", "current"]["value"] == 1
    assert found["homicide", "previous_year"]["value"] == 4
    assert found["homicide", "two_years_before"]["value"] == 2


def test_sentences_lead_with_counts_when_small(
    records_csv: Path, statement_dir: Callable[..., Path], tmp_path: Path
) -> None:
    statement = statement_dir(STATEMENT.format(path=records_csv.name))
    assert (
        main(["build", str(statement), "-f", "text", "-f", "markdown", "-o", str(tmp_path / "o")])
        == 0
    )
    text = (tmp_path / "o" / "statement.txt").read_text()
    flat = " ".join(text.split())
    assert "recorded 5 homicides" in flat
    assert "more than the 4 recorded in the 12 months to June 2022" in flat
    homicide_part = flat.split("Reduce neighbourhood crime")[-2]
    # The sentences give no percentage; the table's heading names its unit, (%).
    assert "%" not in homicide_part.split("Recorded crime levels")[1].split("Shorthand:")[0]
    # 30 against 33 neighbourhood crimes: 3 / 33 = 9.09%.
    assert "30 neighbourhood crimes: a reduction of 9.1% on the 33 recorded" in flat
    # Robbery went from 0 to 1: no percentage from zero.
    assert (
        "Robbery of personal property: 1, none were recorded in the 12 months to June 2022" in flat
    )
    markdown = (tmp_path / "o" / "statement.md").read_text()
    assert "| Homicide offences" in markdown
    assert "# Police and Crime Measures" in markdown
