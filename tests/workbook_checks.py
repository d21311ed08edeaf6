"""Checks of the accessible-spreadsheet rules on a written workbook, sheet by sheet.

Written from the Analysis Function's guidance ("Releasing statistics in spreadsheets"),
not from measurekit's code: they read the files back with openpyxl and odfpy and return a
list of every rule a sheet breaks, so a test can show them all at once.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import attrs
import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

SANS_SERIF = {"arial", "helvetica", "verdana", "calibri", "tahoma", "liberation sans"}
MIN_POINTS = 12
MIN_COLUMN_WIDTH = 10
NOTE = re.compile(r"\[note (\d+)\]")
UNIT = re.compile(r"\([^)]+\)")
MARKER = re.compile(r"\[[a-z]+\]")
FRONT_SHEETS = ("Cover_sheet", "Table_of_contents", "Notes")


def check_xlsx(data: bytes) -> list[str]:
    """Every breach of the layout rules in the ``.xlsx`` file ``data``; empty when none."""
    book = openpyxl.load_workbook(BytesIO(data))
    problems: list[str] = []
    problems += _workbook_properties(book)
    names = book.sheetnames
    if tuple(names[:3]) != FRONT_SHEETS:
        problems.append(f"first sheets are {names[:3]}, not {list(FRONT_SHEETS)}")
    if book.active is not book.worksheets[0]:
        problems.append("the first sheet is not the one that opens")
    cited: set[int] = set()
    for sheet in book.worksheets:
        problems += [f"{sheet.title}: {problem}" for problem in _sheet_rules(sheet)]
        if sheet.title != "Notes":
            cited |= _notes_cited(sheet)
    problems += _notes_rules(book, cited)
    problems += _contents_rules(book)
    problems += _chart_alt_text(data)
    problems += _xlsx_chart_rules(data)
    return problems


def _xlsx_chart_rules(data: bytes) -> list[str]:
    """Every chart has a title, and both axes are shown with titles of their own."""
    problems = []
    for name, chart in _zip_members(data, r"xl/charts/chart\d+\.xml"):
        if not re.search(r"<(?:c:)?chart><(?:c:)?title>.*?<a:t>[^<]+</a:t>", chart):
            problems.append(f"{name}: the chart has no title")
        for axis in ("catAx", "valAx"):
            found = re.search(rf"<(?:c:)?{axis}>(.*?)</(?:c:)?{axis}>", chart, re.S)
            if found is None or not re.search(r"<a:t>[^<]+</a:t>", found[1]):
                problems.append(f"{name}: the {axis} axis has no title")
            elif re.search(r'<(?:c:)?delete val="(?:1|true)"', found[1]):
                problems.append(f"{name}: the {axis} axis is hidden")
    return problems


def _zip_members(data: bytes, pattern: str) -> Iterator[tuple[str, str]]:
    """The name and text of each member of the zip archive ``data`` matching ``pattern``."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for name in archive.namelist():
            if re.fullmatch(pattern, name):
                yield name, archive.read(name).decode("utf-8")


def _chart_alt_text(data: bytes) -> list[str]:
    """Every chart (a graphic frame in a drawing) needs alternative text."""
    problems = []
    for name, drawing in _zip_members(data, r"xl/drawings/drawing\d+\.xml"):
        for frame in re.findall(
            r"<(?:\w+:)?graphicFrame.*?</(?:\w+:)?graphicFrame>", drawing, re.S
        ):
            properties = re.search(r"<(?:\w+:)?cNvPr [^>]*>", frame)
            if properties is None or 'descr="' not in properties[0]:
                problems.append(f"{name}: a chart has no alternative text")
    return problems


def _workbook_properties(book: Any) -> list[str]:
    properties = book.properties
    problems = []
    for name in ("title", "subject", "creator"):
        if not getattr(properties, name):
            problems.append(f"document property {name} is not set")
    if properties.language != "en-GB":
        problems.append(f"document language is {properties.language!r}, not 'en-GB'")
    return problems


