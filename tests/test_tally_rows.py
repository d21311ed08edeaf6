"""Tallying record and survey rows: each distinct row and cell is read once, but the
counts and the errors are those of reading every row in turn.

Counts here are worked out by hand from the rows written in each test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from measurekit.errors import InputError
from measurekit.model.periods import Month, Window
from measurekit.sources import formats
from measurekit.sources.base import Query, RecordFilter, RecordFlag, SourceSpec, Tally
from measurekit.sources.formats import RecordsFormat
from measurekit.sources.survey import SurveyFormat

HEADER = "recorded_date,offence_code,knife_or_sharp_instrument,force\n"


def _records(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "records.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _open(path: Path, force: tuple[str, ...] = ("Testshire",), explicit: bool = False) -> Any:
    return RecordsFormat().open(SourceSpec("crime", "records", (path,), force, explicit))


HOMICIDE = Query("homicide", RecordFilter(frozenset({"1"})))
KNIFE = Query("knife", RecordFilter(None, (RecordFlag("knife_or_sharp_instrument", True),)))


def test_counts_by_window_month_code_and_flag(tmp_path: Path) -> None:
    # January: homicide 1 + 1 (one with a knife) = 2; February: homicide 1, other 1 (knife);
    # March: homicide 2 (one dated differently, same month).
    path = _records(
        tmp_path,
        "2023-01-05,1,,\n2023-01-06,1,yes,\n2023-02-01,1,no,\n2023-02-02,8N,y,\n"
        "2023-03-01,1,,\n2023-03-31, 1 ,,\n",
    )
    source = _open(path)
    jan, feb, mar = Month(2023, 1), Month(2023, 2), Month(2023, 3)
    assert source.count(HOMICIDE, Window(jan, jan)).value == 2
    assert source.count(HOMICIDE, Window(feb, feb)).value == 1
    assert source.count(HOMICIDE, Window(mar, mar)).value == 2
    assert source.count(HOMICIDE, Window(jan, mar)).value == 5
    assert source.count(KNIFE, Window(jan, mar)).value == 2
    assert source.count(KNIFE, Window(feb, mar)).value == 1
    # Asked again, after other windows: the same answers.
    assert source.count(HOMICIDE, Window(jan, feb)).value == 3


def test_the_same_counts_when_little_is_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 30 rows over 3 months, each month 10 rows: 4 homicide (code 1), 6 other (code 8N).
    lines = [
        f"2023-{month:02d}-{day:02d},{'1' if day <= 4 else '8N'},,\n"
        for month in (1, 2, 3)
        for day in range(1, 11)
    ]
    path = _records(tmp_path, "".join(lines))
    monkeypatch.setattr(formats, "MAX_REMEMBERED", 2)
    source = _open(path)
    assert source.count(HOMICIDE, Window(Month(2023, 1), Month(2023, 3))).value == 12
    assert source.count(HOMICIDE, Window(Month(2023, 2), Month(2023, 2))).value == 4


def test_a_bad_cell_is_named_at_its_first_row_even_after_good_copies_of_its_row(
    tmp_path: Path,
) -> None:
    # Rows 2 and 3 are fine; row 4 repeats row 2's code with a date that does not exist;
    # row 5 repeats row 4 exactly. The error names row 4.
    path = _records(tmp_path, "2023-01-05,1,,\n2023-01-05,1,,\n2023-02-30,1,,\n2023-02-30,1,,\n")
    with pytest.raises(InputError) as caught:
        _open(path)
    assert caught.value.location.row == 4
    assert caught.value.location.column == "recorded_date"


def test_a_bad_flag_is_named_even_when_its_date_and_code_were_seen(tmp_path: Path) -> None:
    path = _records(tmp_path, "2023-01-05,1,yes,\n2023-01-05,1,maybe,\n")
    with pytest.raises(InputError) as caught:
        _open(path)
    assert (caught.value.location.row, caught.value.location.column) == (
        3,
        "knife_or_sharp_instrument",
    )


def test_rows_of_other_forces_are_left_out(tmp_path: Path) -> None:
    # Testshire: 2 homicides (one with a blank force cell, which always belongs);
    # Otherland: 3, not counted.
    path = _records(
        tmp_path,
        "2023-01-05,1,,Testshire Police\n2023-01-05,1,,Otherland\n2023-01-05,1,,Otherland\n"
        "2023-01-06,1,,\n2023-01-07,1,,otherland\n",
    )
    source = _open(path)
    assert source.count(HOMICIDE, Window(Month(2023, 1), Month(2023, 1))).value == 2


def test_survey_tallies_by_window_and_flag(tmp_path: Path) -> None:
    # January: 3 responses, 2 satisfied (1 of them domestic abuse); February: 2, 0
    # satisfied (1 domestic abuse).
    path = tmp_path / "survey.csv"
    path.write_text(
        "response_date,satisfied,domestic_abuse\n"
        "2023-01-02,yes,yes\n2023-01-03,yes,no\n2023-01-04,no,\n"
        "2023-02-01,no,yes\n2023-02-02,no,no\n",
        encoding="utf-8",
    )
    source = SurveyFormat().open(SourceSpec("survey", "survey", (path,), ("Testshire",)))
    jan, feb = Month(2023, 1), Month(2023, 2)
    everyone = Query("satisfaction")
    domestic = Query("da", RecordFilter(None, (RecordFlag("domestic_abuse", True),)))
    assert source.tally(everyone, Window(jan, jan)) == Tally(2, 3)
    assert source.tally(everyone, Window(jan, feb)) == Tally(2, 5)
    assert source.tally(domestic, Window(jan, feb)) == Tally(1, 2)
    assert source.tally(domestic, Window(feb, feb)) == Tally(0, 1)
