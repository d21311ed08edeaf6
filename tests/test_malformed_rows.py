"""A row with more or fewer cells than its header, or a control character in a cell, is
refused in every tabular source, naming the file, row and column: never counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from measurekit.errors import InputError
from measurekit.sources.base import SourceSpec
from measurekit.sources.formats import CountsFormat, RecordsFormat
from measurekit.sources.survey import SurveyFormat

FORMATS = {
    "records": (RecordsFormat(), "recorded_date,offence_code,crime_id", "2023-06-01,1,a1"),
    "counts": (CountsFormat(), "indicator,period_end,months,value", "homicide,2023-06,1,3"),
    "survey": (SurveyFormat(), "response_date,satisfied,domestic_abuse", "2023-06-01,yes,no"),
}


def open_lines(tmp_path: Path, kind: str, bad: str) -> None:
    """Open a ``kind`` source whose file holds a good row, ``bad``, then a good row."""
    source_format, header, good = FORMATS[kind]
    path = tmp_path / f"{kind}.csv"
    path.write_text("\n".join([header, good, bad, good.replace("2023-06", "2023-05")]) + "\n")
    source_format.open(SourceSpec(kind, kind, (path,), ("Testshire",)))


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_a_row_with_an_extra_cell(tmp_path: Path, kind: str) -> None:
    _, header, good = FORMATS[kind]
    width = header.count(",") + 1
    with pytest.raises(
        InputError,
        match=rf"{kind}\.csv, row 3, column '{width + 1}': the row has a cell in column "
        rf"{width + 1}, but the header names only {width} columns",
    ):
        open_lines(tmp_path, kind, good + ",surplus")


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_a_row_with_a_cell_missing(tmp_path: Path, kind: str) -> None:
    _, header, good = FORMATS[kind]
    last = header.split(",")[-1]
    width = header.count(",") + 1
    with pytest.raises(
        InputError,
        match=rf"{kind}\.csv, row 3, column '{last}': the row has {width - 1} cells; the "
        rf"header has {width}, so the row has no '{last}'",
    ):
        open_lines(tmp_path, kind, good.rpartition(",")[0])


def test_a_counts_row_split_by_an_unquoted_thousands_comma(tmp_path: Path) -> None:
    """``1,234`` written unquoted splits the value into two cells: refused, where it was
    once read as a value of 1 with the 234 ignored."""
    with pytest.raises(InputError, match=r"row 3, column '5': the row has a cell in column 5"):
        open_lines(tmp_path, "counts", "homicide,2023-04,1,1,234")


@pytest.mark.parametrize("kind", sorted(FORMATS))
@pytest.mark.parametrize(("character", "name"), [("\x00", "NUL"), ("\x08", "BS"), ("\x1b", "ESC")])
def test_a_control_character_in_a_cell(
    tmp_path: Path, kind: str, character: str, name: str
) -> None:
    _, header, good = FORMATS[kind]
    cells = good.split(",")
    cells[1] = cells[1][:1] + character + cells[1][1:]
    column = header.split(",")[1]
    with pytest.raises(
        InputError, match=rf"row 3, column '{column}': the cell holds U\+00.. \({name}\)"
    ):
        open_lines(tmp_path, kind, ",".join(cells))


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_blank_lines_and_rows_of_empty_cells_are_still_skipped(tmp_path: Path, kind: str) -> None:
    source_format, header, good = FORMATS[kind]
    path = tmp_path / f"{kind}.csv"
    path.write_text("\n".join([header, good, "", ",,", ",,,,", good.replace("06", "05")]) + "\n")
    source_format.open(SourceSpec(kind, kind, (path,), ("Testshire",)))


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_a_header_naming_a_column_twice(tmp_path: Path, kind: str) -> None:
    source_format, header, good = FORMATS[kind]
    first = header.split(",")[0]
    again = header.count(",") + 2  # the column added after the header's own
    path = tmp_path / f"{kind}.csv"
    path.write_text(f"{header},{first}\n{good},{good.split(',')[0]}\n")
    with pytest.raises(
        InputError,
        match=rf"{kind}\.csv, row 1, column '{first}': the header names column '{first}' twice "
        rf"\(columns 1 and {again}\)",
    ):
        source_format.open(SourceSpec(kind, kind, (path,), ("Testshire",)))


def test_a_police_uk_header_naming_a_column_twice(tmp_path: Path) -> None:
    from measurekit_police_uk.reading import tally_file

    path = tmp_path / "2025-01-cheshire-street.csv"
    path.write_text(
        "Crime ID,Month,Falls within,Crime type,Crime type\n"
        "a1,2025-01,Cheshire Constabulary,Burglary,Robbery\n"
    )
    with pytest.raises(InputError, match="row 1, column 'Crime type': the header names column"):
        tally_file(path)