def _sheet_rules(sheet: Worksheet) -> list[str]:
    problems = []
    if not isinstance(sheet["A1"].value, str) or not sheet["A1"].value.strip():
        problems.append("A1 holds no title")
    if not isinstance(sheet["A2"].value, str) or not sheet["A2"].value.strip():
        problems.append("A2 does not say what the sheet holds")
    if sheet.merged_cells.ranges:
        problems.append(f"merged cells {sheet.merged_cells.ranges}")
    if sheet.freeze_panes is not None:
        problems.append(f"freeze panes at {sheet.freeze_panes}")
    if sheet.auto_filter.ref:
        problems.append("a sheet filter is set")
    selection = sheet.sheet_view.selection[0]
    if selection.activeCell != "A1":
        problems.append(f"cursor at {selection.activeCell}, not A1")
    for cell in _used_cells(sheet):
        if cell.data_type == "f" or (isinstance(cell.value, str) and cell.data_type != "s"):
            problems.append(f"{cell.coordinate} is a formula or not stored as text")
        font = cell.font
        if (font.name or "").lower() not in SANS_SERIF or (font.sz or 0) < MIN_POINTS:
            problems.append(f"{cell.coordinate} font {font.name} {font.sz}pt")
        text = isinstance(cell.value, str)
        if text and not cell.alignment.wrap_text and not _runs_on_freely(sheet, cell):
            problems.append(f"{cell.coordinate} text is not wrapped")
        elif text and cell.alignment.wrap_text and _row_too_short(sheet, cell):
            problems.append(f"{cell.coordinate} row is too short for its wrapped text")
    tables = list(sheet.tables.values())
    if sheet.title == "Cover_sheet":
        if tables:
            problems.append("the cover sheet holds a table")
        return problems
    if len(tables) != 1:
        return [*problems, f"{len(tables)} tables, not one"]
    return problems + _table_rules(sheet, tables[0])


