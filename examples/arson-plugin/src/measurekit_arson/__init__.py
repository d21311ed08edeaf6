"""An arson measure for measurekit: arson offences in every comparison window."""

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

ARSON = Indicator("arson", "Arson offences", "arson offence", "arson offences")


class Arson(Measure):
    """Reduce arson: recorded arson offences, from record-level crime data."""

    id = "arson"
    title = "Reduce arson"
    indicators = (ARSON,)
    # {"arson": frozenset({"56*"})}: code 56 and its sub-codes, from offence_codes.toml.
    default_offence_codes = load_offence_codes(__name__)

    def compute(self, context: MeasureContext) -> MeasureResult:
        figures = self.count_figures(context, ARSON)
        sentence = trend_sentences(context.info.force, ARSON, figures)
        chart = self.chart_series(context, ARSON)
        return self.result(context, figures, [Paragraph(sentence)], series=[chart])


@hookimpl
def register_measures() -> list[Measure]:
    return [Arson()]
