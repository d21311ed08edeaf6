"""Reading single cells: booleans, dates, months and counts, with errors that point at them."""

from __future__ import annotations

import datetime as dt
import re

from measurekit.limits import MAX_COUNT
from measurekit.model.periods import Month, check_year
from measurekit.sources.tabular import Row

#: ``2023-04-01``, perhaps with a time after a ``T`` (a workbook's date-time cell).
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9:.]+)?$")
#: A whole number: ASCII digits, perhaps grouped by commas in threes, perhaps signed.
_WHOLE = re.compile(r"^[-+]?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)$")

_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}


def boolean_text(text: str) -> bool | None:
    """``true/false``, ``yes/no``, ``y/n`` or ``1/0`` in any case (blank is false) as a
    bool; None for any other text."""
    text = text.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def boolean(row: Row, column: str) -> bool:
    """A yes/no cell: ``true/false``, ``yes/no``, ``y/n`` or ``1/0`` in any case; blank is
    false."""
    value = boolean_text(row.get(column))
    if value is None:
        raise row.error(column, f"{row.quote(column)} is not true/false, yes/no, y/n or 1/0")
    return value


def date(row: Row, column: str) -> dt.date:
    """A ``YYYY-MM-DD`` date cell (a time after a ``T``, as a workbook's date-time cell
    gives, is ignored), in the years :func:`~measurekit.model.periods.check_year` allows."""
    text = row.get(column)
    if not text:
        raise row.error(column, "date is blank; expected YYYY-MM-DD")
    if not _DATE.match(text):
        raise row.error(column, f"{row.quote(column)} is not a date written YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        raise row.error(column, f"{row.quote(column)} is not a date") from None
    try:
        check_year(day.year, text[:10])
    except ValueError as error:
        raise row.error(column, str(error)) from None
    return day


def month_of_date(row: Row, column: str) -> Month:
    """The month of a ``YYYY-MM-DD`` date cell."""
    day = date(row, column)
    return Month(day.year, day.month)


def month(row: Row, column: str) -> Month:
    """A ``YYYY-MM`` month cell."""
    text = row.get(column)
    try:
        return Month.parse(text)
    except ValueError as error:
        raise row.error(column, str(error).replace(repr(text), row.quote(column))) from None


def whole_number_text(text: str) -> int | None:
    """``text`` as a whole number by the rules of :func:`whole_number` (ASCII digits,
    perhaps grouped in threes by commas, perhaps signed), or None when it is not one."""
    return int(text.replace(",", "")) if _WHOLE.match(text) else None


def whole_number(
    row: Row, column: str, default: int | None = None, minimum: int = 0, maximum: int = MAX_COUNT
) -> int:
    """A whole number cell from ``minimum`` to ``maximum``; blank gives ``default``.

    ASCII digits only, optionally grouped in threes by commas (``1,234``); a sign is read
    only to say that a negative number is too small. ``1_000``, ``1,2,3,4``, ``1e3`` and
    digits of other scripts are not numbers here.
    """
    text = row.get(column)
    if not text and default is not None:
        return default
    value = whole_number_text(text)
    if value is None:
        raise row.error(column, f"{row.quote(column)} is not a whole number")
    if value < minimum:
        raise row.error(column, f"{value} is below the smallest allowed value, {minimum}")
    if value > maximum:
        raise row.error(column, f"{value:,} is above the largest allowed value, {maximum:,}")
    return value
