"""Reading the tables of an ONS force area workbook by their text, never by position.

Each sheet of a workbook holds one table: a title in the first cell, a block of header rows
(group headings above column headings, with footnote digits glued on), then one row per area
(England and Wales, England, regions, police force areas, British Transport Police), then
source and footnote lines. :func:`read_sheet` turns a sheet into a :class:`Table` whose
columns are known by their cleaned header texts and whose rows are known by area.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from measurekit.api import InputError, Location, shared_methods

#: Footnote digits glued to the end of a word or a closing bracket: ``Cheshire7``,
#: ``Homicide5,6``, ``fraud3)``, ``(mid-2018)3``.
_GLUED_NOTES = re.compile(r"(?<=[A-Za-z)])\d+(?:\s*,\s*\d+)*")
#: Footnote digits after a space at the very end: ``North West 7,8``, ``Lancashire 8``.
_TRAILING_NOTES = re.compile(r"\s+\d+(?:\s*,\s*\d+)*\s*$")
#: A nine-character area code, perhaps with footnote digits glued on: P2 of the year ending
#: March 2019 edition prints ``E230000118`` (South Yorkshire, E23000011, note 8).
_AREA_CODE = re.compile(r"^([A-Z]\d{8})(?:\d+(?:,\d+)*)?$")
#: Codes of police force areas: English (E23) and Welsh (W15).
POLICE_FORCE_AREA = re.compile(r"^(E23|W15)\d{6}$")


def strip_footnotes(text: str) -> str:
    """``text`` without footnote numbers, on one line with single spaces.

    ``"Cheshire7"`` -> ``"Cheshire"``; ``"North West 7,8"`` -> ``"North West"``;
    ``"Total recorded crime (excluding fraud3)"`` -> ``"Total recorded crime (excluding
    fraud)"``. Digits that belong to the text (``mid-2018``, ``London, City of``) stay.
    """
    text = " ".join(text.split())
    text = _GLUED_NOTES.sub("", text)
    return _TRAILING_NOTES.sub("", text).strip()


def header_key(text: str) -> str:
    """A header cell folded for matching: no footnotes, lower case, single spaces."""
    return strip_footnotes(text).lower()


@attrs.frozen
@shared_methods
class Area:
    """One row of a table: the area's code (None for British Transport Police and for
    rows such as "England and Wales (excluding Greater Manchester Police)") and its name
    with footnotes removed."""

    code: str | None
    name: str
    row: int

    @property
    def key(self) -> str:
        """What joins the same area across tables: its code, else its folded name."""
        return self.code or f"name:{self.name.lower()}"

    @property
    def is_force(self) -> bool:
        """Whether the row is a police force area (``E23...`` or ``W15...``)."""
        return self.code is not None and POLICE_FORCE_AREA.match(self.code) is not None


@attrs.frozen
@shared_methods
class Column:
    """A column of a table: its index (0-based) and its header texts, top to bottom, as
    printed (``raw``) and folded (``keys``)."""

    index: int
    raw: tuple[str, ...]
    keys: tuple[str, ...]

    @property
    def footnote_numbers(self) -> tuple[int, ...]:
        """The footnote numbers glued to the column's headers (``Residental burglary4``)."""
        numbers: list[int] = []
        for text in self.raw:
            flat = " ".join(text.split())
            for match in (*_GLUED_NOTES.finditer(flat), *_TRAILING_NOTES.finditer(flat)):
                numbers.extend(int(part) for part in re.split(r"\s*,\s*", match[0].strip()))
        return tuple(dict.fromkeys(numbers))

    @property
    def letter(self) -> str:
        """The spreadsheet letter of the column, for messages."""
        from openpyxl.utils import get_column_letter  # openpyxl loads only when used

        return str(get_column_letter(self.index + 1))


