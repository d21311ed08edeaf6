"""The cells of an ``.xlsx`` sheet: their formats, their rows' heights, and their XML as
Excel writes it.

openpyxl makes the rest of the file (styles, tables, charts, drawings, properties); the
cells are written here: text in the workbook's shared-strings table (a cell of type ``s``
holding its index; :func:`~measurekit.outputs.workbook.xlsx_parts.as_excel_writes` adds
the table as a part), numbers as ``<v>`` values, each cell's format an index into the
workbook's cell formats, and each row with its height. Writing thousands of cells
through openpyxl's cell objects as inline strings, then moving the text into a table,
cost most of the file's time.

The bytes are those openpyxl 3.1 (writing with lxml) and that move gave:

- a cell format is openpyxl's own ``StyleArray``, made once per distinct combination by
  openpyxl's style descriptors on a scratch cell (which add each new font, alignment or
  number format to the workbook's lists in the order first used, as giving every cell
  its format does), and numbered by adding it to the workbook's list of cell formats as
  each cell is written, in row order, as openpyxl numbers them;
- text is checked and cut to Excel's 32,767 characters by openpyxl's own check, then
  escaped as lxml escapes text (``&``, ``<``, ``>``, carriage returns, and every
  character beyond ASCII as a character reference), with ``xml:space="preserve"`` where
  it has white space at either end;
- numbers are written by openpyxl's own ``safe_string``;
- an empty text keeps the form openpyxl gives it (an inline-string cell with no text).
"""

from __future__ import annotations

import functools
import math
import re
import textwrap
from typing import Any

import attrs

from measurekit.outputs.workbook.model import FONT_NAME
from measurekit.shared_methods import shared_methods

FONT_SIZE = 12
TITLE_SIZE = 16
HEADING_SIZE = 14
#: Row height (points) per point of font size, for one line of text.
LINE_SPACING = 1.3
#: The height (points) a row gets when the file does not set one.
DEFAULT_ROW_HEIGHT = 15
#: Characters that make a spreadsheet read typed text as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")

#: Characters lxml refuses in text (surrogates and the two non-characters U+FFFE, U+FFFF);
#: openpyxl's own check refuses the control characters.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
_PRESERVE = b' xml:space="preserve"'


def escape(text: str) -> bytes:
    """``text`` as lxml writes it in an element: ``&``, ``<``, ``>`` and carriage returns
    escaped, and anything beyond ASCII as a decimal character reference."""
    if _NOT_XML.search(text):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes")
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")
        .encode("ascii", "xmlcharrefreplace")
    )


class SharedStrings:
    """The workbook's shared-strings table as it fills: each distinct text once, numbered
    in the order first used, and the number of cells using any of them.

    ``table`` maps a text element's attributes and escaped text to its index, the form
    :func:`~measurekit.outputs.workbook.xlsx_parts.as_excel_writes` takes it in.
    """

    def __init__(self) -> None:
        self.table: dict[tuple[bytes, bytes], int] = {}
        self.references = 0
        self._indexes: dict[str, int] = {}

    def index(self, text: str) -> int:
        """The index of non-empty ``text``, counted as used once more."""
        self.references += 1
        index = self._indexes.get(text)
        if index is None:
            key = (_PRESERVE if text != text.strip() else b"", escape(text))
            index = self._indexes[text] = self.table.setdefault(key, len(self.table))
        return index


@attrs.frozen
@shared_methods
class WrittenSheet:
    """A sheet's cells as written: the content of its ``sheetData`` element, the range
    its cells span (``A1:E10``) and its hyperlinks, in the order of their cells."""

    rows: bytes
    dimension: str
    hyperlinks: tuple[Any, ...]


