"""Asking a database a ``sql`` source's questions, and reading the answers.

A source asks at most three questions: which columns the relation has (a query returning
no rows), which forces it holds (``group by force``, only when one force is wanted from a
table of several) and the counting query of :func:`~measurekit.sources.sql.queries.grouped`.
The counting query returns one row per distinct combination of month and raw column values
with its count, so what travels is a few thousand numbers however many rows the table has.
Raw values (``Y``, ``true``, ``28e``) are read here by the rules of the file formats,
so a database gives the figures its CSV export would.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from measurekit.errors import InputError
from measurekit.model.periods import Month, check_year
from measurekit.shared_methods import shared_methods
from measurekit.sources.sql.connection import Database, first_line
from measurekit.sources.sql.options import OPTIONAL, REQUIRED, Shape
from measurekit.sources.sql.queries import (
    Relation,
    date_check,
    distinct_forces,
    grouped,
    probe,
)
from measurekit.text_rules import excerpt

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.sql import Select


@attrs.frozen
@shared_methods
class Layout:
    """A relation and where each standard column of its shape is held in it (standard name
    to the database's name; optional columns it lacks are left out)."""

    relation: Relation
    shape: Shape
    held: dict[str, str]
    #: How messages name the source and its database object.
    where: str

    def column(self, standard: str) -> str:
        """``column "knife" (knife_or_sharp_instrument)`` for messages."""
        name = self.held.get(standard, standard)
        return f"column {name!r}" + (f" ({standard})" if name != standard else "")


@attrs.frozen
@shared_methods
class GroupRow:
    """One row of the counting query: the raw value of each standard column grouped by
    (``year``/``month`` for the date), and how many rows share them."""

    values: dict[str, Any]
    n: int

    def text(self, standard: str) -> str:
        """The value as a CSV cell would hold it: blank for null, ``true``/``false``
        for a boolean, digits for a whole number."""
        value = self.values.get(standard)
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if hasattr(value, "isoformat"):  # a date or timestamp column
            return str(value.isoformat())[:10]
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()


def run(
    connection: Connection, query: Select[Any], database: Database, where: str, doing: str
) -> list[Any]:
    """Every row ``query`` returns; a database error is a one-line :class:`InputError`
    saying what was being done and what the database said."""
    from sqlalchemy.exc import DBAPIError

    try:
        return list(connection.execute(query))
    except DBAPIError as error:
        connection.rollback()
        raise InputError(f"{where}: {doing} failed: {database.scrub(first_line(error))}") from None


def layout(
    connection: Connection,
    relation: Relation,
    shape: Shape,
    mapping: Mapping[str, str],
    database: Database,
    source: str,
) -> Layout:
    """Find each standard column of ``shape`` in ``relation`` (by the name ``mapping``
    gives, else its own; case is ignored when the database's spelling is unambiguous).

    Errors name the source and object: a table that does not exist, a query that fails, a
    required column (or one ``mapping`` names) that is missing.
    """
    from sqlalchemy import inspect
    from sqlalchemy.exc import DBAPIError

    where = f"source {source!r}, {relation.label} in {database.shown}"
    try:
        names = list(connection.execute(probe(relation)).keys())
    except DBAPIError as error:
        said = database.scrub(first_line(error))
        connection.rollback()
        if relation.table is not None:
            schema, _, name = relation.table.rpartition(".")
            try:
                exists = inspect(connection).has_table(name, schema or None)
            except DBAPIError:
                connection.rollback()
                exists = True
            if not exists:
                raise InputError(f"{where}: no such table in the database ({said})") from None
            raise InputError(f"{where}: cannot read the table: {said}") from None
        raise InputError(f"{where}: the query fails: {said}") from None
    held: dict[str, str] = {}
    for standard in (*REQUIRED[shape], *OPTIONAL[shape]):
        wanted = mapping.get(standard, standard)
        found = _find(wanted, names)
        if found is not None:
            held[standard] = found
            continue
        if standard in REQUIRED[shape] or standard in mapping:
            has = ", ".join(excerpt(name) for name in names[:20]) or "no columns"
            via = f" (the {standard} column)" if wanted != standard else ""
            raise InputError(f"{where}: no column {wanted!r}{via}; it has {has}")
    return Layout(relation, shape, held, where)


def _find(wanted: str, names: Sequence[str]) -> str | None:
    if wanted in names:
        return wanted
    folded = [name for name in names if name.lower() == wanted.lower()]
    return folded[0] if len(folded) == 1 else None


def forces_held(connection: Connection, layout: Layout, database: Database) -> dict[Any, int]:
    """Each raw value of the force column, with its rows."""
    rows = run(
        connection,
        distinct_forces(layout.relation, layout.held["force"]),
        database,
        layout.where,
        "listing the forces",
    )
    return {row.force: int(row.n) for row in rows}


def count_groups(
    connection: Connection,
    layout: Layout,
    database: Database,
    forces: Collection[Any] | None = None,
) -> list[GroupRow]:
    """The counting query's rows. A failure is put down to the date column when that
    column alone cannot be read as dates (text such as ``31/04/2023``)."""
    from sqlalchemy.exc import DBAPIError

    query = grouped(layout.relation, layout.shape, layout.held, forces)
    try:
        rows = list(connection.execute(query))
    except DBAPIError as error:
        said = database.scrub(first_line(error))
        connection.rollback()
        date = next((d for d in ("recorded_date", "response_date") if d in layout.held), None)
        if date is not None:
            try:
                connection.execute(date_check(layout.relation, layout.held[date]))
            except DBAPIError:
                connection.rollback()
                raise InputError(
                    f"{layout.where}: {layout.column(date)} holds values that are not dates "
                    f"(write them YYYY-MM-DD, or use a date column): {said}"
                ) from None
        raise InputError(f"{layout.where}: counting the rows failed: {said}") from None
    return [
        GroupRow({k: v for k, v in row._mapping.items() if k != "n"}, int(row.n)) for row in rows
    ]


def group_month(row: GroupRow, layout: Layout, date: str) -> Month:
    """The month of a counting row; a null date or one outside the years measurekit
    reads is an error naming the column."""
    year, month = row.values.get("year"), row.values.get("month")
    if year is None or month is None:
        raise InputError(
            f"{layout.where}: {layout.column(date)} is blank in {row.n:,} "
            f"{'row' if row.n == 1 else 'rows'}; every row needs a date"
        )
    try:
        check_year(int(year), f"{int(year):04d}-{int(month):02d}")
    except ValueError as error:
        raise InputError(f"{layout.where}: {layout.column(date)}: {error}") from None
    return Month(int(year), int(month))


def bad_value(layout: Layout, row: GroupRow, standard: str, expected: str) -> InputError:
    """An error for a value of ``standard`` that is not what the shape allows."""
    shown = excerpt(row.text(standard)) if row.text(standard) else "a blank"
    rows = "row" if row.n == 1 else "rows"
    return InputError(
        f"{layout.where}: {layout.column(standard)} holds {shown} ({row.n:,} {rows}), "
        f"which is not {expected}"
    )


def choose_forces(
    held: Iterable[Any], wanted: Sequence[str], explicit: bool, where: str
) -> frozenset[Any]:
    """The raw force values whose rows belong to the wanted force, as
    :func:`~measurekit.sources.forces.select_force` chooses rows from a file: blank or null
    always; matching names (folded) when any match; the one force present when the
    statement did not name one; otherwise an error listing the forces present."""
    from measurekit.sources.forces import normalise

    keys = {normalise(name) for name in wanted}
    values = list(held)
    blank = {value for value in values if value is None or not str(value).strip()}
    named = [value for value in values if value not in blank]
    matched = {value for value in named if normalise(str(value)) in keys}
    if matched or not named:
        return frozenset(blank | matched)
    if len(named) == 1 and not explicit:
        return frozenset(values)
    present = ", ".join(sorted(excerpt(str(value)) for value in named))
    raise InputError(
        f"{where}: no rows for force {' or '.join(repr(w) for w in wanted)}; it holds "
        f'{present} (set force = "..." for the source)'
    )
