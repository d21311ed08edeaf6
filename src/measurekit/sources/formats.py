"""The ``counts`` and ``records`` source formats (see the statement file reference)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar, cast

import attrs

from measurekit import hookimpl
from measurekit.errors import InputError, Location
from measurekit.input_files import may_quote
from measurekit.limits import MAX_MONTHS
from measurekit.measures.offence_codes import normalise_offence_code, offence_code_matches
from measurekit.model.periods import Month, Window
from measurekit.sources.base import (
    Answer,
    Count,
    ForceRef,
    Query,
    RecordFilter,
    Source,
    SourceFormat,
    SourceSpec,
    Unavailable,
    describe_filter,
)
from measurekit.sources.explanation import Explanation, InputRow
from measurekit.sources.forces import (
    FORCE_COLUMN,
    forces_in_column,
    select_force,
    select_force_by,
)
from measurekit.sources.parsing import boolean, month, month_of_date, whole_number
from measurekit.sources.provenance import InputFile, RowCounter
from measurekit.sources.tabular import Row, read_cells, read_rows
from measurekit.sources.tiling import Gap, tile


@attrs.frozen
class CoverageOptions:
    """Optional keys of a ``records`` source: the months the extract covers.

    By default an extract covers the months from its first to its last record; say so
    explicitly when it runs on past its last record (months with no offences at all).
    """

    start: str | None = None
    end: str | None = None


def outside(window: Window, first: Month, last: Month) -> Unavailable | None:
    """Why ``window`` lies beyond data covering ``first`` to ``last``; None when inside."""
    if window.start < first:
        return Unavailable(f"the data start in {first.label}")
    if window.end > last:
        return Unavailable(f"the data end in {last.label}")
    return None


K = TypeVar("K", bound=tuple[Any, ...])

#: Reads one column's cell of a row (``row.get(column)``) as a value, or raises
#: :class:`InputError` naming the row and column. What it returns must depend only on the
#: cell's text: :func:`tally_rows` reads each distinct text once.
CellReader = Callable[[Row, str], Any]

#: How many distinct cells of one column, and distinct rows, :func:`tally_rows` remembers
#: the reading of; past that it reads each new one as it comes (memory stays bounded).
MAX_REMEMBERED = 1 << 16


def force_rows(
    spec: SourceSpec,
    required: Sequence[str],
    optional: Sequence[str],
    counter: RowCounter | None = None,
) -> Iterator[Row]:
    """The force's rows in ``spec``'s files, file by file; ``counter`` counts every data
    row each file holds (the force's and others')."""
    for path in spec.paths:
        rows: Iterator[Row] = read_rows(path, required, optional)
        if counter is not None:
            rows = counter.counted(path, rows)
        yield from select_force(rows, spec.force, spec.force_explicit, path)


def tally_rows(
    spec: SourceSpec,
    required: Sequence[str],
    optional: Sequence[str],
    readers: Sequence[tuple[str, CellReader]],
    counter: RowCounter | None = None,
    lacking: set[str] | None = None,
) -> Counter[Any]:
    """How many of the force's rows in ``spec``'s files reduce to each key: the tuple of
    what each of ``readers`` reads from its column, in order.

    The rows are streamed, and a row that cannot be read raises at once, as though each
    row were read in turn; but each distinct row, and each distinct cell of a column, is
    read only once (up to :data:`MAX_REMEMBERED` of them at a time), so most rows cost a
    look-up and a count rather than a parse of every cell. The first reader's column
    should be the one whose cells vary most (a record's date). ``counter`` counts every
    data row of each file (the force's and others'); ``lacking`` gathers the optional
    columns some file's header lacks.
    """
    columns = (*(column for column, _ in readers), FORCE_COLUMN)
    force_at = len(readers)
    memories = [_CellMemory(column, reader, at) for at, (column, reader) in enumerate(readers)]
    keys: dict[tuple[str, ...], tuple[Any, ...]] = {}
    # The first column (a date) varies most: its cell and the rest of a row's cells are
    # remembered apart too, so that a new date with known other cells is one look-up each.
    firsts: dict[str, Any] = {}
    rests: dict[tuple[str, ...], tuple[Any, ...]] = {}
    seen: Counter[tuple[str, ...]] = Counter()
    tally: Counter[Any] = Counter()

    def add_up() -> None:
        for values, n in seen.items():
            tally[keys[values]] += n
        seen.clear()
        keys.clear()

    for path in spec.paths:
        quotable = may_quote(path)
        cells: Iterator[tuple[int, tuple[str, ...]]] = read_cells(
            path, required, optional, columns, lacking
        )
        if counter is not None:
            cells = counter.counted(path, cells)
        rows = select_force_by(
            cells,
            lambda item: item[1][force_at].strip(),
            spec.force,
            spec.force_explicit,
            path,
        )
        for number, values in rows:
            if values not in keys:
                if len(keys) >= MAX_REMEMBERED:
                    add_up()
                first, rest = firsts.get(values[0]), rests.get(values[1:])
                if first is None or rest is None:
                    row = _LazyRow(path, number, columns, values, quotable)
                    first, *others = (memory.read(row, values) for memory in memories)
                    rest = tuple(others)
                    if len(rests) < MAX_REMEMBERED:
                        firsts[values[0]] = first
                        rests[values[1:]] = rest
                keys[values] = (first, *rest)
            seen[values] += 1
    add_up()
    return tally


@attrs.define
class _LazyRow:
    """A row's cells, made into a :class:`Row` (for a reader, or an error) only when one
    is needed."""

    path: Path
    number: int
    columns: tuple[str, ...]
    values: tuple[str, ...]
    quotable: bool
    _row: Row | None = None

    @property
    def row(self) -> Row:
        if self._row is None:
            cells = dict(zip(self.columns, self.values, strict=True))
            self._row = Row(self.path, self.number, cells, self.quotable)
        return self._row


@attrs.define
class _CellMemory:
    """What ``reader`` read from each distinct text of ``column``'s cells (at ``position``
    among a row's cells), and one object for each distinct value (the same month read
    from different dates), so that keys holding equal values compare by identity."""

    column: str
    reader: CellReader
    position: int
    texts: dict[str, Any] = attrs.Factory(dict)
    values: dict[Any, Any] = attrs.Factory(dict)

    def read(self, row: _LazyRow, cells: tuple[str, ...]) -> Any:
        text = cells[self.position].strip()
        if text in self.texts:
            return self.texts[text]
        value = self.reader(row.row, self.column)
        if len(self.texts) < MAX_REMEMBERED:
            value = self.values.setdefault(value, value)
            self.texts[text] = value
        return value


class TalliedSource(Source, Generic[K]):
    """Rows tallied by a key whose first item is the row's month, over the months from
    ``first`` to ``last`` (months inside with no rows count as none, not as gaps).

    ``covers`` names what the rows are, as :meth:`coverage` reports them. ``spec`` is
    what the source was opened from (its files are read again to explain a figure) and
    ``files`` the files read, with their rows.
    """

    covers: ClassVar[str] = "rows"

    def __init__(
        self,
        name: str,
        format_name: str,
        tally: Counter[K],
        first: Month,
        last: Month,
        spec: SourceSpec | None = None,
        files: Sequence[InputFile] = (),
    ) -> None:
        super().__init__(name, format_name)
        self._tally = tally
        self.first = first
        self.last = last
        self.spec = spec
        self._files = tuple(files)
        self._monthly: dict[Hashable, dict[int, int]] = {}

    def coverage(self) -> dict[str, list[Month]]:
        return {self.covers: list(Window(self.first, self.last))}

    def inputs(self) -> tuple[InputFile, ...]:
        return self._files

    def opened_from(self) -> SourceSpec:
        """The spec the source was opened from; an error when it was made without one."""
        if self.spec is None:
            raise InputError(
                f"source {self.name!r} was not opened from files, so its rows cannot be listed"
            )
        return self.spec

    def monthly(self, selection: Hashable, admits: Callable[[K], bool]) -> dict[int, int]:
        """How many rows ``admits`` keeps in each month (by :attr:`Month.index`).

        Worked out once per ``selection`` (which must stand for ``admits``: the same
        selection, the same rows kept) in one pass over the tally, so that counting any
        number of windows costs one look-up per month rather than a pass per window.
        """
        totals = self._monthly.get(selection)
        if totals is None:
            totals = {}
            for key, n in self._tally.items():
                if admits(key):
                    index = key[0].index
                    totals[index] = totals.get(index, 0) + n
            self._monthly[selection] = totals
        return totals


def window_total(monthly: Mapping[int, int], window: Window) -> int:
    """The sum of ``monthly`` (counts by :attr:`Month.index`) over the months of ``window``."""
    return sum(monthly.get(index, 0) for index in range(window.start.index, window.end.index + 1))


class ForceColumnFormat(SourceFormat):
    """A CSV or ``.xlsx`` format whose optional ``force`` column lets one file hold several
    forces; such files can feed statements for many forces."""

    def forces(self, spec: SourceSpec) -> list[ForceRef] | None:
        """The forces named in the files' ``force`` column; None when there is none."""
        names = forces_in_column(spec.paths)
        return None if names is None else [ForceRef(name) for name in names]


