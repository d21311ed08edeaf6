"""The ``counts`` and ``records`` source formats (see the statement file reference)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar

import attrs

from measurekit import hookimpl
from measurekit.errors import InputError, Location
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
)
from measurekit.sources.forces import FORCE_COLUMN, forces_in_column, select_force
from measurekit.sources.parsing import boolean, month, month_of_date, whole_number
from measurekit.sources.tabular import Row, read_rows
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


def tally_rows(
    spec: SourceSpec,
    required: Sequence[str],
    optional: Sequence[str],
    key: Callable[[Row], K],
) -> Counter[K]:
    """How many of the force's rows in ``spec``'s files reduce to each ``key``; ``key``
    raises :class:`InputError` for a row it cannot read."""
    tally: Counter[K] = Counter()
    for path in spec.paths:
        rows = read_rows(path, required, optional)
        for row in select_force(rows, spec.force, spec.force_explicit, path):
            tally[key(row)] += 1
    return tally


class TalliedSource(Source, Generic[K]):
    """Rows tallied by a key whose first item is the row's month, over the months from
    ``first`` to ``last`` (months inside with no rows count as none, not as gaps).

    ``covers`` names what the rows are, as :meth:`coverage` reports them.
    """

    covers: ClassVar[str] = "rows"

    def __init__(
        self, name: str, format_name: str, tally: Counter[K], first: Month, last: Month
    ) -> None:
        super().__init__(name, format_name)
        self._tally = tally
        self.first = first
        self.last = last

    def coverage(self) -> dict[str, list[Month]]:
        return {self.covers: list(Window(self.first, self.last))}


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


#: One ready-made figure: its window, value and where it was read (a row number).
CountEntry = _Entry


class CountsSource(Source):
    """Figures already counted, by indicator and period (one row each)."""

    def __init__(self, name: str, entries: Mapping[str, Sequence[_Entry]]) -> None:
        super().__init__(name, "counts")
        self._entries = entries

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
        for path in spec.paths:
            rows = read_rows(path, ["indicator", "period_end", "value"], ["months", FORCE_COLUMN])
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
                entries.setdefault(indicator, []).append(_Entry(window, value, row.number))
        return CountsSource(spec.name, entries)


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
    """One row per recorded offence, tallied by month and classification."""

    covers = "records"

    def count(self, query: Query, window: Window) -> Answer:
        if query.records is None:
            return Unavailable(
                f"records cannot answer {query.indicator}: the measure gives no offence codes"
            )
        unknown = unknown_flags(query.records)
        if unknown:
            return Unavailable(f"records have no column {', '.join(map(repr, unknown))}")
        unavailable = outside(window, self.first, self.last)
        if unavailable:
            return unavailable
        rule = query.records
        by_month = self._by_month()
        return Count(
            sum(n for month in window for key, n in by_month.get(month, ()) if matches(key, rule))
        )

    def _by_month(self) -> dict[Month, list[tuple[RecordKey, int]]]:
        """The tally's keys grouped by their month (made once), so that a window's count
        looks only at its own months' keys."""
        grouped: dict[Month, list[tuple[RecordKey, int]]] | None = getattr(self, "_months", None)
        if grouped is None:
            grouped = {}
            for key, n in self._tally.items():
                grouped.setdefault(key[0], []).append((key, n))
            self._months = grouped
        return grouped

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
        tally = tally_rows(spec, RECORD_COLUMNS, RECORD_OPTIONAL, _record_key)
        first, last = coverage_months(spec, [key[0] for key in tally])
        return RecordsSource(spec.name, self.name, tally, first, last)


def _record_key(row: Row) -> RecordKey:
    code = normalise_offence_code(row.get("offence_code"))
    if not code:
        raise row.error("offence_code", "offence code is blank")
    firearm = row.get("firearm_type").lower()
    if firearm and firearm not in FIREARM_TYPES:
        raise row.error(
            "firearm_type",
            f"{row.quote('firearm_type')} is not one of {', '.join(FIREARM_TYPES)} or blank",
        )
    return (
        month_of_date(row, "recorded_date"),
        code,
        boolean(row, "knife_or_sharp_instrument"),
        firearm,
        boolean(row, "firearm_discharged"),
        boolean(row, "domestic_abuse"),
    )


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
