"""Reading ``.parquet`` files, row by row, through DuckDB.

Every records, counts and survey source may be a Parquet file with the same columns as its
CSV. The rows come back as the text a CSV export would hold (dates ``YYYY-MM-DD``,
booleans ``true``/``false``), so one parser serves every file type and gives the same
figures. Rows are numbered as in that CSV export: the first record is row 2.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path

from measurekit.__about__ import DISTRIBUTION
from measurekit.errors import InputError, Location
from measurekit.input_files import not_regular

#: Rows fetched from DuckDB at a time.
BATCH_ROWS = 8192


def parquet_rows(
    path: Path, cell_text: Callable[[object], str]
) -> Generator[list[str], None, None]:
    """The header (column names), then each row of the Parquet file at ``path`` with its
    cells turned into text by ``cell_text``.

    Raises :class:`InputError` naming the file when DuckDB is not installed or the file is
    not a readable Parquet file.
    """
    problem = not_regular(path)
    if problem:
        raise InputError(problem, Location(path))
    try:
        import duckdb
    except ImportError:
        raise InputError(
            f"reading .parquet files needs DuckDB: pip install '{DISTRIBUTION}[sql]'",
            Location(path),
        ) from None
    connection = duckdb.connect(":memory:")
    try:
        try:
            result = connection.execute("select * from read_parquet(?)", [str(path)])
        except duckdb.Error as error:
            raise InputError(
                f"not a readable Parquet file: {_line(error)}", Location(path)
            ) from None
        yield [str(column[0]) for column in result.description or ()]
        while True:
            try:
                batch = result.fetchmany(BATCH_ROWS)
            except duckdb.Error as error:
                raise InputError(
                    f"not a readable Parquet file: {_line(error)}", Location(path)
                ) from None
            if not batch:
                break
            for row in batch:
                yield [cell_text(value) for value in row]
    finally:
        connection.close()


def _line(error: Exception) -> str:
    text = str(error).strip()
    return " ".join(text.splitlines()[0].split()) if text else type(error).__name__
