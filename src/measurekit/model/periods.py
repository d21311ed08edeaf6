"""Months, windows of consecutive months, and UK financial quarters.

Everything a statement reports covers a :class:`Window`: a run of whole calendar months.
Windows know how to name themselves in the words a statement uses ("12 months to June 2023",
"April to June 2023 (Quarter 1 2023/24)"), so no label is ever typed by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_MONTH_PATTERN = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_QUARTER_PATTERN = re.compile(r"^([0-9]{4})/([0-9]{2})\s+Q([0-9])$", re.IGNORECASE)

#: The years a month or financial year read from text may fall in (``docs/limits.md``).
FIRST_YEAR = 1900
LAST_YEAR = 2200


def check_year(year: int, text: str) -> None:
    """Raise ``ValueError`` when ``year`` (read from ``text``) is outside the years
    measurekit accepts, :data:`FIRST_YEAR` to :data:`LAST_YEAR`."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            f"{text!r}: the year {year} is outside {FIRST_YEAR} to {LAST_YEAR}, the years "
            "measurekit accepts"
        )


def _valid_month_number(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= 12:
        raise ValueError(f"month must be 1 to 12, not {value}")


@attrs.frozen(order=True, cache_hash=True)  # months key every tally: hashed often
class Month:
    """A calendar month. Ordered; ``month + n`` moves n months on (or back, when negative)."""

    year: int
    month: int = attrs.field(validator=_valid_month_number)

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read ``YYYY-MM``; raise ``ValueError`` with a readable message otherwise."""
        match = _MONTH_PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a month written YYYY-MM")
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        check_year(year, text)
        return cls(year, month)

    @property
    def name(self) -> str:
        """The month's English name, e.g. ``"June"``."""
        return MONTH_NAMES[self.month - 1]

    @property
    def label(self) -> str:
        """The month as a statement writes it, e.g. ``"June 2023"``."""
        return f"{self.name} {self.year}"

    @property
    def index(self) -> int:
        """Months since January of year 0; handy for arithmetic."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> Month:
        """The month ``index`` months after January of year 0."""
        return cls(index // 12, index % 12 + 1)

    def __add__(self, months: int) -> Month:
        return Month.from_index(self.index + months)

    def __sub__(self, months: int) -> Month:
        return Month.from_index(self.index - months)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@attrs.frozen(order=True)
class FinancialYear:
    """A UK financial year, April to March, written ``2023/24``; ``first_year`` is 2023."""

    first_year: int

    @property
    def label(self) -> str:
        """The year as a statement writes it, e.g. ``"2023/24"``."""
        return f"{self.first_year}/{(self.first_year + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.label


@attrs.frozen(order=True)
class FinancialQuarter:
    """A quarter of a UK financial year: Q1 April to June, ..., Q4 January to March.

    Q4 falls in the later calendar year: Q4 2023/24 is January to March 2024.
    """

    year: FinancialYear
    quarter: int = attrs.field()

    @quarter.validator
    def _check_quarter(self, attribute: attrs.Attribute[int], value: int) -> None:
        if not 1 <= value <= 4:
            raise ValueError(f"a financial year has quarters 1 to 4, not {value}")

    @classmethod
    def parse(cls, text: str) -> FinancialQuarter:
        """Read ``"2023/24 Q1"``; raise ``ValueError`` naming what is wrong otherwise."""
        match = _QUARTER_PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a financial quarter written like '2023/24 Q1'")
        first, second, quarter = int(match[1]), int(match[2]), int(match[3])
        if (first + 1) % 100 != second:
            raise ValueError(
                f"{text!r}: a financial year runs over two consecutive years, "
                f"so {first} is followed by {(first + 1) % 100:02d}, not {second:02d}"
            )
        if not 1 <= quarter <= 4:
            raise ValueError(f"{text!r}: a financial year has quarters Q1 to Q4")
        check_year(first, text)
        check_year(first + 1, text)
        return cls(FinancialYear(first), quarter)

    @classmethod
    def ending_in(cls, month: Month) -> FinancialQuarter:
        """The quarter that contains ``month``."""
        first_year = month.year if month.month >= 4 else month.year - 1
        quarter = ((month.month - 4) % 12) // 3 + 1
        return cls(FinancialYear(first_year), quarter)

    @property
    def window(self) -> Window:
        """The three months of the quarter."""
        start = Month(self.year.first_year, 4) + 3 * (self.quarter - 1)
        return Window(start, start + 2)

    @property
    def end(self) -> Month:
        """The last month of the quarter."""
        return self.window.end

    def rolling_year(self) -> Window:
        """The 12 months to the end of the quarter: the headline window of a statement."""
        return Window.ending(self.end, 12)

    @property
    def label(self) -> str:
        """E.g. ``"Quarter 1 2023/24"``."""
        return f"Quarter {self.quarter} {self.year.label}"

    @property
    def long_label(self) -> str:
        """E.g. ``"April to June 2023 (Quarter 1 2023/24)"``."""
        return f"{self.window.span_label} ({self.label})"

    def __str__(self) -> str:
        return f"{self.year.label} Q{self.quarter}"


@attrs.frozen(order=True)
class Window:
    """A run of whole consecutive months, from ``start`` to ``end`` inclusive."""

    start: Month
    end: Month = attrs.field()

    @end.validator
    def _check_order(self, attribute: attrs.Attribute[Month], value: Month) -> None:
        if value < self.start:
            raise ValueError(f"a window cannot end ({value}) before it starts ({self.start})")

    @classmethod
    def ending(cls, end: Month, months: int = 12) -> Window:
        """The ``months`` months up to and including ``end``."""
        if months < 1:
            raise ValueError("a window covers at least one month")
        return cls(end - (months - 1), end)

    @property
    def months(self) -> int:
        """How many months the window covers."""
        return self.end.index - self.start.index + 1

    def __iter__(self) -> Iterator[Month]:
        for index in range(self.start.index, self.end.index + 1):
            yield Month.from_index(index)

    def __contains__(self, month: object) -> bool:
        return isinstance(month, Month) and self.start <= month <= self.end

    def shifted(self, years: int) -> Window:
        """The same months ``years`` years later (earlier when negative)."""
        return Window(self.start + 12 * years, self.end + 12 * years)

    @property
    def span_label(self) -> str:
        """The months named in full: ``"April to June 2023"``, ``"July 2022 to June 2023"``."""
        if self.months == 1:
            return self.end.label
        if self.start.year == self.end.year:
            return f"{self.start.name} to {self.end.label}"
        return f"{self.start.label} to {self.end.label}"

    @property
    def label(self) -> str:
        """How a statement names the window.

        A quarter of a financial year: ``"April to June 2023 (Quarter 1 2023/24)"``; a year
        or more: ``"12 months to June 2023"``; anything else: its months in full.
        """
        if self.months == 3 and FinancialQuarter.ending_in(self.end).window == self:
            return FinancialQuarter.ending_in(self.end).long_label
        if self.months >= 12:
            return f"{self.months} months to {self.end.label}"
        return self.span_label

    def __str__(self) -> str:
        return f"{self.start}/{self.end}"
