"""One force's police.uk data as a measurekit source: counts by indicator and window."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from measurekit.api import (
    Answer,
    Count,
    Diagnostic,
    Duplicate,
    IndicatorScope,
    InputError,
    Location,
    Month,
    Query,
    Severity,
    Source,
    Unavailable,
    Window,
    normalise,
)
from measurekit_police_uk.folder import PoliceUkData
from measurekit_police_uk.reading import FALLS_WITHIN, find_repeats


def choose_forces(
    data: PoliceUkData, wanted: Sequence[str], explicit: bool, where: Location
) -> frozenset[str]:
    """The ``Falls within`` names in ``data`` that mean the wanted force.

    Names are compared with :func:`measurekit.sources.forces.normalise` ("Cheshire" matches
    "Cheshire Constabulary"). Files holding a single force, when the statement file did not
    name one for the source, give that force. Otherwise a force that is not there is an
    error listing the forces that are.
    """
    keys = {normalise(name) for name in wanted}
    matched = frozenset(force for force in data.forces if normalise(force) in keys)
    if matched:
        return matched
    if len(data.forces) == 1 and not explicit:
        return data.forces
    present = ", ".join(sorted(repr(force) for force in data.forces)) or "no rows at all"
    raise InputError(
        f"no rows for force {' or '.join(repr(name) for name in wanted)}; the files hold "
        f'{present} (set force = "..." for the source)',
        Location(where.path, None, FALLS_WITHIN),
    )


class PoliceUkSource(Source):
    """Counts of police.uk street-level crimes for one force, by indicator and month.

    An indicator counts the rows of the crime types mapped to it; ``scopes`` says, for an
    indicator whose police.uk category is wider than what measures mean by it, what it
    really covers (:meth:`scope`); ``cannot`` says why no police.uk category can give some
    indicators (homicide, knife crime, ...). The months covered are
    those with at least one row (of any type) for the force; a window reaching outside them
    is ``[x]``, and a window with a month missing inside them is a gap.
    """

    def __init__(
        self,
        name: str,
        data: PoliceUkData,
        forces: frozenset[str],
        indicators: Mapping[str, frozenset[str]],
        ignored: frozenset[str],
        known: frozenset[str],
        scopes: Mapping[str, IndicatorScope] | None = None,
        cannot: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(name, "police-uk")
        self.scopes = dict(scopes or {})
        self.cannot = dict(cannot or {})
        self.data = data
        self.forces = forces
        self.indicators = dict(indicators)
        by_type: dict[str, int] = {}
        months: set[Month] = set()
        series: dict[str, dict[Month, int]] = {indicator: {} for indicator in indicators}
        self.ignored = ignored
        self.ignored_rows = 0
        for (month, force, crime_type), count in data.counts.items():
            if force not in forces:
                continue
            months.add(month)
            by_type[crime_type] = by_type.get(crime_type, 0) + count
            if crime_type in ignored:
                self.ignored_rows += count
            for indicator, types in indicators.items():
                if crime_type in types:
                    series[indicator][month] = series[indicator].get(month, 0) + count
        self.months = frozenset(months)
        self.rows_by_type = by_type
        self._series = {
            indicator: {month: by_month.get(month, 0) for month in sorted(months)}
            for indicator, by_month in series.items()
        }
        self._known = known | ignored | {t for types in indicators.values() for t in types}

    @property
    def label(self) -> str:
        """The force as the files name it."""
        return " / ".join(sorted(self.forces))

    def scope(self, indicator: str) -> IndicatorScope | None:
        """What the default mapping's Burglary and Robbery really cover (businesses too)."""
        return self.scopes.get(indicator)

    def count(self, query: Query, window: Window) -> Answer:
        series = self._series.get(query.indicator)
        if series is None and query.indicator in self.cannot:
            return Unavailable(
                f"police.uk data cannot give {query.indicator.replace('_', ' ')}: "
                f"{self.cannot[query.indicator]}"
            )
        if series is None:
            return Unavailable(
                f"no police.uk crime type is mapped to {query.indicator} (map one with "
                f"[sources.{self.name}.crime_types] only if a police.uk category counts "
                "exactly that)"
            )
        if not self.months:
            return Unavailable(f"the police.uk files hold no rows for {self.label}")
        first, last = min(self.months), max(self.months)
        if window.start < first:
            return Unavailable(f"the police.uk files start in {first.label}")
        if window.end > last:
            return Unavailable(f"the police.uk files end in {last.label}")
        for month in window:
            if month not in self.months:
                return Unavailable(
                    f"no police.uk rows for {self.label} in {month.label}", missing_month=month
                )
        return Count(sum(series[month] for month in window))

    def coverage(self) -> dict[str, list[Month]]:
        return {indicator: sorted(self.months) for indicator in self._series}

    def counts_by_month(self) -> dict[str, dict[Month, int]]:
        return {indicator: dict(series) for indicator, series in self._series.items()}

    def duplicates(self) -> list[Duplicate]:
        """Crime IDs on more than one row of a file, for this force: the files that hold
        any are read again to find them (every copy was counted)."""
        return [
            Duplicate(
                f"Crime ID {repeat.crime_id}",
                repeat.path,
                repeat.rows,
                counted=True,
                note=f"{repeat.crime_type}, {repeat.month}",
            )
            for path in self.data.files_with_repeats
            for repeat in find_repeats(path)
            if repeat.force.strip() in self.forces
        ]

    def diagnostics(self) -> list[Diagnostic]:
        """What was read, then rows not read (errors), crime types counting towards
        nothing and repeated Crime IDs."""
        found: list[Diagnostic] = []
        # What was read comes first; then what is wrong with it.
        other = self.data.rows - sum(self.rows_by_type.values())
        found.append(
            Diagnostic(
                Severity.INFO,
                f"{len(self.data.files):,} files, {self.data.rows:,} rows read; "
                f"{sum(self.rows_by_type.values()):,} rows for {self.label}"
                + (f", {other:,} for other forces" if other else "")
                + f"; {self.ignored_rows:,} rows of "
                + " or ".join(repr(t) for t in sorted(self.ignored))
                + " ignored (not crimes)",
            )
        )
        severity = Severity.ERROR
        for problem in self.data.problems:
            found.append(Diagnostic(severity, f"row not read: {problem.message}", problem.location))
        unlisted = self.data.problem_rows - len(self.data.problems)
        if unlisted > 0:
            rows = "row" if unlisted == 1 else "rows"
            found.append(Diagnostic(severity, f"{unlisted:,} more {rows} not read (not listed)"))
        unknown = sorted(t for t in self.rows_by_type if t not in self._known)
        for crime_type in unknown:
            found.append(
                Diagnostic(
                    Severity.WARNING,
                    f"crime type {crime_type!r} ({self.rows_by_type[crime_type]:,} rows) is "
                    "not a police.uk category measurekit knows; it counts towards no indicator",
                )
            )
        for indicator, types in sorted(self.indicators.items()):
            if self.months and not any(t in self.rows_by_type for t in types):
                found.append(
                    Diagnostic(
                        Severity.WARNING,
                        f"{indicator}: no rows of crime type "
                        f"{' or '.join(repr(t) for t in sorted(types))} for {self.label} in "
                        "any month; check the crime type's spelling",
                    )
                )
        if self.data.repeated:
            whose = " (counting every force in the files)" if len(self.data.forces) > 1 else ""
            found.append(
                Diagnostic(
                    Severity.INFO,
                    f"{self.data.repeated:,} "
                    f"{'row repeats' if self.data.repeated == 1 else 'rows repeat'} "
                    "a Crime ID already seen in their file"
                    f"{whose}; every copy is counted, as police.uk's own totals count rows",
                )
            )
        return found
