"""What a measure is, and the context it computes its figures in.

A measure plugin subclasses :class:`Measure`: it names its indicators, computes a
:class:`~measurekit.model.MeasureResult` from a :class:`MeasureContext`, and may override
how its part of a section renders in each output format.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from measurekit.errors import DataGapError
from measurekit.markers import Marker
from measurekit.model import (
    Applicability,
    Block,
    ComparisonWindows,
    Figure,
    Indicator,
    MeasureResult,
    MonthlyCount,
    MonthlySeries,
    Paragraph,
    Role,
    StatementInfo,
    Unit,
)
from measurekit.periods import Window
from measurekit.sources import Count, Population, Query, RecordFilter, Source, Tally, Unavailable
from measurekit.wording import PER_POPULATION, join_words, rate_per_population


def _no_other_sources(name: str) -> Source | None:
    return None


if TYPE_CHECKING:
    from measurekit.workbook.layout import SheetKit
    from measurekit.workbook.model import Sheet

#: How many months a monthly series (a chart) covers at most, ending with the current window.
SERIES_MONTHS = 36


@attrs.frozen
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
        answer = self.source.count(query, window)
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
            )
        return self._unavailable_answer(indicator, role, window, Unit.COUNT, answer)

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
        with no responses is ``[x]`` with base 0 and a note saying so; a window the source
        cannot answer is ``[x]`` with the source's reason, as for :meth:`count`.
        """
        if self.source is None:
            return self.unavailable(indicator, role, window, Unit.PERCENT, "no source is set")
        answer = self.source.tally(query, window)
        if isinstance(answer, Unavailable):
            return self._unavailable_answer(indicator, role, window, Unit.PERCENT, answer)
        return percentage_figure(self.measure_id, indicator, role, window, answer)

    def monthly_series(
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
            raise DataGapError(
                f"{indicator.id}: no data for {answer.missing_month.label} "
                f"in source {self.source.name if self.source else '?'!r}, "
                f"needed for the {window.label}; supply it, or set "
                "allow_gaps = true under [statement] to show [x] instead"
            )
        return self.unavailable(indicator, role, window, unit, answer.reason, answer.marker)

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
    """``tally`` as a percentage figure with its base; ``[x]`` when there are no responses."""
    if tally.responses == 0:
        return Figure(
            measure_id,
            indicator,
            role,
            window,
            Unit.PERCENT,
            None,
            base=0,
            marker=Marker.NOT_AVAILABLE,
            note="no survey responses were received in this period",
        )
    value = tally.yes / tally.responses * 100
    return Figure(measure_id, indicator, role, window, Unit.PERCENT, value, base=tally.responses)


class Measure(abc.ABC):
    """A national measure, as provided by a plugin.

    Subclasses set the class attributes and implement :meth:`compute`. Rendering methods
    have sensible defaults built on ``MeasureResult.summary``; override them to lay out the
    measure's part of a section differently in one format.
    """

    #: Stable id used in statement files and JSON, e.g. ``"homicide"``.
    id: ClassVar[str]
    #: The measure's name as a heading, e.g. ``"Reduce murder and other homicide"``.
    title: ClassVar[str]
    #: The source used when ``[measures.ID]`` names none.
    default_source: ClassVar[str] = "crime"
    #: The indicators the measure reports, for documentation and ``measurekit plugins``.
    indicators: ClassVar[tuple[Indicator, ...]] = ()
    #: Default offence codes per indicator id (from the plugin's data file).
    default_offence_codes: ClassVar[Mapping[str, frozenset[str]]] = {}
    #: An attrs class for the measure's own keys in ``[measures.ID]``, or None for none.
    options_type: ClassVar[type | None] = None
    #: Whether an applicable measure needs a source; when false, a missing source gives
    #: the measure a context whose ``source`` is None.
    needs_source: ClassVar[bool] = True
    #: The heading over the measure's figures in a section: "Recorded crime levels" for
    #: recorded crime; a survey measure says "Survey results".
    figures_heading: ClassVar[str] = "Recorded crime levels"

    @abc.abstractmethod
    def compute(self, context: MeasureContext) -> MeasureResult:
        """Compute the measure's figures and summary for one statement.

        Must not guess: a figure the data cannot give is ``[x]`` with a note. May raise
        :class:`~measurekit.errors.InputError` or
        :class:`~measurekit.errors.DataGapError`.
        """

    def not_applicable(self, context: MeasureContext) -> MeasureResult:
        """The result of a measure the statement marks not applicable and gives no data
        for: no figures, and a sentence saying so with the statement's reason.

        The core calls this instead of :meth:`compute` in that case; override it to say
        more (a measure that is measured nationally, say).
        """
        return self.result(context, (), [Paragraph(not_applicable_sentence(context))])

    def record_filter(self, indicator_id: str) -> RecordFilter:
        """How records are found for ``indicator_id`` by default: its offence codes from
        the plugin's data file. Override for indicators defined by flags."""
        return RecordFilter(offence_codes=self.default_offence_codes.get(indicator_id))

    def count_figures(
        self, context: MeasureContext, indicator: Indicator, roles: Iterable[Role] | None = None
    ) -> list[Figure]:
        """Counts of ``indicator`` in every comparison window (or just ``roles``), with the
        statement file's offence codes where it overrides the defaults."""
        return context.counts(indicator, self.query(context, indicator), roles)

    def query(self, context: MeasureContext, indicator: Indicator) -> Query:
        """The query for ``indicator``: its id and records filter, with the statement file's
        offence codes where it overrides the defaults."""
        return Query(
            indicator.id, context.record_filter(indicator.id, self.record_filter(indicator.id))
        )

    def monthly_series(self, context: MeasureContext, indicator: Indicator) -> MonthlySeries | None:
        """``indicator``'s monthly counts for a chart (see
        :meth:`MeasureContext.monthly_series`), found as :meth:`count_figures` finds them."""
        return context.monthly_series(indicator, self.query(context, indicator))

    def result(
        self,
        context: MeasureContext,
        figures: Iterable[Figure],
        summary: Iterable[Block],
        notes: Iterable[str] = (),
        series: Iterable[MonthlySeries | None] = (),
    ) -> MeasureResult:
        """A :class:`MeasureResult` for this measure, with the notes of its figures (why
        one is ``[x]``, what revised it, which population a rate uses; see
        :func:`figure_notes`) added to ``notes``, the monthly ``series`` that exist, and
        the source's name."""
        figures = tuple(figures)
        all_notes = list(dict.fromkeys([*notes, *figure_notes(figures)]))
        return MeasureResult(
            self.id,
            self.title,
            context.applicability(),
            figures,
            tuple(summary),
            tuple(all_notes),
            tuple(item for item in series if item is not None),
            context.source.name if context.source is not None else None,
        )

    def render_text(self, result: MeasureResult, width: int) -> str:
        """The measure's part under its section's figures heading ("Recorded crime
        levels"), as plain text wrapped to ``width``: by default its summary, then its
        notes."""
        from measurekit.render import blocks_as_text

        return blocks_as_text(result.summary + _notes_blocks(result), width)

    def render_markdown(self, result: MeasureResult) -> str:
        """The measure's part under its section's figures heading, as Markdown: by default
        its summary, its notes, and a pipe table of its figures."""
        from measurekit.render import blocks_as_markdown

        parts = [blocks_as_markdown(result.summary + _notes_blocks(result))]
        if result.figures:
            parts.append(self.table_markdown(result))
        return "\n\n".join(part for part in parts if part)

    def table_markdown(self, result: MeasureResult) -> str:
        """The pipe table of the measure's figures that :meth:`render_markdown` ends with,
        with the key to its shorthand above it. The default has a row per figure (see
        :func:`measurekit.render.figure_rows`); override it for other columns."""
        from measurekit.render import figures_table_markdown

        return figures_table_markdown(result.figures)

    def workbook_sheets(self, result: MeasureResult, kit: SheetKit) -> Sequence[Sheet]:
        """The workbook sheets (``xlsx``, ``ods``) this measure owns.

        Called once per measure, in statement order, by the workbook formats, which build
        the cover, contents, notes and narrative sheets themselves. ``kit`` offers the
        default sheets and the pieces to build others with; see
        :class:`measurekit.workbook.layout.SheetKit`.

        :param result: what :meth:`compute` returned for this statement.
        :param kit: the workbook being laid out: ``kit.figures_sheet(result)`` is the
            default table of figures, ``kit.chart_sheets(result)`` a line chart with its
            data table for each monthly series, ``kit.note(text)`` numbers a note and
            returns its ``[note N]`` reference.
        :returns: the sheets, in order; the default is ``kit.default_sheets(result)`` (the
            figures sheet, then the chart sheets). Return more sheets to add tables, or
            others to replace them. A sheet made by ``kit.figures_sheet`` is merged with
            those of the other measures in its section into one section table; any other
            sheet stands on its own. Each sheet holds at most one table and follows the
            layout rules :class:`measurekit.workbook.model.Sheet` checks.

        .. versionadded:: 0.2
        """
        return kit.default_sheets(result)


def figure_notes(figures: Iterable[Figure]) -> list[str]:
    """The figures' notes, one per distinct note, each naming the indicators and windows it
    applies to: ``"Victims satisfied (all victims) and domestic abuse victims satisfied, 12
    months to June 2021 and 12 months to March 2020: the data start in July 2021."``

    Indicators that share a note over different windows get a clause each, separated by
    semicolons, so a note never claims more than the figures say.
    """
    windows_by_note: dict[str, dict[str, list[str]]] = {}
    for figure in figures:
        if figure.note:
            labels = windows_by_note.setdefault(figure.note, {})
            labels.setdefault(figure.indicator.label, []).append(figure.window.label)
    notes = []
    for note, windows_by_label in windows_by_note.items():
        labels_by_windows: dict[tuple[str, ...], list[str]] = {}
        for label, windows in windows_by_label.items():
            labels_by_windows.setdefault(tuple(dict.fromkeys(windows)), []).append(label)
        clauses = [
            f"{join_words(_mid_sentence(labels))}, {join_words(list(windows))}"
            for windows, labels in labels_by_windows.items()
        ]
        notes.append(f"{'; '.join(clauses)}: {note.rstrip('.')}.")
    return notes


def _mid_sentence(labels: list[str]) -> list[str]:
    """Labels after the first with their capital dropped ("and domestic abuse victims
    satisfied"), unless they start with an acronym ("ONS")."""
    return labels[:1] + [
        label if label[1:2].isupper() else label[:1].lower() + label[1:] for label in labels[1:]
    ]


def not_applicable_sentence(context: MeasureContext) -> str:
    """``"This measure is not applicable in Cheshire: REASON"``, from the statement file."""
    reason = (context.settings.reason or "").strip()
    sentence = f"This measure is not applicable in {context.info.area}"
    if not reason:
        return sentence + "."
    return f"{sentence}. {reason[0].upper()}{reason[1:]}" + ("" if reason[-1] in ".!?" else ".")


def _notes_blocks(result: MeasureResult) -> tuple[Block, ...]:
    return tuple(Paragraph(f"Note: {note}") for note in result.notes)
