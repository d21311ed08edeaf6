"""The ``drugs_supply`` measure: disrupt drugs supply and county lines.

From record-level crime data (``records``): drug trafficking offences (Home Office code 92A
by default; see ``offence_codes.toml``). Optionally, from a ``counts`` source the statement
names as ``counts_source`` under ``[measures.drugs_supply]``: county lines closed
(``county_lines_closed``), police referrals into drug treatment
(``drug_treatment_referrals``) and drug-related homicides (``drug_related_homicides``), each
shown only when that source holds it.

A statement often puts this measure in one section with ``serious_violence``.
"""

from __future__ import annotations

from measurekit.api import (
    Indicator,
    Measure,
    MeasureContext,
    MeasureResult,
    Paragraph,
    SuppliedCountsOptions,
    hookimpl,
    in_order,
    load_offence_codes,
    optional_counts,
    supplied_sentences,
    trend_sentences,
)

__version__ = "0.1.0"

TRAFFICKING = Indicator(
    "drug_trafficking",
    "Drug trafficking offences",
    "drug trafficking offence",
    "drug trafficking offences",
)
SUPPLIED = (
    Indicator(
        "county_lines_closed", "County lines closed", "county line closed", "county lines closed"
    ),
    Indicator(
        "drug_treatment_referrals",
        "Police referrals into drug treatment",
        "referral into drug treatment",
        "referrals into drug treatment",
    ),
    Indicator(
        "drug_related_homicides",
        "Drug-related homicides",
        "drug-related homicide",
        "drug-related homicides",
    ),
)


class DrugsSupply(Measure):
    """Drug trafficking offences recorded by the force, and county lines work it reports."""

    id = "drugs_supply"
    title = "Disrupt drugs supply and county lines"
    indicators = (TRAFFICKING, *SUPPLIED)
    default_offence_codes = load_offence_codes(__name__)
    options_type = SuppliedCountsOptions

    def compute(self, context: MeasureContext) -> MeasureResult:
        trafficking = self.count_figures(context, TRAFFICKING)
        supplied = optional_counts(context, SUPPLIED)
        summary = [Paragraph(trend_sentences(context.info.force, TRAFFICKING, trafficking))]
        summary += [Paragraph(text) for text in supplied_sentences(SUPPLIED, supplied)]
        figures = trafficking + in_order(SUPPLIED, supplied)
        series = [self.chart_series(context, TRAFFICKING)]
        return self.result(context, figures, summary, series=series)


@hookimpl
def register_measures() -> list[Measure]:
    """The drugs supply measure."""
    return [DrugsSupply()]
