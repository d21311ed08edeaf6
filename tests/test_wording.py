"""Numbers and changes in words, against values worked out by hand or published."""

from __future__ import annotations

import pytest

from measurekit.measures import wording


@pytest.mark.parametrize(
    ("value", "text"), [(0, "0"), (999, "999"), (5779, "5,779"), (1234567, "1,234,567")]
)
def test_thousands_separators(value: int, text: str) -> None:
    assert wording.number(value) == text


@pytest.mark.parametrize(
    ("current", "previous", "phrase"),
    [
        # Published figures are checked in test_wording_published.py.
        (586, 600, "a reduction of 2.3%"),  # 14 / 600 = 2.333...%
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
    # Essex's published figures are checked in test_wording_published.py.
    assert wording.points_phrase(50.0, 49.0) == "1.0 percentage point higher than"
    assert wording.points_phrase(50.0, 50.0) == "the same as"
    # 73.56 - 73.48 = 0.08 rounds to 0.1, but 73.52 - 73.48 = 0.04 rounds to nothing.
    assert wording.points_phrase(73.56, 73.48) == "0.1 percentage points higher than"
    assert wording.points_phrase(73.52, 73.48) == "less than 0.1 percentage points from"


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