# --- counts ---------------------------------------------------------------------------


@attrs.frozen
class _Entry:
    window: Window
    value: int
    row: int
    path: Path = Path()


#: One ready-made figure: its window, value and where it was read (a row number).
CountEntry = _Entry


class CountsSource(Source):
    """Figures already counted, by indicator and period (one row each)."""

    def __init__(
        self,
        name: str,
        entries: Mapping[str, Sequence[_Entry]],
        files: Sequence[InputFile] = (),
    ) -> None:
        super().__init__(name, "counts")
        self._entries = entries
        self._files = tuple(files)

    def inputs(self) -> tuple[InputFile, ...]:
        return self._files

    def describe(self, query: Query) -> str:
        return f"rows whose indicator is {query.indicator!r}"

    def explain(self, query: Query, window: Window) -> Explanation:
        """The rows whose figures add up to the count: those tiling the window."""
        entries = self._entries.get(query.indicator, ())
        tiling = tile(window, [entry.window for entry in entries])
        if isinstance(tiling, Gap):
            raise InputError(f"source {self.name!r} holds no figure for the {window.label}")
        chosen = sorted(
            (entry for entry in entries if entry.window in tiling),
            key=lambda entry: (str(entry.path), entry.row),
        )
        rows = tuple(
            InputRow(
                entry.path,
                (
                    str(entry.row),
                    query.indicator,
                    str(entry.window.end),
                    str(entry.window.months),
                    str(entry.value),
                ),
            )
            for entry in chosen
        )
        return Explanation(
            ("line", "indicator", "period_end", "months", "value"),
            rows,
            sum(entry.value for entry in chosen),
            "values",
        )

    def count(self, query: Query, window: Window) -> Answer:
        entries = self._entries.get(query.indicator)
        if not entries:
            return Unavailable(f"source {self.name!r} has no figures for {query.indicator}")
        first = min(entry.window.start for entry in entries)
        last = max(entry.window.end for entry in entries)
        unavailable = outside(window, first, last)
        if unavailable:
            return unavailable
        pieces = {entry.window: entry.value for entry in entries}
        tiling = tile(window, list(pieces))
        if isinstance(tiling, Gap):
            if not tiling.rows:
                return Unavailable(
                    f"no figure covers {tiling.month.label}", missing_month=tiling.month
                )
            gap = tiling.describe(window)
            return Unavailable(gap, missing_month=tiling.month, gap=gap)
        return Count(sum(pieces[piece] for piece in tiling))

    def coverage(self) -> dict[str, list[Month]]:
        return {
            indicator: sorted({month for entry in entries for month in entry.window})
            for indicator, entries in self._entries.items()
        }

    def counts_by_month(self) -> dict[str, dict[Month, int]]:
        """Each indicator's one-month figures (rows covering longer windows are left out)."""
        series = {
            indicator: {
                entry.window.end: entry.value for entry in entries if entry.window.months == 1
            }
            for indicator, entries in self._entries.items()
        }
        return {indicator: dict(sorted(s.items())) for indicator, s in series.items() if s}


