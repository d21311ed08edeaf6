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

    book = OpenpyxlWorkbook()
    _use_base_font(book)
    book.remove(book.active)
    formats = _Formats()
    for index, sheet in enumerate(workbook.sheets):
        _write_sheet(book.create_sheet(sheet.name), sheet, formats, selected=index == 0)
    book.active = 0
    _set_properties(book, workbook)
    parts = _Parts()
    _writer_class()(book, parts).write_data()
    descriptions = {
        index: chart_description(sheet)
        for index, sheet in enumerate(workbook.sheets, start=1)
        if sheet.chart is not None
    }
    return zip_parts(as_excel_writes(_describe_charts(parts.contents, descriptions)))


class _Parts:
    """What openpyxl's ``ExcelWriter`` writes to in place of a zip archive: each part's
    bytes by name, in the order written (a part written twice keeps its first place and
    its last bytes, as a zip read back by name gives them). The parts are zipped once,
    after they are rewritten."""

    def __init__(self) -> None:
        self.contents: dict[str, bytes] = {}

    def writestr(self, name: str, data: str | bytes) -> None:
        """Keep part ``name`` (text is stored as UTF-8, as ``ZipFile.writestr`` stores it)."""
        self.contents[name] = data.encode("utf-8") if isinstance(data, str) else data

    def namelist(self) -> list[str]:
        """The parts' names, in order."""
        return list(self.contents)


def _writer_class() -> Any:
    """openpyxl's ``ExcelWriter``, writing each worksheet in memory.

    openpyxl writes a worksheet's XML to a temporary file, copies it into the archive and
    deletes it; here the same XML goes to a ``BytesIO`` (``WorksheetWriter`` accepts one as
    its ``out``). ``write_worksheet`` is otherwise openpyxl 3.1's own for a workbook that is
    not write-only.
    """
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class InMemoryWriter(ExcelWriter):  # type: ignore[misc]
        def write_worksheet(self, ws: Any) -> None:
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            writer = WorksheetWriter(ws, out=io.BytesIO())
            writer.write()
            ws._rels = writer._rels
            self._archive.writestr(ws.path[1:], writer.read())
            self.manifest.append(ws)

    return InMemoryWriter


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


class _Formats:
    """The cell formats of one workbook, each made once.

    Giving an openpyxl cell a font or an alignment looks the value up (by hashing it) in
    the workbook's list of fonts or alignments, adding it when new. A cell's format is
    the row of indexes this leaves in its ``_style``; so the first cell given a
    combination gets it the ordinary way, and that row is copied to every later cell with
    the same combination. The workbook's lists grow in the same order either way, so the
    file is the same. Each format is named by a key: fonts ``title``, ``heading``,
    ``header`` (bold), ``text``, ``line`` (plain line above a table) and ``link``;
    alignments ``wrap``, ``above`` (not wrapped), ``right`` and ``indent``.

    Every cell written is also noted with its font size, boldness and wrapping, for
    :func:`_fit_rows`.
    """

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font

        self.fonts: dict[str, Any] = {
            "title": Font(name=FONT_NAME, size=TITLE_SIZE, bold=True),
            "heading": Font(name=FONT_NAME, size=HEADING_SIZE, bold=True),
            "line": Font(name=FONT_NAME, size=FONT_SIZE, bold=False),
            "header": Font(name=FONT_NAME, size=FONT_SIZE, bold=True),
            "text": Font(name=FONT_NAME, size=FONT_SIZE),
            "link": Font(name=FONT_NAME, size=FONT_SIZE, underline="single"),
        }
        self.alignments: dict[str, Any] = {
            "wrap": Alignment(wrap_text=True, vertical="top"),
            "above": Alignment(wrap_text=False, vertical="top"),
            "right": Alignment(wrap_text=True, vertical="top", horizontal="right"),
            "indent": Alignment(wrap_text=True, vertical="top", horizontal="left", indent=1),
        }
        self._made: dict[tuple[str, str | None, str | None, bool, str | None], Any] = {}
        #: The cells written to the current sheet: (cell, font size, bold, wrapped).
        self.written: list[tuple[Any, float, bool, bool]] = []

    def apply(
        self,
        target: Any,
        font: str,
        alignment: str | None = None,
        number_format: str | None = None,
        quote: bool = False,
        named: str | None = None,
    ) -> None:
        """Give ``target`` the named font and alignment (or none), number format, quote
        prefix and named cell style; note it as written."""
        key = (font, alignment, number_format, quote, named)
        made = self._made.get(key)
        if made is not None:
            target._style = copy(made)
        else:
            if named is not None:
                target.style = named
            if number_format is not None:
                target.number_format = number_format
            if quote:
                target.quotePrefix = True
            target.font = self.fonts[font]
            if alignment is not None:
                target.alignment = self.alignments[alignment]
            self._made[key] = copy(target._style)
        chosen = self.fonts[font]
        wrapped = alignment is not None and bool(self.alignments[alignment].wrap_text)
        self.written.append((target, chosen.sz or FONT_SIZE, bool(chosen.b), wrapped))


