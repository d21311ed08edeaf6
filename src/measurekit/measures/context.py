"""The context a measure computes its figures in: the statement, its windows, its source
and its settings, with the ways of turning a source's answers into figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from measurekit.errors import DataGapError
from measurekit.measures.wording import PER_POPULATION, rate_per_population
from measurekit.model.markers import Marker
from measurekit.model.periods import Window
from measurekit.model.statement import (
    Applicability,
    ComparisonWindows,
    Figure,
    Indicator,
    Lookup,
    MonthlyCount,
    MonthlySeries,
    Role,
    StatementInfo,
    Unit,
)
from measurekit.shared_methods import shared_methods
from measurekit.sources.base import (
    Count,
    Population,
    Query,
    RecordFilter,
    Source,
    Tally,
    Unavailable,
    default_selection,
)


def _no_other_sources(name: str) -> Source | None:
    return None


#: How many months a monthly series (a chart) covers at most, ending with the current window.
SERIES_MONTHS = 36


@attrs.frozen
@shared_methods
class MeasureSettings:
    """A measure's settings from ``[measures.ID]`` in the statement file.

    ``offence_codes`` replaces the plugin's default codes per indicator; ``options`` holds
    the measure's own keys, structured into its ``options_type``.
    """

    source: str | None = None
    baseline: Window | None = None
    applicable: bool = True
    reason: str | None = None
    offence_codes: Mapping[str, frozenset[str]] = attrs.field(factory=dict)
    options: Any = None


@attrs.frozen
@shared_methods
class MeasureContext:
    """Everything a measure needs to compute its figures for one statement."""

    measure_id: str
    info: StatementInfo
    windows: ComparisonWindows
    source: Source | None
    settings: MeasureSettings
    allow_gaps: bool = False
    #: Opens another of the statement's sources by name (None when there is no such
    #: source), for measures that read a second source such as a file of force counts.
    lookup: Callable[[str], Source | None] = _no_other_sources

    def source_named(self, name: str) -> Source | None:
        """The statement's source called ``name``, opened; None when it has none."""
        return self.lookup(name)

    def with_source(self, source: Source | None) -> MeasureContext:
        """A copy of this context that counts from ``source`` instead."""
        return attrs.evolve(self, source=source)

    def count(self, indicator: Indicator, query: Query, role: Role, window: Window) -> Figure:
        """The count of ``indicator`` over ``window`` as a figure.

        A window the source cannot answer becomes ``[x]`` with the source's reason as the
        note, except a month missing inside the data, which raises :class:`DataGapError`
        unless the statement allows gaps.
        """
        if self.source is None:
            return self.unavailable(indicator, role, window, Unit.COUNT, "no source is set")
        indicator = self.scoped(indicator, query)
        answer = self.source.count(query, window)
        lookup = self.lookup_of(query, window)
        if isinstance(answer, Count):
            return Figure(
                self.measure_id,
                indicator,
                role,
                window,
                Unit.COUNT,
                answer.value,
                marker=answer.marker,
                note=answer.note,
                lookups=(lookup,),
            )
        figure = self._unavailable_answer(indicator, role, window, Unit.COUNT, answer)
        return attrs.evolve(figure, lookups=(lookup,))

    def lookup_of(self, query: Query, window: Window) -> Lookup:
        """What a figure answered by this context's source for ``query`` over ``window``
        records about where it came from (see :class:`Lookup`)."""
        if self.source is None:
            raise ValueError("a context without a source looks nothing up")
        selection = self.source.describe(query) or default_selection(query)
        return Lookup(self.source.name, query, window, selection)

    def counts(
        self, indicator: Indicator, query: Query, roles: Iterable[Role] | None = None
    ) -> list[Figure]:
        """Figures for ``indicator`` in every comparison window (or just ``roles``)."""
        wanted = set(roles) if roles is not None else None
        return [
            self.count(indicator, query, role, window)
            for role, window in self.windows.by_role().items()
            if wanted is None or role in wanted
        ]

    def percentage(self, indicator: Indicator, query: Query, role: Role, window: Window) -> Figure:
        """The share of survey responses in ``window`` answering positively, as a figure.

        The value is an unrounded percentage and ``base`` the number of responses. A window
        with no responses is ``[w]`` (none recorded in survey) with base 0 and a note saying
        so; a window the source cannot answer is ``[x]`` with the source's reason, as for
        :meth:`count`.
        """
        if self.source is None:
            return self.unavailable(indicator, role, window, Unit.PERCENT, "no source is set")
        answer = self.source.tally(query, window)
        lookups = (self.lookup_of(query, window),)
        if isinstance(answer, Unavailable):
            figure = self._unavailable_answer(indicator, role, window, Unit.PERCENT, answer)
        else:
            figure = percentage_figure(self.measure_id, indicator, role, window, answer)
        return attrs.evolve(figure, lookups=lookups)

    def scoped(self, indicator: Indicator, query: Query) -> Indicator:
        """``indicator`` as the source counts it: with the source's own label and
        definition where it counts something wider or narrower (:meth:`Source.scope`)."""
        scope = self.source.scope(query.indicator) if self.source is not None else None
        if scope is None:
            return indicator
        return attrs.evolve(indicator, label=scope.label, definition=scope.definition)

    def count_each_month(
        self, indicator: Indicator, query: Query, months: int = SERIES_MONTHS
    ) -> MonthlySeries | None:
        """``indicator``'s count in each of the ``months`` months ending with the current
        window, asked of the source one month at a time.

        Months the source cannot answer at the start or end are left out; months it cannot
        answer in between are kept as ``[x]``. Never raises for a gap: a chart is not worth
        failing a build over. None when no month can be answered (such as a source holding
        only 12-month totals) or there is no source.
        """
        if self.source is None:
            return None
        indicator = self.scoped(indicator, query)
        points = []
        for month in Window.ending(self.windows.current.end, months):
            answer = self.source.count(query, Window(month, month))
            if isinstance(answer, Count):
                points.append(MonthlyCount(month, answer.value, answer.marker))
            else:
                points.append(MonthlyCount(month, None, answer.marker))
        known = [index for index, point in enumerate(points) if point.value is not None]
        if not known:
            return None
        return MonthlySeries(self.measure_id, indicator, tuple(points[known[0] : known[-1] + 1]))

    def rate(self, count: Figure) -> Figure | None:
        """``count`` as a rate per 1,000 population, or None when it cannot be one.

        The population comes from the source for the count's window; the rate figure's
        indicator is labelled "per 1,000 population" and its note states the population and
        the year of its estimate. None when the count is unknown or the source has no
        population for the window: a rate is never guessed.
        """
        if self.source is None or count.value is None or count.unit is not Unit.COUNT:
            return None
        population = self.source.population(count.window)
        if not isinstance(population, Population):
            return None
        indicator = attrs.evolve(count.indicator, label=f"{count.indicator.label} {PER_POPULATION}")
        note = f"using the {population.label}"
        if population.source:
            note += f" ({population.source})"
        return Figure(
            self.measure_id,
            indicator,
            count.role,
            count.window,
            Unit.RATE,
            rate_per_population(count.value, population.value),
            marker=count.marker,
            note=note,
            lookups=count.lookups,
        )

    def unavailable(
        self,
        indicator: Indicator,
        role: Role,
        window: Window,
        unit: Unit,
        reason: str,
        marker: Marker = Marker.NOT_AVAILABLE,
    ) -> Figure:
        """A figure that cannot be given, marked ``[x]`` (or ``marker``) with ``reason``."""
        return Figure(
            self.measure_id, indicator, role, window, unit, None, marker=marker, note=reason
        )

    def _unavailable_answer(
        self, indicator: Indicator, role: Role, window: Window, unit: Unit, answer: Unavailable
    ) -> Figure:
        if answer.missing_month is not None and not self.allow_gaps:
            if answer.gap:
                raise DataGapError(
                    f"{indicator.id}: in {self._source_description()}, {answer.gap}; supply "
                    "rows that fit inside the window (single months, or quarters that line "
                    "up with it), or set allow_gaps = true under [statement] to show [x] "
                    "instead"
                )
            raise DataGapError(
                f"{indicator.id}: no data for {answer.missing_month.label} "
                f"in {self._source_description()}, needed for the {window.label}; supply "
                "it, or set allow_gaps = true under [statement] to show [x] instead"
            )
        return self.unavailable(indicator, role, window, unit, answer.reason, answer.marker)

    def _source_description(self) -> str:
        """``"source 'crime' (counts.csv)"``: the source and its files, for messages."""
        name = self.source.name if self.source else "?"
        files = next((s.files for s in self.info.sources if s.name == name), ())
        return f"source {name!r}" + (f" ({', '.join(files)})" if files else "")

    def record_filter(self, indicator_id: str, default: RecordFilter) -> RecordFilter:
        """``default`` with its offence codes replaced where the statement file overrides
        them for ``indicator_id``."""
        codes = self.settings.offence_codes.get(indicator_id)
        return default if codes is None else attrs.evolve(default, offence_codes=codes)

    def applicability(self) -> Applicability:
        """Whether the statement marks the measure applicable, and why not if not."""
        return Applicability(self.settings.applicable, self.settings.reason)


def percentage_figure(
    measure_id: str, indicator: Indicator, role: Role, window: Window, tally: Tally
) -> Figure:
    """``tally`` as a percentage figure with its base; ``[w]`` (none recorded in survey)
    when there are no responses."""
    if tally.responses == 0:
        return Figure(
            measure_id,
            indicator,
            role,
            window,
            Unit.PERCENT,
            None,
            base=0,
            marker=Marker.NONE_IN_SURVEY,
            note="no survey responses were received in this period",
        )
    value = tally.yes / tally.responses * 100
    return Figure(measure_id, indicator, role, window, Unit.PERCENT, value, base=tally.responses)
