"""Reading tables of named columns from CSV, ``.xlsx`` or ``.parquet`` files, row by row,
with locations.

Every CSV format measurekit reads is also accepted as an ``.xlsx`` file whose first sheet has
the same header in row 1, and as a ``.parquet`` file with the same columns (read through
DuckDB: see :mod:`measurekit.sources.parquet`). Rows come back as text, whatever the file
type, so that one parser serves all; each row knows its file and row number for error messages.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Collection, Generator, Iterator, Sequence
from contextlib import AbstractContextManager, closing, contextmanager
from itertools import islice, repeat
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

import attrs

from measurekit.errors import InputError, Location
from measurekit.input_files import Utf8Text, limited_lines, may_quote, open_regular
from measurekit.limits import MAX_XLSX_UNPACKED_BYTES
from measurekit.shared_methods import shared_methods
from measurekit.text_rules import describe_character, excerpt, first_forbidden


@attrs.frozen
@shared_methods
class Row:
    """One data row: its cells as text by column name, and where it came from."""

    path: Path
    number: int
    cells: dict[str, str]
    quotable: bool = True

    def get(self, column: str) -> str:
        """The cell's text, stripped; ``""`` when the column is absent or blank."""
        return self.cells.get(column, "").strip()

    def location(self, column: str | None = None) -> Location:
        """This row's location, optionally pointing at ``column``."""
        return Location(self.path, self.number, column)

    def error(self, column: str, message: str) -> InputError:
        """An error at this row and ``column``."""
        return InputError(message, self.location(column))

    def quote(self, column: str) -> str:
        """The cell quoted for an error message (short, escaped), or ``"the cell"`` when
        the file's content may not be quoted (see :func:`~measurekit.input_files.may_quote`)."""
        return excerpt(self.get(column)) if self.quotable else "the cell"


def read_rows(
    path: Path, required: Collection[str], optional: Collection[str] = ()
) -> Iterator[Row]:
    """The data rows of the CSV, ``.xlsx`` or ``.parquet`` file at ``path``.

    Raises :class:`InputError` if the file is missing or unreadable, or if a ``required``
    column is missing from the header. Columns in neither list are ignored. Blank rows are
    skipped.
    """
    quotable = may_quote(path)
    columns = tuple(dict.fromkeys([*required, *optional]))
    for number, values in read_cells(path, required, optional, columns):
        yield Row(path, number, dict(zip(columns, values, strict=True)), quotable)


