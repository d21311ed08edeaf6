"""Reading police.uk street-level files into tallies, one file at a time, in constant memory.

A file is read in chunks of rows; each chunk is tallied by (month, force, crime type) and
forgotten, so memory is bounded by the chunk size and the number of distinct Crime IDs in
one file (for spotting repeats), never by the number of files or rows.

There are three ways through a file, tried in turn:

1. *Unquoted*: police.uk never quotes a cell, and a CSV line without a double quote is one
   whole record whose cells are the text between its commas; ``str.split`` reads such
   lines exactly as the :mod:`csv` module would, about twice as fast (on bytes: only
   the few distinct months, forces and crime types are ever decoded).
2. *csv*: at the first double quote the file is read again with the :mod:`csv` module.
3. *Careful*: when a chunk looks wrong (a row of the wrong length, a month that disagrees
   with the file name, a blank force or crime type), the file is read again row by row
   with the :mod:`csv` module, to say which rows are at fault and count the others.

The first two do their work in C (``str.split``/``csv``, ``operator.itemgetter``,
``collections.Counter``) and report nothing; only the careful path reports. All three
count the same rows.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from itertools import islice, repeat
from operator import itemgetter
from pathlib import Path
from typing import IO, AnyStr, Generic, cast

import attrs

from measurekit.api import (
    MAX_LINE_BYTES,
    InputError,
    Location,
    Month,
    Window,
    describe_character,
    excerpt,
    first_forbidden,
    has_forbidden_utf8,
    limited_lines,
    may_quote,
    open_regular,
    shared_methods,
)

#: The columns a street-level file must have, by their header text.
CRIME_ID = "Crime ID"
MONTH = "Month"
FALLS_WITHIN = "Falls within"
CRIME_TYPE = "Crime type"
REQUIRED_COLUMNS = (CRIME_ID, MONTH, FALLS_WITHIN, CRIME_TYPE)

#: ``2025-08-cheshire-street.csv``, optionally gzip-compressed.
FILE_NAME = re.compile(r"^(\d{4}-\d{2})-(.+)-street\.csv(?:\.gz)?$", re.IGNORECASE)

#: Rows tallied at a time by the csv module's path.
CHUNK_ROWS = 8192
#: Bytes read at a time by the unquoted path (about 4,000 police.uk rows).
BLOCK_BYTES = 1 << 20
#: Problems listed per file; the rest are only counted.
MAX_PROBLEMS = 20

#: What a row is tallied by: the ``Month`` text, ``Falls within`` and ``Crime type``.
TallyKey = tuple[str, str, str]


@attrs.frozen
@shared_methods
class Problem:
    """A row that could not be read: where it is and what is wrong with it."""

    path: Path
    row: int
    column: str | None
    message: str

    @property
    def location(self) -> Location:
        """The row (and column) as an error location."""
        return Location(self.path, self.row, self.column)


@attrs.frozen
@shared_methods
class Repeat:
    """A Crime ID that appears on more than one row of one file (every row is counted)."""

    crime_id: str
    path: Path
    rows: tuple[int, ...]
    force: str
    crime_type: str
    month: str


@attrs.frozen
@shared_methods
class FileTally:
    """What one street-level file holds, reduced to counts.

    ``counts`` maps (``Month`` text, ``Falls within``, ``Crime type``) to the number of rows
    that were read; rows listed in ``problems`` are not in it. ``repeated`` is how many rows
    repeat a Crime ID seen earlier in the file (:func:`find_repeats` says which, when asked).
    ``problem_rows`` counts every unreadable row, of which at most :data:`MAX_PROBLEMS` are
    listed.
    """

    path: Path
    counts: dict[TallyKey, int]
    rows: int
    repeated: int = 0
    problems: tuple[Problem, ...] = ()
    problem_rows: int = 0


def month_in_name(path: Path) -> str | None:
    """The ``YYYY-MM`` a police.uk file name starts with, or None for another name."""
    match = FILE_NAME.match(path.name)
    return match[1] if match else None


def is_street_file(path: Path) -> bool:
    """Whether ``path`` is named like a police.uk street-level file."""
    return FILE_NAME.match(path.name) is not None


def _open_text(path: Path) -> IO[str]:
    """The file as text for the csv module (which wants line endings untouched)."""
    return io.TextIOWrapper(_open_binary(path), encoding="utf-8-sig", newline="")


def _open_binary(path: Path) -> IO[bytes]:
    """The file as bytes, decompressed when it ends ``.gz``; only a regular file is opened
    (a FIFO or a device named like a street file is an error, never waited on)."""
    raw = open_regular(path)
    if path.suffix.lower() != ".gz":
        return raw
    return cast(IO[bytes], _GzipOwning(raw))


#: The file as bytes, decompressed when it ends ``.gz`` (regular files only).
open_binary = _open_binary


class _GzipOwning(gzip.GzipFile):
    """A gzip stream that closes the file it reads from when it is closed."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__(fileobj=raw, mode="rb")
        self._raw = raw

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()


