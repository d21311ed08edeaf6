"""Building the statement document from a computed statement, once for every format.

:func:`build_document` walks the statement in reading order and asks each measure for its
part's blocks (:meth:`measurekit.Measure.section_blocks`), handing it a
:class:`DocumentKit`. The kit numbers notes for the whole document and makes the default
blocks (summary, caveats, figure table, charts), so most measures lay out nothing
themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING

from measurekit.document.figures import (
    change_between,
    current_figures,
    shorthand_key,
    survey_interval,
)
from measurekit.document.nodes import (
    Appendix,
    ApplicabilityLine,
    Chart,
    ChartPoint,
    ChartSeries,
    FigureRow,
    FigureTable,
    InputEntry,
    MeasurePart,
    MethodEntry,
    MethodWindow,
    NarrativePart,
    Note,
    NoteList,
    SectionBlock,
    SectionPart,
    ShorthandKey,
    SourceEntry,
    SourceLine,
    SourceRef,
    StatementDocument,
    Table,
    TableCell,
)
from measurekit.measures.wording import join_words, number
from measurekit.model.markers import Marker
from measurekit.model.statement import (
    Figure,
    MeasureResult,
    MonthlySeries,
    Section,
    SourceInfo,
    Statement,
    StatementInfo,
    Unit,
)

if TYPE_CHECKING:
    from measurekit.measures.base import Measure

#: The document's title.
TITLE = "Police and Crime Measures: quarterly statement"
#: A note cited by every table of recorded crime counts.
#: The appendix's title and what it is for.
APPENDIX_TITLE = "How these figures were made"
APPENDIX_INTRODUCTION = (
    "Every figure in this statement can be made again by hand. For each indicator below, "
    "take the files of its sources listed at the end (the SHA-256 digest shows whether a "
    "copy is the same file), keep the rows its selection names that fall in a window's "
    "months, and count them; a percentage is the share of survey responses answering yes, "
    "worked out before rounding. The command measurekit explain lists the rows behind any "
    "one figure."
)
COUNTS_NOTE = (
    "Recorded crime counts are complete counts of what the police recorded, not samples, "
    "so changes in them are not tested for statistical significance. Changes in recording "
    "practice can move them as well as changes in crime."
)

#: Runs a measure plugin's code, naming the plugin in any error (see
#: :func:`build_document`).
Guard = Callable[[str, Callable[[], Sequence[SectionBlock]]], Sequence[SectionBlock]]


def _unguarded(
    measure_id: str, action: Callable[[], Sequence[SectionBlock]]
) -> Sequence[SectionBlock]:
    return action()


class DocumentKit:
    """What a measure lays out its part with.

    Notes are numbered once for the whole document, in order of first citation; citing the
    same text again gives the same number.
    """

    def __init__(self, statement: Statement) -> None:
        self.statement = statement
        self._notes: list[str] = []

    # --- notes and sources ------------------------------------------------------------

    def note(self, text: str) -> int:
        """Number ``text`` as a note (once) and return its number."""
        if text not in self._notes:
            self._notes.append(text)
        return self._notes.index(text) + 1

    @property
    def notes(self) -> tuple[Note, ...]:
        """Every note numbered so far."""
        return tuple(Note(number, text) for number, text in enumerate(self._notes, start=1))

    def source_note(self, source: SourceInfo) -> int:
        """The number of the note describing ``source``: its name, title and files."""
        files = f" Files: {', '.join(source.files)}." if source.files else ""
        return self.note(f"Source {source.name!r} of the statement file: {source.title}.{files}")

    def notice_note(self) -> int | None:
        """The number of the note holding the statement's notice about its data, if any."""
        notice = self.statement.info.notice
        return self.note(notice) if notice else None

    def source_line(self, results: Iterable[MeasureResult]) -> SourceLine:
        """The sources behind ``results``, each once, with the notice about the data."""
        by_name = {source.name: source for source in self.statement.info.sources}
        refs: dict[str, SourceRef] = {}
        for result in results:
            source = by_name.get(result.source or "")
            if source is not None and source.name not in refs:
                refs[source.name] = SourceRef(source.name, source.title, self.source_note(source))
        return SourceLine(tuple(refs.values()), self.notice_note())

    # --- default blocks ---------------------------------------------------------------

    def default_blocks(self, result: MeasureResult) -> list[SectionBlock]:
        """The part every measure gets unless it lays out its own: its summary, its
        caveats, a table of its figures (when it has any) and a chart per monthly series."""
        table = self.figure_table(result) if result.figures else None
        caveats = self.caveats(result)
        blocks: list[SectionBlock] = list(result.summary)
        if caveats is not None:
            blocks.append(caveats)
        if table is not None:
            blocks.append(table)
        blocks += self.charts(result)
        return blocks

    def caveats(self, result: MeasureResult) -> NoteList | None:
        """The measure's notes (why a figure is ``[x]``, what revised it) as a note list;
        None when it has none."""
        if not result.notes:
            return None
        return NoteList(tuple(Note(self.note(text), text) for text in result.notes))

    def figure_table(
        self,
        result: MeasureResult,
        figures: Sequence[Figure] | None = None,
        title: str | None = None,
    ) -> FigureTable:
        """A table of ``figures`` (by default all the result's figures), one row each, with
        the change of each comparison row to the current figure of the same indicator and
        unit, the interval of each survey percentage, the key to its shorthand, its source
        and the notes that apply to it."""
        chosen = tuple(result.figures if figures is None else figures)
        current = current_figures(chosen)
        rows = tuple(
            FigureRow(
                figure,
                figure.indicator.label,
                result.title,
                change_between(current.get((figure.indicator.id, figure.unit)), figure),
                survey_interval(figure),
                self._row_notes(figure),
            )
            for figure in chosen
        )
        with_changes = any(row.change is not None for row in rows)
        source = self.source_line([result])
        notes = [self.note(self.statement_windows_sentence())]
        if any(figure.unit is Unit.COUNT for figure in chosen):
            notes.append(self.note(COUNTS_NOTE))
        notes.append(self.note(applicability_note(result)))
        notes += [self.note(text) for text in result.notes]
        return FigureTable(
            title or result.title,
            (result.measure_id,),
            rows,
            source,
            shorthand_key(rows, with_changes),
            tuple(dict.fromkeys(notes)),
        )

    def charts(self, result: MeasureResult) -> list[Chart]:
        """A chart per monthly series of ``result``."""
        return [self.chart(result, series) for series in result.series]

    def chart(self, result: MeasureResult, series: MonthlySeries) -> Chart:
        """A line chart of one monthly series, with a summary in words."""
        indicator = series.indicator
        definition = self.note(indicator.definition) if indicator.definition else None
        span = series.window.span_label
        return Chart(
            title=f"{indicator.label} each month, {span}",
            x_title="Month",
            y_title="Offences recorded (number)",
            series=(
                ChartSeries(
                    indicator.label,
                    tuple(ChartPoint(p.month, p.value, p.marker) for p in series.points),
                ),
            ),
            summary=chart_summary(series),
            indicator=indicator,
            measure=result.measure_id,
            source=self.source_line([result]),
            definition_note=definition,
        )

    def table(
        self,
        result: MeasureResult,
        title: str,
        headings: Sequence[str],
        rows: Sequence[Sequence[TableCell]],
    ) -> Table:
        """An extra table of the measure's, with its source, the key to any shorthand in
        its cells and the measure's applicability note."""
        cells = " ".join(str(cell) for row in rows for cell in row)
        used = tuple(marker for marker in Marker if marker.value in cells)
        return Table(
            title,
            tuple(headings),
            tuple(tuple(row) for row in rows),
            self.source_line([result]),
            ShorthandKey(used) if used else None,
            (self.note(applicability_note(result)),),
        )

    def statement_windows_sentence(self) -> str:
        """What windows the figures cover (see :func:`windows_sentence`)."""
        return windows_sentence(self.statement)

    # --- internals --------------------------------------------------------------------

    def _row_notes(self, figure: Figure) -> tuple[int, ...]:
        notes = []
        if figure.indicator.definition:
            notes.append(self.note(figure.indicator.definition))
        if figure.value is None and figure.note:
            notes.append(
                self.note(f"{figure.indicator.label}, {figure.window.label}: {figure.note}.")
            )
        return tuple(notes)


