"""The workbook model refuses layouts the spreadsheet guidance rules out."""

from __future__ import annotations

import pytest

from measurekit.outputs.workbook.model import Column, Link, Number, Sheet, Table, Text, Workbook


def table(name: str = "Good_table", rows: tuple[tuple[object, ...], ...] | None = None) -> Table:
    return Table(
        name,
        (Column("Label"), Column("Value (number)")),
        rows if rows is not None else ((Text("a"), Number(1)),),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("name", ["A1", "R1C1", "1st", "has space", "Table-1", "XFD100"])
def test_table_names_must_be_names_not_cells(name: str) -> None:
    with pytest.raises(ValueError, match="table name"):
        table(name)


def test_note_references_belong_in_labels_not_data() -> None:
    assert table(rows=((Text("a [note 1]"), Number(1)),)).rows
    with pytest.raises(ValueError, match=r"\[note N\]"):
        table(rows=((Text("a"), Text("5 [note 1]")),))


def test_a_second_label_column_may_cite_notes() -> None:
    columns = (Column("Measure"), Column("Indicator"), Column("Value (number)"))
    row = (Text("m"), Text("i [note 2]"), Number(3))
    assert Table("T", columns, (row,), label_columns=2).rows == (row,)
    with pytest.raises(ValueError, match=r"\[note N\]"):
        Table("T", columns, (row,), label_columns=1)


@pytest.mark.parametrize(
    "rows",
    [
        (),
        ((Text("a"),),),
        ((Text("a"), Text("  ")),),
        ((Link("", "Notes"), Number(1)),),
    ],
)
def test_no_empty_tables_short_rows_or_blank_cells(rows: tuple[tuple[object, ...], ...]) -> None:
    with pytest.raises(ValueError, match="table Good_table"):
        table(rows=rows)


@pytest.mark.parametrize("name", ["", "x" * 32, "a/b", "a[b]", "What?", " lead"])
def test_sheet_names_follow_excel_rules(name: str) -> None:
    with pytest.raises(ValueError, match="sheet name"):
        Sheet(name, "Title", "Description")


def test_sheet_and_table_names_are_unique_in_a_workbook() -> None:
    first = Sheet("One", "t", "d", table=table("Same"))
    with pytest.raises(ValueError, match="sheets share"):
        Workbook("t", "s", "a", (first, Sheet("one", "t", "d")))
    with pytest.raises(ValueError, match="tables share"):
        Workbook("t", "s", "a", (first, Sheet("Two", "t", "d", table=table("same"))))


def test_column_needs_a_heading() -> None:
    with pytest.raises(ValueError, match="heading"):
        Column(" ")


def test_contents_link_text_is_the_start_of_the_title() -> None:
    sheet = Sheet("Homicide", "Homicide figures for Testshire, 2023", "Figures.")
    assert sheet.contents_entry == "Homicide figures for Testshire, 2023"
    short = Sheet("Homicide", "Homicide figures for Testshire, 2023", "x", link_text="Homicide")
    assert short.contents_entry == "Homicide"
    with pytest.raises(ValueError, match="link text"):
        Sheet("Homicide", "Homicide figures for Testshire, 2023", "x", link_text="Robbery")


def test_wrapped_lines_counts_lines_at_word_breaks() -> None:
    from measurekit.outputs.workbook.xlsx_cells import wrapped_lines

    # A column 21 units wide holds 22 characters a line at 12 points, 11 at 24 points.
    text = "one two three four five six"  # 27 characters
    assert wrapped_lines(text, 21, 12) == 2
    assert wrapped_lines(text, 21, 24) == 3  # "one two" / "three four" / "five six"
    assert wrapped_lines("short", 21, 12) == 1
    assert wrapped_lines("a\nb", 21, 12) == 2
