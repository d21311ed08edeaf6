"""Give each claim its verdict: right, wrong, or not readable.

**Changes.** The change the two figures give is worked out exactly (as fractions, never
floats). A claim is right when some value the figures allow rounds to the claimed figure
at the claim's own precision ("4.7%" to one decimal place, "5%" to none):

- the claimed figure stands for the interval half a unit of its last digit either side,
  ends included, so an exact tie is right whichever way it was rounded (half up, as
  spreadsheets do, or half to even, as Python does);
- a count written as a whole number is exact; a percentage, or a figure with decimals,
  is itself rounded, so the change may be anything the unrounded figures could give
  ("80.1% to 75.0%" is a fall of between 5.0 and 5.2 points);
- every direction word and sign must agree with the change ("a reduction" must be
  one); no change at all agrees with none.

A change between two counts must be a percentage; between two percentages it may be in
points or, as some writers use it, a percentage of the first: either reading that fits is
right. A percentage change from 0 is undefined, so claiming one is wrong. A count
compared with a percentage, or points between two counts, is not read.

**Quarters.** Quarter 1 of financial year 2023/24 is April to June 2023, Q2 July to
September 2023, Q3 October to December 2023 and Q4 January to March 2024: the months and
the year of each must match.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import attrs

from measurekit.audit.claims import (
    ChangeClaim,
    ChangeUnit,
    Claim,
    Figure,
    QuarterClaim,
    UnreadableClaim,
)
from measurekit.audit.model import ClaimKind, Verdict
from measurekit.audit.vocabulary import MONTH_NAMES

Interval = tuple[Fraction, Fraction]


def check(claim: Claim) -> tuple[ClaimKind, Verdict, str, dict[str, Any]]:
    """The kind of ``claim``, its verdict, what the numbers give (or why it was not read),
    and the figures for a machine-readable report."""
    if isinstance(claim, UnreadableClaim):
        kind = ClaimKind.QUARTER if claim.quarter else ClaimKind.CHANGE
        return kind, Verdict.UNREADABLE, claim.reason, {}
    if isinstance(claim, QuarterClaim):
        return check_quarter(claim)
    return check_change(claim)


# -- changes -------------------------------------------------------------------------


def _exact(figure: Figure) -> Fraction:
    return Fraction(figure.value)


def _bounds(figure: Figure) -> Interval:
    half = Fraction(figure.half_width)
    return _exact(figure) - half, _exact(figure) + half


def relative_change(before: Figure, after: Figure) -> Interval | None:
    """The interval the percentage change from ``before`` to ``after`` may lie in, or None
    when it is undefined (the earlier figure is, or may be, 0)."""
    low_before, high_before = _bounds(before)
    low_after, high_after = _bounds(after)
    if low_before <= 0:
        return None
    return (
        (low_after / high_before - 1) * 100,
        (high_after / low_before - 1) * 100,
    )


def points_change(before: Figure, after: Figure) -> Interval:
    """The interval the difference from ``before`` to ``after`` (in points) may lie in."""
    low_before, high_before = _bounds(before)
    low_after, high_after = _bounds(after)
    return low_after - high_before, high_after - low_before


def _fits(claim: ChangeClaim, possible: Interval) -> bool:
    """True when some value in ``possible`` agrees with every direction of ``claim`` and,
    if it gives one, rounds to its size."""
    low, high = possible
    signs = {direction.sign for direction in claim.directions}
    if len(signs) > 1:
        return False  # one of "rose" and "a reduction" must be wrong
    if signs == {1}:
        low = max(low, Fraction(0))
        if high <= 0 or low > high:
            return False
    elif signs == {-1}:
        high = min(high, Fraction(0))
        if low >= 0 or low > high:
            return False
    if claim.change is None:
        return True
    size = _exact(claim.change)
    half = Fraction(5, 10 ** (claim.change.decimals + 1))  # the claim's own precision
    size_low, size_high = size - half, size + half
    if signs == {-1}:
        size_low, size_high = -size_high, -size_low
    elif not signs:  # the size only: |x| in [size_low, size_high]
        return (high >= size_low and low <= size_high) or (low <= -size_low and high >= -size_high)
    return high >= size_low and low <= size_high


def _round(value: Fraction, decimals: int) -> str:
    quantum = Decimal(1).scaleb(-decimals)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(quantum, rounding=ROUND_HALF_UP))


def _describe(value: Fraction, unit: ChangeUnit, decimals: int) -> str:
    """ "a reduction of 2.9%", "a rise of 5.1 percentage points", "no change"."""
    if value == 0:
        return "no change"
    size = _round(abs(value), decimals)
    if unit == ChangeUnit.POINTS:
        noun = "a rise" if value > 0 else "a fall"
        return f"{noun} of {size} percentage points"
    noun = "an increase" if value > 0 else "a reduction"
    return f"{noun} of {size}%"


def _claimed(claim: ChangeClaim, actual: int, direction_wrong: bool, size_wrong: bool) -> str:
    """What the claim said that the numbers do not give: "a reduction of 8.1%", "8.1%".

    ``actual`` is the sign of the change the figures give. When neither the direction nor
    the size is wrong on its own (only together), both are named.
    """
    if not direction_wrong and not size_wrong:
        direction_wrong = bool(claim.directions)
        size_wrong = claim.change is not None
    size = ""
    if claim.change is not None and size_wrong:
        points = claim.unit == ChangeUnit.POINTS
        size = f"{claim.change.text} percentage points" if points else f"{claim.change.text}%"
    if not direction_wrong:
        return size
    wrong_signs = [d.sign for d in claim.directions if d.sign != actual] or [
        claim.directions[0].sign
    ]
    sign = wrong_signs[0]
    points = claim.unit == ChangeUnit.POINTS or (claim.before.percent and claim.change is None)
    if points:
        noun = "a rise" if sign > 0 else "a fall"
    else:
        noun = "an increase" if sign > 0 else "a reduction"
    return f"{noun} of {size}" if size else noun


def check_change(claim: ChangeClaim) -> tuple[ClaimKind, Verdict, str, dict[str, Any]]:
    """The verdict on a change between two figures."""
    before, after = claim.before, claim.after
    figures: dict[str, Any] = {
        "before": float(before.value) if before.decimals else int(before.value),
        "after": float(after.value) if after.decimals else int(after.value),
        "figures_unit": "percent" if before.percent else "count",
        "claimed": None if claim.change is None else float(claim.change.value),
        "claimed_unit": None if claim.unit is None else str(claim.unit),
        "directions": [direction.word for direction in claim.directions],
    }
    if before.percent != after.percent:
        return (
            ClaimKind.CHANGE,
            Verdict.UNREADABLE,
            "it compares a percentage with a count",
            figures,
        )
    decimals = max(1, claim.change.decimals if claim.change else 1)
    relative = relative_change(before, after)
    exact_relative = (_exact(after) / _exact(before) - 1) * 100 if _exact(before) != 0 else None
    span = f"{before.shown} to {after.shown}"
    if not before.percent:
        kind = ClaimKind.COUNT_CHANGE if claim.change else ClaimKind.DIRECTION
        if claim.unit == ChangeUnit.POINTS:
            return kind, Verdict.UNREADABLE, "a change in points between two counts", figures
        if exact_relative is None or relative is None:
            if claim.change is None:
                relative = points_change(before, after)  # the direction is still defined
            else:
                figures["computed"] = None
                return kind, Verdict.WRONG, "a percentage change from 0 is undefined", figures
        figures["computed"] = None if exact_relative is None else float(exact_relative)
        if _fits(claim, relative):
            return kind, Verdict.RIGHT, "", figures
        given = (
            _describe(exact_relative, ChangeUnit.PERCENT, decimals)
            if exact_relative is not None
            else "an increase"
            if after.value > 0
            else "no change"
        )
        direction_wrong = not _fits(_without_size(claim), relative)
        size_wrong = claim.change is not None and not _fits(_without_directions(claim), relative)
        return (
            kind,
            Verdict.WRONG,
            f"{span} is {given}, not "
            f"{_claimed(claim, _sign(after.value - before.value), direction_wrong, size_wrong)}",
            figures,
        )
    kind = ClaimKind.PERCENT_CHANGE if claim.change else ClaimKind.DIRECTION
    points = points_change(before, after)
    exact_points = _exact(after) - _exact(before)
    figures["computed"] = float(exact_points)
    fits = _fits(claim, points)
    if claim.unit == ChangeUnit.PERCENT and relative is not None:
        fits = fits or _fits(claim, relative)
    if fits:
        return kind, Verdict.RIGHT, "", figures
    given = _describe(exact_points, ChangeUnit.POINTS, decimals)
    if claim.unit == ChangeUnit.PERCENT and exact_relative is not None and exact_points:
        given += f" ({_describe(exact_relative, ChangeUnit.PERCENT, decimals)})"
    direction_wrong = not _fits(_without_size(claim), points)
    size_wrong = claim.change is not None and not (
        _fits(_without_directions(claim), points)
        or (
            claim.unit == ChangeUnit.PERCENT
            and relative is not None
            and _fits(_without_directions(claim), relative)
        )
    )
    return (
        kind,
        Verdict.WRONG,
        f"{span} is {given}, not "
        f"{_claimed(claim, _sign(exact_points), direction_wrong, size_wrong)}",
        figures,
    )


def _sign(value: Fraction | Decimal) -> int:
    return (value > 0) - (value < 0)


def _without_size(claim: ChangeClaim) -> ChangeClaim:
    """``claim`` with its size dropped: is its direction alone right?"""
    return attrs.evolve(claim, change=None, unit=None)


def _without_directions(claim: ChangeClaim) -> ChangeClaim:
    """``claim`` with its directions dropped: is its size alone right?"""
    return attrs.evolve(claim, directions=())


# -- quarters ------------------------------------------------------------------------


def quarter_months(quarter: int, first_year: int) -> tuple[int, int, int, int]:
    """The first month and year and the last month and year of financial ``quarter`` of
    the year starting in April ``first_year``."""
    start = 3 * quarter + 1 if quarter < 4 else 1
    year = first_year if quarter < 4 else first_year + 1
    return start, year, start + 2, year


def _span(start: int, start_year: int | None, end: int, end_year: int | None) -> str:
    if end_year is None:
        return f"{MONTH_NAMES[start - 1]} to {MONTH_NAMES[end - 1]}"
    if start_year is None or start_year == end_year:
        return f"{MONTH_NAMES[start - 1]} to {MONTH_NAMES[end - 1]} {end_year}"
    return f"{MONTH_NAMES[start - 1]} {start_year} to {MONTH_NAMES[end - 1]} {end_year}"


def check_quarter(claim: QuarterClaim) -> tuple[ClaimKind, Verdict, str, dict[str, Any]]:
    """The verdict on a quarter label and its months."""
    start, year, end, end_year = quarter_months(claim.quarter, claim.first_year)
    claimed_start_year = claim.start_year
    if claimed_start_year is None and claim.end_year is not None:
        # "January - March 2023": the first month's year is read from the last's
        claimed_start_year = (
            claim.end_year if claim.start_month <= claim.end_month else (claim.end_year - 1)
        )
    label = f"Quarter {claim.quarter} {claim.first_year}/{(claim.first_year + 1) % 100:02d}"
    figures: dict[str, Any] = {
        "quarter": claim.quarter,
        "financial_year": label.split()[-1],
        "months": _span(start, year, end, end_year),
        "claimed_months": _span(
            claim.start_month, claimed_start_year, claim.end_month, claim.end_year
        ),
    }
    right = (claim.start_month, claim.end_month) == (start, end) and (
        claim.end_year is None or (claimed_start_year, claim.end_year) == (year, end_year)
    )
    if right:
        return ClaimKind.QUARTER, Verdict.RIGHT, "", figures
    months = _span(start, year, end, end_year if claim.end_year is not None else None)
    return (
        ClaimKind.QUARTER,
        Verdict.WRONG,
        f"{label} is {months}, not {figures['claimed_months']}",
        figures,
    )