def build_document(
    statement: Statement, measures: Mapping[str, Measure], guard: Guard = _unguarded
) -> StatementDocument:
    """The document of ``statement``: ``measures`` maps each of its measure ids to the
    plugin's measure, which lays out its part (:meth:`Measure.section_blocks`); ``guard``
    runs each measure's layout, naming its plugin in any error."""
    kit = DocumentKit(statement)
    info = statement.info
    sections = []
    for number_, section in enumerate(statement.sections, start=1):
        parts = []
        for result in section.measures:
            measure = measures[result.measure_id]
            blocks = guard(result.measure_id, partial(measure.section_blocks, result, kit))
            parts.append(
                MeasurePart(
                    result.measure_id,
                    result.title,
                    measure.figures_heading,
                    result.applicability,
                    tuple(blocks),
                    result.notes,
                    result.source,
                    kit.note(applicability_note(result)),
                )
            )
        sections.append(
            SectionPart(
                number_,
                section.title,
                figures_heading(section, measures),
                tuple(parts),
                narrative_parts(section),
            )
        )
    sources = tuple(
        SourceEntry(s.name, s.title, s.format_name, s.files, kit.source_note(s))
        for s in info.sources
    )
    notice_note = kit.notice_note()
    commissioner = None
    if info.commissioner:
        commissioner = info.commissioner
        if info.commissioner_role:
            commissioner += f", {info.commissioner_role}"
    return StatementDocument(
        info=info,
        title=TITLE,
        subtitle=f"{info.force}, {info.quarter.long_label}",
        windows_sentence=windows_sentence(statement),
        applicability=tuple(
            ApplicabilityLine(
                r.measure_id, r.title, r.applicability.applicable, r.applicability.reason
            )
            for r in statement.measures
        ),
        sections=tuple(sections),
        sources=sources,
        notes=kit.notes,
        commissioner=commissioner,
        published=info.published,
        contact=info.contact,
        notice=info.notice,
        notice_note=notice_note,
        appendix=build_appendix(statement),
    )