class CellFormats:
    """The cell formats of one workbook, each made once, named by the keys of their
    parts: fonts ``title``, ``heading``, ``header`` (bold), ``text``, ``line`` (plain line
    above a table) and ``link``; alignments ``wrap``, ``above`` (not wrapped), ``right``
    and ``indent``."""

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
        self._sizes: dict[tuple[str, str | None], tuple[float, bool, bool]] = {}

    def style(
        self,
        sheet: Any,
        font: str,
        alignment: str | None = None,
        number_format: str | None = None,
        quote: bool = False,
        named: str | None = None,
    ) -> Any:
        """The format (an openpyxl ``StyleArray``) with the named font and alignment (or
        none), number format, quote prefix and named cell style.

        The first time a combination is asked for, a scratch cell of ``sheet`` is given it
        through openpyxl's style descriptors, which add each new font, alignment or number
        format to the workbook's lists, in the order first used, as when every cell is
        given them; later asks get the same value without hashing a font again.
        """
        key = (font, alignment, number_format, quote, named)
        made = self._made.get(key)
        if made is None:
            from openpyxl.cell.cell import Cell

            cell = Cell(sheet)
            if named is not None:
                cell.style = named
            if number_format is not None:
                cell.number_format = number_format
            if quote:
                cell.quotePrefix = True
            cell.font = self.fonts[font]
            if alignment is not None:
                cell.alignment = self.alignments[alignment]
            made = self._made[key] = cell._style
        return made

    def size(self, font: str, alignment: str | None) -> tuple[float, bool, bool]:
        """Font size, boldness and wrapping of a cell with this font and alignment."""
        size = self._sizes.get((font, alignment))
        if size is None:
            chosen = self.fonts[font]
            wrapped = alignment is not None and bool(self.alignments[alignment].wrap_text)
            size = self._sizes[font, alignment] = (chosen.sz or FONT_SIZE, bool(chosen.b), wrapped)
        return size


#: A cell put: its value, format (a ``StyleArray``), openpyxl data type (``s`` text, ``n``
#: number, ``b`` boolean) and hyperlink (or ``None``).
_Cell = tuple[Any, Any, str, Any]