class CountsFormat(ForceColumnFormat):
    """``format = "counts"``: columns indicator, period_end, months, value, force."""

    name = "counts"
    description = "figures already counted, by indicator and period (CSV or .xlsx)"
    title = "Counts supplied by the force"

    def open(self, spec: SourceSpec) -> Source:
        entries: dict[str, list[_Entry]] = {}
        seen: dict[tuple[str, Window], Row] = {}
        counter = RowCounter()
        for path in spec.paths:
            rows = counter.counted(
                path,
                read_rows(path, ["indicator", "period_end", "value"], ["months", FORCE_COLUMN]),
            )
            for row in select_force(rows, spec.force, spec.force_explicit, path):
                indicator = row.get("indicator")
                if not indicator:
                    raise row.error("indicator", "indicator is blank")
                months = whole_number(row, "months", default=1, minimum=1, maximum=MAX_MONTHS)
                window = Window.ending(month(row, "period_end"), months)
                value = whole_number(row, "value")
                if (indicator, window) in seen:
                    earlier = seen[indicator, window]
                    raise row.error(
                        "period_end",
                        f"a second figure for {row.quote('indicator')} over {window.label} "
                        f"(the first is at row {earlier.number})",
                    )
                seen[indicator, window] = row
                entries.setdefault(indicator, []).append(_Entry(window, value, row.number, path))
        return CountsSource(spec.name, entries, counter.inputs())


