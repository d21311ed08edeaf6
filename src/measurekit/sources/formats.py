"""The ``counts`` and ``records`` source formats (see the statement file reference)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

import attrs

from measurekit import hookimpl
from measurekit.errors import InputError, Location
from measurekit.input_files import may_quote
from measurekit.limits import MAX_MONTHS
from measurekit.measures.offence_codes import normalise_offence_code, offence_code_matches
from measurekit.model.periods import Month, Window
from measurekit.shared_methods import shared_methods
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
from measurekit.sources.forces import (
    FORCE_COLUMN,
    ForceRule,
    forces_in_column,
    select_force,
    select_force_by,
)
from measurekit.sources.parsing import boolean, month, month_of_date, whole_number
from measurekit.sources.provenance import InputFile, RowCounter
from measurekit.sources.tabular import Row, cell_chunks, read_cells, read_rows
from measurekit.sources.tiling import Gap, tile

if TYPE_CHECKING:  # loaded by ``measurekit explain``, not by a build
    from measurekit.sources.explanation import Explanation


@attrs.frozen
@shared_methods
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
    what each of ``readers`` reads from its column, in order. The first reader's column
    should be the one whose cells vary most (a record's date).

    Each file is read a chunk of rows at a time (:func:`cell_chunks`) and its rows are
    counted in C (``map``, ``zip``, :class:`collections.Counter`): by what their first
    cell reads as, and the raw text of their other cells. Only each distinct first cell,
    and each distinct combination of the rest, is read by a Python call; what was read is
    remembered for at most :data:`MAX_REMEMBERED` distinct cells (and rows) of each, plus
    a chunk's worth, so memory stays bounded. Only the force's rows are read (another
    force's bad cell is no error). When anything in a file cannot be read, the file is
    read again row by row (:func:`_raise_first_problem`), so the error is the one reading
    each row in turn meets first, at its row.

    ``counter`` counts every data row of each file (the force's and others');
    ``lacking`` gathers the optional columns some file's header lacks.
    """
    columns = (*(column for column, _ in readers), FORCE_COLUMN)
    tally: Counter[Any] = Counter()
    for path in spec.paths:
        rows = 0
        problem: InputError | None = None
        try:
            file_tally = _FileTally(path, spec, readers)
            for chunk in cell_chunks(path, required, optional, columns, lacking):
                rows += len(chunk.cells)
                file_tally.add(chunk.cells)
            tally.update(file_tally.finish())
        except InputError as error:
            problem = error
        finally:
            if counter is not None:
                counter.add(path, rows)
        if problem is not None:
            _raise_first_problem(path, spec, required, optional, columns, readers)
            raise _without_unknown_row(problem)  # only if reading row by row met nothing
    return tally


def _without_unknown_row(error: InputError) -> InputError:
    """``error``, without the row number a :class:`_FileTally` reader gave it (unknown)."""
    where = error.location
    if where is None or where.row != _NOT_KNOWN:
        return error
    return InputError(error.message, Location(where.path, None, where.column))


_REST = itemgetter(slice(1, None))
_FIRST = itemgetter(0)


