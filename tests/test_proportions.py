"""Wilson intervals and the two-proportion test against hand-worked and published values."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from measurekit.measures.statistics import two_proportion_test, wilson_interval, z_value


def test_z_value_for_95_percent() -> None:
    assert z_value() == pytest.approx(1.959964, abs=1e-6)


def test_wilson_42_of_56_worked_by_hand() -> None:
    # p = 0.75, n = 56, z^2 = 3.841459:
    # denominator = 1 + 3.841459/56 = 1.068597
    # centre = (0.75 + 3.841459/112) / 1.068597 = 0.784299 / 1.068597 = 0.733952
    # half = 1.959964 * sqrt(0.1875/56 + 3.841459/12544) / 1.068597
    #      = 1.959964 * sqrt(0.00365445) / 1.068597 = 0.110878
    interval = wilson_interval(42, 56)
    assert interval.lower == pytest.approx(0.733952 - 0.110878, abs=2e-6)
    assert interval.upper == pytest.approx(0.733952 + 0.110878, abs=2e-6)


@pytest.mark.parametrize(
    ("successes", "trials", "lower", "upper"),
    [
        # Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (score).
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_matches_newcombe_table(
    successes: int, trials: int, lower: float, upper: float
) -> None:
    interval = wilson_interval(successes, trials)
    assert interval.lower == pytest.approx(lower, abs=5e-5)
    assert interval.upper == pytest.approx(upper, abs=5e-5)


def test_wilson_all_successes_reaches_one() -> None:
    assert wilson_interval(20, 20).upper == 1.0


def test_wilson_needs_responses() -> None:
    with pytest.raises(ValueError, match="at least one response"):
        wilson_interval(0, 0)


def test_wilson_rejects_impossible_counts() -> None:
    with pytest.raises(ValueError, match="impossible"):
        wilson_interval(5, 4)


def test_two_proportions_significant_difference() -> None:
    # 60/100 against 45/100: pooled 0.525; se = sqrt(0.525 * 0.475 * 0.02) = 0.0706222;
    # z = 0.15 / 0.0706222 = 2.12398; two-sided p = 0.03367.
    result = two_proportion_test(60, 100, 45, 100)
    assert result.z == pytest.approx(2.12398, abs=1e-5)
    assert result.p_value == pytest.approx(0.03367, abs=1e-5)
    assert result.significant


def test_two_proportions_small_samples_not_significant() -> None:
    # 42/56 against 48/61: pooled 90/117; se = sqrt(0.769231 * 0.230769 * (1/56 + 1/61))
    # = 0.0779736; z = (0.75 - 0.786885) / 0.0779736 = -0.47304.
    result = two_proportion_test(42, 56, 48, 61)
    assert result.z == pytest.approx(-0.47304, abs=1e-5)
    assert not result.significant


def test_two_proportions_identical_unanimous_samples() -> None:
    result = two_proportion_test(10, 10, 30, 30)
    assert (result.z, result.significant) == (0.0, False)
    assert not math.isnan(result.p_value)


def test_two_proportions_need_both_samples() -> None:
    with pytest.raises(ValueError, match="at least one response in each sample"):
        two_proportion_test(0, 0, 3, 10)


@given(
    st.integers(min_value=1, max_value=5000).flatmap(
        lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
    )
)
def test_wilson_interval_holds_the_observed_share(counts: tuple[int, int]) -> None:
    successes, trials = counts
    interval = wilson_interval(successes, trials)
    assert 0.0 <= interval.lower <= successes / trials <= interval.upper <= 1.0