def _write_sheet(worksheet: Any, sheet: Sheet, formats: _Formats, selected: bool) -> None:
    # Above a table, text runs on across the empty cells to its right (as gptables does):
    # wrapped in a column sized for the table, a title would be a tall narrow block.
    above = "wrap" if sheet.table is None else "above"
    formats.written = []
    title = worksheet.cell(1, 1)
    _put_text(title, sheet.title, formats, "title", above, named=TITLE_STYLE)
    _put_text(worksheet.cell(2, 1), sheet.description, formats, "text", above)
    row = 3
    for line in sheet.lines:
        _write_line(worksheet.cell(row, 1), line, formats, above)
        row += 1
    if sheet.table is not None:
        _write_table(worksheet, row, sheet.table, formats)
        if sheet.chart is not None:
            _write_chart(worksheet, row, sheet)
    else:
        worksheet.column_dimensions["A"].width = COVER_WIDTH
    _fit_rows(worksheet, formats.written)
    _print_landscape_one_page_wide(worksheet)
    view = worksheet.sheet_view
    view.tabSelected = selected
    view.selection[0].activeCell = "A1"
    view.selection[0].sqref = "A1"


def _fit_rows(worksheet: Any, written: list[tuple[Any, float, bool, bool]]) -> None:
    """Give each row the height its tallest cell needs: its font size, and for wrapped
    text the lines it wraps to in its column. ``written`` are the sheet's cells with their
    font size, boldness and wrapping.

    Excel sizes rows without a stored height itself, but LibreOffice does not for ``.xlsx``
    files: without a height, wrapped text there is cut to its first line and runs into the
    rows below. The estimate errs on the generous side.
    """
    from openpyxl.utils import get_column_letter

    heights: dict[int, int] = {}
    widths: dict[int, float] = {}
    for cell, points, bold, wrapped in written:
        value = cell._value
        if value is None:
            continue
        lines = 1
        if wrapped and isinstance(value, str):
            width = widths.get(cell.column)
            if width is None:
                letter = get_column_letter(cell.column)
                width = widths[cell.column] = worksheet.column_dimensions[letter].width
            lines = wrapped_lines(value, width, points, bold)
        needed = math.ceil(lines * points * LINE_SPACING + 2)
        if needed > heights.get(cell.row, DEFAULT_ROW_HEIGHT):
            heights[cell.row] = needed
    for row in sorted(heights):
        worksheet.row_dimensions[row].height = heights[row]


def wrapped_lines(text: str, width: float, points: float, bold: bool = False) -> int:
    """How many lines ``text`` takes, wrapped at word boundaries in a column ``width``
    characters wide (a character being a digit at 12 points), at ``points`` points."""
    # Text averages narrower than digits: about 1.1 characters to a unit of width.
    per_line = max(1, math.floor(1.1 * (width - 1) * FONT_SIZE / points / (1.1 if bold else 1.0)))
    # A line that fits is one line (textwrap would say so too; only tabs, which it
    # expands, can make a line longer than its characters).
    return sum(
        1
        if len(part) <= per_line and "\t" not in part
        else max(1, len(textwrap.wrap(part, per_line)))
        for part in text.split("\n")
    )


def _print_landscape_one_page_wide(worksheet: Any) -> None:
    """Print on A4 landscape, scaled to one page wide (as many pages long as it needs)."""
    setup = worksheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = worksheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True


def _write_line(target: Any, line: Line, formats: _Formats, alignment: str) -> None:
    if line.link is not None:
        _put_link(target, line.text, line.link, formats, alignment)
    else:
        _put_text(target, line.text, formats, "heading" if line.heading else "line", alignment)


def _write_table(worksheet: Any, top: int, table: Table, formats: _Formats) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table as ExcelTable
    from openpyxl.worksheet.table import TableColumn, TableStyleInfo

    alignments = [_alignment(table, position) for position in range(len(table.columns))]
    for position, column in enumerate(table.columns, start=1):
        target = worksheet.cell(top, position)
        _put_text(target, column.heading, formats, "header", alignments[position - 1])
        letter = get_column_letter(position)
        current = worksheet.column_dimensions[letter].width or 0
        worksheet.column_dimensions[letter].width = max(current, column.width)
    for offset, cells in enumerate(table.rows, start=1):
        for position, cell in enumerate(cells, start=1):
            target = worksheet.cell(top + offset, position)
            _put_cell(target, cell, formats, alignments[position - 1])
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


def _alignment(table: Table, position: int) -> str:
    """Numeric columns (heading, numbers, shorthand) align right; text columns after the
    first are indented, so their text does not run up against a number to its left."""
    if table.is_numeric(position):
        return "right"
    if position:
        return "indent"
    return "wrap"


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


def _put_cell(target: Any, cell: Cell, formats: _Formats, alignment: str) -> None:
    if isinstance(cell, Link):
        _put_link(target, cell.text, cell.sheet, formats, alignment)
    elif isinstance(cell, Number):
        target.value = cell.value
        formats.apply(target, "text", number_format=str(cell.format))
    else:
        _put_text(target, cell.text, formats, "text", alignment)


def _put_text(
    target: Any,
    text: str,
    formats: _Formats,
    font: str,
    alignment: str,
    named: str | None = None,
) -> None:
    """Store ``text`` as text: never a formula, whatever it starts with."""
    target.value = text
    target.data_type = "s"
    formats.apply(target, font, alignment, quote=text.startswith(FORMULA_STARTS), named=named)


def _put_link(target: Any, text: str, sheet: str, formats: _Formats, alignment: str) -> None:
    from openpyxl.worksheet.hyperlink import Hyperlink

    _put_text(target, text, formats, "link", alignment)
    target.hyperlink = Hyperlink(ref=target.coordinate, location=f"'{sheet}'!A1", display=text)
