"""The layout checker itself must catch what it is for: a checker that passes everything
would make the workbook tests worthless."""

from __future__ import annotations

import io
import zipfile

import openpyxl
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.table import Table

from measurekit.outputs.workbook.model import Column, Number, Sheet, Text, Workbook
from measurekit.outputs.workbook.model import Table as ModelTable
from measurekit.outputs.workbook.ods import write_ods

from .workbook_checks import check_ods, check_xlsx


def bad_workbook() -> bytes:
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Cover"
    cover["A1"] = "A title"
    data = book.create_sheet("Data")
    data["A1"] = "Title"
    # A2 left empty
    data["A3"] = "Label"
    data["B3"] = "Value"
    data["A4"] = "a"
    data["B4"] = "=1+1"
    data["A5"] = "b [note 1]"
    data["B5"] = "7 [note 2]"
    data["A6"] = None
    data["A7"] = "[x]"
    data["B7"] = "1,234"
    data["B6"] = 3
    data.add_table(Table(displayName="Table1", ref="A3:B7"))
    data["D9"] = "below"
    data.merge_cells("A1:B1")
    data.freeze_panes = "A4"
    chart = LineChart()
    chart.add_data(Reference(data, min_col=2, min_row=3, max_row=7))
    data.add_chart(chart, "E3")
    data["A4"].font = Font(name="Times New Roman", size=10)
    data["A5"].alignment = Alignment(wrap_text=True)
    data["A5"] = "a label long enough to wrap onto several lines in a narrow column [note 1]"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def test_xlsx_checker_names_each_broken_rule() -> None:
    problems = "\n".join(check_xlsx(bad_workbook()))
    for expected in (
        "document language",
        "first sheets are",
        "Data: A2 does not say what the sheet holds",
        "Data: merged cells",
        "Data: freeze panes at A4",
        "Data: B4 is a formula",
        "Data: A4 font Times New Roman",
        "table name 'Table1' is not meaningful",
        "the table has filter buttons",
        "cells outside the table",
        "B5 holds a [note N] in a data cell",
        "A6 is blank inside the table",
        "B7 holds a number stored as text",
        "Data: A7 text is not wrapped",
        "Data: A5 row is too short for its wrapped text",
        "Data: no Source: line above the table",
        "Data: shorthand [x] is not explained above the table",
        "B3 in a numeric column is not right-aligned",
        "a chart has no alternative text",
        "chart1.xml: the chart has no title",
        "chart1.xml: the catAx axis has no title",
    ):
        assert expected in problems, expected


def good_model() -> Workbook:
    sheets = [
        Sheet(name, f"{name} title", f"{name} description")
        for name in ("Cover_sheet", "Table_of_contents", "Notes")
    ]
    sheets[1:] = [
        Sheet(
            sheet.name,
            sheet.title,
            sheet.description,
            table=ModelTable(
                f"{sheet.name}_table",
                (Column("Label"), Column("Value (number)")),
                ((Text("=1+1"), Number(5)),),
            ),
        )
        for sheet in sheets[1:]
    ]
    return Workbook("Title", "Subject", "Author", tuple(sheets))


def test_ods_checker_passes_a_good_file_and_catches_a_formula_and_language() -> None:
    good = write_ods(good_model())
    assert check_ods(good) == []
    source = zipfile.ZipFile(io.BytesIO(good))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "content.xml":
                content = content.replace(
                    b'office:value-type="float"',
                    b'table:formula="of:=2+3" office:value-type="float"',
                )
            if info.filename == "meta.xml":
                content = content.replace(b"en-GB", b"en-US")
            if info.filename == "content.xml":
                content = content.replace(b"Value (number)", b"Value", 1)
                content = content.replace(b'"ce_header_end"', b'"ce_header_start"')
                content = content.replace(
                    b'office:value="5" table:style-name="ce_count"',
                    b'office:value="5"',
                    1,
                )
                content = content.replace(
                    b"<table:table-cell ", b'<table:table-cell table:number-columns-spanned="2" ', 1
                )
            target.writestr(info, content)
    problems = "\n".join(check_ods(output.getvalue()))
    assert "a cell holds a formula" in problems
    assert "language is 'en-US'" in problems
    assert "Table_of_contents: numeric column 'Value' gives no unit in round brackets" in problems
    assert "a number without a number format" in problems
    assert "merged cells" in problems
    assert "is not right-aligned" in problems


def test_xlsx_checker_wants_descriptive_contents_links() -> None:
    book = openpyxl.Workbook()
    contents = book.active
    contents.title = "Table_of_contents"
    target = book.create_sheet("Homicide")
    target["A1"] = "Homicide figures for Testshire, 2023"
    contents["A1"] = "Contents"
    contents["A3"] = "Link"
    for row, text in ((4, "Homicide"), (5, "Homicide figures"), (6, "Homicide fig")):
        contents.cell(row, 1, text).hyperlink = "#'Homicide'!A1"
        contents.cell(row, 1).hyperlink.location = "'Homicide'!A1"
    contents.add_table(Table(displayName="Contents", ref="A3:A6"))
    output = io.BytesIO()
    book.save(output)
    problems = [p for p in check_xlsx(output.getvalue()) if "link text" in p]
    # a bare sheet name, and a title cut mid-word, are not descriptive; a whole-word start is
    assert len(problems) == 2


def test_a_width_given_to_a_run_of_columns_counts_for_each_of_them() -> None:
    """LibreOffice writes one ``<col min max>`` for neighbouring columns of one width; a
    cell in the run's last column is as wide as the run says (openpyxl files the run under
    its first letter only)."""
    from openpyxl.worksheet.dimensions import ColumnDimension

    from .workbook_checks import column_width

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.column_dimensions["F"] = ColumnDimension(sheet, index="F", width=30)
    sheet.column_dimensions["F"].min, sheet.column_dimensions["F"].max = 6, 8
    output = io.BytesIO()
    book.save(output)
    sheet = openpyxl.load_workbook(io.BytesIO(output.getvalue())).active
    assert [column_width(sheet, column) for column in (5, 6, 7, 8, 9)] == [
        None,
        30.0,
        30.0,
        30.0,
        None,
    ]
