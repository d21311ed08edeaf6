"""A statement workbook, independent of the file format that will hold it.

The layout is decided once, here, as values: a :class:`Workbook` of :class:`Sheet` objects,
each with a title (cell A1), a line saying what it holds (A2), lines above its table (keys,
source, notes) and at most one :class:`Table` with one header row. The ``xlsx`` and ``ods``
writers only translate these values; neither decides anything about layout.

The classes check the rules of the Analysis Function's guidance that can be checked on the
values themselves: sheet and table names, one header row, no blank rows or columns, notes
cited only in headings and labels, numbers as numbers.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

import attrs

from measurekit.shared_methods import shared_methods

#: Characters a sheet name may not hold (Excel's rule; ODS is laxer).
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
#: A table name: letter or underscore first, then letters, digits and underscores.
_TABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: Names a spreadsheet would read as a cell reference (``A1``, ``R1C1``).
_CELL_LIKE = re.compile(r"^([A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc][0-9]*)$")
_NOTE_REFERENCE = re.compile(r"\[note \d+\]")

#: The font of every cell and chart: sans-serif, as the guidance asks.
FONT_NAME = "Arial"


class NumberFormat(StrEnum):
    """How a number cell is shown. The values are Excel number format codes."""

    #: Whole numbers with thousands separators: 5,779.
    COUNT = "#,##0"
    #: One decimal place, for percentages held as 75.0 (not 0.75) and rates.
    ONE_DECIMAL = "0.0"

    @property
    def decimal_places(self) -> int:
        """Digits after the decimal point."""
        return 0 if self is NumberFormat.COUNT else 1


@attrs.frozen
@shared_methods
class Text:
    """A text cell. Text is always stored as text, even when it starts with ``=``."""

    text: str


@attrs.frozen
@shared_methods
class Number:
    """A number cell, stored as a number and shown with ``format``."""

    value: int | float
    format: NumberFormat = NumberFormat.COUNT


@attrs.frozen
@shared_methods
class Link:
    """A cell whose text links to cell A1 of the sheet called ``sheet``."""

    text: str
    sheet: str


Cell = Text | Number | Link


def cell_text(cell: Cell) -> str:
    """What a cell shows, roughly: its text, or its number with the format applied."""
    if isinstance(cell, Number):
        if cell.format is NumberFormat.COUNT:
            return f"{int(cell.value):,}"
        return f"{cell.value:.1f}"
    return cell.text


@attrs.frozen
@shared_methods
class Column:
    """A table column: its heading (units in round brackets, notes as ``[note N]``) and
    its width in characters."""

    heading: str = attrs.field()
    width: int = 16

    @heading.validator
    def _check_heading(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not value.strip():
            raise ValueError("a table column needs a heading")


@attrs.frozen
@shared_methods
class LineChart:
    """A line chart of the table on the same sheet: ``category`` column along the bottom,
    ``value`` column as the line (both 0-based column positions in the table), drawn from
    table row ``first_row`` (0-based, after the header) to the last."""

    title: str
    x_title: str
    y_title: str
    category: int = 0
    value: int = 1
    first_row: int = 0


@attrs.frozen
@shared_methods
class Table:
    """One table: a name unique in the workbook, one header row, rows of cells.

    The first ``label_columns`` columns hold labels; ``[note N]`` references may appear in
    headings and label columns, never in other cells. No row may be empty, and every row has a cell
    for every column.
    """

    name: str = attrs.field()
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...] = attrs.field()
    label_columns: int = 1

    def is_numeric(self, position: int) -> bool:
        """Whether column ``position`` (0-based) holds numbers: its heading, numbers and
        any shorthand in it are aligned right, as the numbers are."""
        return any(isinstance(row[position], Number) for row in self.rows)

    @name.validator
    def _check_name(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not _TABLE_NAME.match(value) or _CELL_LIKE.match(value) or len(value) > 255:
            raise ValueError(
                f"table name {value!r} must start with a letter, hold only letters, digits "
                "and underscores, and not look like a cell reference"
            )

    @rows.validator
    def _check_rows(
        self, attribute: attrs.Attribute[tuple[tuple[Cell, ...], ...]], value: tuple[Any, ...]
    ) -> None:
        if not value:
            raise ValueError(f"table {self.name} has no rows")
        for number, row in enumerate(value, start=1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table {self.name}, row {number}: {len(row)} cells for "
                    f"{len(self.columns)} columns"
                )
            for position, cell in enumerate(row):
                if isinstance(cell, Text | Link) and not cell.text.strip():
                    raise ValueError(f"table {self.name}, row {number}: a blank cell")
                if (
                    position >= self.label_columns
                    and isinstance(cell, Text)
                    and _NOTE_REFERENCE.search(cell.text)
                ):
                    raise ValueError(
                        f"table {self.name}, row {number}: [note N] belongs in a heading or "
                        "the label column, not a data cell"
                    )


@attrs.frozen
@shared_methods
class Line:
    """A line of text above a table (or on the cover): plain, a heading, or a link to
    another sheet."""

    text: str
    heading: bool = False
    link: str | None = None


@attrs.frozen
@shared_methods
class Sheet:
    """One sheet: ``title`` in A1, ``description`` in A2, ``lines`` below them, then the
    table (if any) with nothing below it, and optionally a chart of the table beside it.

    ``kind`` says what made the sheet; the layout merges sheets of kind ``"figures"`` from
    measures sharing a section. ``link_text`` is the sheet's entry in the table of contents:
    the start of the title, without the force and period every sheet shares (empty means
    the whole title).
    """

    name: str = attrs.field()
    title: str
    description: str
    lines: tuple[Line, ...] = ()
    table: Table | None = None
    chart: LineChart | None = attrs.field(default=None)
    kind: str = "data"
    link_text: str = attrs.field(default="")

    @name.validator
    def _check_name(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not value or len(value) > 31 or _SHEET_FORBIDDEN.search(value) or value != value.strip():
            raise ValueError(
                f"sheet name {value!r} must be 1 to 31 characters without []:*?/\\ "
                "or spaces at either end"
            )

    @property
    def header_row(self) -> int:
        """The 0-based row of the table's header: after title, description and lines."""
        return 2 + len(self.lines)

    @link_text.validator
    def _check_link_text(self, attribute: attrs.Attribute[str], value: str) -> None:
        if value and not self.title.startswith(value):
            raise ValueError(f"sheet {self.name}: link text {value!r} is not the title's start")

    @property
    def contents_entry(self) -> str:
        """The text of the table of contents' link to this sheet."""
        return self.link_text or self.title

    @chart.validator
    def _check_chart(
        self, attribute: attrs.Attribute[LineChart | None], value: LineChart | None
    ) -> None:
        if value is not None and self.table is None:
            raise ValueError(f"sheet {self.name}: a chart needs its data in a table")
        if value is not None and self.table is not None:
            if not 0 <= value.first_row < len(self.table.rows):
                raise ValueError(f"sheet {self.name}: the chart starts outside its table")
            rows = self.table.rows[value.first_row :]
            if not all(isinstance(row[value.value], Number) for row in rows):
                raise ValueError(f"sheet {self.name}: the chart's values must all be numbers")


def chart_description(sheet: Sheet) -> str:
    """The alternative text of ``sheet``'s chart, for readers who cannot see it."""
    if sheet.chart is None:
        raise ValueError(f"sheet {sheet.name} has no chart")
    return f"Line chart: {sheet.chart.title}. The table beside it holds the same figures."


@attrs.frozen
@shared_methods
class Workbook:
    """The whole workbook: document properties and sheets in order (the first opens first).

    ``author`` is the publishing organisation; ``language`` a BCP 47 tag.
    """

    title: str
    subject: str
    author: str
    sheets: tuple[Sheet, ...] = attrs.field()
    language: str = "en-GB"
    keywords: tuple[str, ...] = ()

    @sheets.validator
    def _check_sheets(
        self, attribute: attrs.Attribute[tuple[Sheet, ...]], value: tuple[Sheet, ...]
    ) -> None:
        names = [sheet.name.lower() for sheet in value]
        if len(set(names)) != len(names):
            raise ValueError("two sheets share a name")
        tables = [sheet.table.name.lower() for sheet in value if sheet.table is not None]
        if len(set(tables)) != len(tables):
            raise ValueError("two tables share a name")
