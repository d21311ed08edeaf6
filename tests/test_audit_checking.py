"""The audit's rules, one at a time: rounding to the claim's own precision, ties, rounded
percentages as intervals, directions, quarters' months, and what is masked as a date."""

from __future__ import annotations

import pytest

from measurekit.audit.checking import check_change, quarter_months
from measurekit.audit.claims import ChangeClaim, ChangeUnit, Direction, Figure
from measurekit.audit.masking import mask
from measurekit.audit.model import Verdict

DOWN, UP = Direction("fell", -1), Direction("rose", 1)


def verdict(
    before: str,
    after: str,
    change: str | None,
    *directions: Direction,
    percent: bool = False,
    unit: ChangeUnit = ChangeUnit.PERCENT,
) -> Verdict:
    claim = ChangeClaim(
        "claim",
        0,
        Figure.parse(before, percent),
        Figure.parse(after, percent),
        None if change is None else Figure.parse(change),
        None if change is None else unit,
        directions,
    )
    return check_change(claim)[1]


@pytest.mark.parametrize(
    ("before", "after", "change", "expected"),
    [
        # 1,000 -> 953 is exactly -4.7%: right at 1 dp, and 5 at 0 dp
        ("1,000", "953", "4.7", Verdict.RIGHT),
        ("1,000", "953", "5", Verdict.RIGHT),
        ("1,000", "953", "4.70", Verdict.RIGHT),
        ("1,000", "953", "4.8", Verdict.WRONG),
        # 200 -> 191 is exactly -4.5%: a tie at 0 dp, so 4 and 5 are both right, 3 is not
        ("200", "191", "4", Verdict.RIGHT),
        ("200", "191", "5", Verdict.RIGHT),
        ("200", "191", "3", Verdict.WRONG),
        # 3 -> 2 is -33.333...%: 33.3 and 33 right, 33.4 wrong
        ("3", "2", "33.3", Verdict.RIGHT),
        ("3", "2", "33", Verdict.RIGHT),
        ("3", "2", "33.4", Verdict.WRONG),
        # 20,000 -> 19,999 is -0.005%: rounds to 0.0 at 1 dp (tie at 2 dp: 0.00 or 0.01)
        ("20,000", "19,999", "0.0", Verdict.RIGHT),
        ("20,000", "19,999", "0.01", Verdict.RIGHT),
        ("20,000", "19,999", "0.1", Verdict.WRONG),
    ],
)
def test_a_fall_between_counts_at_the_claims_precision(
    before: str, after: str, change: str, expected: Verdict
) -> None:
    assert verdict(before, after, change, DOWN) == expected


def test_directions_must_agree_with_the_change() -> None:
    assert verdict("100", "90", "10", DOWN) == Verdict.RIGHT
    assert verdict("100", "90", "10", UP) == Verdict.WRONG
    assert verdict("100", "90", "10") == Verdict.RIGHT  # size only
    assert verdict("100", "90", None, DOWN) == Verdict.RIGHT  # direction only
    assert verdict("100", "100", None, DOWN) == Verdict.WRONG  # no change is no fall
    assert verdict("100", "90", "10", DOWN, UP) == Verdict.WRONG  # one word is wrong


@pytest.mark.parametrize(
    ("before", "after", "change", "expected"),
    [
        # 80.1% -> 75.0%: each percentage rounded to 1 dp, so the fall is 5.0 to 5.2 points
        ("80.1", "75.0", "5.1", Verdict.RIGHT),
        ("80.1", "75.0", "5.0", Verdict.RIGHT),
        ("80.1", "75.0", "5.2", Verdict.RIGHT),
        ("80.1", "75.0", "5.3", Verdict.WRONG),
        ("80.1", "75.0", "4.9", Verdict.WRONG),
        # 80% -> 75%: each to 0 dp, so 4 to 6 points
        ("80", "75", "6", Verdict.RIGHT),
        ("80", "75", "7", Verdict.WRONG),
    ],
)
def test_a_change_in_points_allows_for_rounded_percentages(
    before: str, after: str, change: str, expected: Verdict
) -> None:
    assert verdict(before, after, change, DOWN, percent=True, unit=ChangeUnit.POINTS) == expected


def test_figure_precision() -> None:
    assert Figure.parse("5,779").value == 5779
    assert Figure.parse("5,779").half_width == 0  # a count is exact
    assert str(Figure.parse("80.1", percent=True).half_width) == "0.05"
    assert str(Figure.parse("75", percent=True).half_width) == "0.5"
    assert Figure.parse("12.50").decimals == 2


@pytest.mark.parametrize(
    ("quarter", "first_year", "months"),
    [
        (1, 2023, (4, 2023, 6, 2023)),  # April to June 2023
        (2, 2023, (7, 2023, 9, 2023)),  # July to September 2023
        (3, 2023, (10, 2023, 12, 2023)),  # October to December 2023
        (4, 2023, (1, 2024, 3, 2024)),  # January to March of the later year
        (4, 1999, (1, 2000, 3, 2000)),
    ],
)
def test_financial_quarters(quarter: int, first_year: int, months: tuple[int, ...]) -> None:
    assert quarter_months(quarter, first_year) == months


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("in the 12 months to June 2023", "in the §§ months to June §§§§"),
        ("in 2021/22 and 23/24", "in §§§§/§§ and §§/§§"),
        ("a rate per 1,000 population", "a rate per §§§§§ population"),
        ("see note 3 and Table 2", "see note § and Table §"),
        ("on 30 June, 30 may be", "on §§ June, 30 may be"),
        # counts are kept, and so is a pair of numbers that is not a financial year
        ("5,779 against 6,067; 23/25", "5,779 against 6,067; 23/25"),
    ],
)
def test_masking_keeps_dates_from_being_counts(text: str, masked: str) -> None:
    assert mask(text) == masked
    assert len(mask(text)) == len(text)
