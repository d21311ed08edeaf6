"""Every input has a bounded cost, and numbers and periods stay inside what the domain
allows (docs/limits.md): anything beyond is one line naming the file, row and column."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from measurekit.cli.main import main
from measurekit.errors import InputError
from measurekit.limits import MAX_COUNT, MAX_STATEMENT_DEPTH
from measurekit.model.periods import FinancialQuarter, Month, Window
from measurekit.model.statement import Role
from measurekit.sources import tabular
from measurekit.sources.base import Count, Query, SourceSpec
from measurekit.sources.formats import CountsFormat

from .helpers import RECORD_HEADER, write_csv
from .hostile import fails, fails_in_child, records_statement
from .statement_builder import build, figure

# --- the statement file ---------------------------------------------------------------


def test_arrays_nested_a_thousand_deep(tmp_path: Path) -> None:
    statement = records_statement(tmp_path, body="colour = " + "[" * 1000 + "]" * 1000)
    line = fails_in_child(["build", str(statement), "-o", str(tmp_path / "out")])
    assert f"arrays or tables nest more than {MAX_STATEMENT_DEPTH} deep" in line


@pytest.mark.parametrize(
    "body",
    [
        "colour = " + "[" * 20 + "]" * 20,
        "colour = " + "{a = " * 20 + "1" + "}" * 20,
        "[measures.homicide.x" + ".y" * 20 + "]\nz = 1",
    ],
)
def test_nesting_beyond_the_limit_that_toml_itself_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str
) -> None:
    statement = records_statement(tmp_path)
    statement.write_text(statement.read_text() + "\n" + body + "\n")
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert f"nest more than {MAX_STATEMENT_DEPTH} deep" in line


def test_a_thousand_sections_repeating_one_measure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path)
    statement.write_text(statement.read_text() + '\n[[sections]]\nmeasures = ["homicide"]\n' * 999)
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert line.endswith(
        "statement.toml: sections[1].measures: measure 'homicide' is already listed in "
        "sections[0]; list each measure once"
    )


def test_one_section_listing_a_measure_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path)
    statement.write_text(statement.read_text().replace('["homicide"]', '["homicide", "homicide"]'))
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "measure 'homicide' is already listed in the same section" in line


def test_a_data_file_listed_twice_for_one_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path)
    statement.write_text(
        statement.read_text().replace('path = "crime.csv"', 'path = ["crime.csv", "./crime.csv"]')
    )
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "sources.crime.path: './crime.csv' is listed twice" in line


# --- workbooks ------------------------------------------------------------------------


def records_workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(RECORD_HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def claim_dimension(path: Path, ref: str) -> None:
    """Rewrite the first sheet's ``<dimension>`` to claim ``ref``."""
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts[member].decode()
    assert "<dimension" in xml
    parts[member] = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_workbook_claiming_every_cell_of_the_sheet(tmp_path: Path) -> None:
    """The sheet claims A1:XFD1048576 (17 billion cells) but holds four rows: it is read
    for what it holds, and its homicides counted (two in June 2023)."""
    rows = [["2022-04-01", "8N"], ["2023-06-01", "1"], ["2023-06-02", "1"], ["2023-06-03", "8N"]]
    records_workbook(tmp_path / "crime.xlsx", [[*row, "", "", "", "", ""] for row in rows])
    claim_dimension(tmp_path / "crime.xlsx", "A1:XFD1048576")
    statement = records_statement(tmp_path, crime="crime.xlsx")
    text = statement.read_text()
    assert figure(build(statement, text), "homicide", Role.CURRENT).value == 2


def test_a_workbook_claiming_every_column_is_read_as_wide_as_it_is(tmp_path: Path) -> None:
    """Trusting the claim, every row would come back 16,384 cells wide (a 0.5 MB file
    of such rows took minutes); read as it is, each row is as wide as its last cell."""
    path = records_workbook(tmp_path / "crime.xlsx", [["2023-06-01", "1"]] * 3000)
    claim_dimension(path, "A1:XFD1048576")
    with path.open("rb") as handle:
        book = tabular.open_workbook(handle, path)
        widths = {len(row) for row in book.worksheets[0].iter_rows(values_only=True)}
        book.close()
    assert widths == {len(RECORD_HEADER), 2}


def test_a_workbook_that_unpacks_beyond_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = records_workbook(tmp_path / "crime.xlsx", [["2023-06-01", "1"]])
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    monkeypatch.setattr(tabular, "MAX_XLSX_UNPACKED_BYTES", unpacked - 1)
    with pytest.raises(InputError, match=f"unpacks to {unpacked:,} bytes, more than the"):
        list(tabular.read_rows(path, ["recorded_date"]))


def test_a_workbook_cell_beyond_the_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: list[list[object]] = [["2022-04-01", "8N"], ["2023-06-01", "1"]]
    path = records_workbook(tmp_path / "crime.xlsx", rows)
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.active["K3"] = "stray"
    book.save(path)
    statement = records_statement(tmp_path, crime="crime.xlsx")
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "crime.xlsx, row 3, column '11': the row has a cell in column 11, but the header" in line


# --- numbers --------------------------------------------------------------------------

COUNTS_HEADER = ["indicator", "period_end", "months", "value"]


def counts_answer(tmp_path: Path, value: str, months: str = "1") -> Count:
    path = write_csv(tmp_path / "c.csv", COUNTS_HEADER, [["homicide", "2023-06", months, value]])
    source = CountsFormat().open(SourceSpec("counts", "counts", (path,), ("Testshire",)))
    answer = source.count(Query("homicide"), Window.ending(Month(2023, 6), int(months)))
    assert isinstance(answer, Count)
    return answer