# --- records --------------------------------------------------------------------------

#: What a record is reduced to: month, offence code, then the value of each of
#: :data:`FLAG_COLUMNS` in order. Records are tallied by this key, so memory grows with
#: distinct keys.
RecordKey = tuple[Month, str, bool, str, bool, bool]

#: Values the records format's ``firearm_type`` column may take (or blank).
FIREARM_TYPES = ("handgun", "rifle", "shotgun", "imitation", "air", "other")
#: The records format's optional classification columns, by their place in a
#: :data:`RecordKey`; a measure's :class:`~measurekit.sources.base.RecordFlag` names one.
FLAG_COLUMNS = {
    "knife_or_sharp_instrument": 2,
    "firearm_type": 3,
    "firearm_discharged": 4,
    "domestic_abuse": 5,
}

RECORD_COLUMNS = ("recorded_date", "offence_code")
#: How :meth:`RecordsSource.counts_by_month` names an offence code's series:
#: ``"offence code 56A"``; ``measurekit check`` reads the codes back from these names.
OFFENCE_CODE_SERIES = "offence code "
#: The columns ``measurekit explain`` prints for each record, after its file and line.
EXPLAINED = ("crime_id", "recorded_date", "offence_code", *FLAG_COLUMNS)
RECORD_OPTIONAL = (
    "knife_or_sharp_instrument",
    "firearm_type",
    "firearm_discharged",
    "domestic_abuse",
    "crime_id",
    FORCE_COLUMN,
)


def matches(key: RecordKey, rule: RecordFilter) -> bool:
    """Whether a tallied record satisfies every condition ``rule`` sets (its flags must
    name columns of :data:`FLAG_COLUMNS`). Offence codes match exactly, or with their
    sub-codes for a ``"56*"`` entry (:func:`offence_code_matches`)."""
    return (rule.offence_codes is None or offence_code_matches(key[1], rule.offence_codes)) and all(
        flag.admits(_held(key, flag.column)) for flag in rule.flags
    )


def _held(key: RecordKey, column: str) -> bool | str:
    value = key[FLAG_COLUMNS[column]]
    return value if isinstance(value, bool | str) else False


def unknown_flags(rule: RecordFilter) -> list[str]:
    """The columns ``rule``'s flags name that records do not hold."""
    return [flag.column for flag in rule.flags if flag.column not in FLAG_COLUMNS]