def _row_too_short(sheet: Worksheet, cell: Any) -> bool:
    """Whether the row cannot show all of ``cell``'s wrapped text. LibreOffice does not size
    rows of Excel files to their text, so the file must. A generous lower bound: a
    character at least 0.75 of a unit of column width, a line at least 1.1 times the font
    size in points."""
    width = column_width(sheet, cell.column) or 8.43
    size = cell.font.sz or 11
    characters = width / 0.75 * 12 / size
    lines = sum(-(-len(part) // int(characters)) or 1 for part in str(cell.value).split("\n"))
    height = sheet.row_dimensions[cell.row].height or 15
    return height < lines * size * 1.1


def column_width(sheet: Worksheet, column: int) -> float | None:
    """The width the file gives ``column`` (1-based), or None. A file may give one width to
    a run of columns (``<col min="6" max="8">``, as LibreOffice writes them), which openpyxl
    files under the run's first letter only."""
    for dimension in sheet.column_dimensions.values():
        low, high = dimension.min, dimension.max
        if low is not None and high is not None and low <= column <= high:
            return float(dimension.width) if dimension.width else None
    dimension = sheet.column_dimensions.get(get_column_letter(column))
    return float(dimension.width) if dimension is not None and dimension.width else None


def _runs_on_freely(sheet: Worksheet, cell: Any) -> bool:
    """Unwrapped text is readable only above a table, in column A, with nothing beside it
    (it runs on across the empty cells to its right)."""
    tables = list(sheet.tables.values())
    if not tables or cell.column != 1:
        return False
    header_row = _bounds(tables[0].ref)[1]
    return cell.row < header_row and all(
        sheet.cell(cell.row, column).value is None for column in range(2, sheet.max_column + 1)
    )


def _table_rules(sheet: Worksheet, table: Any) -> list[str]:
    problems = []
    (first_column, header_row, last_column, last_row) = _bounds(table.ref)
    if first_column != 1:
        problems.append("the table does not start in column A")
    if table.autoFilter is not None:
        problems.append("the table has filter buttons")
    if table.headerRowCount not in (None, 1):
        problems.append(f"{table.headerRowCount} header rows")
    if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", table.displayName or "") or re.match(
        r"^Table\d+$", table.displayName
    ):
        problems.append(f"table name {table.displayName!r} is not meaningful")
    if sheet.max_row != last_row or sheet.max_column != last_column:
        problems.append(
            f"cells outside the table: used range ends {sheet.max_row},{sheet.max_column}, "
            f"table {last_row},{last_column}"
        )
    for row in range(3, header_row):
        if sheet.cell(row, 1).value in (None, ""):
            problems.append(f"row {row} above the table is blank")
        for column in range(2, last_column + 1):
            if sheet.cell(row, column).value is not None:
                problems.append(f"{sheet.cell(row, column).coordinate} beside the lines above")
    above = [str(sheet.cell(row, 1).value or "") for row in range(3, header_row)]
    body = [
        sheet.cell(row, column).value
        for row in range(header_row + 1, last_row + 1)
        for column in range(1, last_column + 1)
    ]
    problems += _lines_above_rules(sheet.title, above, body)
    headings = [sheet.cell(header_row, column).value for column in range(1, last_column + 1)]
    if [column.name for column in table.tableColumns] != headings:
        problems.append("table column names differ from the header cells")
    has_unit_column = "Unit" in headings
    label_columns = _label_columns(sheet, header_row, last_row, last_column)
    for column in range(1, last_column + 1):
        letter = get_column_letter(column)
        width = column_width(sheet, column)
        if width is None or width < MIN_COLUMN_WIDTH:
            problems.append(f"column {letter} is only {width} wide")
        heading = headings[column - 1]
        if not isinstance(heading, str) or not heading.strip():
            problems.append(f"column {letter} has no heading")
            continue
        values = [sheet.cell(row, column) for row in range(header_row + 1, last_row + 1)]
        numbers = [cell for cell in values if isinstance(cell.value, int | float)]
        if numbers and not UNIT.search(heading) and not has_unit_column:
            problems.append(f"numeric column {heading!r} gives no unit in round brackets")
        if numbers:
            # Numbers right-align; their heading and any shorthand among them must too.
            header = sheet.cell(header_row, column)
            for cell in [header, *values]:
                if isinstance(cell.value, str) and cell.alignment.horizontal != "right":
                    problems.append(f"{cell.coordinate} in a numeric column is not right-aligned")
        for cell in numbers:
            if cell.number_format not in ("#,##0", "0.0", "0"):
                problems.append(f"{cell.coordinate} number format {cell.number_format!r}")
        for cell in values:
            if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
                problems.append(f"{cell.coordinate} is blank inside the table")
            elif column > label_columns and isinstance(cell.value, str) and NOTE.search(cell.value):
                problems.append(f"{cell.coordinate} holds a [note N] in a data cell")
            elif isinstance(cell.value, str) and re.fullmatch(r"-?[\d,]+(\.\d+)?", cell.value):
                problems.append(f"{cell.coordinate} holds a number stored as text")
    return problems


def _lines_above_rules(sheet: str, above: list[str], body: list[Any]) -> list[str]:
    """A data sheet names its source above the table, and explains there every shorthand
    marker the table uses."""
    problems = []
    if sheet not in FRONT_SHEETS and not any(line.startswith("Source:") for line in above):
        problems.append("no Source: line above the table")
    markers = {value for value in body if isinstance(value, str) and MARKER.fullmatch(value)}
    for marker in sorted(markers):
        if not any(f"{marker} " in line for line in above):
            problems.append(f"shorthand {marker} is not explained above the table")
    return problems


def _label_columns(sheet: Worksheet, header_row: int, last_row: int, last_column: int) -> int:
    """Columns left of the first column holding a number label the rows (at least one)."""
    for column in range(1, last_column + 1):
        for row in range(header_row + 1, last_row + 1):
            if isinstance(sheet.cell(row, column).value, int | float):
                return max(1, column - 1)
    return 1


def _notes_cited(sheet: Worksheet) -> set[int]:
    return {
        int(number)
        for cell in _used_cells(sheet)
        if isinstance(cell.value, str)
        for number in NOTE.findall(cell.value)
    }


def _notes_rules(book: Any, cited: set[int]) -> list[str]:
    if "Notes" not in book.sheetnames or not book["Notes"].tables:
        return ["no Notes sheet with a table"]
    notes = book["Notes"]
    table = next(iter(notes.tables.values()))
    _, header, _, last = _bounds(table.ref)
    numbers = []
    for row in range(header + 1, last + 1):
        label = notes.cell(row, 1).value
        match = re.fullmatch(r"note (\d+)", str(label))
        if not match:
            return [f"Notes: row {row} is not numbered 'note N' ({label!r})"]
        numbers.append(int(match[1]))
    problems = []
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"Notes: numbered {numbers}, not 1 to {len(numbers)}")
    for number in sorted(cited - set(numbers)):
        problems.append(f"[note {number}] is cited but not in Notes")
    for number in sorted(set(numbers) - cited):
        problems.append(f"note {number} is never cited")
    return problems


