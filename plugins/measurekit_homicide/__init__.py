"""The ``homicide`` measure: reduce murder and other homicide.

Counts homicide offences over the 12 months to the end of the quarter and compares them with
the two years before and the baseline. Homicide counts are small, so the summary gives the
counts themselves; a percentage change appears only where both counts are large enough to
bear one.
"""

from __future__ import annotations

from measurekit.api import (
    Indicator,
    Measure,
    MeasureContext,
    MeasureResult,
    Paragraph,
    hookimpl,
    load_offence_codes,
    trend_sentences,
)

__version__ = "0.1.0"

HOMICIDE = Indicator(
    "homicide",
    "Homicide offences",
    "homicide",
    "homicides",
    "Offences of murder, manslaughter, infanticide and corporate manslaughter recorded by "
    "the police, counted in the month they were recorded.",
)


class Homicide(Measure):
    """Murder, manslaughter, infanticide and corporate manslaughter recorded by the force."""

    id = "homicide"
    title = "Reduce murder and other homicide"
    indicators = (HOMICIDE,)
    default_offence_codes = load_offence_codes(__name__)

    def compute(self, context: MeasureContext) -> MeasureResult:
        figures = self.count_figures(context, HOMICIDE)
        summary = [Paragraph(trend_sentences(context.info.force, HOMICIDE, figures))]
        return self.result(context, figures, summary, series=[self.chart_series(context, HOMICIDE)])


@hookimpl
def register_measures() -> list[Measure]:
    """The homicide measure."""
    return [Homicide()]