@pytest.mark.parametrize(
    "value",
    [
        "1,2,3,4",  # not grouped in threes
        "1_000",  # Python's digit separator
        "12,34",
        ",123",
        "1e3",
        "12.0",
        "0x10",
        "\u0661\u0662",  # Arabic-Indic digits
        "\uff11\uff12",  # full-width digits
        "²",
        "1 000",
        "12abc",
    ],
)
def test_text_that_is_not_a_whole_number(tmp_path: Path, value: str) -> None:
    with pytest.raises(
        InputError, match=r"c\.csv, row 2, column 'value': .* is not a whole number"
    ):
        counts_answer(tmp_path, value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1,234", 1234), ("999,999,999,999", MAX_COUNT), ("0", 0), ("007", 7), (" 42 ", 42)],
)
def test_whole_numbers_read(tmp_path: Path, value: str, expected: int) -> None:
    assert counts_answer(tmp_path, value).value == expected


@pytest.mark.parametrize("value", ["1000000000000", "1,000,000,000,000", "10" + "0" * 27])
def test_a_count_beyond_the_largest(tmp_path: Path, value: str) -> None:
    with pytest.raises(
        InputError, match=r"column 'value': .* is above the largest allowed value, 999,999,999,999"
    ):
        counts_answer(tmp_path, value)


def test_a_negative_count(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="-5 is below the smallest allowed value, 0"):
        counts_answer(tmp_path, "-5")


@pytest.mark.parametrize("months", ["0", "121", "1200000"])
def test_a_counts_row_covering_too_few_or_too_many_months(tmp_path: Path, months: str) -> None:
    with pytest.raises(InputError, match="column 'months'"):
        counts_answer(tmp_path, "5", months)


def test_a_float_count_too_large_for_exact_storage_in_a_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = Workbook()
    book.active.append(COUNTS_HEADER)
    book.active.append(["homicide", "2023-06", 12, 1e20])
    book.save(tmp_path / "counts.xlsx")
    statement = records_statement(tmp_path, crime="counts.xlsx")
    statement.write_text(statement.read_text().replace('"records"', '"counts"'))
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert (
        "counts.xlsx, row 2, column 'value': 100,000,000,000,000,000,000 is above the largest"
        in line
    )


# --- periods and dates ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "0000/01 Q1",
        "9999/00 Q4",
        "1899/00 Q1",
        "2200/01 Q1",
        "\u0662\u0660\u0662\u0663/\u0662\u0664 Q1",
        "2023/24 Q\u0661",
    ],
)
def test_financial_quarters_outside_the_years_or_not_in_ascii(text: str) -> None:
    with pytest.raises(ValueError, match=r"outside 1900 to 2200|not a financial quarter"):
        FinancialQuarter.parse(text)


@pytest.mark.parametrize(("text", "first"), [("1900/01 Q1", 1900), ("2199/00 Q4", 2199)])
def test_financial_quarters_at_the_ends_of_the_years(text: str, first: int) -> None:
    assert FinancialQuarter.parse(text).year.first_year == first


def test_a_period_outside_the_years_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        main(["build", str(statement), "--period", "9999/00 Q4", "-o", str(tmp_path)])
    assert stopped.value.code == 2  # a usage error: the option is wrong, not the file
    err = capsys.readouterr().err
    assert "argument --period: '9999/00 Q4': the year 9999 is outside 1900 to 2200" in err
    assert "statement.period" not in err


def test_a_period_outside_the_years_in_the_statement_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path)
    statement.write_text(statement.read_text().replace("2023/24 Q1", "0000/01 Q1"))
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert (
        "statement.toml: statement.period: '0000/01 Q1': the year 0 is outside 1900 to 2200" in line
    )


@pytest.mark.parametrize(
    ("date", "complaint"),
    [
        ("0001-01-01", "the year 1 is outside 1900 to 2200"),
        ("2201-01-01", "the year 2201 is outside 1900 to 2200"),
        ("2023-W22-1", "is not a date written YYYY-MM-DD"),
        ("20230601", "is not a date written YYYY-MM-DD"),
        ("\u0662\u0660\u0662\u0663-\u0660\u0666-\u0660\u0661", "is not a date written YYYY-MM-DD"),
        ("2023-02-30", "'2023-02-30' is not a date"),
    ],
)
def test_record_dates_outside_the_years_or_not_written_yyyy_mm_dd(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], date: str, complaint: str
) -> None:
    statement = records_statement(tmp_path)
    with (tmp_path / "crime.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"{date},1,,,,,\n")
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "crime.csv, row 5, column 'recorded_date'" in line
    assert complaint in line


@pytest.mark.parametrize("month", ["0000-01", "9999-12", "1899-12"])
def test_a_counts_month_outside_the_years(tmp_path: Path, month: str) -> None:
    path = write_csv(tmp_path / "c.csv", COUNTS_HEADER, [["homicide", month, "1", "3"]])
    with pytest.raises(InputError, match=f"row 2, column 'period_end': '{month}': the year"):
        CountsFormat().open(SourceSpec("counts", "counts", (path,), ("Testshire",)))


def test_a_baseline_outside_the_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    statement = records_statement(tmp_path, body='baseline = "1850-03"')
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "statement.baseline: '1850-03': the year 1850 is outside 1900 to 2200" in line


def test_a_workbook_whose_sheet_xml_is_broken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """U+FFFF written raw into the sheet: not XML, found only as the sheet is read."""
    path = records_workbook(tmp_path / "crime.xlsx", [["2023-06-01", "PLACEHOLDER"]])
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    assert b"PLACEHOLDER" in parts[member]
    parts[member] = parts[member].replace(b"PLACEHOLDER", "A\uffffB".encode())
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    statement = records_statement(tmp_path, crime="crime.xlsx")
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "crime.xlsx: not a readable .xlsx workbook: sheet 'Sheet': not well-formed" in line
