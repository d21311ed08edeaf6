"""The claims a statement makes, as read from its sentences, before they are checked.

A finder turns a sentence into :class:`ChangeClaim`, :class:`QuarterClaim` and
:class:`UnreadableClaim` objects; :mod:`~measurekit.audit.checking` gives each a verdict.
Offsets are into the passage the sentence came from.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

import attrs

from measurekit.shared_methods import shared_methods


class ChangeUnit(StrEnum):
    """How a claimed change is expressed."""

    PERCENT = "percent"  # "4.7%", "8.1 per cent"
    POINTS = "points"  # "5.1 percentage points", "5.1 points"


@attrs.frozen
@shared_methods
class Figure:
    """A number as the statement writes it.

    ``decimals`` is how many digits follow the decimal point, the figure's own precision;
    ``percent`` says it is written as a percentage ("80.1%").
    """

    text: str
    value: Decimal
    decimals: int
    percent: bool = False

    @classmethod
    def parse(cls, text: str, percent: bool = False) -> Figure:
        """A figure from its digits as written: ``"5,779"``, ``"4.7"``."""
        digits = text.replace(",", "")
        decimals = len(digits.partition(".")[2])
        return cls(text, Decimal(digits), decimals, percent)

    @property
    def shown(self) -> str:
        """The figure as written, with its per cent sign if it is a percentage."""
        return f"{self.text}%" if self.percent else self.text

    @property
    def half_width(self) -> Decimal:
        """Half the last shown digit's unit: how far the true value may lie from it.

        A count written as a whole number is exact (0). A percentage, or a number written
        with decimals, is taken as rounded: "80.1%" stands for anything from 80.05 to
        80.15, and "75%" for anything from 74.5 to 75.5.
        """
        if self.decimals == 0 and not self.percent:
            return Decimal(0)
        return Decimal(5) * Decimal(10) ** (-self.decimals - 1)


@attrs.frozen
@shared_methods
class Direction:
    """A word or sign that says which way a change went: +1 up, -1 down."""

    word: str
    sign: int


@attrs.frozen
@shared_methods
class ChangeClaim:
    """A change between two figures, and what the statement says of it.

    ``before`` is the earlier (or compared-against) figure and ``after`` the later one.
    ``change`` is the claimed size as written, without its sign, or None when the claim
    only gives a direction ("fell from 826 to 802"). ``directions`` are every word and
    sign the claim uses for the direction; each must agree with the figures.
    """

    text: str
    offset: int
    before: Figure
    after: Figure
    change: Figure | None = None
    unit: ChangeUnit | None = None
    directions: tuple[Direction, ...] = ()


@attrs.frozen
@shared_methods
class QuarterClaim:
    """A financial quarter with the months the statement gives for it.

    ``first_year`` is the calendar year the financial year starts in (2023 for 2023/24).
    ``start_year`` is None when the statement leaves it to be read from ``end_year``
    ("January - March 2023"); ``end_year`` is None when no year is given at all, and then
    only the months are checked.
    """

    text: str
    offset: int
    label: str
    quarter: int
    first_year: int
    start_month: int
    start_year: int | None
    end_month: int
    end_year: int | None


@attrs.frozen
@shared_methods
class UnreadableClaim:
    """Something that is a claim, but could not be read with confidence: it is counted,
    never checked."""

    text: str
    offset: int
    reason: str
    quarter: bool = False


Claim = ChangeClaim | QuarterClaim | UnreadableClaim
