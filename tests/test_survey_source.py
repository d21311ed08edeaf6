"""The ``survey`` source format: tallies by window and group, from CSV and .xlsx."""

from __future__ import annotations

from pathlib import Path

import pytest

from measurekit.errors import InputError
from measurekit.model.periods import Month, Window
from measurekit.sources.base import (
    Query,
    RecordFilter,
    RecordFlag,
    SourceSpec,
    Tally,
    Unavailable,
)
from measurekit.sources.formats import CoverageOptions
from measurekit.sources.survey import SurveyFormat

from .statement_builder import write_csv

HEADER = ("response_date", "satisfied", "domestic_abuse")
ALL = Query("all", RecordFilter())
DOMESTIC = Query("da", RecordFilter(flags=(RecordFlag("domestic_abuse", True),)))
OTHER = Query("other", RecordFilter(flags=(RecordFlag("domestic_abuse", False),)))
YEAR = Window.ending(Month(2023, 6), 12)

#: 5 responses in the year to June 2023 (3 satisfied; 2 domestic abuse, 1 satisfied), one
#: in June 2022 (before the year) and one in July 2023 (after it).
ROWS = [
    ("2022-06-30", "yes", "no"),
    ("2022-07-01", "yes", "yes"),
    ("2022-08-15", "no", "Y"),
    ("2022-12-31", "TRUE", ""),
    ("2023-03-03", "0", "0"),
    ("2023-06-30", "1", "n"),
    ("2023-07-01", "no", "no"),
]


def test_tallies_count_each_group(tmp_path: Path) -> None:
    source = SurveyFormat().open(
        SourceSpec("survey", "survey", (write_csv(tmp_path / "s.csv", HEADER, ROWS),))
    )
    assert source.tally(ALL, YEAR) == Tally(3, 5)
    assert source.tally(DOMESTIC, YEAR) == Tally(1, 2)
    assert source.tally(OTHER, YEAR) == Tally(2, 3)
    assert source.tally(Query("none"), YEAR) == Tally(3, 5)


def test_xlsx_gives_the_same_tally(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADER))
    for row in ROWS:
        sheet.append(list(row))
    path = tmp_path / "s.xlsx"
    workbook.save(path)
    source = SurveyFormat().open(SourceSpec("survey", "survey", (path,)))
    assert source.tally(DOMESTIC, YEAR) == Tally(1, 2)
    assert source.tally(ALL, YEAR) == Tally(3, 5)


def test_window_before_the_survey_started_is_unavailable(tmp_path: Path) -> None:
    source = SurveyFormat().open(
        SourceSpec("survey", "survey", (write_csv(tmp_path / "s.csv", HEADER, ROWS),))
    )
    answer = source.tally(ALL, YEAR.shifted(-1))
    assert isinstance(answer, Unavailable)
    assert answer.reason == "the data start in June 2022"
    assert answer.missing_month is None


def test_declared_coverage_gives_zero_responses_not_unavailable(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", HEADER, [("2023-06-01", "yes", "no")])
    spec = SourceSpec(
        "survey", "survey", (path,), options=CoverageOptions(start="2022-07", end="2023-06")
    )
    source = SurveyFormat().open(spec)
    assert source.tally(DOMESTIC, YEAR) == Tally(0, 0)


def test_blank_satisfied_is_an_error_naming_row_and_column(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "s.csv", HEADER, [("2023-01-01", "yes", ""), ("2023-01-02", "", "")]
    )
    with pytest.raises(InputError) as caught:
        SurveyFormat().open(SourceSpec("survey", "survey", (path,)))
    assert str(caught.value).startswith(f"{path}, row 3, column 'satisfied'")


def test_missing_column_is_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", ("response_date", "domestic_abuse"), [("2023-01-01", "")])
    with pytest.raises(InputError, match="missing column 'satisfied'"):
        SurveyFormat().open(SourceSpec("survey", "survey", (path,)))


def test_a_flag_on_a_column_the_source_lacks_is_unavailable(tmp_path: Path) -> None:
    from measurekit.sources.formats import RecordsFormat

    source = SurveyFormat().open(
        SourceSpec("survey", "survey", (write_csv(tmp_path / "s.csv", HEADER, ROWS),))
    )
    weapon = Query("weapon", RecordFilter(flags=(RecordFlag("weapon_used", True),)))
    assert source.tally(weapon, YEAR) == Unavailable(
        "survey responses have no column 'weapon_used'"
    )
    records = RecordsFormat().open(
        SourceSpec(
            "crime",
            "records",
            (
                write_csv(
                    tmp_path / "r.csv", ("recorded_date", "offence_code"), [("2023-01-01", "1")]
                ),
            ),
        )
    )
    assert records.count(weapon, YEAR) == Unavailable("records have no column 'weapon_used'")