def _csv_lines(handle: IO[str], path: Path) -> Iterator[str]:
    """The file's lines for the csv module, none longer than the limit."""
    return limited_lines(handle, path, MAX_LINE_BYTES)


def _header_indices(header: list[str] | None, path: Path) -> tuple[int, ...]:
    """The positions of :data:`REQUIRED_COLUMNS` in ``header``; an error naming the file and
    the first missing column otherwise (quoting the header only from a data file, see
    :func:`~measurekit.input_files.may_quote`)."""
    if header is None:
        raise InputError("the file is empty; expected the police.uk header row", Location(path))
    names = [name.strip() for name in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in names]
    if missing:
        shown = ", ".join(excerpt(name) for name in names[:12] if name) or "nothing"
        if not may_quote(path):
            shown = "other text"
        raise InputError(
            f"not a police.uk street-level header: no column "
            f"{' or '.join(repr(c) for c in missing)}; the header has {shown}",
            Location(path, 1, missing[0]),
        )
    for column in REQUIRED_COLUMNS:
        if names.count(column) > 1:
            raise InputError(
                f"the header names column {column!r} twice; which one to read would be a guess",
                Location(path, 1, column),
            )
    return tuple(names.index(column) for column in REQUIRED_COLUMNS)


def tally_file(path: Path) -> FileTally:
    """Count the rows of one street-level file by month, force and crime type.

    Raises :class:`InputError` naming the file (and row) when the file cannot be read at
    all: missing, not UTF-8, not CSV, or a header without the police.uk columns. Rows that
    cannot be read are returned as :attr:`FileTally.problems`, not counted.
    """
    expected = month_in_name(path)
    try:
        result = _tally_unquoted(path, expected)
        if result is NEEDS_CSV:
            result = _tally_csv(path, expected)
        if not isinstance(result, FileTally):
            result = _tally_carefully(path, expected)
    except FileNotFoundError:
        raise InputError("file not found", Location(path)) from None
    except UnicodeDecodeError as error:
        raise InputError(
            f"not UTF-8 text (byte {error.start}); police.uk files are UTF-8", Location(path)
        ) from None
    except (OSError, EOFError, zlib.error) as error:  # zlib: a damaged .gz file
        raise InputError(f"cannot read the file: {error}", Location(path)) from None
    return result


def _rows(handle: IO[str], path: Path) -> Iterator[list[str]]:
    """The rows of a CSV file, a CSV syntax error naming the file and line."""
    reader = csv.reader(_csv_lines(handle, path))
    try:
        yield from reader
    except csv.Error as error:
        raise InputError(f"not readable as CSV: {error}", Location(path, reader.line_num)) from None


class _NeedsCsv:
    """The unquoted path met a quote or a carriage return: the csv module must read it."""


NEEDS_CSV = _NeedsCsv()


def _text(cell: str | bytes) -> str:
    """A tallied cell as text; bytes are decoded (UTF-8, strictly)."""
    return cell.decode("utf-8") if isinstance(cell, bytes) else cell


