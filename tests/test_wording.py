"""Numbers and changes in words, against values worked out by hand or published."""

from __future__ import annotations

import pytest

from measurekit import wording


@pytest.mark.parametrize(
    ("value", "text"), [(0, "0"), (999, "999"), (5779, "5,779"), (1234567, "1,234,567")]
)
def test_thousands_separators(value: int, text: str) -> None:
    assert wording.number(value) == text


@pytest.mark.parametrize(
    ("current", "previous", "phrase"),
    [
        # Lancashire, 12 months to March 2022 against 12 months to March 2020.
        (16, 28, "a reduction of 42.9%"),  # (16 - 28) / 28 = -42.857...%
        (141, 83, "an increase of 69.9%"),  # 58 / 83 = 69.879...%
        # The published error: 826 to 802 is a 2.9% reduction, not 8.1%.
        (802, 826, "a reduction of 2.9%"),  # 24 / 826 = 2.905...%
        # Cheshire: 586 against 523 knife crimes; 5,779 against 6,067 neighbourhood crimes.
        (586, 523, "an increase of 12.0%"),  # 63 / 523 = 12.045...%
        (5779, 6067, "a reduction of 4.7%"),  # 288 / 6067 = 4.747...%
        (100, 100, "no change"),
        (10001, 10000, "a change of less than 0.1%"),
        (5, 0, "an increase from none"),
    ],
)
def test_change_phrases(current: int, previous: int, phrase: str) -> None:
    assert wording.change_phrase(current, previous) == phrase


def test_percent_change_is_unrounded_and_undefined_from_zero() -> None:
    assert wording.percent_change(16, 28) == pytest.approx(-42.857142857)
    assert wording.percent_change(3, 0) is None


def test_halves_round_up_as_published_statistics_do() -> None:
    # 1 / 8 = 12.5% exactly; 0.25% of a change: 2.25 rounds to 2.3, not banker's 2.2.
    assert wording.one_decimal(2.25) == "2.3"
    assert wording.one_decimal(0.05) == "0.1"
    assert wording.percent(12.5) == "12.5%"


def test_percentage_points_from_unrounded_percentages() -> None:
    # Essex: 75.0% against 80.1% is 5.1 points lower; against 64.7% it is 10.3 higher.
    assert wording.points_phrase(75.0, 80.1) == "5.1 percentage points lower than"
    assert wording.points_phrase(75.0, 64.7) == "10.3 percentage points higher than"
    assert wording.points_phrase(50.0, 49.0) == "1.0 percentage point higher than"
    assert wording.points_phrase(50.0, 50.0) == "the same as"


def test_plurals_agree_with_counts() -> None:
    assert wording.counted(1, "homicide") == "1 homicide"
    assert wording.counted(0, "homicide") == "0 homicides"
    assert wording.counted(2, "robbery", "robberies") == "2 robberies"
    assert wording.counted(5779, "crime") == "5,779 crimes"


def test_small_counts_are_recognised() -> None:
    assert wording.is_small(0, 2)
    assert wording.is_small(9, 40)
    assert not wording.is_small(16, 28)


def test_lists_join_with_and() -> None:
    assert wording.join_words(["a"]) == "a"
    assert wording.join_words(["a", "b", "c"]) == "a, b and c"
