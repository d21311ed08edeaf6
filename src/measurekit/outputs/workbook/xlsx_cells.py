"""The cells of an ``.xlsx`` sheet, written as Excel writes them.

openpyxl makes the rest of the file (styles, tables, charts, drawings, properties); the
cells are written here: text in the workbook's shared-strings table (a cell of type ``s``
holding its index; :func:`~measurekit.outputs.workbook.xlsx_parts.as_excel_writes` adds
the table as a part), numbers as ``<v>`` values, each cell's format an index into the
workbook's cell formats, and each row with its height. Writing thousands of cells
through openpyxl's cell objects as inline strings, then moving the text into a table,
cost most of the file's time.

The bytes are those openpyxl 3.1 (writing with lxml) and that move gave:

- a cell format is openpyxl's own ``StyleArray``, made by openpyxl's style descriptors,
  and numbered by adding it to the workbook's list of cell formats as each cell is
  written, in row order, as openpyxl numbers them;
- text is checked and cut to Excel's 32,767 characters by openpyxl's own check, then
  escaped as lxml escapes text (``&``, ``<``, ``>``, carriage returns, and every
  character beyond ASCII as a character reference), with ``xml:space="preserve"`` where
  it has white space at either end;
- numbers are written by openpyxl's own ``safe_string``;
- an empty text keeps the form openpyxl gives it (an inline-string cell with no text).
"""

from __future__ import annotations

import re
from typing import Any

import attrs

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
class WrittenSheet:
    """A sheet's cells as written: the content of its ``sheetData`` element, the range
    its cells span (``A1:E10``) and its hyperlinks, in the order of their cells."""

    rows: bytes
    dimension: str
    hyperlinks: tuple[Any, ...]


#: A cell put: its value, format (a ``StyleArray``), openpyxl data type (``s`` text, ``n``
#: number, ``b`` boolean) and hyperlink (or ``None``).
_Cell = tuple[Any, Any, str, Any]


class SheetCells:
    """The cells of one sheet, put in any order and written in row order.

    ``worksheet`` is the openpyxl sheet they belong to (its workbook's list of cell
    formats numbers their formats); ``strings`` the workbook's shared strings.
    """

    def __init__(self, worksheet: Any, strings: SharedStrings) -> None:
        from openpyxl.cell.cell import Cell

        self._book = worksheet.parent
        self._strings = strings
        self._cells: dict[tuple[int, int], _Cell] = {}
        self._scratch = Cell(worksheet)

    def text(self, row: int, column: int, text: str, style: Any, link: Any = None) -> str:
        """Put ``text`` (stored as text, whatever it starts with) at ``row``, ``column``
        with format ``style`` and an optional openpyxl ``Hyperlink``; the text as stored
        (cut to Excel's limit)."""
        stored: str = self._scratch.check_string(text)
        self._cells[row, column] = (stored, style, "s", link)
        return stored

    def number(self, row: int, column: int, value: int | float, style: Any) -> None:
        """Put the number ``value`` at ``row``, ``column`` with format ``style``: an int
        or float, or anything openpyxl stores as a number or a boolean."""
        kind = "n"
        if type(value) not in (int, float):
            self._scratch.value = value
            kind, value = self._scratch.data_type, self._scratch._value
            if kind not in ("n", "b"):
                raise TypeError(f"a number cell holds {value!r}")
        self._cells[row, column] = (value, style, kind, None)

    def write(self, heights: dict[int, int]) -> WrittenSheet:
        """The cells in row order, each row with its height from ``heights`` (rows not in
        it keep the default height); text goes into the shared strings and each format
        is numbered among the workbook's cell formats as it is met."""
        from openpyxl.compat import safe_string
        from openpyxl.utils import get_column_letter

        formats = self._book._cell_styles
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
