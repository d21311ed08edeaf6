"""What a measure is.

A measure plugin subclasses :class:`Measure`: it names its indicators, computes a
:class:`~measurekit.model.statement.MeasureResult` from a :class:`MeasureContext` (see
:mod:`measurekit.measures.context`), and may override how its part of a section renders in each
output format.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from measurekit.measures.context import (
    SERIES_MONTHS,
    MeasureContext,
    MeasureSettings,
    percentage_figure,
)
from measurekit.measures.wording import join_words
from measurekit.model.statement import (
    Block,
    Figure,
    Indicator,
    MeasureResult,
    MonthlySeries,
    Paragraph,
    Role,
)
from measurekit.sources.base import Query, RecordFilter

__all__ = [
    "SERIES_MONTHS",
    "Measure",
    "MeasureContext",
    "MeasureSettings",
    "figure_notes",
    "not_applicable_sentence",
    "percentage_figure",
]

if TYPE_CHECKING:
    from measurekit.outputs.workbook.kit import SheetKit
    from measurekit.outputs.workbook.model import Sheet


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
        from measurekit.document.render import blocks_as_text

        return blocks_as_text(result.summary + _notes_blocks(result), width)

    def render_markdown(self, result: MeasureResult) -> str:
        """The measure's part under its section's figures heading, as Markdown: by default
        its summary, its notes, and a pipe table of its figures."""
        from measurekit.document.render import blocks_as_markdown

        parts = [blocks_as_markdown(result.summary + _notes_blocks(result))]
        if result.figures:
            parts.append(self.table_markdown(result))
        return "\n\n".join(part for part in parts if part)

    def table_markdown(self, result: MeasureResult) -> str:
        """The pipe table of the measure's figures that :meth:`render_markdown` ends with,
        with the key to its shorthand above it. The default has a row per figure (see
        :func:`measurekit.document.render.figure_rows`); override it for other columns."""
        from measurekit.document.render import figures_table_markdown

        return figures_table_markdown(result.figures)

    def workbook_sheets(self, result: MeasureResult, kit: SheetKit) -> Sequence[Sheet]:
        """The workbook sheets (``xlsx``, ``ods``) this measure owns.

        Called once per measure, in statement order, by the workbook formats, which build
        the cover, contents, notes and narrative sheets themselves. ``kit`` offers the
        default sheets and the pieces to build others with; see
        :class:`measurekit.outputs.workbook.kit.SheetKit`.

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
            layout rules :class:`measurekit.outputs.workbook.model.Sheet` checks.

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
