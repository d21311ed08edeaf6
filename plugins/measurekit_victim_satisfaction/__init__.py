"""The ``victim_satisfaction`` measure: improve satisfaction among victims, with a particular
focus on victims of domestic abuse.

Reads a ``survey`` source (one row per completed victim survey) and reports, for all victims
and for domestic abuse victims, the percentage satisfied in each comparison window. Every
percentage carries its number of responses and a 95% Wilson confidence interval; a base
below 100 responses gets a caveat in plain words; a change is given in percentage points,
with whether it is statistically significant (a two-sided two-proportion z-test at the 5%
level, see :mod:`measurekit.measures.statistics`). Significance is only ever stated for these survey
figures, never for recorded crime.
"""

from __future__ import annotations

from measurekit.api import (
    SMALL_BASE,
    Block,
    Figure,
    Indicator,
    Measure,
    MeasureContext,
    MeasureResult,
    Paragraph,
    Query,
    RecordFilter,
    RecordFlag,
    Role,
    hookimpl,
    join_words,
    number,
    percent,
    points_phrase,
    same_window_sentence,
    two_proportion_test,
    wilson_interval,
)

__version__ = "0.1.0"

ALL_VICTIMS = Indicator(
    "victim_satisfaction", "Victims satisfied (all victims)", "victim", "victims"
)
DOMESTIC_ABUSE = Indicator(
    "domestic_abuse_satisfaction",
    "Domestic abuse victims satisfied",
    "domestic abuse victim",
    "domestic abuse victims",
)
GROUPS = {
    ALL_VICTIMS.id: RecordFilter(),
    DOMESTIC_ABUSE.id: RecordFilter(flags=(RecordFlag("domestic_abuse", True),)),
}
COMPARISONS = (Role.PREVIOUS_YEAR, Role.TWO_YEARS_BEFORE, Role.BASELINE)
#: How the intervals and tests were worked out, stated under the figures.
METHOD = (
    "These are survey results, so they carry uncertainty. Confidence intervals are Wilson "
    "score intervals; a change is called statistically significant when a two-sided test "
    "of two proportions puts the chance of a difference at least that large, if nothing "
    "had really changed, below 5%."
)


def satisfied_count(figure: Figure) -> int:
    """How many responses behind a known percentage figure were satisfied."""
    return round((figure.value or 0) * (figure.base or 0) / 100)


def interval_phrase(figure: Figure) -> str:
    """``"95% confidence interval 62.3% to 84.5%"`` for a known survey figure."""
    interval = wilson_interval(satisfied_count(figure), figure.base or 0)
    return (
        f"95% confidence interval {percent(interval.lower * 100)} to "
        f"{percent(interval.upper * 100)}"
    )


def significance_phrase(current: Figure, previous: Figure) -> str:
    """Whether the difference between two known survey figures is statistically
    significant at the 5% level, in words."""
    result = two_proportion_test(
        satisfied_count(current), current.base or 0, satisfied_count(previous), previous.base or 0
    )
    if result.significant:
        return "the difference is statistically significant at the 5% level"
    return (
        "the difference is not statistically significant at the 5% level, so it may be "
        "down to chance in which victims responded"
    )


def responses(count: int) -> str:
    """``"1 response"``, ``"56 responses"``."""
    return f"{number(count)} response{'' if count == 1 else 's'}"


def group_sentences(indicator: Indicator, by_role: dict[Role, Figure]) -> list[str]:
    """The sentences about one group of victims: current figure, small-base caveat, and
    each comparison."""
    current = by_role[Role.CURRENT]
    group = indicator.plural
    if current.value is None:
        if current.base == 0:
            return [
                f"No {group} completed the survey in the {current.window.label}, so no "
                "percentage can be given."
            ]
        return [
            f"No survey result for {group} is available for the {current.window.label} "
            f"({current.note or 'not available'})."
        ]
    base = current.base or 0
    sentences = [
        f"In the {current.window.label}, {percent(current.value)} of {group} who completed "
        f"the survey were satisfied ({number(satisfied_count(current))} of "
        f"{responses(base)}; {interval_phrase(current)})."
    ]
    if base < SMALL_BASE:
        sentences.append(
            f"This rests on fewer than {SMALL_BASE} responses, so it is an uncertain "
            f"guide: the true share of {group} satisfied could lie anywhere in that interval."
        )
    missing: list[str] = []
    compared: list[Figure] = []
    for role in COMPARISONS:
        previous = by_role.get(role)
        if previous is None:
            continue
        if any(earlier.window == previous.window for earlier in compared):
            # A baseline that is the previous year's window: named once.
            sentences.append(same_window_sentence(previous))
            continue
        compared.append(previous)
        if previous.value is None:
            missing.append(f"the {previous.window.label}")
            continue
        sentences.append(
            f"That is {points_phrase(current.value, previous.value)} the "
            f"{percent(previous.value)} ({responses(previous.base or 0)}) in the "
            f"{previous.window.label}; {significance_phrase(current, previous)}."
        )
    if missing:
        sentences.append(
            f"There is no survey result to compare with for {join_words(missing, 'or')}."
        )
    return sentences


class VictimSatisfaction(Measure):
    """Satisfaction of victims who completed the force's victim survey."""

    id = "victim_satisfaction"
    title = (
        "Improve satisfaction among victims, with a particular focus on victims of domestic abuse"
    )
    default_source = "survey"
    figures_heading = "Survey results"
    indicators = (ALL_VICTIMS, DOMESTIC_ABUSE)

    def compute(self, context: MeasureContext) -> MeasureResult:
        figures: list[Figure] = []
        summary: list[Block] = []
        for indicator in (ALL_VICTIMS, DOMESTIC_ABUSE):
            query = Query(indicator.id, GROUPS[indicator.id])
            group = [
                context.percentage(indicator, query, role, window)
                for role, window in context.windows.by_role().items()
            ]
            figures += group
            by_role = {figure.role: figure for figure in group}
            summary.append(Paragraph(" ".join(group_sentences(indicator, by_role))))
        summary.append(Paragraph(METHOD))
        return self.result(context, figures, summary)


@hookimpl
def register_measures() -> list[Measure]:
    """The victim satisfaction measure."""
    return [VictimSatisfaction()]
