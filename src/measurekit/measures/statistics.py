"""Uncertainty in survey percentages: Wilson intervals and a two-proportion test.

Survey results are samples of victims, so a percentage from them carries uncertainty that
recorded crime counts do not. This module gives the two standard tools, written out from
their textbook formulas with the standard library's :class:`statistics.NormalDist` (a
statistics package would add a heavy dependency for a few lines of arithmetic):

- :func:`wilson_interval`: the Wilson score interval (Wilson 1927; Newcombe 1998, method 3),
  which behaves well for small samples and for shares near 0% or 100%, unlike the simple
  "p plus or minus 1.96 standard errors" interval.
- :func:`two_proportion_test`: the pooled two-proportion z-test, two-sided, which says
  whether the difference between two independent samples is larger than chance alone would
  plausibly produce.

All inputs are counts (successes of responses); all outputs are unrounded proportions
between 0 and 1.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import attrs

from measurekit.shared_methods import shared_methods

#: Confidence level of intervals and significance level of tests, as used in statements.
CONFIDENCE = 0.95
#: Below this many responses a statement says, in words, that a percentage is uncertain.
SMALL_BASE = 100


def z_value(confidence: float = CONFIDENCE) -> float:
    """The two-sided critical value of the standard normal: 1.959964... for 95%."""
    return NormalDist().inv_cdf(0.5 + confidence / 2)


@attrs.frozen
@shared_methods
class Interval:
    """A confidence interval for a proportion, as proportions between 0 and 1."""

    lower: float
    upper: float


def wilson_interval(successes: int, trials: int, confidence: float = CONFIDENCE) -> Interval:
    """The Wilson score interval for ``successes`` out of ``trials``.

    With p = successes / trials, n = trials and z the critical value:
    centre = (p + z²/2n) / (1 + z²/n) and half-width = z·√(p(1-p)/n + z²/4n²) / (1 + z²/n).
    Raises ``ValueError`` when ``trials`` is 0 (there is no interval without data) or the
    counts are impossible.
    """
    if trials <= 0:
        raise ValueError("a confidence interval needs at least one response")
    if not 0 <= successes <= trials:
        raise ValueError(f"{successes} successes of {trials} responses is impossible")
    z = z_value(confidence)
    p = successes / trials
    n = trials
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    lower = 0.0 if successes == 0 else max(0.0, centre - half)
    upper = 1.0 if successes == trials else min(1.0, centre + half)
    return Interval(lower, upper)


@attrs.frozen
@shared_methods
class TestResult:
    """The outcome of a two-proportion test: the z statistic, its two-sided p-value, and
    whether the difference is significant at the chosen level."""

    z: float
    p_value: float
    significant: bool


def two_proportion_test(
    successes_a: int,
    trials_a: int,
    successes_b: int,
    trials_b: int,
    significance: float = 1 - CONFIDENCE,
) -> TestResult:
    """The pooled two-proportion z-test, two-sided, of sample A against sample B.

    z = (pA - pB) / √(p̂(1-p̂)(1/nA + 1/nB)), with p̂ the pooled proportion. When every
    response in both samples is the same (p̂ is 0 or 1) the samples cannot differ and the
    result is not significant. Raises ``ValueError`` when either sample is empty.
    """
    if trials_a <= 0 or trials_b <= 0:
        raise ValueError("a test needs at least one response in each sample")
    p_a = successes_a / trials_a
    p_b = successes_b / trials_b
    pooled = (successes_a + successes_b) / (trials_a + trials_b)
    variance = pooled * (1 - pooled) * (1 / trials_a + 1 / trials_b)
    if variance == 0:
        return TestResult(0.0, 1.0, False)
    z = (p_a - p_b) / math.sqrt(variance)
    p_value = 2 * (1 - NormalDist().cdf(abs(z)))
    return TestResult(z, p_value, p_value < significance)
