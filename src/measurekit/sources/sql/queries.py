"""The questions a ``sql`` source asks, written with SQLAlchemy Core.

Nothing from a statement file is pasted into SQL: table and column names become quoted
identifiers, values become bound parameters, and a user's own ``query`` is wrapped as a
subquery (``select ... from (QUERY) as source``). Every query here aggregates or returns no
rows, except :func:`figure_rows`, which selects the rows behind one figure for ``explain``.
The same query objects compile for every SQLAlchemy dialect (DuckDB, PostgreSQL, SQL
Server, Trino, Spark SQL): see :func:`compiled`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ColumnElement, FromClause, Select
from sqlalchemy.sql.elements import quoted_name

from measurekit.model.periods import Window
from measurekit.shared_methods import shared_methods
from measurekit.sources.sql.options import DATE_COLUMN, Shape

#: The alias a user's query runs under.
SUBQUERY = "source"


@attrs.frozen
@shared_methods
class Relation:
    """Where a source's rows are: a table (``schema.table`` allowed) or a user's query."""

    table: str | None = None
    query: str | None = None

    @property
    def label(self) -> str:
        """How messages name it: ``table "crime_records"`` or ``the query``."""
        return f"table {self.table!r}" if self.table is not None else "the query"

    def clause(self, columns: Sequence[str] = ()) -> FromClause:
        """The relation as a FROM clause exposing ``columns`` (names as the database holds
        them, always quoted)."""
        names: list[sa.ColumnClause[Any]] = [
            sa.column(quoted_name(name, quote=True)) for name in columns
        ]
        if self.table is not None:
            schema, _, name = self.table.rpartition(".")
            return sa.table(
                quoted_name(name, quote=True),
                *names,
                schema=quoted_name(schema, quote=True) if schema else None,
            )
        assert self.query is not None
        # A colon in the user's text is not a bound parameter: escape each one.
        text = self.query.strip().rstrip(";").strip().replace(":", "\\:")
        return sa.text(text).columns(*names).subquery(SUBQUERY)


def probe(relation: Relation) -> Select[Any]:
    """``select * from RELATION where false``: the column names, and no rows."""
    return sa.select(sa.literal_column("*")).select_from(relation.clause()).where(sa.false())


def month_parts(date: ColumnElement[Any]) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """The year and month of a date column (a text column is cast to a date first, so text
    that is not a date is the database's error)."""
    day = sa.cast(date, sa.Date)
    return sa.extract("year", day).label("year"), sa.extract("month", day).label("month")


def distinct_forces(relation: Relation, force: str) -> Select[Any]:
    """Each value of the force column, with its rows: ``group by force``."""
    column = relation.clause([force]).c[force]
    return sa.select(column.label("force"), sa.func.count().label("n")).group_by(column)


def grouped(
    relation: Relation,
    shape: Shape,
    held: Mapping[str, str],
    forces: Collection[str | None] | None = None,
) -> Select[Any]:
    """The one counting query of a source: rows counted by month (records and survey) and
    by the raw value of every other standard column ``held`` maps (standard name to the
    database's name); for counts, grouped by every column, so each row comes back once
    with how often it occurs.

    ``forces`` restricts the rows to those force values (None in it: rows without one);
    None asks for every force. Result columns are labelled with the standard names, plus
    ``year`` and ``month`` and the count ``n``.
    """
    clause = relation.clause(list(held.values()))
    date = DATE_COLUMN[shape]
    keys: list[ColumnElement[Any]] = []
    if date is not None:
        keys.extend(month_parts(clause.c[held[date]]))
    keys.extend(
        clause.c[name].label(standard)
        for standard, name in held.items()
        if standard not in (date, "crime_id")
    )
    query = sa.select(*keys, sa.func.count().label("n")).select_from(clause)
    query = query.group_by(*(key.element for key in keys))
    if forces is not None:
        query = query.where(force_condition(clause.c[held["force"]], forces))
    return query


def force_condition(column: ColumnElement[Any], forces: Collection[str | None]) -> Any:
    """``force in (:values)``, or ``force is null`` too when None is among them."""
    values = sorted(value for value in forces if value is not None)
    condition = column.in_(values) if values else sa.false()
    return sa.or_(condition, column.is_(None)) if None in forces else condition


def date_check(relation: Relation, column: str) -> Select[Any]:
    """``select min(cast(COLUMN as date))``: fails exactly when the column holds values the
    database cannot read as dates."""
    clause = relation.clause([column])
    return sa.select(sa.func.min(sa.cast(clause.c[column], sa.Date)))


def figure_rows(
    relation: Relation,
    shape: Shape,
    held: Mapping[str, str],
    window: Window,
    conditions: Mapping[str, Collection[Any]],
) -> Select[Any]:
    """The rows behind one figure, standard columns labelled with their standard names:
    dated in ``window`` (records and survey), each column of ``conditions`` holding one of
    its values (the raw values that satisfy the figure's filter, bound as parameters; None
    among them admits a null). For ``measurekit explain``: never used to count."""
    clause = relation.clause(list(held.values()))
    columns = [clause.c[name].label(standard) for standard, name in held.items()]
    query = sa.select(*columns).select_from(clause)
    date = DATE_COLUMN[shape]
    if date is not None:
        day = sa.cast(clause.c[held[date]], sa.Date)
        first = dt.date(window.start.year, window.start.month, 1)
        after = window.end + 1
        query = query.where(day >= first, day < dt.date(after.year, after.month, 1))
        query = query.order_by(day)
    for standard, values in conditions.items():
        query = query.where(force_condition(clause.c[held[standard]], values))
    return query


@attrs.frozen
@shared_methods
class CompiledSql:
    """A query as one dialect's SQL text with its bound parameters beside it."""

    text: str
    parameters: dict[str, Any]


def compiled(query: Select[Any], dialect: Dialect) -> CompiledSql:
    """``query`` compiled for ``dialect``: the text sent to the database and the values
    bound to it (never pasted into the text)."""
    # A list bound to ``in`` is expanded into one parameter per value, as it is sent.
    result = query.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    return CompiledSql(str(result), dict(result.params))