def read_cells(
    path: Path,
    required: Collection[str],
    optional: Collection[str],
    columns: Sequence[str],
    lacking: set[str] | None = None,
) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Each data row of the file at ``path`` as its row number and the cells of
    ``columns`` (each named in ``required`` or ``optional``), in that order, as read
    (not stripped; ``""`` for a column the file lacks). Each column of ``optional`` the
    header lacks is added to ``lacking``, once the header is read.

    The checks and errors of :func:`read_rows`, without making a :class:`Row` of every
    row: for readers that look at most rows' cells only to tally them.
    """
    for chunk in cell_chunks(path, required, optional, columns, lacking):
        yield from zip(chunk.numbers, chunk.cells, strict=True)


#: How many rows :func:`cell_chunks` reads, checks and picks the cells of at a time.
CHUNK_ROWS = 4096


@attrs.frozen
@shared_methods
class CellChunk:
    """Consecutive data rows of a file (blank rows left out): ``cells[i]`` holds the
    cells of the row numbered ``numbers[i]``."""

    numbers: Sequence[int]
    cells: list[tuple[str, ...]]


def cell_chunks(
    path: Path,
    required: Collection[str],
    optional: Collection[str],
    columns: Sequence[str],
    lacking: set[str] | None = None,
) -> Iterator[CellChunk]:
    """:func:`read_cells`, a chunk of up to :data:`CHUNK_ROWS` rows at a time.

    A chunk whose rows are all sound (as many cells as the header, no control
    characters, none blank) is checked and picked by C code (the csv module, ``map``,
    ``operator.itemgetter``), with no Python call for each row; any other chunk is read
    row by row, with the errors :func:`read_rows` gives. The rows before a row that cannot
    be read are handed on, in a chunk of their own, before the error is raised, so a
    reader that stops at the first problem meets the problems in the file's order.
    """
    if path.is_dir():
        raise InputError("is a folder; this format reads one file per path", Location(path))
    suffix = path.suffix.lower()
    is_workbook = suffix in {".xlsx", ".xlsm", ".parquet"}  # rows may stop short
    if suffix == ".parquet":
        from measurekit.sources.parquet import parquet_rows

        opened: AbstractContextManager[Iterator[list[str]]] = closing(
            parquet_rows(path, _cell_text)
        )
    else:
        opened = closing(_xlsx_rows(path)) if is_workbook else _csv_reader(path)
    with opened as rows:
        yield from _chunks_of(rows, path, is_workbook, required, optional, columns, lacking)


def _chunks_of(
    rows: Iterator[list[str]],
    path: Path,
    is_workbook: bool,
    required: Collection[str],
    optional: Collection[str],
    columns: Sequence[str],
    lacking: set[str] | None,
) -> Iterator[CellChunk]:
    """:func:`cell_chunks` of the rows read from the file at ``path``."""
    quotable = may_quote(path)
    header, failure = _take(rows, 1, path)
    if failure is not None:
        raise failure
    if not header:
        raise InputError("the file is empty; expected a header row", Location(path))
    names = [name.strip() for name in header[0]]
    missing = [column for column in required if column not in names]
    if missing:
        has = ", ".join(excerpt(n) for n in names if n) if quotable else "other columns"
        raise InputError(
            f"missing column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(c) for c in missing)}; the header has {has}",
            Location(path, 1),
        )
    if lacking is not None:
        lacking.update(column for column in optional if column not in names)
    known = {*required, *optional}
    wanted: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in wanted:
            raise InputError(
                f"the header names column {name!r} twice (columns {wanted[name] + 1} and "
                f"{index + 1}); which one to read would be a guess",
                Location(path, 1, name),
            )
        if name in known:
            wanted[name] = index
    width = len(names)
    # A column the file lacks reads from one past the row's end: always "".
    positions = [wanted.get(column, width) for column in columns]
    number = 2  # the next row's number
    while True:
        chunk, failure = _take(rows, CHUNK_ROWS, path)
        if chunk and _all_sound(chunk, width):
            yield CellChunk(range(number, number + len(chunk)), _cells(chunk, positions, width))
        elif chunk:
            yield from _checked_chunk(chunk, number, names, path, is_workbook, positions)
        number += len(chunk)
        if failure is not None:
            raise failure
        if len(chunk) < CHUNK_ROWS:
            return


def _all_sound(chunk: list[list[str]], width: int) -> bool:
    """Whether every row of ``chunk`` has ``width`` cells, holds no control character or
    noncharacter and is not blank: checked in C, a pass of ``map`` each."""
    if set(map(len, chunk)) != {width}:
        return False
    joined = list(map("".join, chunk))
    # A row of empty cells joins to "" and one of spaces to " ...": both are blank rows.
    return all(joined) and all(map(str.isprintable, joined)) and not any(map(str.isspace, joined))


def _cells(rows: list[list[str]], positions: Sequence[int], width: int) -> list[tuple[str, ...]]:
    """The cells at ``positions`` of each of ``rows`` (``""`` at a position past ``width``,
    the rows' length), each row's as a tuple; made in C, column by column when the rows
    lack some column (no row is padded)."""
    if not positions:
        return [()] * len(rows)
    if len(positions) > 1 and max(positions) < width:
        return list(map(itemgetter(*positions), rows))
    columns = [
        map(itemgetter(position), rows) if position < width else repeat("", len(rows))
        for position in positions
    ]
    return list(zip(*columns, strict=True))


def _checked_chunk(
    chunk: list[list[str]],
    first: int,
    names: list[str],
    path: Path,
    padded: bool,
    positions: Sequence[int],
) -> Iterator[CellChunk]:
    """The rows of ``chunk`` (the first numbered ``first``) checked one by one, and their
    cells at ``positions`` picked as :func:`_cells` picks them: blank rows left out, the
    rows before a row that cannot be read handed on before its error is raised."""
    width = len(names)
    numbers: list[int] = []
    kept: list[list[str]] = []
    for number, values in enumerate(chunk, start=first):
        joined = "".join(values)
        if not joined.strip():
            continue  # a blank row
        if len(values) != width or not joined.isprintable():  # else nothing to check
            try:
                _check_row(values, names, path, number, padded)
            except InputError:
                if kept:
                    yield CellChunk(numbers, _cells(kept, positions, width))
                raise
        numbers.append(number)
        kept.append(values[:width] + [""] * (width - len(values)))  # a workbook's short row
    if kept:
        yield CellChunk(numbers, _cells(kept, positions, width))


def _check_row(values: list[str], names: list[str], path: Path, number: int, padded: bool) -> None:
    """A row must have a cell under each column of the header and none beyond it (a
    workbook's row may stop short: its blank cells at the end are not stored), and no
    cell may hold a control character or noncharacter."""
    width = len(names)
    if len(values) > width and (not padded or any(values[width:])):
        extra = next(i for i in range(width, len(values)) if values[i] or not padded)
        raise InputError(
            f"the row has a cell in column {extra + 1}, but the header names only {width} "
            "columns; is a comma or a cell out of place?",
            Location(path, number, str(extra + 1)),
        )
    if len(values) < width and not padded:
        raise InputError(
            f"the row has {len(values)} cells; the header has {width}, so the row has no "
            f"{names[len(values)]!r}",
            Location(path, number, names[len(values)]),
        )
    if first_forbidden("".join(values)):
        for index, value in enumerate(values):
            found = first_forbidden(value)
            if found:
                column = names[index] if index < width else str(index + 1)
                raise InputError(
                    f"the cell holds {describe_character(found[0])}; control characters and "
                    "Unicode noncharacters are not data",
                    Location(path, number, column),
                )


@contextmanager
def _csv_reader(path: Path) -> Iterator[Iterator[list[str]]]:
    """The CSV file at ``path`` open for :func:`_take` (a :func:`csv.reader`)."""
    with open_regular(path) as binary:
        yield csv.reader(limited_lines(Utf8Text(binary, path), path))


def _take(
    rows: Iterator[list[str]], count: int, path: Path
) -> tuple[list[list[str]], InputError | None]:
    """The next ``count`` rows (fewer at the end of the file), and the error that stopped
    the reading when one did: the rows read before it come first."""
    taken: list[list[str]] = []
    try:
        taken.extend(islice(rows, count))
    except InputError as error:
        return taken, error
    except csv.Error as error:
        line = getattr(rows, "line_num", None)
        failure = InputError(
            f"not a readable CSV file: {error}", Location(path, line, row_name="line")
        )
        failure.__cause__ = error
        return taken, failure
    return taken, None


def _xlsx_rows(path: Path) -> Generator[list[str], None, None]:
    with open_regular(path) as handle:
        workbook = open_workbook(handle, path)
        try:
            for values in sheet_rows(workbook.worksheets[0], path):
                yield [_cell_text(value) for value in values]
        finally:
            workbook.close()


def sheet_rows(sheet: Any, path: Path) -> Iterator[tuple[object, ...]]:
    """The rows of a sheet of a workbook from :func:`open_workbook`, as values. A sheet
    is parsed as it is read, so a sheet whose XML is broken (a character XML cannot hold,
    a tag cut short) is an :class:`InputError` naming the file and sheet."""
    try:
        yield from sheet.iter_rows(values_only=True)
    except Exception as error:
        raise InputError(
            f"not a readable .xlsx workbook: sheet {excerpt(str(sheet.title))}: {error}",
            Location(path),
        ) from None


def open_workbook(handle: IO[bytes], path: Path) -> Any:
    """The ``.xlsx`` workbook read from ``handle`` (read-only, values not formulas), its
    size checked first: a workbook whose parts would unpack to more than
    :data:`~measurekit.limits.MAX_XLSX_UNPACKED_BYTES` is refused. Each sheet's stated
    dimensions are set aside, so a sheet claiming A1:XFD1048576 costs what it holds."""
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(handle) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise InputError(f"not a readable .xlsx workbook: {error}", Location(path)) from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise InputError(
            f"the workbook unpacks to {unpacked:,} bytes, more than the "
            f"{MAX_XLSX_UNPACKED_BYTES:,} measurekit reads",
            Location(path),
        )
    handle.seek(0)
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:
        raise InputError(f"not a readable .xlsx workbook: {error}", Location(path)) from error
    for sheet in workbook.worksheets:
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
    return workbook


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