class _Tally(Generic[AnyStr]):
    """Rows tallied chunk by chunk, all in C; says when a chunk needs the careful path.

    Cells may be text or, on the unquoted path, undecoded bytes: only the few distinct
    months, forces and crime types are decoded, at the end.
    """

    def __init__(self, header: list[str] | None, path: Path, blank: AnyStr) -> None:
        indices = _header_indices(header, path)
        self.path = path
        self.width = len(header or ())
        self.blank: AnyStr = blank
        self.get_id = itemgetter(indices[0])
        self.get_key = itemgetter(*indices[1:])
        self.counts: Counter[tuple[AnyStr, ...]] = Counter()
        self.seen_ids: set[AnyStr] = set()
        self.total = self.blank_ids = 0

    def add(self, chunk: list[list[AnyStr]]) -> bool:
        """Tally ``chunk``; False (and nothing tallied) when a row has the wrong length."""
        if set(map(len, chunk)) != {self.width}:
            return False
        self.counts.update(map(self.get_key, chunk))
        ids = list(map(self.get_id, chunk))
        self.blank_ids += ids.count(self.blank)
        self.seen_ids.update(ids)
        self.total += len(chunk)
        return True

    def result(self, expected: str | None) -> FileTally | None:
        """The file's tally, or None when a month, force or crime type needs a closer
        look (the careful path then says which rows)."""
        counts: dict[TallyKey, int] = {}
        for key, count in self.counts.items():
            month, force, crime_type = (_text(cell) for cell in key)
            if (expected is not None and month != expected) or not force or not crime_type:
                return None
            if expected is None and not _is_month(month):
                return None
            counts[month, force, crime_type] = count
        self.seen_ids.discard(self.blank)
        repeated = self.total - self.blank_ids - len(self.seen_ids)
        return FileTally(self.path, counts, self.total, repeated)


def _tally_unquoted(path: Path, expected: str | None) -> FileTally | _NeedsCsv | None:
    """The quickest path, for files without a double quote (police.uk never quotes).

    In CSV a line without a quote character is one whole record whose cells are exactly
    the text between its commas, so ``bytes.split`` reads it as the csv module would, only
    faster; and the bytes need no decoding, except the few distinct months, forces and
    crime types. At the first quote (or carriage return) the file is handed to the csv
    module instead.
    """
    with _open_binary(path) as handle:
        first = handle.readline(MAX_LINE_BYTES + 1)
        if len(first) > MAX_LINE_BYTES:
            raise _too_long(path, 1)
        if b'"' in first or b"\r" in first:
            return NEEDS_CSV
        header = first.decode("utf-8-sig").rstrip("\n").split(",") if first else None
        tally = _Tally(header, path, b"")
        pieces: list[bytes] = []  # a line longer than a block, gathered without copying
        gathered = 0
        while True:
            data = handle.read(BLOCK_BYTES)
            cut = data.rfind(b"\n")
            if data and cut < 0:
                pieces.append(data)
                gathered += len(data)
                if gathered > MAX_LINE_BYTES:
                    raise _too_long(path, tally.total + 2)
                continue
            if not data and not pieces:
                break
            end = cut if data else len(data)
            text = b"".join((*pieces, data[:end]))
            rest = data[end + 1 :]
            pieces = [rest] if rest else []
            gathered = len(rest)
            first_line = text.find(b"\n")
            if (first_line if first_line >= 0 else len(text)) > MAX_LINE_BYTES:
                raise _too_long(path, tally.total + 2)  # only the first can span blocks
            if b'"' in text or b"\r" in text:
                return NEEDS_CSV
            if has_forbidden_utf8(text):
                return None  # the careful path says which row and cell
            if not tally.add(list(map(bytes.split, text.split(b"\n"), repeat(b",")))):
                return None
            if not data:
                break
    return tally.result(expected)


def _too_long(path: Path, line: int) -> InputError:
    return InputError(
        f"the line is longer than {MAX_LINE_BYTES:,} bytes; this is not a police.uk file",
        Location(path, line, row_name="line"),
    )


def _tally_csv(path: Path, expected: str | None) -> FileTally | None:
    """The csv module's reading, chunk by chunk; None when a row needs the careful path."""
    with _open_text(path) as handle:
        reader = csv.reader(_csv_lines(handle, path))
        try:
            header: list[str] | None = next(reader, None)
            tally = _Tally(header, path, "")
            while chunk := list(islice(reader, CHUNK_ROWS)):
                if not tally.add(chunk):
                    return None
        except csv.Error as error:
            raise InputError(
                f"not readable as CSV: {error}", Location(path, reader.line_num)
            ) from None
    return tally.result(expected)


def _is_month(text: str) -> bool:
    try:
        Month.parse(text)
    except ValueError:
        return False
    return True


