"""``format = "sql"``: a table or query in a database, counted where it lives.

The format is registered whether or not SQLAlchemy is installed (``measurekit plugins``
lists it); opening a source without it is a one-line error naming the ``sql`` extra.
"""

from __future__ import annotations

import importlib.util

from measurekit.errors import InputError
from measurekit.sources.base import ForceRef, Source, SourceFormat, SourceSpec
from measurekit.sources.sql.options import SqlOptions


def _needs_sqlalchemy(spec: SourceSpec) -> None:
    if importlib.util.find_spec("sqlalchemy") is None:
        from measurekit.sources.sql.connection import INSTALL_SQL

        raise InputError(
            f"source {spec.name!r}: sql sources need SQLAlchemy and DuckDB: {INSTALL_SQL}"
        )


class SqlFormat(SourceFormat):
    """``format = "sql"``: keys ``url`` or ``url_env``, ``table`` or ``query``, ``shape``
    and ``columns`` (see :class:`~measurekit.sources.sql.options.SqlOptions`)."""

    name = "sql"
    description = (
        "a table or query in a database (DuckDB, PostgreSQL, SQL Server, Trino, Spark SQL, "
        "any SQLAlchemy URL), counted where it lives"
    )
    title = "Data held in a database"
    options_type = SqlOptions
    reads_files = False

    def open(self, spec: SourceSpec) -> Source:
        """Ask the database for the source's counts (one aggregate query; two when one
        force is wanted from a table of several) and answer from them. Every problem is a
        one-line :class:`InputError` naming the source and the database object."""
        _needs_sqlalchemy(spec)
        from measurekit.sources.sql.source import open_source

        return open_source(spec)

    def forces(self, spec: SourceSpec) -> list[ForceRef] | None:
        """The forces in the force column (None without one). The query behind the list
        is grouped by force and kept, so that each force's statement reads its counts
        from that one answer instead of asking again."""
        _needs_sqlalchemy(spec)
        from measurekit.sources.sql.source import list_forces

        return list_forces(spec)
