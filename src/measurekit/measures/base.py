"""What a measure is.

A measure plugin subclasses :class:`Measure`: it names its indicators, computes a
:class:`~measurekit.model.statement.MeasureResult` from a :class:`MeasureContext` (see
:mod:`measurekit.measures.context`), and may override how its part of a section is laid out
as document blocks (:meth:`Measure.section_blocks`), once for every output format.
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
    from measurekit.document.builder import DocumentKit
    from measurekit.document.nodes import SectionBlock


class Measure(abc.ABC):
    """A national measure, as provided by a plugin.

    Subclasses set the class attributes and implement :meth:`compute` (the calculations);
    :meth:`section_blocks` (the renderer) lays the result out as format-neutral document
    blocks, by default its summary, caveats, figure table and charts. A measure has no
    method per output format: every format draws the same blocks.
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

    def chart_series(self, context: MeasureContext, indicator: Indicator) -> MonthlySeries | None:
        """``indicator``'s monthly counts for a chart (see
        :meth:`MeasureContext.count_each_month`), found as :meth:`count_figures` finds them."""
        return context.count_each_month(indicator, self.query(context, indicator))

    def result(
        self,
        context: MeasureContext,
        figures: Iterable[Figure],
        summary: Iterable[Block],
        notes: Iterable[str] = (),
        series: Iterable[MonthlySeries | None] = (),
    ) -> MeasureResult:
        """A :class:`MeasureResult` for this measure, with the notes of its figures (what
        a source counts differently from what the measure means, see :func:`scope_notes`;
        why one is ``[x]``, what revised it, which population a rate uses, see
        :func:`figure_notes`) added to ``notes``, the monthly ``series`` that exist, and
        the source's name."""
        figures = tuple(figures)
        all_notes = list(
            dict.fromkeys([*notes, *scope_notes(self.indicators, figures), *figure_notes(figures)])
        )
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

    def section_blocks(self, result: MeasureResult, kit: DocumentKit) -> Sequence[SectionBlock]:
        """The measure's part of its section, as format-neutral document blocks, laid out
        once for every output format.

        :param result: what :meth:`compute` returned for this statement.
        :param kit: the document being built: ``kit.default_blocks(result)`` is the default
            part (the summary, the caveats as a note list, a figure table of every figure
            and a chart per monthly series); ``kit.figure_table(result, figures)``,
            ``kit.chart(result, series)``, ``kit.table(result, title, headings, rows)`` and
            ``kit.note(text)`` build the pieces of another layout.
        :returns: the blocks, in reading order. The default suits most measures: override
            it to add a table or leave a chart out, never to draw for one format (a
            :class:`measurekit.document.renderers.SectionRenderer` does that).

        .. versionadded:: 0.3
        """
        return kit.default_blocks(result)


def scope_notes(meant: Iterable[Indicator], figures: Iterable[Figure]) -> list[str]:
    """A caveat for each figure whose indicator the source counts otherwise than the
    measure means it (:meth:`measurekit.Source.scope`): ``"Robbery (personal and business
    property): All robbery, ..."``, once per definition."""
    declared = {indicator.id: indicator for indicator in meant}
    found: dict[str, str] = {}
    for figure in figures:
        indicator = declared.get(figure.indicator.id)
        definition = figure.indicator.definition
        if indicator is not None and definition and definition != indicator.definition:
            found.setdefault(definition, figure.indicator.label)
    return [f"{label}: {definition}" for definition, label in found.items()]


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
