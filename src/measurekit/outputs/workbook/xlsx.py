"""Writing a :class:`~measurekit.outputs.workbook.model.Workbook` as an Excel workbook (openpyxl).

Each sheet is written as the model lays it out: A1 title, A2 description, lines, then the
table marked up as an Excel table (one header row, no filter buttons) with a native line
chart beside it where the sheet has one. Text is always stored as text (a cell starting
with ``=`` never becomes a formula), numbers as numbers with a number format. The file is
byte-for-byte the same for the same workbook: fixed document dates and zip timestamps.

openpyxl makes the workbook, its styles, tables and charts; the cells, their formats and
their rows' heights are written by :mod:`~measurekit.outputs.workbook.xlsx_cells`, and
the parts are then made as Excel writes them by
:mod:`~measurekit.outputs.workbook.xlsx_parts`.
"""

from __future__ import annotations

import io
import re
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
from measurekit.outputs.workbook.xlsx_cells import (
    FONT_SIZE,
    TITLE_SIZE,
    CellFormats,
    SharedStrings,
    SheetCells,
    WrittenSheet,
)
from measurekit.outputs.workbook.xlsx_parts import as_excel_writes
from measurekit.outputs.xml_escape import quoted_attribute

COVER_WIDTH = 100
#: The built-in cell style of sheet titles (A1), and its id among Excel's built-in styles:
#: screen readers announce a cell of this style as a heading.
TITLE_STYLE = "Heading 1"
TITLE_STYLE_ID = 16


def write_xlsx(workbook: Workbook) -> bytes:
    """The workbook as ``.xlsx`` bytes."""
    from openpyxl import Workbook as OpenpyxlWorkbook

    book = OpenpyxlWorkbook()
    _use_base_font(book)
    book.remove(book.active)
    formats = CellFormats()
    strings = SharedStrings()
    titles: dict[str, Any] = {}
    written: dict[str, WrittenSheet] = {}
    for index, sheet in enumerate(workbook.sheets):
        worksheet = book.create_sheet(sheet.name)
        cells = SheetCells(worksheet, formats, strings)
        _write_sheet(worksheet, sheet, cells, titles, index == 0)
        written[worksheet.title] = cells.write()
    book.active = 0
    _set_properties(book, workbook)
    parts = _Parts()
    _writer_class(written)(book, parts).write_data()
    descriptions = {
        index: chart_description(sheet)
        for index, sheet in enumerate(workbook.sheets, start=1)
        if sheet.chart is not None
    }
    rewritten = as_excel_writes(
        _describe_charts(parts.contents, descriptions), strings.table, strings.references
    )
    return zip_parts(rewritten)


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


#: The empty ``sheetData`` element openpyxl writes for a sheet with no cells.
_EMPTY_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData></sheetData>")


def _writer_class(written: dict[str, WrittenSheet]) -> Any:
    """openpyxl's ``ExcelWriter``, writing each worksheet in memory with the cells
    ``written`` for it (by sheet title).

    openpyxl writes a worksheet's XML to a temporary file, copies it into the archive and
    deletes it; here the same XML goes to a ``BytesIO`` (``WorksheetWriter`` accepts one
    as its ``out``). The openpyxl sheets hold no cells: each sheet's range (``dimension``)
    and hyperlinks are given to openpyxl's writer, and its empty ``sheetData`` is filled
    with the rows written. ``write_worksheet`` is otherwise openpyxl 3.1's own for a
    workbook that is not write-only.
    """
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.writer.excel import ExcelWriter

    class SheetWriter(WorksheetWriter):  # type: ignore[misc]
        def write_dimensions(self) -> None:
            self.xf.send(SheetDimension(written[self.ws.title].dimension).to_tree())

        def write_rows(self) -> None:
            super().write_rows()
            self.ws._hyperlinks.extend(written[self.ws.title].hyperlinks)

    class InMemoryWriter(ExcelWriter):  # type: ignore[misc]
        def write_worksheet(self, ws: Any) -> None:
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            writer = SheetWriter(ws, out=io.BytesIO())
            writer.write()
            ws._rels = writer._rels
            rows = written[ws.title].rows
            xml, found = _EMPTY_SHEET_DATA.subn(
                lambda _: b"<sheetData>%s</sheetData>" % rows, writer.read(), count=1
            )
            if found != 1:
                raise RuntimeError(f"openpyxl wrote no empty sheetData for {ws.title!r}")
            self._archive.writestr(ws.path[1:], xml)
            self.manifest.append(ws)

    return InMemoryWriter


