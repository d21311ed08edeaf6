"""The xlsx cells, written without openpyxl's cell objects, read back as written: every
kind of text exactly (cut to Excel's 32,767 characters), numbers as numbers, formats,
links and row heights where the sheet put them; text XML cannot hold is refused."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from measurekit.outputs.workbook.model import (
    Column,
    Line,
    Link,
    Number,
    NumberFormat,
    Sheet,
    Table,
    Text,
    Workbook,
)
from measurekit.outputs.workbook.xlsx import write_xlsx

#: Texts openpyxl accepts that XML or the shared-strings table must treat with care.
TEXTS = (
    "tab\tinside",
    "carriage\rreturn",
    "windows\r\nline",
    "R&D <b> ]]> \"q\" 'a'",
    "Ynys M\u00f4n \u2013 \u00a35 \u2019",
    "astral \U0001f600 plane",
    "\u00a0no-break space either side\u00a0",
    " leading space",
    "trailing space ",
    "+44 starts like a formula",
    "#N/A",
    "x" * 40_000,
)


def _book(texts: tuple[str, ...] = TEXTS) -> Workbook:
    rows = tuple(
        (Text(text), Number(index), Link(f"go {index}", "Cover_sheet"))
        for index, text in enumerate(texts)
    )
    table = Table("Texts", (Column("Text", 30), Column("Index (number)"), Column("Link")), rows)
    return Workbook(
        "Title",
        "Subject",
        "Author",
        (
            Sheet("Cover_sheet", "Cover", "", lines=(Line("to texts", link="Texts"),)),
            Sheet("Texts", "Texts title", "Texts description", table=table),
        ),
    )


def test_every_text_comes_back_as_openpyxl_stores_it() -> None:
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(_book())))
    sheet = book["Texts"]
    for offset, text in enumerate(TEXTS):
        cell = sheet.cell(4 + offset, 1)
        # openpyxl reads a carriage return in a text element back as a line feed, as XML
        # parsers must, unless it was written as a character reference (it is).
        assert cell.value == text[:32_767], offset
        assert cell.data_type == "s"
        assert sheet.cell(4 + offset, 2).value == offset
        assert sheet.cell(4 + offset, 3).hyperlink.location == "'Cover_sheet'!A1"
    assert sheet["A13"].quotePrefix  # "+44 ..." is shown as typed
    assert not sheet["A11"].quotePrefix
    assert book["Cover_sheet"]["A3"].hyperlink.location == "'Texts'!A1"
    assert book["Cover_sheet"]["A2"].value is None  # the empty description


def test_text_is_shared_once_and_counted_per_cell() -> None:
    data = write_xlsx(_book(("same", "same", "other")))
    table = zipfile.ZipFile(io.BytesIO(data)).read("xl/sharedStrings.xml").decode()
    # Title, description, header row (3), "same", "other", three link texts, the cover's
    # title and its line: 12 distinct; every cell but the cover's empty description.
    assert 'count="13" uniqueCount="12"' in table
    assert table.count("<t>same</t>") == 1


def test_numbers_keep_their_value_and_format() -> None:
    values = (0, -3, 123_456_789_012_345, -2.75, 1e-9, 1234567.5)
    rows = tuple(
        (
            Text(f"row {index}"),
            Number(value, NumberFormat.ONE_DECIMAL if index % 2 else NumberFormat.COUNT),
        )
        for index, value in enumerate(values)
    )
    workbook = Workbook(
        "T",
        "S",
        "A",
        (Sheet("Numbers", "t", "d", table=Table("N", (Column("L"), Column("V")), rows)),),
    )
    sheet = openpyxl.load_workbook(io.BytesIO(write_xlsx(workbook)))["Numbers"]
    for offset, value in enumerate(values):
        cell = sheet.cell(4 + offset, 2)
        assert cell.value == value
        assert cell.data_type == "n"
        assert cell.number_format == ("0.0" if offset % 2 else "#,##0")


def test_a_number_openpyxl_takes_as_a_number_is_written_as_one() -> None:
    rows = ((Text("decimal"), Number(Decimal("2.5"))),)  # type: ignore[arg-type]
    workbook = Workbook(
        "T", "S", "A", (Sheet("D", "t", "d", table=Table("D", (Column("L"), Column("V")), rows)),)
    )
    assert openpyxl.load_workbook(io.BytesIO(write_xlsx(workbook)))["D"]["B4"].value == 2.5


@pytest.mark.parametrize("text", ["lone \ud800 surrogate", "not a character \ufffe"])
def test_text_xml_cannot_hold_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="XML compatible"):
        write_xlsx(_book((text,)))


def test_control_characters_are_refused_as_openpyxl_refuses_them() -> None:
    from openpyxl.utils.exceptions import IllegalCharacterError

    with pytest.raises(IllegalCharacterError):
        write_xlsx(_book(("bell \x07",)))


def test_rows_are_as_tall_as_their_wrapped_text() -> None:
    # In a column 30 wide, 31 characters a line at 12 points (1.1 * 29): 100 four-letter
    # words wrap 6 to a line (29 characters; 7 would take 34), so 17 lines,
    # 17 * 12 * 1.3 + 2 = 267.2 points, rounded up to 268.
    words = " ".join(["word"] * 100)
    sheet = openpyxl.load_workbook(io.BytesIO(write_xlsx(_book((words, "short")))))["Texts"]
    assert sheet.row_dimensions[4].height == 268
    assert sheet.row_dimensions[5].height == 18  # one line of 12 points
    assert sheet.row_dimensions[1].height == 23  # the 16-point title
