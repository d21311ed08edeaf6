"""Sentences about counts over windows, for measure plugins to build their summaries from.

Each sentence names its windows in months and follows the wording rules: thousands
separators, plurals, percentages from unrounded counts, and counts rather than
percentages when they are small.
"""

from __future__ import annotations

from collections.abc import Sequence

from measurekit.model import Figure, Indicator
from measurekit.wording import change_phrase, counted, is_small, join_words, number, rate_phrase


def amount(figure: Figure, indicator: Indicator) -> str:
    """A count with its noun: ``"5,779 neighbourhood crimes"``, ``"1 homicide"``."""
    value = int(figure.value or 0)
    return counted(value, indicator.noun, indicator.plural)


def comparison_clause(current: Figure, previous: Figure) -> str:
    """How ``current`` compares with ``previous``, naming ``previous``'s window.

    ``"a reduction of 4.7% on the 6,067 recorded in the 12 months to June 2022"``, or, for
    small counts, ``"fewer than the 2 recorded in the 12 months to June 2022"``.
    """
    where = f"in the {previous.window.label}"
    if previous.value is None:
        return f"no figure is available {where} ({previous.note or 'not available'})"
    if current.value is None:
        return f"{number(int(previous.value))} were recorded {where}"
    now, before = int(current.value), int(previous.value)
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


def recorded_sentence(
    who: str, indicator: Indicator, current: Figure, comparisons: Sequence[Figure]
) -> str:
    """``"In the 12 months to June 2023, Cheshire Constabulary recorded 0 homicides, fewer
    than the 2 recorded in ... and fewer than the 9 recorded in ...."``"""
    if current.value is None:
        return (
            f"No count of {indicator.plural} is available for the {current.window.label} "
            f"({current.note or 'not available'})."
        )
    clauses = [comparison_clause(current, previous) for previous in comparisons]
    sentence = f"In the {current.window.label}, {who} recorded {amount(current, indicator)}"
    if clauses:
        sentence += ": " + join_words(clauses)
    return sentence + "."


def part_sentence(indicator: Indicator, current: Figure, previous: Figure) -> str:
    """One part of a total: ``"Residential burglary: 1,540 offences, a reduction of 5.4% on
    the 1,628 recorded in the 12 months to June 2022."``"""
    if current.value is None:
        return f"{indicator.label}: no figure for the {current.window.label} ({current.note})."
    return (
        f"{indicator.label}: {amount(current, indicator)}, {comparison_clause(current, previous)}."
    )


def baseline_sentence(current: Figure, baseline: Figure) -> str | None:
    """``"Against the baseline, this is a reduction of 42.9% on the 28 recorded in the 12
    months to March 2020."``; None when the current figure is unknown."""
    if current.value is None:
        return None
    return f"Against the baseline, this is {comparison_clause(current, baseline)}."


def rate_sentence(rate: Figure, indicator: Indicator) -> str | None:
    """A rate figure in words, with the population it uses: ``"That is 7.7 neighbourhood
    crimes per 1,000 population in the 12 months to June 2019, using the mid-2018
    population estimate of 1,059,300."``; None when the rate is unknown."""
    if rate.value is None:
        return None
    value, _, unit = rate_phrase(float(rate.value)).partition(" ")
    using = f", {rate.note}" if rate.note else ""
    return f"That is {value} {indicator.plural} {unit} in the {rate.window.label}{using}."