def _describe_charts(contents: dict[str, bytes], descriptions: dict[int, str]) -> dict[str, bytes]:
    """Give each chart alternative text (``descr``), which openpyxl cannot set.

    ``contents`` are the file's parts by name; ``descriptions`` maps a sheet's position
    (1-based) to its chart's text; the chart is found through the sheet's drawing
    relationship, as Excel finds it.
    """
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
            drawing = f"{drawing[:at]} descr={quoted_attribute(description)}{drawing[at:]}"
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


def _write_sheet(
    worksheet: Any, sheet: Sheet, cells: SheetCells, titles: dict[str, Any], selected: bool
) -> None:
    """Lay ``sheet`` out on ``worksheet``, its cells in ``cells``. ``titles`` are the chart
    titles made so far (see :func:`_chart_title`)."""
    # Above a table, text runs on across the empty cells to its right (as gptables does):
    # wrapped in a column sized for the table, a title would be a tall narrow block.
    above = "wrap" if sheet.table is None else "above"
    cells.text(1, 1, sheet.title, "title", above, named=TITLE_STYLE)
    cells.text(2, 1, sheet.description, "text", above)
    row = 3
    for line in sheet.lines:
        _write_line(cells, row, line, above)
        row += 1
    if sheet.table is not None:
        _write_table(worksheet, row, sheet.table, cells)
        if sheet.chart is not None:
            _write_chart(worksheet, row, sheet, titles)
    else:
        worksheet.column_dimensions["A"].width = COVER_WIDTH
    _print_landscape_one_page_wide(worksheet)
    view = worksheet.sheet_view
    view.tabSelected = selected
    view.selection[0].activeCell = "A1"
    view.selection[0].sqref = "A1"


def _print_landscape_one_page_wide(worksheet: Any) -> None:
    """Print on A4 landscape, scaled to one page wide (as many pages long as it needs)."""
    setup = worksheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = worksheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True


def _write_line(cells: SheetCells, row: int, line: Line, alignment: str) -> None:
    if line.link is not None:
        cells.text(row, 1, line.text, "link", alignment, link_to=line.link)
    else:
        cells.text(row, 1, line.text, "heading" if line.heading else "line", alignment)


def _write_table(worksheet: Any, top: int, table: Table, cells: SheetCells) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table as ExcelTable
    from openpyxl.worksheet.table import TableColumn, TableStyleInfo

    alignments = [_alignment(table, position) for position in range(len(table.columns))]
    for position, column in enumerate(table.columns, start=1):
        cells.text(top, position, column.heading, "header", alignments[position - 1])
        letter = get_column_letter(position)
        current = worksheet.column_dimensions[letter].width or 0
        worksheet.column_dimensions[letter].width = max(current, column.width)
    for offset, values in enumerate(table.rows, start=1):
        for position, cell in enumerate(values, start=1):
            _put_cell(cells, top + offset, position, cell, alignments[position - 1])
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


def _chart_title(text: str, titles: dict[str, Any]) -> Any:
    """openpyxl's chart title of ``text``, made once per workbook: charts share their axis
    titles (a title is only read when the chart is written)."""
    from openpyxl.chart.title import title_maker

    made = titles.get(text)
    if made is None:
        made = titles[text] = title_maker(text)
    return made


def _write_chart(worksheet: Any, top: int, sheet: Sheet, titles: dict[str, Any]) -> None:
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
    chart.x_axis.title = _chart_title(spec.x_title, titles)
    chart.y_axis.title = _chart_title(spec.y_title, titles)
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


def _put_cell(cells: SheetCells, row: int, column: int, cell: Cell, alignment: str) -> None:
    if isinstance(cell, Link):
        cells.text(row, column, cell.text, "link", alignment, link_to=cell.sheet)
    elif isinstance(cell, Number):
        cells.number(row, column, cell.value, str(cell.format))
    else:
        cells.text(row, column, cell.text, "text", alignment)
