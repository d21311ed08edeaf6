"""Reading tables of named columns from CSV or ``.xlsx`` files, row by row, with locations.

Every CSV format measurekit reads is also accepted as an ``.xlsx`` file whose first sheet has
the same header in row 1. Rows come back as text, whatever the file type, so that one parser
serves both; each row knows its file and row number for error messages.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Collection, Iterator
from pathlib import Path

import attrs

from measurekit.errors import InputError, Location


@attrs.frozen
class Row:
    """One data row: its cells as text by column name, and where it came from."""

    path: Path
    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        """The cell's text, stripped; ``""`` when the column is absent or blank."""
        return self.cells.get(column, "").strip()

    def location(self, column: str | None = None) -> Location:
        """This row's location, optionally pointing at ``column``."""
        return Location(self.path, self.number, column)

    def error(self, column: str, message: str) -> InputError:
        """An error at this row and ``column``."""
        return InputError(message, self.location(column))


def read_rows(
    path: Path, required: Collection[str], optional: Collection[str] = ()
) -> Iterator[Row]:
    """The data rows of the CSV or ``.xlsx`` file at ``path``.

    Raises :class:`InputError` if the file is missing or unreadable, or if a ``required``
    column is missing from the header. Columns in neither list are ignored. Blank rows are
    skipped.
    """
    if path.is_dir():
        raise InputError("is a folder; this format reads one file per path", Location(path))
    if not path.is_file():
        raise InputError("file not found", Location(path))
    is_workbook = path.suffix.lower() in {".xlsx", ".xlsm"}
    rows = _xlsx_rows(path) if is_workbook else _csv_rows(path)
    header = next(rows, None)
    if header is None:
        raise InputError("the file is empty; expected a header row", Location(path))
    names = [name.strip() for name in header]
    missing = [column for column in required if column not in names]
    if missing:
        raise InputError(
            f"missing column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(c) for c in missing)}; the header has "
            f"{', '.join(repr(n) for n in names if n)}",
            Location(path, 1),
        )
    wanted = {name: index for index, name in enumerate(names) if name in {*required, *optional}}
    for number, values in enumerate(rows, start=2):
        if not any(value.strip() for value in values):
            continue
        cells = {
            name: values[index] if index < len(values) else "" for name, index in wanted.items()
        }
        yield Row(path, number, cells)


def _csv_rows(path: Path) -> Iterator[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from csv.reader(handle)
    except UnicodeDecodeError as error:
        raise InputError(
            f"not UTF-8 text (byte {error.start}); save the file as UTF-8 CSV", Location(path)
        ) from error
    except csv.Error as error:
        raise InputError(f"not a readable CSV file: {error}", Location(path)) from error


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        raise InputError(f"not a readable .xlsx workbook: {error}", Location(path)) from error
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [_cell_text(value) for value in values]
    finally:
        workbook.close()


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
