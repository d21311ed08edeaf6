"""Numbers and changes in words, following the ONS style guide.

Every function here takes unrounded values and does its own rounding, so a percentage always
follows from the counts it describes. None of them call a change in recorded crime
"significant": that word belongs to survey measures only.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

#: Below this many offences in either window, a sentence gives the counts and no percentage:
#: 0 against 2 homicides is not "a 100.0% reduction".
SMALL_COUNT = 10


def number(value: int) -> str:
    """A whole number with thousands separators: ``5779`` -> ``"5,779"``."""
    return f"{value:,}"


def round_half_up(value: float, places: int = 1) -> Decimal:
    """``value`` rounded to ``places`` decimal places, halves away from zero.

    Python's ``round`` rounds halves to even and works on binary floats (``round(2.675, 2)``
    is 2.67); published statistics round halves up, so this goes through ``Decimal`` of the
    value's shortest representation.
    """
    quantum = Decimal(1).scaleb(-places)
    return Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def one_decimal(value: float) -> str:
    """``value`` to one decimal place, halves rounded up: ``12.04 -> "12.0"``."""
    return f"{round_half_up(value, 1):,}"


def percent(value: float) -> str:
    """A percentage to one decimal place: ``75.0`` -> ``"75.0%"``."""
    return f"{one_decimal(value)}%"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun agreeing: ``"1 homicide"``, ``"5,779 crimes"``, ``"0 offences"``."""
    word = noun if count == 1 else (plural or f"{noun}s")
    return f"{number(count)} {word}"


def percent_change(current: int | float, previous: int | float) -> float | None:
    """The change from ``previous`` to ``current`` as a percentage of ``previous``.

    Unrounded. None when ``previous`` is zero: a change from nothing has no percentage.
    """
    if previous == 0:
        return None
    return (current - previous) / previous * 100


def change_phrase(current: int | float, previous: int | float) -> str:
    """The change in words: ``"a reduction of 42.9%"``, ``"an increase of 69.9%"``.

    ``"no change"`` when equal; ``"a change of less than 0.1%"`` when the change rounds to
    zero; ``"an increase from none"`` when ``previous`` is zero.
    """
    if current == previous:
        return "no change"
    change = percent_change(current, previous)
    if change is None:
        return "an increase from none"
    if round_half_up(abs(change), 1) == 0:
        return "a change of less than 0.1%"
    if change < 0:
        return f"a reduction of {percent(-change)}"
    return f"an increase of {percent(change)}"


#: How a rate's unit is written after the number: "4.4 per 1,000 population".
PER_POPULATION = "per 1,000 population"


def rate_per_population(count: int | float, population: int) -> float:
    """``count`` per 1,000 of ``population``, unrounded."""
    if population <= 0:
        raise ValueError(f"a population must be positive, not {population}")
    return count / population * 1000


def rate_phrase(rate: float) -> str:
    """A rate in words, to one decimal place: ``4.36`` -> ``"4.4 per 1,000 population"``."""
    return f"{one_decimal(rate)} {PER_POPULATION}"


def is_small(*counts: int | float) -> bool:
    """Whether any of ``counts`` is too small for a percentage change to mean much."""
    return any(count < SMALL_COUNT for count in counts)


def points_phrase(current: float, previous: float) -> str:
    """A change between two percentages in percentage points, from unrounded values:
    ``points_phrase(75.0, 80.1)`` -> ``"5.1 percentage points lower than"``."""
    difference = current - previous
    size = round_half_up(abs(difference), 1)
    if size == 0:
        return "the same as" if difference == 0 else "less than 0.1 percentage points from"
    unit = "percentage point" if size == 1 else "percentage points"
    direction = "lower than" if difference < 0 else "higher than"
    return f"{size} {unit} {direction}"


def join_words(items: list[str], conjunction: str = "and") -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"`` (or ``"a, b or c"`` with ``"or"``)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
