"""Finding monthly counts far outside their own series, by a rule that outliers cannot bend.

A month is unusual when its count lies more than ``threshold`` robust standard deviations
from the median of its series. The spread is the median absolute deviation (MAD) scaled by
1.4826 (so that it estimates the standard deviation of normal data), but never less than
the square root of the median, the natural noise of a count, nor less than 1. The median
and MAD ignore a single wild month, so one spike cannot hide itself by inflating the spread
as it would with the mean and standard deviation; the floor keeps small, noisy counts (2
against a usual 0 or 1) from being flagged.

Unusual is not wrong: a flagged month is reported for a person to check and still counted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from statistics import median

import attrs

from measurekit.model.periods import Month
from measurekit.shared_methods import shared_methods

#: How many robust standard deviations from the median count as far outside.
THRESHOLD = 5.0
#: Series shorter than this have no history to judge a month against.
MINIMUM_MONTHS = 6
#: Scales the MAD to estimate a standard deviation.
MAD_SCALE = 1.4826


@attrs.frozen
@shared_methods
class Unusual:
    """A month whose count is far from its series' usual level.

    ``low`` and ``high`` are the smallest and largest counts of the months that are not
    unusual: the usual range to quote beside it.
    """

    month: Month
    value: int
    median: float
    low: int
    high: int
    score: float


def spread(values: list[int], centre: float) -> float:
    """The robust spread of ``values`` about ``centre``, with its floor (see module)."""
    mad = median(abs(value - centre) for value in values)
    return max(MAD_SCALE * mad, math.sqrt(max(centre, 0.0)), 1.0)


def unusual_months(
    series: Mapping[Month, int],
    threshold: float = THRESHOLD,
    minimum_months: int = MINIMUM_MONTHS,
) -> list[Unusual]:
    """The months of ``series`` whose counts lie far outside the rest, in month order."""
    if len(series) < minimum_months:
        return []
    values = list(series.values())
    centre = median(values)
    scale = spread(values, centre)
    scores = {month: (value - centre) / scale for month, value in series.items()}
    usual = [value for month, value in series.items() if abs(scores[month]) <= threshold]
    if not usual:
        return []
    return [
        Unusual(month, value, centre, min(usual), max(usual), scores[month])
        for month, value in sorted(series.items())
        if abs(scores[month]) > threshold
    ]