def _tally_carefully(path: Path, expected: str | None) -> FileTally:
    """Read the file row by row, counting good rows and listing the bad ones."""
    counts: Counter[TallyKey] = Counter()
    problems: list[Problem] = []
    problem_rows = 0
    seen_ids: set[str] = set()
    total = repeated = 0
    with _open_text(path) as handle:
        rows = _rows(handle, path)
        header = next(rows, None)
        indices = _header_indices(header, path)
        id_at, month_at, force_at, type_at = indices
        for number, row in enumerate(rows, start=2):
            if not row:
                continue
            problem = _row_problem(row, header or [], indices, expected, path, number)
            if problem is not None:
                problem_rows += 1
                if len(problems) < MAX_PROBLEMS:
                    problems.append(problem)
                continue
            counts[row[month_at], row[force_at], row[type_at]] += 1
            total += 1
            if row[id_at]:
                repeated += row[id_at] in seen_ids
                seen_ids.add(row[id_at])
    return FileTally(path, dict(counts), total, repeated, tuple(problems), problem_rows)


def _row_problem(
    row: list[str],
    header: list[str],
    indices: tuple[int, ...],
    expected: str | None,
    path: Path,
    number: int,
) -> Problem | None:
    width = len(header)
    if len(row) != width:
        return Problem(path, number, None, f"the row has {len(row)} cells; the header has {width}")
    for index, cell in enumerate(row):
        found = first_forbidden(cell)
        if found:
            column = header[index] if index < len(header) else str(index + 1)
            return Problem(
                path,
                number,
                column,
                f"the cell holds {describe_character(found[0])}; control characters and "
                "Unicode noncharacters are not data",
            )
    _, month_at, force_at, type_at = indices
    month = row[month_at]
    if not _is_month(month):
        shown = excerpt(month) if may_quote(path) else "the month"
        return Problem(path, number, MONTH, f"{shown} is not a month written YYYY-MM")
    if expected is not None and month != expected:
        return Problem(
            path,
            number,
            MONTH,
            f"the month is {month} but the file name says {expected}; "
            "each police.uk file holds one month",
        )
    if not row[force_at].strip():
        return Problem(path, number, FALLS_WITHIN, "the force is blank")
    if not row[type_at].strip():
        return Problem(path, number, CRIME_TYPE, "the crime type is blank")
    return None


def find_repeats(path: Path) -> tuple[Repeat, ...]:
    """Every Crime ID on more than one row of the file at ``path``, with its rows.

    Reads the file again, keeping one list of rows per ID: meant for files a tally showed
    to hold repeats, when a report asks for them.
    """
    found: dict[str, list[int]] = {}
    first: dict[str, list[str]] = {}
    with _open_text(path) as handle:
        reader = csv.reader(_csv_lines(handle, path))
        indices = _header_indices(next(reader, None), path)
        id_at, month_at, force_at, type_at = indices
        for number, row in enumerate(reader, start=2):
            if len(row) <= max(indices) or not row[id_at]:
                continue
            found.setdefault(row[id_at], []).append(number)
            first.setdefault(row[id_at], row)
    return tuple(
        Repeat(
            crime_id,
            path,
            tuple(numbers),
            first[crime_id][force_at],
            first[crime_id][type_at],
            first[crime_id][month_at],
        )
        for crime_id, numbers in found.items()
        if len(numbers) > 1
    )


@attrs.frozen
@shared_methods
class Match:
    """A row :func:`matching_rows` found: where it is and what it holds."""

    path: Path
    row: int
    crime_id: str
    month: str
    crime_type: str


def matching_rows(
    path: Path, window: Window, forces: frozenset[str], crime_types: frozenset[str]
) -> Iterator[Match]:
    """The rows of the file at ``path`` that a tally counts towards ``crime_types`` for
    ``forces`` in ``window``, read again with the csv module: rows that cannot be read
    are left out, as the tally leaves them out. A file whose name gives a month outside
    ``window`` is not opened."""
    named = month_in_name(path)
    if named is not None and Month.parse(named) not in window:
        return
    with _open_text(path) as handle:
        rows = _rows(handle, path)
        header = next(rows, None)
        indices = _header_indices(header, path)
        id_at, month_at, force_at, type_at = indices
        for number, row in enumerate(rows, start=2):
            if not row or _row_problem(row, header or [], indices, named, path, number):
                continue
            crime_type = row[type_at].strip()
            if (
                crime_type in crime_types
                and row[force_at].strip() in forces
                and Month.parse(row[month_at]) in window
            ):
                yield Match(path, number, row[id_at], row[month_at], crime_type)