def _contents_rules(book: Any) -> list[str]:
    if "Table_of_contents" not in book.sheetnames or not book["Table_of_contents"].tables:
        return ["no Table_of_contents sheet with a table"]
    contents = book["Table_of_contents"]
    table = next(iter(contents.tables.values()))
    _, header, last_column, last = _bounds(table.ref)
    linked = set()
    problems = []
    for row in range(header + 1, last + 1):
        for column in range(1, last_column + 1):
            cell = contents.cell(row, column)
            if cell.hyperlink is None:
                continue
            target = (cell.hyperlink.location or "").split("!")[0].strip("'")
            if target not in book.sheetnames:
                problems.append(f"Table_of_contents: {cell.coordinate} links to {target!r}")
                continue
            title = str(book[target]["A1"].value)
            text = str(cell.value)
            # Descriptive link text: the target's title, or the start of it up to a word
            # break, more than a bare sheet name.
            whole_words = title == text or title[len(text) : len(text) + 1] in (",", " ", ":")
            if not title.startswith(text) or not whole_words or " " not in text:
                problems.append(f"Table_of_contents: link text for {target} is not its title")
            linked.add(target)
    missing = set(book.sheetnames) - linked - {"Cover_sheet", "Table_of_contents"}
    if missing:
        problems.append(f"Table_of_contents links no sheet {sorted(missing)}")
    return problems


def _used_cells(sheet: Worksheet) -> Iterator[Any]:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                yield cell


def _bounds(ref: str) -> tuple[int, int, int, int]:
    from openpyxl.utils.cell import range_boundaries

    return range_boundaries(ref)


def xlsx_values(data: bytes) -> dict[str, list[list[Any]]]:
    """Each sheet's cell values, row by row (trailing empty cells dropped)."""
    book = openpyxl.load_workbook(BytesIO(data))
    return {sheet.title: _trimmed(sheet.iter_rows(values_only=True)) for sheet in book}


def _trimmed(rows: Any) -> list[list[Any]]:
    result = []
    for row in rows:
        values = list(row)
        while values and values[-1] in (None, ""):
            values.pop()
        result.append(values)
    while result and not result[-1]:
        result.pop()
    return result


# --- ODS ------------------------------------------------------------------------------------


@attrs.frozen
class OdsCell:
    """A cell read back from an ODS file: its value type, value and shown text."""

    value_type: str | None
    value: float | str | None
    text: str
    formula: str | None
    style: str | None


@attrs.frozen
class OdsBook:
    """What the ODS checks need: each sheet's cells, database ranges, metadata, styles."""

    sheets: dict[str, list[list[OdsCell]]]
    ranges: dict[str, str]
    meta: dict[str, str]
    styles: dict[str, dict[str, str]]
    default_font: dict[str, str]
    charts: dict[str, list[str]]


