"""Reading a police.uk folder at DuckDB's speed, when DuckDB is installed.

One ``group by`` over every file counts rows by file, month, force and crime type, in
DuckDB's threads and in bounded memory; meanwhile a thread here scans the files' bytes for
characters no cell may hold. The answer is used only when it is what the careful reader
(:mod:`~measurekit_police_uk.reading`) would give for files without problems: every file
with the same police.uk header, each month as its file name says, no blank force or crime
type, no forbidden character, nothing DuckDB could not parse. Otherwise :func:`read` returns
None and the files are read by the careful reader, which says which rows are at fault.
Repeated Crime IDs, which only ``measurekit check`` reports, are counted when asked.
"""

from __future__ import annotations

import threading
import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from measurekit.api import MAX_LINE_BYTES, Month, has_forbidden_utf8
from measurekit_police_uk.reading import (
    CRIME_ID,
    CRIME_TYPE,
    FALLS_WITHIN,
    MONTH,
    REQUIRED_COLUMNS,
    month_in_name,
    open_binary,
)

#: Bytes scanned at a time for forbidden characters.
SCAN_BYTES = 1 << 20
#: DuckDB's memory limit: with the interpreter, the whole read stays under 200 MiB.
MEMORY_LIMIT = "96MB"


def available() -> bool:
    """Whether DuckDB can be imported."""
    try:
        import duckdb  # noqa: F401
    except ImportError:
        return False
    return True


def _header(path: Path) -> bytes | None:
    try:
        with open_binary(path) as handle:
            line = handle.readline(MAX_LINE_BYTES + 1)
    except (OSError, EOFError, zlib.error):
        return None
    return line.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n")


def _scan(files: Sequence[Path], found: list[Path]) -> None:
    """Add to ``found`` the first file holding a forbidden character (or unreadable)."""
    for path in files:
        try:
            with open_binary(path) as handle:
                while data := handle.read(SCAN_BYTES):
                    if has_forbidden_utf8(data):
                        found.append(path)
                        return
        except (OSError, EOFError, ValueError, zlib.error):
            found.append(path)  # the careful reader says what is wrong
            return


#: What :func:`read` gives: counts by (month, force, crime type), the number of rows, and
#: the rows of each file, in the order the files were given.
Counted = tuple[dict[tuple[Month, str, str], int], int, tuple[int, ...]]


def read(files: Sequence[Path]) -> Counted | None:
    """Counts by (month, force, crime type), the number of rows and each file's rows, for
    ``files`` read by DuckDB; None when DuckDB is missing or any file needs the careful
    reader."""
    try:
        import duckdb
    except ImportError:
        return None
    if not files:
        return None
    header = _header(files[0])
    if not header or b'"' in header or any(_header(path) != header for path in files[1:]):
        return None
    names = header.decode("utf-8", errors="replace").split(",")
    if any(names.count(column) != 1 for column in REQUIRED_COLUMNS) or len(set(names)) != len(
        names
    ):
        return None
    flagged: list[Path] = []
    scanner = threading.Thread(target=_scan, args=(files, flagged), daemon=True)
    scanner.start()
    try:
        rows = _group(duckdb, files, names)
    finally:
        scanner.join()
    if rows is None or flagged:
        return None
    counted = _counts(rows)
    if counted is None:
        return None
    counts, total, by_file = counted
    return counts, total, tuple(by_file.get(str(path), 0) for path in files)


def _connect(duckdb: Any) -> Any:
    connection = duckdb.connect(":memory:")
    connection.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
    connection.execute("set preserve_insertion_order = false")
    return connection


def _source(names: Sequence[str]) -> str:
    """The ``read_csv`` call: every column text, as written (no type or dialect guessed)."""
    columns = ", ".join(f"'{_escape(name)}': 'VARCHAR'" for name in names)
    return (
        "read_csv($files, header = true, auto_detect = false, delim = ',', quote = '\"', "
        f"escape = '\"', filename = true, columns = {{{columns}}}, "
        f"max_line_size = {MAX_LINE_BYTES})"
    )


def _escape(name: str) -> str:
    return name.replace("'", "''")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _group(duckdb: Any, files: Sequence[Path], names: Sequence[str]) -> list[Any] | None:
    keys = ", ".join(_quoted(name) for name in (MONTH, FALLS_WITHIN, CRIME_TYPE))
    query = f"select filename, {keys}, count(*) as n from {_source(names)} group by all"
    connection = _connect(duckdb)
    try:
        return list(connection.execute(query, {"files": [str(path) for path in files]}).fetchall())
    except duckdb.Error:
        return None
    finally:
        connection.close()


def _counts(
    rows: list[Any],
) -> tuple[dict[tuple[Month, str, str], int], int, dict[str, int]] | None:
    counts: Counter[tuple[Month, str, str]] = Counter()
    months: dict[str, Month] = {}
    by_file: Counter[str] = Counter()
    total = 0
    for filename, month_text, force, crime_type, n in rows:
        expected = month_in_name(Path(filename))
        force, crime_type = (force or "").strip(), (crime_type or "").strip()
        if not force or not crime_type or month_text is None:
            return None
        if expected is not None and month_text != expected:
            return None
        month = months.get(month_text)
        if month is None:
            try:
                month = months[month_text] = Month.parse(month_text)
            except ValueError:
                return None
        counts[month, force, crime_type] += n
        by_file[filename] += n
        total += n
    return dict(counts), total, dict(by_file)


def repeats(files: Sequence[Path]) -> tuple[int, tuple[Path, ...]] | None:
    """How many rows repeat a Crime ID already seen in their file, and which files hold
    such rows: one small query per file, so memory stays that of one file's IDs. None when
    DuckDB cannot say (the careful reader then counts them)."""
    try:
        import duckdb
    except ImportError:
        return None
    total = 0
    found: list[Path] = []
    connection = _connect(duckdb)
    try:
        for path in files:
            header = _header(path)
            if header is None:
                return None
            names = header.decode("utf-8", errors="replace").split(",")
            column = _quoted(CRIME_ID)
            query = (
                f"select count({column}) - count(distinct {column}) from {_source(names)} "
                f"where {column} <> ''"
            )
            [(repeated,)] = connection.execute(query, {"files": [str(path)]}).fetchall()
            if repeated:
                total += int(repeated)
                found.append(path)
    except duckdb.Error:
        return None
    finally:
        connection.close()
    return total, tuple(found)
