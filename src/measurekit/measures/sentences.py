"""Sentences about counts over windows, for measure plugins to build their summaries from.

Each sentence names its windows in months and follows the wording rules: thousands
separators, plurals, percentages from unrounded counts, and counts rather than
percentages when they are small.
"""

from __future__ import annotations

from collections.abc import Sequence

from measurekit.measures.wording import (
    change_phrase,
    counted,
    is_small,
    join_words,
    number,
    rate_phrase,
)
from measurekit.model.statement import Figure, Indicator, Role


def amount(figure: Figure, indicator: Indicator) -> str:
    """A count with its noun: ``"5,779 neighbourhood crimes"``, ``"1 homicide"``."""
    value = int(figure.value or 0)
    return counted(value, indicator.noun, indicator.plural)


def comparison_clause(current: Figure, previous: Figure) -> str:
    """How ``current`` compares with ``previous``, naming ``previous``'s window.

    ``"a reduction of 4.7% on the 6,067 recorded in the 12 months to June 2022"``, or, for
    small counts, ``"fewer than the 2 recorded in the 12 months to June 2022"``. When
    either figure is unknown the clause says there is nothing to compare (the figure's
    note, shown with the measure, says why).
    """
    where = f"in the {previous.window.label}"
    if previous.value is None:
        return f"with no figure to compare with for the {previous.window.label}"
    before = int(previous.value)
    if current.value is None:
        return f"against {number(before)} recorded {where}"
    now = int(current.value)
    if before == 0:
        return f"none were recorded {where}" if now else f"none were recorded {where} either"
    if is_small(now, before):
        if now < before:
            relation = "fewer than"
        elif now > before:
            relation = "more than"
        else:
            relation = "the same as"
        return f"{relation} the {number(before)} recorded {where}"
    return f"{change_phrase(now, before)} on the {number(before)} recorded {where}"


def no_comparison_sentence(figures: Sequence[Figure]) -> str | None:
    """``"There is no figure to compare with for the 12 months to June 2021 or the 12
    months to March 2020."`` for those of ``figures`` that are unknown; None when all are
    known."""
    missing = list(
        dict.fromkeys(f"the {figure.window.label}" for figure in figures if figure.value is None)
    )
    if not missing:
        return None
    return f"There is no figure to compare with for {join_words(missing, 'or')}."


def unknown_sentence(indicator: Indicator, current: Figure) -> str:
    """``"No count of homicides is available for the 12 months to June 2023."``; the
    figure's note, shown with the measure, says why."""
    return f"No count of {indicator.plural} is available for the {current.window.label}."


def recorded_sentence(
    who: str, indicator: Indicator, current: Figure, comparisons: Sequence[Figure]
) -> str:
    """``"In the 12 months to June 2023, Cheshire Constabulary recorded 0 homicides: fewer
    than the 2 recorded in ... and fewer than the 9 recorded in ...."``, then a sentence
    naming any comparison window with no figure."""
    if current.value is None:
        return unknown_sentence(indicator, current)
    clauses = [comparison_clause(current, earlier) for earlier in comparisons if earlier.known]
    sentence = f"In the {current.window.label}, {who} recorded {amount(current, indicator)}"
    if clauses:
        sentence += ": " + join_words(clauses)
    sentence += "."
    missing = no_comparison_sentence(comparisons)
    return f"{sentence} {missing}" if missing else sentence


def part_sentence(indicator: Indicator, current: Figure, previous: Figure) -> str:
    """One part of a total, or one of a measure's further indicators, in the current
    window: ``"Residential burglary: 1,540, a reduction of 5.4% on the 1,628 recorded in
    the 12 months to June 2022."`` (the label already says what is counted)."""
    if current.value is None:
        return f"{indicator.label}: no figure is available for the {current.window.label}."
    value = number(int(current.value))
    return f"{indicator.label}: {value}, {comparison_clause(current, previous)}."


def same_window_sentence(baseline: Figure) -> str:
    """``"The baseline is the 12 months to September 2021, compared above."``: for a
    baseline that is one of the windows already compared, so it is not named twice."""
    return f"The baseline is the {baseline.window.label}, compared above."


def baseline_sentence(
    current: Figure, baseline: Figure, compared: Sequence[Figure] = ()
) -> str | None:
    """``"Against the baseline, this is a reduction of 42.9% on the 28 recorded in the 12
    months to March 2020."``; None when the current figure is unknown. When the baseline
    window is one of the ``compared`` figures' windows, it says so
    (:func:`same_window_sentence`) instead of comparing again."""
    if current.value is None:
        return None
    if any(figure.window == baseline.window for figure in compared):
        return same_window_sentence(baseline)
    if baseline.value is None:
        return f"There is no figure for the baseline, the {baseline.window.label}, to compare with."
    return f"Against the baseline, this is {comparison_clause(current, baseline)}."


def trend_sentences(who: str, indicator: Indicator, figures: Sequence[Figure]) -> str:
    """An indicator's current count against the previous year and two years before, then
    against the baseline when there is one: the usual paragraph for a count indicator.
    ``figures`` holds one figure per role, as ``Measure.count_figures`` returns them."""
    by_role = {figure.role: figure for figure in figures}
    current = by_role[Role.CURRENT]
    comparisons = [by_role[role] for role in (Role.PREVIOUS_YEAR, Role.TWO_YEARS_BEFORE)]
    sentence = recorded_sentence(who, indicator, current, comparisons)
    if Role.BASELINE in by_role:
        against = baseline_sentence(current, by_role[Role.BASELINE], comparisons)
        if against:
            sentence += f" {against}"
    return sentence


def rate_sentence(rate: Figure, indicator: Indicator) -> str | None:
    """A rate figure in words: ``"That is 7.7 neighbourhood crimes per 1,000 population in
    the 12 months to June 2019."``; None when the rate is unknown. The population it uses
    is the figure's note, shown with the measure's notes, so it is not repeated here."""
    if rate.value is None:
        return None
    value, _, unit = rate_phrase(float(rate.value)).partition(" ")
    return f"That is {value} {indicator.plural} {unit} in the {rate.window.label}."