class _FileTally:
    """One file's rows of the force, counted by their key (see :func:`tally_rows`).

    A row's first cell is replaced, in C, by a small number standing for what it reads as
    (``codes``, made the first time each distinct cell is met); rows are then counted by
    that number and the raw text of their other cells (the last being the ``force``
    cell), and each such pair is made into a key when :meth:`flush` adds it up. A reader's
    error here names no row (its number is not known): :func:`tally_rows` then finds it.
    """

    def __init__(
        self, path: Path, spec: SourceSpec, readers: Sequence[tuple[str, CellReader]]
    ) -> None:
        self.path = path
        self.readers = readers
        self.quotable = may_quote(path)
        self.rule = ForceRule(spec.force, spec.force_explicit, path)
        self.codes: dict[str, int] = {}  # a first cell's text: its value's number
        self.numbers: dict[Any, int] = {}  # a value read from a first cell: its number
        self.values: list[Any] = []  # the values, by number
        self.rests: dict[tuple[str, ...], tuple[Any, ...]] = {}  # other cells: what they read as
        self.pending: Counter[tuple[int, tuple[str, ...]]] = Counter()
        self.held: Counter[tuple[Any, tuple[str, ...]]] = Counter()  # another force's rows
        self.tally: Counter[Any] = Counter()

    def add(self, cells: list[tuple[str, ...]]) -> None:
        """Count rows given as their cells (in the order of ``columns``)."""
        firsts = list(map(_FIRST, cells))
        distinct = set(firsts)
        new = distinct.difference(self.codes)
        if new:
            if len(self.codes) + len(new) > MAX_REMEMBERED:
                self.flush()  # the pending rows' numbers stand for values about to go
                self.codes.clear()
                self.numbers.clear()
                self.values.clear()
                new = distinct
            for text in new:
                value = self._first_value(text)
                number = self.numbers.setdefault(value, len(self.values))
                if number == len(self.values):
                    self.values.append(value)
                self.codes[text] = number
        self.pending.update(
            zip(map(self.codes.__getitem__, firsts), map(_REST, cells), strict=True)
        )
        if len(self.pending) >= MAX_REMEMBERED:
            self.flush()

    def flush(self) -> None:
        """Add the pending rows up by key: the force's to the tally; another force's are
        held while they may prove to be the file's only force (:class:`ForceRule`). A row
        whose first cell could not be read raises its error here, if it is counted."""
        rule, values, held, tally = self.rule, self.values, self.held, self.tally
        for (number, rest), n in self.pending.items():
            if rule.admits(rest[-1].strip()):
                tally[(_readable(values[number]), *self._rest(rest))] += n
            elif rule.holding:
                held[values[number], rest] += n
            else:
                held.clear()
        self.pending.clear()

    def finish(self) -> Counter[Any]:
        """The file's tally, once every row has been added."""
        self.flush()
        self.rule.check_some_row_belongs()
        if self.rule.holding:
            for (value, rest), n in self.held.items():
                self.tally[(_readable(value), *self._rest(rest))] += n
        return self.tally

    def _first_value(self, text: str) -> Any:
        """What a first cell reads as, or an :class:`_Unreadable` holding why it cannot be
        read: another force's row is never read, so its error must wait for the verdict."""
        try:
            return self._read(0, text)
        except InputError as error:
            return _Unreadable(error)

    def _rest(self, rest: tuple[str, ...]) -> tuple[Any, ...]:
        """What a row's cells after the first (the force cell last) read as."""
        known = self.rests.get(rest)
        if known is None:
            known = tuple(self._read(at, text) for at, text in enumerate(rest[:-1], start=1))
            if len(self.rests) >= MAX_REMEMBERED:
                self.rests.clear()
            self.rests[rest] = known
        return known

    def _read(self, at: int, text: str) -> Any:
        column, reader = self.readers[at]
        return reader(Row(self.path, _NOT_KNOWN, {column: text}, self.quotable), column)


#: The row number of a :class:`Row` read by :class:`_FileTally`, which counts rows by their
#: cells and so knows no row's number.
_NOT_KNOWN = 0


class _Unreadable:
    """A first cell that could not be read, and the error saying why (its row unknown)."""

    def __init__(self, error: InputError) -> None:
        self.error = error


def _readable(value: Any) -> Any:
    """``value``, unless it stands for a cell that could not be read: then its error."""
    if isinstance(value, _Unreadable):
        raise value.error
    return value


def _raise_first_problem(
    path: Path,
    spec: SourceSpec,
    required: Sequence[str],
    optional: Sequence[str],
    columns: tuple[str, ...],
    readers: Sequence[tuple[str, CellReader]],
) -> None:
    """Read the file at ``path`` row by row, as :func:`tally_rows` counts it, and raise the
    first problem met, at its row."""
    quotable = may_quote(path)
    rows = read_cells(path, required, optional, columns)
    for number, values in select_force_by(
        rows, lambda item: item[1][-1].strip(), spec.force, spec.force_explicit, path
    ):
        row = Row(path, number, dict(zip(columns, values, strict=True)), quotable)
        for column, reader in readers:
            reader(row, column)


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
        self._by_rest: dict[tuple[Any, ...], tuple[K, dict[int, int]]] | None = None

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

        ``admits`` must not look at a key's month (its first item): it is asked once for
        each distinct rest of a key, with one key that has it. Worked out once per
        ``selection`` (which must stand for ``admits``: the same selection, the same rows
        kept), so that counting any number of windows costs one look-up per month rather
        than a pass over the tally per window.
        """
        totals = self._monthly.get(selection)
        if totals is None:
            totals = {}
            for key, months in self._months_by_rest().values():
                if admits(key):
                    for index, n in months.items():
                        totals[index] = totals.get(index, 0) + n
            self._monthly[selection] = totals
        return totals

    def _months_by_rest(self) -> dict[tuple[Any, ...], tuple[K, dict[int, int]]]:
        """The tally by the rest of its keys (all but the month): one key with that rest,
        and its counts by month."""
        if self._by_rest is None:
            self._by_rest = {}
            for key, n in self._tally.items():
                entry = self._by_rest.get(key[1:])
                if entry is None:
                    entry = self._by_rest[key[1:]] = (key, {})
                months = entry[1]
                index = key[0].index
                months[index] = months.get(index, 0) + n
        return self._by_rest


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
@shared_methods
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
        from measurekit.sources.explanation import Explanation, InputRow

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
        from measurekit.sources.explanation import Explanation, InputRow

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
