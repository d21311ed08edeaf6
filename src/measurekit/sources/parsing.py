"""Reading single cells: booleans, dates, months and counts, with errors that point at them."""

from __future__ import annotations

import datetime as dt

from measurekit.model.periods import Month
from measurekit.sources.tabular import Row

_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}


def boolean(row: Row, column: str) -> bool:
    """A yes/no cell: ``true/false``, ``yes/no``, ``y/n`` or ``1/0`` in any case; blank is
    false."""
    text = row.get(column).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise row.error(column, f"{row.get(column)!r} is not true/false, yes/no, y/n or 1/0")


def date(row: Row, column: str) -> dt.date:
    """A ``YYYY-MM-DD`` date cell."""
    text = row.get(column)
    if not text:
        raise row.error(column, "date is blank; expected YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text[:10] if "T" in text else text)
    except ValueError:
        raise row.error(column, f"{text!r} is not a date written YYYY-MM-DD") from None


def month_of_date(row: Row, column: str) -> Month:
    """The month of a ``YYYY-MM-DD`` date cell."""
    day = date(row, column)
    return Month(day.year, day.month)


def month(row: Row, column: str) -> Month:
    """A ``YYYY-MM`` month cell."""
    try:
        return Month.parse(row.get(column))
    except ValueError as error:
        raise row.error(column, str(error)) from None


def whole_number(row: Row, column: str, default: int | None = None, minimum: int = 0) -> int:
    """A non-negative whole number cell (``1,234`` is accepted); blank gives ``default``."""
    text = row.get(column).replace(",", "")
    if not text and default is not None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise row.error(column, f"{row.get(column)!r} is not a whole number") from None
    if value < minimum:
        raise row.error(column, f"{value} is below the smallest allowed value, {minimum}")
    return value