def read_ods(data: bytes) -> OdsBook:
    """Read an ODS file with odfpy, expanding repeated rows and columns."""
    from odf import dc, meta, table, text
    from odf.draw import Object
    from odf.namespaces import FONS, OFFICENS, STYLENS, TABLENS
    from odf.opendocument import load
    from odf.style import (
        DefaultStyle,
        FontFace,
        ParagraphProperties,
        Style,
        TableCellProperties,
        TextProperties,
    )

    document = load(BytesIO(data))
    sheets: dict[str, list[list[OdsCell]]] = {}
    charts: dict[str, list[str]] = {}
    for sheet in document.spreadsheet.getElementsByType(table.Table):
        name = sheet.getAttribute("name")
        charts[name] = [obj.getAttribute("href") for obj in sheet.getElementsByType(Object)]
        rows = []
        for row in sheet.getElementsByType(table.TableRow):
            cells = []
            for cell in row.childNodes:
                if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                    continue
                value_type = cell.attributes.get((OFFICENS, "value-type"))
                raw = cell.attributes.get((OFFICENS, "value"))
                shown = "\n".join(str(p) for p in cell.getElementsByType(text.P))
                value: float | str | None
                if value_type == "float":
                    value = float(raw)
                elif value_type == "string":
                    value = shown
                else:
                    value = None
                repeat = int(cell.attributes.get((TABLENS, "number-columns-repeated"), "1"))
                item = OdsCell(
                    value_type,
                    value,
                    shown,
                    cell.attributes.get((TABLENS, "formula")),
                    cell.attributes.get((TABLENS, "style-name")),
                )
                cells += [item] * min(repeat, 100)
            while cells and cells[-1].value is None:
                cells.pop()
            repeat = int(row.attributes.get((TABLENS, "number-rows-repeated"), "1"))
            rows += [cells] * min(repeat, 100)
        while rows and not rows[-1]:
            rows.pop()
        sheets[name] = rows
    ranges = {
        item.getAttribute("name"): item.getAttribute("targetrangeaddress")
        for item in document.spreadsheet.getElementsByType(table.DatabaseRange)
    }
    metadata = {}
    for kind, key in (
        (dc.Title, "title"),
        (dc.Subject, "subject"),
        (dc.Language, "language"),
        (meta.InitialCreator, "initial-creator"),
    ):
        found = document.meta.getElementsByType(kind)
        if found:
            metadata[key] = str(found[0])
    # Style names of fonts ("Arial1") stand for font families ("Arial").
    families = {
        face.getAttribute("name"): (face.getAttribute("fontfamily") or "").strip("'\"")
        for face in document.fontfacedecls.getElementsByType(FontFace)
    }
    styles: dict[str, dict[str, str]] = {}
    for style in document.automaticstyles.getElementsByType(Style):
        properties: dict[str, str] = {}
        for element in (
            style,
            *style.getElementsByType(ParagraphProperties),
            *style.getElementsByType(TableCellProperties),
            *style.getElementsByType(TextProperties),
        ):
            for (namespace, key), item in element.attributes.items():
                del namespace
                properties[key] = item
        if "font-name" in properties:
            properties["font-name"] = families.get(properties["font-name"], properties["font-name"])
        styles[style.getAttribute("name")] = properties
    default_font: dict[str, str] = {}
    for default in document.styles.getElementsByType(DefaultStyle):
        if default.getAttribute("family") == "table-cell":
            for element in default.getElementsByType(TextProperties):
                name = element.attributes.get((STYLENS, "font-name"), "")
                default_font["font-name"] = families.get(name, name)
                default_font["font-size"] = element.attributes.get((FONS, "font-size"), "")
    return OdsBook(sheets, ranges, metadata, styles, default_font, charts)


