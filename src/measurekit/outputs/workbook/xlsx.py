"""Writing a :class:`~measurekit.outputs.workbook.model.Workbook` as an Excel workbook (openpyxl).

Each sheet is written as the model lays it out: A1 title, A2 description, lines, then the
table marked up as an Excel table (one header row, no filter buttons) with a native line
chart beside it where the sheet has one. Text is always stored as text (a cell starting
with ``=`` never becomes a formula), numbers as numbers with a number format. The file is
byte-for-byte the same for the same workbook: fixed document dates and zip timestamps.
"""

from __future__ import annotations

import io
import math
import textwrap
from copy import copy
from typing import Any

from measurekit.outputs.workbook.model import (
    FONT_NAME,
    Cell,
    Line,
    Link,
    Number,
    Sheet,
    Table,
    Workbook,
    chart_description,
)
from measurekit.outputs.workbook.reproducible import FIXED_TIME, zip_parts
from measurekit.outputs.workbook.xlsx_parts import as_excel_writes

FONT_SIZE = 12
TITLE_SIZE = 16
HEADING_SIZE = 14
COVER_WIDTH = 100
#: Row height (points) per point of font size, for one line of text.
LINE_SPACING = 1.3
#: The height (points) a row gets when the file does not set one.
DEFAULT_ROW_HEIGHT = 15
#: The built-in cell style of sheet titles (A1), and its id among Excel's built-in styles:
#: screen readers announce a cell of this style as a heading.
TITLE_STYLE = "Heading 1"
TITLE_STYLE_ID = 16
#: Characters that make a spreadsheet read typed text as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")


