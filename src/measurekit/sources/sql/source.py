"""A ``sql`` source: opened by asking the database to count, and answering from its counts."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from measurekit.measures.offence_codes import normalise_offence_code, offence_code_matches
from measurekit.model.periods import Month, Window
from measurekit.sources.base import (
    Answer,
    Diagnostic,
    ForceRef,
    IndicatorScope,
    Population,
    Query,
    Severity,
    Source,
    SourceSpec,
    Tally,
    Unavailable,
)
from measurekit.sources.explanation import Explanation, InputRow
from measurekit.sources.formats import (
    EXPLAINED,
    FLAG_COLUMNS,
    CountsSource,
    CoverageOptions,
    RecordsSource,
    coverage_months,
)
from measurekit.sources.parsing import boolean_text
from measurekit.sources.sql.connection import Database, connected, resolve
from measurekit.sources.sql.counting import (
    GroupRow,
    Layout,
    choose_forces,
    count_groups,
    forces_held,
    layout,
    run,
)
from measurekit.sources.sql.options import Shape, SqlOptions
from measurekit.sources.sql.queries import CompiledSql, Relation, compiled, figure_rows
from measurekit.sources.sql.tallies import (
    count_entries,
    flag,
    record_tally,
    response_tally,
)
from measurekit.sources.survey import EXPLAINED as SURVEY_EXPLAINED
from measurekit.sources.survey import SurveySource

if TYPE_CHECKING:
    from sqlalchemy.engine import Dialect

#: How long the rows of a query grouped by force are kept for the forces' statements
#: (``--all-forces`` asks once and builds every force from the one answer).
KEEP_SECONDS = 300.0

_Key = tuple[str, str | None, str | None, str, tuple[tuple[str, str], ...]]
_by_force: dict[_Key, tuple[float, Layout, list[GroupRow]]] = {}


class SqlSource(Source):
    """A database's answers, read into the source a file of the same shape would give.

    Counting is delegated to that source (:class:`~measurekit.sources.formats.RecordsSource`,
    :class:`~measurekit.sources.formats.CountsSource` or
    :class:`~measurekit.sources.survey.SurveySource`); this class adds what only a database
    source can say: the SQL behind a figure (:meth:`figure_sql`).
    """

    def __init__(
        self,
        name: str,
        inner: Source,
        layout: Layout,
        rows: Sequence[GroupRow],
        forces: frozenset[Any] | None,
        database: Database,
    ) -> None:
        super().__init__(name, "sql")
        self.inner = inner
        self.layout = layout
        self.rows = tuple(rows)
        self.forces = forces
        self.database = database

    def count(self, query: Query, window: Window) -> Answer:
        return self.inner.count(query, window)

    def tally(self, query: Query, window: Window) -> Tally | Unavailable:
        return self.inner.tally(query, window)

    def coverage(self) -> Mapping[str, list[Month]]:
        return self.inner.coverage()

    def counts_by_month(self) -> Mapping[str, Mapping[Month, int]]:
        return self.inner.counts_by_month()

    def population(self, window: Window) -> Population | Unavailable:
        return self.inner.population(window)

    def scope(self, indicator: str) -> IndicatorScope | None:
        return self.inner.scope(indicator)

    def diagnostics(self) -> list[Diagnostic]:
        counted = sum(row.n for row in self.rows)
        return [
            Diagnostic(
                Severity.INFO,
                f"{self.layout.where}: {counted:,} rows counted by the database, "
                f"{len(self.rows):,} grouped rows fetched",
            )
        ]

    def figure_query(self, query: Query, window: Window) -> Any:
        """The ``select`` of the rows behind one figure: those dated in ``window`` whose
        raw values satisfy ``query``'s filter (for a counts table: the indicator's rows),
        values bound as parameters. See :meth:`figure_sql` for its text."""
        conditions: dict[str, set[Any]] = {}
        rule = query.records
        if self.layout.shape is Shape.COUNTS:
            conditions["indicator"] = {
                row.values["indicator"]
                for row in self.rows
                if row.text("indicator") == query.indicator
            }
        elif rule is not None:
            if rule.offence_codes is not None and "offence_code" in self.layout.held:
                conditions["offence_code"] = {
                    row.values["offence_code"]
                    for row in self.rows
                    if offence_code_matches(
                        normalise_offence_code(row.text("offence_code")), rule.offence_codes
                    )
                }
            for condition in rule.flags:
                if condition.column not in self.layout.held:
                    continue  # such a figure is [x] (RecordsSource.lacking): never listed
                conditions[condition.column] = {
                    row.values[condition.column]
                    for row in self.rows
                    if condition.admits(_held(self.layout, row, condition.column))
                }
        if self.forces is not None:
            conditions["force"] = set(self.forces)
        return figure_rows(
            self.layout.relation, self.layout.shape, self.layout.held, window, conditions
        )

    def figure_sql(
        self, query: Query, window: Window, dialect: Dialect | None = None
    ) -> CompiledSql:
        """The SQL text and bound parameters of :meth:`figure_query`, for ``dialect``
        (default: the source's own database)."""
        if dialect is None:
            from sqlalchemy.engine import create_mock_engine

            dialect = create_mock_engine(self.database.url, lambda *_: None).dialect
        return compiled(self.figure_query(query, window), dialect)

    def describe(self, query: Query) -> str | None:
        return self.inner.describe(query)

    def explain(self, query: Query, window: Window) -> Explanation:
        """The rows behind one figure, fetched from the database by :meth:`figure_query`,
        with the SQL it ran and its bound values in :attr:`Explanation.how`. Each row's
        ``file`` is the database object (the table or query, and the database); records
        are counted as rows, survey responses as responses. A counts table's figure is the
        sum of the rows that tile the window, as for a counts file."""
        sql = self.figure_sql(query, window)
        bound = ", ".join(f"{name} = {value!r}" for name, value in sql.parameters.items())
        how = (f"the database ran: {' '.join(sql.text.split())}", f"with {bound or 'no values'}")
        label = f"{self.layout.relation.label} in {self.database.shown}"
        where = Path(self.layout.relation.label)
        if self.layout.shape is Shape.COUNTS:
            tiled = self.inner.explain(query, window)
            rows = tuple(InputRow(where, row.cells, label) for row in tiled.rows)
            return attrs.evolve(tiled, rows=rows, how=(*tiled.how, *how))
        fetched_columns, fetched = self.figure_rows(query, window)
        # The columns a file of the same shape explains with, in its order; a database row
        # has no line number, and a column the relation lacks is blank.
        columns = ("line", *(SURVEY_EXPLAINED if self.layout.shape is Shape.SURVEY else EXPLAINED))
        at = {name: index for index, name in enumerate(fetched_columns)}
        rows = tuple(
            InputRow(
                where,
                tuple("" if name not in at else _cell(row[at[name]]) for name in columns),
                label,
            )
            for row in fetched
        )
        if self.layout.shape is Shape.SURVEY:
            satisfied = columns.index("satisfied")
            yes = sum(boolean_text(row.cells[satisfied]) is True for row in rows)
            return Explanation(columns, rows, yes, "responses", how)
        return Explanation(columns, rows, len(rows), "rows", how)

    def figure_rows(self, query: Query, window: Window) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The rows of :meth:`figure_query`, fetched from the database: column names and
        rows (for ``measurekit explain``, which prints them)."""
        selected = self.figure_query(query, window)
        with connected(self.database, self.name) as connection:
            rows = run(connection, selected, self.database, self.layout.where, "listing rows")
        return [column.name for column in selected.selected_columns], [tuple(r) for r in rows]


def _cell(value: Any) -> str:
    """A database value as a CSV cell: blank for null, dates as ``YYYY-MM-DD``."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _held(layout: Layout, row: GroupRow, column: str) -> bool | str:
    if column == "firearm_type":
        return row.text(column).lower()
    return flag(layout, row, column)


def _settings(spec: SourceSpec) -> tuple[SqlOptions, Shape, Database, Relation]:
    options: SqlOptions = spec.options or SqlOptions()
    shape = options.checked(spec.name)
    database = resolve(spec.name, options.url, options.url_env, spec.base)
    return options, shape, database, Relation(options.table, options.query)


def _key(database: Database, options: SqlOptions) -> _Key:
    columns = tuple(sorted(options.columns.items()))
    return (database.shown, options.table, options.query, options.shape, columns)


def _kept(key: _Key) -> tuple[Layout, list[GroupRow]] | None:
    now = time.monotonic()
    for stale in [k for k, (when, *_) in _by_force.items() if now - when > KEEP_SECONDS]:
        del _by_force[stale]
    entry = _by_force.get(key)
    return None if entry is None else (entry[1], entry[2])


def _inner(spec: SourceSpec, options: SqlOptions, found: Layout, rows: list[GroupRow]) -> Source:
    coverage = CoverageOptions(options.start, options.end)
    covered = SourceSpec(spec.name, "sql", (), options=coverage)
    if found.shape is Shape.COUNTS:
        return CountsSource(spec.name, count_entries(found, rows))
    if found.shape is Shape.SURVEY:
        tally = response_tally(found, rows)
        first, last = coverage_months(covered, [key[0] for key in tally], "responses")
        return SurveySource(spec.name, "sql", tally, first, last)
    records = record_tally(found, rows)
    first, last = coverage_months(covered, [key[0] for key in records])
    source = RecordsSource(spec.name, "sql", records, first, last)
    source.lacking = frozenset(column for column in FLAG_COLUMNS if column not in found.held)
    return source


def open_source(spec: SourceSpec) -> SqlSource:
    """Open a sql source: see :meth:`SqlFormat.open`."""
    options, shape, database, relation = _settings(spec)
    key = _key(database, options)
    kept = _kept(key)
    with connected(database, spec.name) as connection:
        if kept is not None:
            found, every = kept
        else:
            found = layout(connection, relation, shape, options.columns, database, spec.name)
            every = None
        chosen: frozenset[Any] | None = None
        if "force" in found.held:
            held = (
                {row.values.get("force") for row in every}
                if every is not None
                else set(forces_held(connection, found, database))
            )
            chosen = choose_forces(held, spec.force, spec.force_explicit, found.where)
        if every is not None:
            rows = [row for row in every if chosen is None or row.values["force"] in chosen]
        else:
            rows = count_groups(connection, found, database, chosen)
    return SqlSource(spec.name, _inner(spec, options, found, rows), found, rows, chosen, database)


def list_forces(spec: SourceSpec) -> list[ForceRef] | None:
    """The forces in the force column, from one query grouped by force whose answer
    each force's statement then reads (None when there is no force column)."""
    options, shape, database, relation = _settings(spec)
    key = _key(database, options)
    kept = _kept(key)
    if kept is None:
        with connected(database, spec.name) as connection:
            found = layout(connection, relation, shape, options.columns, database, spec.name)
            if "force" not in found.held:
                return None
            rows = count_groups(connection, found, database)
        _by_force[key] = (time.monotonic(), found, rows)
        kept = (found, rows)
    found, rows = kept
    if "force" not in found.held:
        return None
    names = {row.text("force") for row in rows} - {""}
    return [ForceRef(name) for name in sorted(names)] or None