class RecordsSource(TalliedSource[RecordKey]):
    """One row per recorded offence, tallied by month and classification.

    :attr:`lacking` names the flag columns the data do not hold (a file's header, or a
    database table, without them): a figure that needs one cannot be counted, and is
    ``[x]`` saying so, rather than counted as though every record said no.
    """

    covers = "records"
    lacking: frozenset[str] = frozenset()

    def count(self, query: Query, window: Window) -> Answer:
        if query.records is None:
            return Unavailable(
                f"records cannot answer {query.indicator}: the measure gives no offence codes"
            )
        unknown = unknown_flags(query.records)
        if unknown:
            return Unavailable(f"records have no column {', '.join(map(repr, unknown))}")
        absent = sorted({flag.column for flag in query.records.flags} & self.lacking)
        if absent:
            columns = ", ".join(map(repr, absent))
            plural = "s" if len(absent) > 1 else ""
            return Unavailable(f"the records have no {columns} column{plural}")
        unavailable = outside(window, self.first, self.last)
        if unavailable:
            return unavailable
        rule = query.records
        return Count(window_total(self.monthly(rule, lambda key: matches(key, rule)), window))

    def describe(self, query: Query) -> str | None:
        return None if query.records is None else describe_filter(query.records)

    def explain(self, query: Query, window: Window) -> Explanation:
        """Every record of the window the query's filter admits, read again from the
        files, with its cells as the file writes them (trimmed of spaces)."""
        rule = query.records or RecordFilter()
        spec = self.opened_from()
        rows = []
        for row in force_rows(spec, RECORD_COLUMNS, RECORD_OPTIONAL):
            key = _record_key(row)
            if key[0] in window and matches(key, rule):
                rows.append(InputRow(row.path, (str(row.number), *map(row.get, EXPLAINED))))
        return Explanation(("line", *EXPLAINED), tuple(rows), len(rows))

    def counts_by_month(self) -> dict[str, dict[Month, int]]:
        """Records per offence code and month, over the months the extract covers."""
        series: dict[str, dict[Month, int]] = {}
        for key, n in self._tally.items():
            by_month = series.setdefault(f"{OFFENCE_CODE_SERIES}{key[1]}", {})
            by_month[key[0]] = by_month.get(key[0], 0) + n
        months = list(Window(self.first, self.last))
        return {
            name: {month: by_month.get(month, 0) for month in months}
            for name, by_month in sorted(series.items())
        }


class RecordsFormat(ForceColumnFormat):
    """``format = "records"``: one row per recorded offence."""

    name = "records"
    description = "one row per recorded offence, with offence code and flags (CSV or .xlsx)"
    title = "Records of crimes recorded by the force"
    options_type = CoverageOptions

    def open(self, spec: SourceSpec) -> Source:
        counter = RowCounter()
        lacking: set[str] = set()
        tally = tally_rows(spec, RECORD_COLUMNS, RECORD_OPTIONAL, RECORD_READERS, counter, lacking)
        first, last = coverage_months(spec, [key[0] for key in tally])
        source = RecordsSource(spec.name, self.name, tally, first, last, spec, counter.inputs())
        source.lacking = frozenset(lacking & set(FLAG_COLUMNS))
        return source


def _offence_code(row: Row, column: str) -> str:
    code = normalise_offence_code(row.get(column))
    if not code:
        raise row.error(column, "offence code is blank")
    return code


def _firearm_type(row: Row, column: str) -> str:
    firearm = row.get(column).lower()
    if firearm and firearm not in FIREARM_TYPES:
        raise row.error(
            column, f"{row.quote(column)} is not one of {', '.join(FIREARM_TYPES)} or blank"
        )
    return firearm


#: How a record's cells are read into its :data:`RecordKey`, in the key's order.
RECORD_READERS: tuple[tuple[str, CellReader], ...] = (
    ("recorded_date", month_of_date),
    ("offence_code", _offence_code),
    ("knife_or_sharp_instrument", boolean),
    ("firearm_type", _firearm_type),
    ("firearm_discharged", boolean),
    ("domestic_abuse", boolean),
)


def _record_key(row: Row) -> RecordKey:
    """A whole record's key, read as :data:`RECORD_READERS` read it."""
    return cast(RecordKey, tuple(reader(row, column) for column, reader in RECORD_READERS))


def coverage_months(
    spec: SourceSpec, months: list[Month], what: str = "records"
) -> tuple[Month, Month]:
    """The first and last month a source covers: ``start``/``end`` of its
    :class:`CoverageOptions` when given, else the first and last of ``months``. Raises
    :class:`InputError` when neither says."""
    options: CoverageOptions = spec.options or CoverageOptions()
    where = Location(spec.paths[0] if spec.paths else spec.name)
    try:
        first = Month.parse(options.start) if options.start else min(months, default=None)
        last = Month.parse(options.end) if options.end else max(months, default=None)
    except ValueError as error:
        raise InputError(f"sources.{spec.name}: {error}", where) from None
    if first is None or last is None:
        raise InputError(
            f"the file holds no {what}; give start and end under "
            f"[sources.{spec.name}] if there truly were none",
            where,
        )
    return first, last


@hookimpl
def register_source_formats() -> list[SourceFormat]:
    """The core's record-level and ready-counted source formats."""
    return [CountsFormat(), RecordsFormat()]