class SheetCells:
    """The cells of one sheet, put in any order and written in row order.

    ``worksheet`` is the openpyxl sheet they belong to (its column widths size the rows;
    its workbook's list of cell formats numbers their formats); ``formats`` and
    ``strings`` are the workbook's.
    """

    def __init__(self, worksheet: Any, formats: CellFormats, strings: SharedStrings) -> None:
        from openpyxl.cell.cell import Cell

        self._worksheet = worksheet
        self._formats = formats
        self._strings = strings
        self._cells: dict[tuple[int, int], _Cell] = {}
        #: Each cell's text (``None`` for a number), font size, boldness and wrapping.
        self._sizes: dict[tuple[int, int], tuple[str | None, float, bool, bool]] = {}
        self._scratch = Cell(worksheet)

    def text(
        self,
        row: int,
        column: int,
        text: str,
        font: str,
        alignment: str,
        named: str | None = None,
        link_to: str | None = None,
    ) -> None:
        """Put ``text`` as text (never a formula, whatever it starts with; cut to Excel's
        limit) at ``row``, ``column``, in the named font, alignment and cell style,
        linking to cell A1 of sheet ``link_to`` if given."""
        quote = text.startswith(FORMULA_STARTS)
        style = self._formats.style(self._worksheet, font, alignment, quote=quote, named=named)
        link = None
        if link_to is not None:
            from openpyxl.utils import get_column_letter
            from openpyxl.worksheet.hyperlink import Hyperlink

            reference = f"{get_column_letter(column)}{row}"
            link = Hyperlink(ref=reference, location=f"'{link_to}'!A1", display=text)
        stored: str = self._scratch.check_string(text)
        self._cells[row, column] = (stored, style, "s", link)
        self._sizes[row, column] = (stored, *self._formats.size(font, alignment))

    def number(self, row: int, column: int, value: int | float, number_format: str) -> None:
        """Put the number ``value`` at ``row``, ``column``, shown with ``number_format``:
        an int or float, or anything openpyxl stores as a number or a boolean."""
        style = self._formats.style(self._worksheet, "text", number_format=number_format)
        kind = "n"
        if type(value) not in (int, float):
            self._scratch.value = value
            kind, value = self._scratch.data_type, self._scratch._value
            if kind not in ("n", "b"):
                raise TypeError(f"a number cell holds {value!r}")
        self._cells[row, column] = (value, style, kind, None)
        self._sizes[row, column] = (None, *self._formats.size("text", None))

    def row_heights(self) -> dict[int, int]:
        """The height each row needs, where more than the default: its tallest cell's font
        size, and for wrapped text the lines it wraps to in its column (at the column's
        width now).

        Excel sizes rows without a stored height itself, but LibreOffice does not for
        ``.xlsx`` files: without a height, wrapped text there is cut to its first line and
        runs into the rows below. The estimate errs on the generous side.
        """
        from openpyxl.utils import get_column_letter

        heights: dict[int, int] = {}
        widths: dict[int, float] = {}
        for (row, column), (text, points, bold, wrapped) in self._sizes.items():
            lines = 1
            if wrapped and text is not None:
                width = widths.get(column)
                if width is None:
                    letter = get_column_letter(column)
                    width = widths[column] = self._worksheet.column_dimensions[letter].width
                lines = wrapped_lines(text, width, points, bold)
            needed = math.ceil(lines * points * LINE_SPACING + 2)
            if needed > heights.get(row, DEFAULT_ROW_HEIGHT):
                heights[row] = needed
        return heights

    def write(self) -> WrittenSheet:
        """The cells in row order, each row with the height it needs (rows not needing
        more keep the default height); text goes into the shared strings and each format
        is numbered among the workbook's cell formats as it is met. Call it once the
        columns have their widths."""
        from openpyxl.compat import safe_string
        from openpyxl.utils import get_column_letter

        heights = self.row_heights()
        formats = self._worksheet.parent._cell_styles
        numbered: dict[int, bytes] = {}  # by the format's identity: the same few are reused
        rows: list[bytes] = []
        links: list[Any] = []
        current = 0
        for row, column in sorted(self._cells):
            value, format_, kind, link = self._cells[row, column]
            if row != current:
                if current:
                    rows.append(b"</row>")
                current = row
                height = heights.get(row)
                rows.append(
                    b'<row r="%d">' % row
                    if height is None
                    else b'<row r="%d" ht="%s" customHeight="1">'
                    % (row, safe_string(float(height)).encode())
                )
            reference = f"{get_column_letter(column)}{row}".encode()
            style = numbered.get(id(format_))
            if style is None:
                style = b' s="%d"' % formats.add(format_) if any(format_) else b""
                numbered[id(format_)] = style
            if kind != "s":
                number = safe_string(value).encode()
                rows.append(
                    b'<c r="%s"%s t="%s"><v>%s</v></c>' % (reference, style, kind.encode(), number)
                )
            elif value:
                index = self._strings.index(value)
                rows.append(b'<c r="%s"%s t="s"><v>%d</v></c>' % (reference, style, index))
            else:
                rows.append(b'<c r="%s"%s t="inlineStr"></c>' % (reference, style))
            if link is not None:
                links.append(link)
        if current:
            rows.append(b"</row>")
        return WrittenSheet(b"".join(rows), self._dimension(), tuple(links))

    def _dimension(self) -> str:
        """The range the cells span, as openpyxl's ``calculate_dimension`` gives it."""
        from openpyxl.utils import get_column_letter

        if not self._cells:
            return "A1:A1"
        rows = [row for row, _ in self._cells]
        columns = [column for _, column in self._cells]
        return (
            f"{get_column_letter(min(columns))}{min(rows)}:"
            f"{get_column_letter(max(columns))}{max(rows)}"
        )


def wrapped_lines(text: str, width: float, points: float, bold: bool = False) -> int:
    """How many lines ``text`` takes, wrapped at word boundaries in a column ``width``
    characters wide (a character being a digit at 12 points), at ``points`` points."""
    # Text averages narrower than digits: about 1.1 characters to a unit of width.
    per_line = max(1, math.floor(1.1 * (width - 1) * FONT_SIZE / points / (1.1 if bold else 1.0)))
    return sum(_part_lines(part, per_line) for part in text.split("\n"))


@functools.lru_cache(maxsize=4096)
def _part_lines(part: str, per_line: int) -> int:
    """The lines ``part`` (no line breaks) wraps to, ``per_line`` characters to a line.

    A part that fits is one line, as textwrap would say (only tabs, which it expands, can
    make a line longer than its characters); a workbook repeats many longer texts (notes,
    sources), counted once.
    """
    if len(part) <= per_line and "\t" not in part:
        return 1
    return max(1, len(textwrap.wrap(part, per_line)))