@attrs.frozen
@shared_methods
class Table:
    """One sheet's table: title, columns by header text, rows by area, footnote lines."""

    path: Path
    sheet: str
    title: str
    columns: tuple[Column, ...]
    areas: tuple[Area, ...]
    cells: tuple[tuple[object, ...], ...]
    notes: tuple[str, ...]

    def label(self) -> str:
        """The table as messages name it: ``sheet 'Table P1' of FILE``."""
        return f"sheet {self.sheet.strip()!r}"

    def columns_with(self, keys: Iterable[str]) -> list[Column]:
        """Columns any of whose header texts equals one of ``keys`` (folded)."""
        wanted = set(keys)
        return [column for column in self.columns if wanted.intersection(column.keys)]

    def column(self, keys: Sequence[str], what: str) -> Column:
        """The one column headed by one of ``keys``; an error naming the file and sheet
        when there is none or more than one."""
        found = self.columns_with(keys)
        if len(found) == 1:
            return found[0]
        where = Location(self.path)
        if not found:
            raise InputError(f"{self.label()} has no column headed {what!r}", where)
        letters = ", ".join(column.letter for column in found)
        raise InputError(f"{self.label()} has several columns headed {what!r} ({letters})", where)

    def value(self, area: Area, column: Column) -> object:
        """The raw cell of ``area``'s row in ``column`` (None when blank)."""
        row = self.cells[area.row - 1]
        return row[column.index] if column.index < len(row) else None

    def location(self, area: Area, column: Column) -> Location:
        """Where a cell is, for messages: the file, the row and ``'sheet'!COLUMN``."""
        return Location(self.path, area.row, f"{self.sheet.strip()}!{column.letter}")

    def footnote(self, number: int) -> str | None:
        """The text of footnote ``number`` below the table, without its number."""
        for note in self.notes:
            match = re.match(r"^(\d+)\.\s*(.*)$", note, re.DOTALL)
            if match and int(match[1]) == number:
                return " ".join(match[2].split())
        return None

    def note_for(self, marker: str) -> str | None:
        """The footnote explaining ``marker`` (such as ``-``), without its number."""
        for note in self.notes:
            if f"'{marker}'" in note:
                text = re.sub(r"^\d+\.\s*", "", note).strip()
                return " ".join(text.split())
        return None


def read_table(path: Path, sheet: str, rows: list[tuple[object, ...]]) -> Table | None:
    """The sheet's table, or None when the sheet holds no table of areas (the Notes and
    Correction sheets).

    The header block is every row between the title and the first row naming an area;
    the area columns are those headed "Area Code" and "Area Name".
    """
    title = _text(rows[0][0]) if rows and rows[0] else ""
    code_column = name_column = None
    header_end = None
    for number, row in enumerate(rows[:15], start=1):
        for index, cell in enumerate(row):
            key = header_key(_text(cell))
            if key in {"area code", "area codes"}:
                code_column = index
            elif key == "area name":
                name_column = index
        if code_column is not None and name_column is not None:
            header_end = number
            break
    if code_column is None or name_column is None or header_end is None:
        return None
    first_data = _first_area_row(rows, header_end, code_column)
    if first_data is None:
        return None
    header_rows = rows[1 : first_data - 1]
    width = max(len(row) for row in rows)
    columns = []
    for index in range(width):
        raw = tuple(
            _text(row[index]) for row in header_rows if index < len(row) and _text(row[index])
        )
        columns.append(Column(index, raw, tuple(header_key(text) for text in raw)))
    areas: list[Area] = []
    notes: list[str] = []
    for number in range(first_data, len(rows) + 1):
        row = rows[number - 1]
        name = _text(row[name_column]) if name_column < len(row) else ""
        code = _text(row[code_column]) if code_column < len(row) else ""
        matched = _AREA_CODE.match(code)
        if name and (not code or matched):
            areas.append(Area(matched[1] if matched else None, strip_footnotes(name), number))
        elif code and not name:
            notes.append(code)
    return Table(path, sheet, title, tuple(columns), tuple(areas), tuple(rows), tuple(notes))


def _first_area_row(
    rows: list[tuple[object, ...]], header_end: int, code_column: int
) -> int | None:
    for number in range(header_end + 1, len(rows) + 1):
        row = rows[number - 1]
        if code_column < len(row) and _AREA_CODE.match(_text(row[code_column])):
            return number
    return None


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