def check_ods(data: bytes) -> list[str]:
    """Every breach of the layout rules found in the ``.ods`` file ``data``."""
    problems = []
    with zipfile.ZipFile(BytesIO(data)) as archive:
        first = archive.infolist()[0]
        if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
            problems.append("mimetype is not the first, uncompressed entry")
        content = archive.read("content.xml").decode("utf-8")
        settings = (
            archive.read("settings.xml").decode("utf-8")
            if "settings.xml" in archive.namelist()
            else ""
        )
    if "table:formula" in content:
        problems.append("a cell holds a formula")
    problems += _ods_chart_rules(data)
    for frame in re.findall(r"<draw:frame.*?</draw:frame>", content, re.S):
        if "<draw:object" in frame and not re.search(r"<svg:desc>[^<]+</svg:desc>", frame):
            problems.append("a chart has no alternative text")
    if "table:autofilter" in content.replace("display-filter-buttons", ""):
        problems.append("a filter is set")
    book = read_ods(data)
    if book.meta.get("language") != "en-GB":
        problems.append(f"language is {book.meta.get('language')!r}")
    for key in ("title", "subject", "initial-creator"):
        if not book.meta.get(key):
            problems.append(f"document property {key} is not set")
    if book.default_font.get("font-name", "").lower() not in SANS_SERIF:
        problems.append(f"default font {book.default_font}")
    names = list(book.sheets)
    if tuple(names[:3]) != FRONT_SHEETS:
        problems.append(f"first sheets are {names[:3]}")
    active = re.search(r'config:name="ActiveTable" config:type="string">([^<]*)<', settings)
    if active and active[1] != names[0]:
        problems.append(f"sheet {active[1]} opens first, not {names[0]}")
    for x_or_y in re.findall(
        r'config:name="CursorPosition[XY]" config:type="int">(\d+)<', settings
    ):
        if x_or_y != "0":
            problems.append("the cursor is not in A1")
    header_rows = {
        address.split(".")[0].strip("'$"): int(re.search(r"\.\$?[A-Z]+\$?(\d+):", address)[1])
        for address in book.ranges.values()
        if re.search(r"\.\$?[A-Z]+\$?(\d+):", address)
    }
    for name, rows in book.sheets.items():
        if not rows or not rows[0] or not rows[0][0].text.strip():
            problems.append(f"{name}: A1 holds no title")
        if len(rows) < 2 or not rows[1] or not rows[1][0].text.strip():
            problems.append(f"{name}: A2 does not say what the sheet holds")
        for number, row in enumerate(rows, start=1):
            for cell in row:
                if cell.value is None:
                    continue
                style = book.styles.get(cell.style or "", {})
                size = float(style.get("font-size", "0pt").removesuffix("pt") or 0)
                if style.get("font-name", "").lower() not in SANS_SERIF or size < MIN_POINTS:
                    problems.append(f"{name}: cell {cell.text[:20]!r} font {style}")
                # Unwrapped text may run on only above a table, alone in its row.
                runs_on = number < header_rows.get(name, 0) and len(row) == 1
                is_text = cell.value_type == "string"
                if is_text and style.get("wrap-option") != "wrap" and not runs_on:
                    problems.append(f"{name}: cell {cell.text[:20]!r} text not wrapped")
    tables_by_sheet: dict[str, list[str]] = {}
    for range_name, address in book.ranges.items():
        tables_by_sheet.setdefault(address.split(".")[0].strip("'$"), []).append(range_name)
    for name in names[1:]:
        if len(tables_by_sheet.get(name, [])) != 1:
            problems.append(f"{name}: {len(tables_by_sheet.get(name, []))} named tables, not one")
            continue
        [range_name] = tables_by_sheet[name]
        problems += [
            f"{name}: {problem}"
            for problem in _ods_table_rules(book, name, range_name, book.ranges[range_name])
        ]
    problems += _ods_content_rules(content, settings)
    return problems


def _ods_chart_rules(data: bytes) -> list[str]:
    """Every embedded chart has a title, and an x and a y axis, each titled."""
    problems = []
    for name, chart in _zip_members(data, r"Object \d+/content\.xml"):
        body = re.search(r"<chart:chart .*?</chart:chart>", chart, re.S)
        text = body[0] if body else ""
        if not re.match(r"<chart:chart [^>]*><chart:title[^>]*><text:p>[^<]+", text):
            problems.append(f"{name}: the chart has no title")
        for dimension in ("x", "y"):
            axis = re.search(
                rf'<chart:axis chart:dimension="{dimension}".*?</chart:axis>', text, re.S
            )
            if axis is None or not re.search(r"<chart:title[^>]*><text:p>[^<]+", axis[0]):
                problems.append(f"{name}: the {dimension} axis has no title")
    return problems