def build_appendix(statement: Statement) -> Appendix:
    """The appendix "How these figures were made": a method entry per indicator of every
    measure with figures, in statement order, and every file each source read."""
    methods = [
        entry
        for result in statement.measures
        for figures in _by_indicator(result.figures).values()
        if (entry := method_entry(result, figures)) is not None
    ]
    return Appendix(
        APPENDIX_TITLE, APPENDIX_INTRODUCTION, tuple(methods), input_entries(statement.info)
    )


def method_entry(result: MeasureResult, figures: Sequence[Figure]) -> MethodEntry | None:
    """How one indicator's ``figures`` (all of one indicator id) were made."""
    if not figures:
        return None
    counted = [figure for figure in figures if figure.unit is not Unit.RATE] or list(figures)
    first = counted[0]
    lookups = [lookup for figure in figures for lookup in figure.lookups]
    selections = dict.fromkeys(
        f"source {lookup.source!r}, {lookup.selection}" if lookup.selection else repr(lookup.source)
        for lookup in lookups
    )
    windows = dict.fromkeys(
        MethodWindow(figure.role, figure.window.start, figure.window.end, figure.window.months)
        for figure in counted
    )
    unsourced = any(figure.known and not figure.lookups for figure in figures)
    summed = any(len(figure.lookups) > 1 for figure in figures)
    derived = None
    if unsourced:
        derived = "by the measure from its other figures, not read from a source."
    elif summed:
        derived = "the sum of the selections above, window by window."
    return MethodEntry(
        result.measure_id,
        result.title,
        first.indicator.id,
        first.indicator.label,
        first.indicator.definition,
        tuple(selections),
        tuple(windows),
        tuple(dict.fromkeys(lookup.source for lookup in lookups)),
        derived,
    )


def input_entries(info: StatementInfo) -> tuple[InputEntry, ...]:
    """Every file each source read, in the statement file's order of sources."""
    return tuple(
        InputEntry(source.name, item.path, item.sha256, item.rows)
        for source in info.sources
        for item in source.inputs
    )


def _by_indicator(figures: Sequence[Figure]) -> dict[str, list[Figure]]:
    grouped: dict[str, list[Figure]] = {}
    for figure in figures:
        grouped.setdefault(figure.indicator.id, []).append(figure)
    return grouped


def narrative_parts(section: Section) -> tuple[NarrativePart, ...]:
    """The section's authored narrative under its headings, leaving out empty parts."""
    parts = (
        ("Force response", section.narrative.force_response),
        ("Ongoing focus", section.narrative.ongoing_focus),
    )
    return tuple(NarrativePart(heading, blocks) for heading, blocks in parts if blocks)


def figures_heading(section: Section, measures: Mapping[str, Measure]) -> str:
    """The heading over a section's figures: each of its measures' ``figures_heading``
    once, in order ("Recorded crime levels", "Recorded crime levels and survey results")."""
    headings = list(dict.fromkeys(measures[r.measure_id].figures_heading for r in section.measures))
    return join_words([headings[0], *(h[:1].lower() + h[1:] for h in headings[1:])])


def windows_sentence(statement: Statement) -> str:
    """What windows the figures cover, stated once at the top of every format."""
    windows = statement.info.windows
    return (
        f"Figures are for the {windows.current.label}, compared with the "
        f"{windows.previous_year.label} and the {windows.two_years_before.label}, "
        "unless a measure states otherwise."
    )


def applicability_note(result: MeasureResult) -> str:
    """Whether the measure is assessed as applicable in the area, with the reason."""
    applicability = result.applicability
    if applicability.applicable:
        text = f"{result.title}: assessed as applicable in this area."
    else:
        text = f"{result.title}: assessed as not applicable in this area."
    return f"{text} {applicability.reason}" if applicability.reason else text


def chart_summary(series: MonthlySeries) -> str:
    """A chart's numbers in words: the months it spans, its lowest, highest and latest
    counts, and the months it has no count for."""
    known = [point for point in series.points if point.value is not None]
    lowest = min(known, key=lambda point: point.value or 0)
    highest = max(known, key=lambda point: point.value or 0)
    latest = known[-1]
    noun = series.indicator.plural
    sentence = (
        f"{series.indicator.label} recorded each month, {series.window.span_label}: "
        f"lowest {number(lowest.value or 0)} in {lowest.month.label}, highest "
        f"{number(highest.value or 0)} in {highest.month.label}, and "
        f"{number(latest.value or 0)} in {latest.month.label}, the latest month."
    )
    missing = len(series.points) - len(known)
    if missing:
        sentence += (
            f" No count of {noun} is available for {missing} month{'s' if missing > 1 else ''}."
        )
    return sentence
