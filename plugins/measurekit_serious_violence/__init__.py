"""The ``serious_violence`` measure: reduce serious violence.

From record-level crime data (``records``), using the flags on each record:

- offences involving a handgun, rifle or shotgun (``firearm_type``), and of those, how many
  involved the firearm being discharged (``firearm_discharged``); imitation, air and other
  weapons are not counted;
- offences involving a knife or sharp instrument (``knife_or_sharp_instrument``).

Optionally, from a ``counts`` source the statement names as ``counts_source`` under
``[measures.serious_violence]``: hospital admissions for assault with a sharp object
(indicator ids ``sharp_object_admissions`` and ``sharp_object_admissions_under_25``), each
shown only when that source holds it.

Every indicator is given for the 12 months to the end of the quarter, the two years before,
and the baseline.
"""

from __future__ import annotations

import attrs

from measurekit.api import (
    Figure,
    Indicator,
    Measure,
    MeasureContext,
    MeasureResult,
    Paragraph,
    RecordFilter,
    RecordFlag,
    Role,
    SuppliedCountsOptions,
    baseline_sentence,
    comparison_clause,
    counted,
    hookimpl,
    in_order,
    join_words,
    load_offence_codes,
    no_comparison_sentence,
    number,
    optional_counts,
    same_window_sentence,
    supplied_sentences,
    trend_sentences,
    unknown_sentence,
)

__version__ = "0.1.0"

#: The firearm types a serious firearm offence involves, as the records format spells them.
SERIOUS_FIREARMS = frozenset({"handgun", "rifle", "shotgun"})
#: The record flags the measure declares: which columns of a record define its indicators.
SERIOUS_FIREARM = RecordFlag("firearm_type", SERIOUS_FIREARMS)
FIRED = RecordFlag("firearm_discharged", True)
KNIFE_OR_SHARP = RecordFlag("knife_or_sharp_instrument", True)

FIREARMS = Indicator(
    "firearm_offences",
    "Offences involving a handgun, rifle or shotgun",
    "offence involving a handgun, rifle or shotgun",
    "offences involving a handgun, rifle or shotgun",
)
DISCHARGES = Indicator(
    "firearm_discharges",
    "Of which the firearm was discharged",
    "offence in which the firearm was discharged",
    "offences in which the firearm was discharged",
)
KNIFE = Indicator(
    "knife_crime",
    "Knife or sharp instrument offences",
    "knife or sharp instrument offence",
    "knife or sharp instrument offences",
)
ADMISSIONS = Indicator(
    "sharp_object_admissions",
    "Hospital admissions for assault with a sharp object",
    "hospital admission for assault with a sharp object",
    "hospital admissions for assault with a sharp object",
)
ADMISSIONS_UNDER_25 = Indicator(
    "sharp_object_admissions_under_25",
    "Hospital admissions for assault with a sharp object, under 25",
    "hospital admission of someone under 25 for assault with a sharp object",
    "hospital admissions of people under 25 for assault with a sharp object",
)
SUPPLIED = (ADMISSIONS, ADMISSIONS_UNDER_25)

FILTERS = {
    FIREARMS.id: RecordFilter(flags=(SERIOUS_FIREARM,)),
    DISCHARGES.id: RecordFilter(flags=(SERIOUS_FIREARM, FIRED)),
    KNIFE.id: RecordFilter(flags=(KNIFE_OR_SHARP,)),
}


class SeriousViolence(Measure):
    """Firearm and knife offences recorded by the force, and hospital admissions."""

    id = "serious_violence"
    title = "Reduce serious violence"
    indicators = (FIREARMS, DISCHARGES, KNIFE, *SUPPLIED)
    default_offence_codes = load_offence_codes(__name__)
    options_type = SuppliedCountsOptions

    def record_filter(self, indicator_id: str) -> RecordFilter:
        """Flags, not codes, define these indicators; codes from the plugin's data file (or
        the statement) narrow them further."""
        rule = FILTERS.get(indicator_id, RecordFilter())
        codes = self.default_offence_codes.get(indicator_id)
        return rule if codes is None else attrs.evolve(rule, offence_codes=codes)

    def compute(self, context: MeasureContext) -> MeasureResult:
        firearms = self.count_figures(context, FIREARMS)
        discharges = self.count_figures(context, DISCHARGES)
        knife = self.count_figures(context, KNIFE)
        supplied = optional_counts(context, SUPPLIED)
        who = context.info.force
        summary = [
            Paragraph(firearm_sentence(who, _by_role(firearms), _by_role(discharges))),
            Paragraph(trend_sentences(who, KNIFE, knife)),
        ]
        summary += [Paragraph(sentence) for sentence in supplied_sentences(SUPPLIED, supplied)]
        figures = firearms + discharges + knife
        figures += in_order(SUPPLIED, supplied)
        series = [self.chart_series(context, indicator) for indicator in (FIREARMS, KNIFE)]
        return self.result(context, figures, summary, series=series)


def _by_role(figures: list[Figure]) -> dict[Role, Figure]:
    return {figure.role: figure for figure in figures}


def _discharged(figure: Figure) -> str:
    if figure.value is None:
        return "discharges not available"
    return f"{number(int(figure.value))} discharged"


def firearm_sentence(who: str, offences: dict[Role, Figure], discharges: dict[Role, Figure]) -> str:
    """Serious firearm offences and discharges in the current window, then against each
    earlier window: "In the 12 months to June 2023, FORCE recorded 18 offences involving a
    handgun, rifle or shotgun; the firearm was discharged in 4 of them. ..." """
    current, fired = offences[Role.CURRENT], discharges[Role.CURRENT]
    if current.value is None:
        return unknown_sentence(FIREARMS, current)
    amount = counted(int(current.value), FIREARMS.noun, FIREARMS.plural)
    sentence = f"In the {current.window.label}, {who} recorded {amount}"
    if fired.value is None:
        sentence += "; how many involved a discharge is not known."
    elif current.value == 0:
        sentence += "."
    else:
        sentence += f"; the firearm was discharged in {number(int(fired.value))} of them."
    earlier = [offences[role] for role in (Role.PREVIOUS_YEAR, Role.TWO_YEARS_BEFORE)]
    clauses = [
        _firearm_clause(current, figure, discharges[figure.role])
        for figure in earlier
        if figure.known
    ]
    if clauses:
        sentence += f" That is {join_words(clauses)}."
    missing = no_comparison_sentence(earlier)
    if missing:
        sentence += f" {missing}"
    if Role.BASELINE in offences:
        baseline = offences[Role.BASELINE]
        if any(figure.window == baseline.window for figure in earlier):
            sentence += f" {same_window_sentence(baseline)}"
        elif baseline.known:
            clause = _firearm_clause(current, baseline, discharges[Role.BASELINE])
            sentence += f" Against the baseline, this is {clause}."
        else:
            sentence += f" {baseline_sentence(current, baseline)}"
    return sentence


def _firearm_clause(current: Figure, previous: Figure, discharged: Figure) -> str:
    return f"{comparison_clause(current, previous)} ({_discharged(discharged)})"


@hookimpl
def register_measures() -> list[Measure]:
    """The serious violence measure."""
    return [SeriousViolence()]