def _ods_content_rules(content: str, settings: str) -> list[str]:
    """Rules read from the XML itself: merged cells, frozen panes, table header rows."""
    problems = []
    if re.search(r"number-(?:columns|rows)-spanned|<table:covered-table-cell", content):
        problems.append("merged cells")
    if re.search(r'SplitMode" config:type="short">2<', settings):
        problems.append("freeze panes")
    for attributes in re.findall(r"<table:database-range ([^>]*)>", content):
        if 'table:contains-header="false"' in attributes:
            problems.append("a named table has no header row")
        if 'table:display-filter-buttons="true"' in attributes:
            problems.append("a named table has filter buttons")
    return problems


def _ods_table_rules(book: OdsBook, name: str, range_name: str, address: str) -> list[str]:
    """The table rules of :func:`_table_rules`, for a sheet read from an ODS file."""
    from openpyxl.utils.cell import range_boundaries

    problems = []
    if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", range_name):
        problems.append(f"table name {range_name!r} is not meaningful")
    bounds = re.sub(r"'[^']*'\.|[^.:'$]+\.|\$", "", address)
    first_column, header_row, last_column, last_row = range_boundaries(bounds)
    rows = book.sheets[name]
    if first_column != 1:
        problems.append("the table does not start in column A")
    if len(rows) != last_row or any(len(row) > last_column for row in rows):
        problems.append("cells outside the table")
    above = [row[0].text if row else "" for row in rows[2 : header_row - 1]]
    if any(not line.strip() or len(row) > 1 for line, row in zip(above, rows[2:], strict=False)):
        problems.append("a blank row, or cells beside the lines, above the table")
    header = rows[header_row - 1] if len(rows) >= header_row else []
    body = [
        row + [OdsCell(None, None, "", None, None)] * (last_column - len(row))
        for row in rows[header_row:last_row]
    ]
    problems += _lines_above_rules(name, above, [cell.value for row in body for cell in row])
    numeric = {
        position for row in body for position, cell in enumerate(row) if cell.value_type == "float"
    }
    labels = min(numeric, default=1) or 1
    for position in range(last_column):
        heading = header[position].text if position < len(header) else ""
        if not heading.strip():
            problems.append(f"column {position + 1} has no heading")
        elif (
            position in numeric
            and not UNIT.search(heading)
            and "Unit" not in [cell.text for cell in header]
        ):
            problems.append(f"numeric column {heading!r} gives no unit in round brackets")
    for number, row in enumerate([header, *body], start=header_row):
        for position, cell in enumerate(row):
            style = book.styles.get(cell.style or "", {})
            if (
                position in numeric
                and cell.value_type == "string"
                and style.get("text-align") not in ("end", "right")
            ):
                problems.append(f"row {number} column {position + 1} is not right-aligned")
    for number, row in enumerate(body, start=header_row + 1):
        for position, cell in enumerate(row):
            where = f"row {number} column {position + 1}"
            if cell.value is None or not str(cell.value).strip():
                problems.append(f"{where} is blank inside the table")
            elif cell.value_type == "float":
                style = book.styles.get(cell.style or "", {})
                if "data-style-name" not in style:
                    problems.append(f"{where}: a number without a number format")
            elif position >= labels and NOTE.search(cell.text):
                problems.append(f"{where} holds a [note N] in a data cell")
            elif re.fullmatch(r"-?[\d,]+(\.\d+)?", cell.text):
                problems.append(f"{where} holds a number stored as text")
    return problems


def ods_values(data: bytes) -> dict[str, list[list[Any]]]:
    """Each sheet's cell values (floats for numbers, text otherwise), as :func:`xlsx_values`."""
    book = read_ods(data)
    return {
        name: _trimmed([[cell.value for cell in row] for row in rows])
        for name, rows in book.sheets.items()
    }


def write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` and return it."""
    path.write_bytes(data)
    return path


def libreoffice_calc() -> str:
    """The path of ``soffice`` where LibreOffice with its spreadsheet (Calc) is installed;
    else the test is skipped, saying what to install. Writer alone (``soffice`` without
    Calc) cannot open a workbook."""
    import shutil

    import pytest

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    program = Path(soffice).resolve().parent
    if not any(program.glob("libsclo.*")):
        pytest.skip(
            f"LibreOffice at {program} has no Calc (apt-get install libreoffice-calc-nogui)"
        )
    return soffice