def write_xlsx(workbook: Workbook) -> bytes:
    """The workbook as ``.xlsx`` bytes."""
    from openpyxl import Workbook as OpenpyxlWorkbook
    from openpyxl.writer.excel import ExcelWriter

    book = OpenpyxlWorkbook()
    _use_base_font(book)
    book.remove(book.active)
    for index, sheet in enumerate(workbook.sheets):
        _write_sheet(book.create_sheet(sheet.name), sheet, selected=index == 0)
    book.active = 0
    _set_properties(book, workbook)
    buffer = io.BytesIO()
    from zipfile import ZIP_DEFLATED, ZipFile

    with ZipFile(buffer, "w", ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    descriptions = {
        index: chart_description(sheet)
        for index, sheet in enumerate(workbook.sheets, start=1)
        if sheet.chart is not None
    }
    with ZipFile(io.BytesIO(buffer.getvalue())) as written:
        parts = {name: written.read(name) for name in written.namelist()}
    return zip_parts(as_excel_writes(_describe_charts(parts, descriptions)))


def _describe_charts(contents: dict[str, bytes], descriptions: dict[int, str]) -> dict[str, bytes]:
    """Give each chart alternative text (``descr``), which openpyxl cannot set.

    ``contents`` are the file's parts by name; ``descriptions`` maps a sheet's position
    (1-based) to its chart's text; the chart is found through the sheet's drawing
    relationship, as Excel finds it.
    """
    import re
    from xml.sax.saxutils import quoteattr

    contents = dict(contents)
    for index, description in descriptions.items():
        rels = contents.get(f"xl/worksheets/_rels/sheet{index}.xml.rels", b"").decode("utf-8")
        match = re.search(r'Target="/?(xl/drawings/drawing\d+\.xml)"', rels)
        if match is None or match[1] not in contents:
            continue
        drawing = contents[match[1]].decode("utf-8")
        found = re.search(r'<cNvPr id="\d+" name="Chart \d+"', drawing)
        if found is not None:
            at = found.end()
            drawing = f"{drawing[:at]} descr={quoteattr(description)}{drawing[at:]}"
        contents[match[1]] = drawing.encode("utf-8")
    return contents


def _use_base_font(book: Any) -> None:
    """Make Arial 12 the workbook's default font, so cells typed in later get it too, and
    define the built-in "Heading 1" cell style (in Arial) that sheet titles use.

    openpyxl has no public setting for this: it seeds its style tables with Calibri 11,
    so they are reseeded here the way ``Workbook._setup_styles`` seeds them.
    """
    from openpyxl.styles import Font, NamedStyle
    from openpyxl.styles.named_styles import NamedStyleList
    from openpyxl.utils.indexed_list import IndexedList

    font = Font(name=FONT_NAME, size=FONT_SIZE, family=2)
    book._fonts = IndexedList([font])
    book._named_styles = NamedStyleList()
    book.add_named_style(NamedStyle(font=copy(font), builtinId=0))
    book.add_named_style(
        NamedStyle(
            name=TITLE_STYLE,
            font=Font(name=FONT_NAME, size=TITLE_SIZE, bold=True, family=2),
            builtinId=TITLE_STYLE_ID,
        )
    )


def _set_properties(book: Any, workbook: Workbook) -> None:
    properties = book.properties
    properties.title = workbook.title
    properties.subject = workbook.subject
    properties.creator = workbook.author
    properties.lastModifiedBy = workbook.author
    properties.language = workbook.language
    properties.keywords = ", ".join(workbook.keywords)
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME


def _write_sheet(worksheet: Any, sheet: Sheet, selected: bool) -> None:
    from openpyxl.styles import Alignment, Font

    wrap = Alignment(wrap_text=True, vertical="top")
    # Above a table, text runs on across the empty cells to its right (as gptables does):
    # wrapped in a column sized for the table, a title would be a tall narrow block.
    above = wrap if sheet.table is None else Alignment(wrap_text=False, vertical="top")
    worksheet.cell(1, 1).style = TITLE_STYLE
    _put(worksheet, 1, 1, sheet.title, Font(name=FONT_NAME, size=TITLE_SIZE, bold=True), above)
    _put(worksheet, 2, 1, sheet.description, Font(name=FONT_NAME, size=FONT_SIZE), above)
    row = 3
    for line in sheet.lines:
        _write_line(worksheet, row, line, above)
        row += 1
    if sheet.table is not None:
        _write_table(worksheet, row, sheet.table, wrap)
        if sheet.chart is not None:
            _write_chart(worksheet, row, sheet)
    else:
        worksheet.column_dimensions["A"].width = COVER_WIDTH
    _fit_rows(worksheet)
    _print_landscape_one_page_wide(worksheet)
    view = worksheet.sheet_view
    view.tabSelected = selected
    view.selection[0].activeCell = "A1"
    view.selection[0].sqref = "A1"


def _fit_rows(worksheet: Any) -> None:
    """Give each row the height its tallest cell needs: its font size, and for wrapped
    text the lines it wraps to in its column.

    Excel sizes rows without a stored height itself, but LibreOffice does not for ``.xlsx``
    files: without a height, wrapped text there is cut to its first line and runs into the
    rows below. The estimate errs on the generous side.
    """
    from openpyxl.utils import get_column_letter

    for row in worksheet.iter_rows():
        needed = DEFAULT_ROW_HEIGHT
        for cell in row:
            if cell.value is None:
                continue
            points = cell.font.sz or FONT_SIZE
            lines = 1
            if isinstance(cell.value, str) and cell.alignment.wrap_text:
                width = worksheet.column_dimensions[get_column_letter(cell.column)].width
                lines = wrapped_lines(cell.value, width, points, bool(cell.font.b))
            needed = max(needed, math.ceil(lines * points * LINE_SPACING + 2))
        if needed > DEFAULT_ROW_HEIGHT:
            worksheet.row_dimensions[row[0].row].height = needed


def wrapped_lines(text: str, width: float, points: float, bold: bool = False) -> int:
    """How many lines ``text`` takes, wrapped at word boundaries in a column ``width``
    characters wide (a character being a digit at 12 points), at ``points`` points."""
    # Text averages narrower than digits: about 1.1 characters to a unit of width.
    per_line = max(1, math.floor(1.1 * (width - 1) * FONT_SIZE / points / (1.1 if bold else 1.0)))
    return sum(max(1, len(textwrap.wrap(part, per_line))) for part in text.split("\n"))


def _print_landscape_one_page_wide(worksheet: Any) -> None:
    """Print on A4 landscape, scaled to one page wide (as many pages long as it needs)."""
    setup = worksheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = worksheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True


def _write_line(worksheet: Any, row: int, line: Line, wrap: Any) -> None:
    from openpyxl.styles import Font

    if line.link is not None:
        _put_link(worksheet.cell(row, 1), line.text, line.link, wrap)
        return
    size = HEADING_SIZE if line.heading else FONT_SIZE
    _put(worksheet, row, 1, line.text, Font(name=FONT_NAME, size=size, bold=line.heading), wrap)


def _write_table(worksheet: Any, top: int, table: Table, wrap: Any) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table as ExcelTable
    from openpyxl.worksheet.table import TableColumn, TableStyleInfo

    header_font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    body_font = Font(name=FONT_NAME, size=FONT_SIZE)
    alignments = [_alignment(table, position, wrap) for position in range(len(table.columns))]
    for position, column in enumerate(table.columns, start=1):
        _put(worksheet, top, position, column.heading, header_font, alignments[position - 1])
        letter = get_column_letter(position)
        current = worksheet.column_dimensions[letter].width or 0
        worksheet.column_dimensions[letter].width = max(current, column.width)
    for offset, cells in enumerate(table.rows, start=1):
        for position, cell in enumerate(cells, start=1):
            target = worksheet.cell(top + offset, position)
            _put_cell(target, cell, body_font, alignments[position - 1])
    last = f"{get_column_letter(len(table.columns))}{top + len(table.rows)}"
    excel_table = ExcelTable(
        displayName=table.name,
        name=table.name,
        ref=f"A{top}:{last}",
        tableColumns=[
            TableColumn(id=position, name=column.heading)
            for position, column in enumerate(table.columns, start=1)
        ],
        tableStyleInfo=TableStyleInfo(name="TableStyleLight1", showRowStripes=False),
    )
    worksheet.add_table(excel_table)


def _alignment(table: Table, position: int, wrap: Any) -> Any:
    """Numeric columns (heading, numbers, shorthand) align right; text columns after the
    first are indented, so their text does not run up against a number to its left."""
    from openpyxl.styles import Alignment

    if table.is_numeric(position):
        return Alignment(wrap_text=True, vertical="top", horizontal="right")
    if position:
        return Alignment(wrap_text=True, vertical="top", horizontal="left", indent=1)
    return wrap


def _write_chart(worksheet: Any, top: int, sheet: Sheet) -> None:
    from openpyxl.chart import LineChart, Reference
    from openpyxl.chart.data_source import AxDataSource, StrRef
    from openpyxl.chart.series import SeriesLabel
    from openpyxl.utils import get_column_letter, quote_sheetname

    assert sheet.table is not None
    assert sheet.chart is not None
    spec, table = sheet.chart, sheet.table
    last_row = top + len(table.rows)
    chart = LineChart()
    chart.title = spec.title
    chart.x_axis.title = spec.x_title
    chart.y_axis.title = spec.y_title
    chart.x_axis.delete = False
    chart.x_axis.axPos = "b"  # months along the bottom (openpyxl says "l" for every axis)
    chart.y_axis.delete = False
    chart.legend = None
    chart.display_blanks = "gap"
    chart.width = 24
    chart.height = 12
    first_row = top + 1 + spec.first_row
    values = Reference(worksheet, min_col=spec.value + 1, min_row=first_row, max_row=last_row)
    chart.add_data(values, titles_from_data=False)
    for series in chart.series:
        series.smooth = False  # a smoothed line would show values that were never counted
    # Month names are text: refer to them as strings (openpyxl would write a number
    # reference, which some readers show as 1, 2, 3).
    letter = get_column_letter(spec.category + 1)
    reference = f"{quote_sheetname(worksheet.title)}!${letter}${first_row}:${letter}${last_row}"
    title = f"{quote_sheetname(worksheet.title)}!${get_column_letter(spec.value + 1)}${top}"
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=reference))
        series.tx = SeriesLabel(strRef=StrRef(f=title))
    worksheet.add_chart(chart, f"{get_column_letter(len(table.columns) + 2)}{top}")


def _put_cell(target: Any, cell: Cell, font: Any, wrap: Any) -> None:
    if isinstance(cell, Link):
        _put_link(target, cell.text, cell.sheet, wrap)
    elif isinstance(cell, Number):
        target.value = cell.value
        target.number_format = str(cell.format)
        target.font = font
    else:
        _put_text(target, cell.text, font, wrap)


def _put(worksheet: Any, row: int, column: int, text: str, font: Any, wrap: Any) -> None:
    _put_text(worksheet.cell(row, column), text, font, wrap)


def _put_text(target: Any, text: str, font: Any, wrap: Any) -> None:
    """Store ``text`` as text: never a formula, whatever it starts with."""
    target.value = text
    target.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        target.quotePrefix = True
    target.font = font
    target.alignment = wrap


def _put_link(target: Any, text: str, sheet: str, wrap: Any) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    _put_text(target, text, Font(name=FONT_NAME, size=FONT_SIZE, underline="single"), wrap)
    target.hyperlink = Hyperlink(ref=target.coordinate, location=f"'{sheet}'!A1", display=text)
