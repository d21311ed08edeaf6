"""The counting query's rows read into the tallies the file formats keep, so that a
``sql`` source answers through the very code a ``records``, ``counts`` or ``survey`` file
does, and gives the same figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from measurekit.limits import MAX_COUNT, MAX_MONTHS
from measurekit.measures.offence_codes import normalise_offence_code
from measurekit.model.periods import Month, Window
from measurekit.sources.formats import FIREARM_TYPES, CountEntry, RecordKey
from measurekit.sources.parsing import boolean_text, whole_number_text
from measurekit.sources.sql.counting import GroupRow, Layout, bad_value, group_month
from measurekit.sources.survey import ResponseKey

_BOOLEAN = "true/false, yes/no, y/n or 1/0"


def flag(layout: Layout, row: GroupRow, standard: str) -> bool:
    """A yes/no column's value read as the file formats read it (absent or blank: false)."""
    value = boolean_text(row.text(standard))
    if value is None:
        raise bad_value(layout, row, standard, _BOOLEAN)
    return value


class _Reader:
    """Reads each distinct raw value once: the counting query repeats the same few months,
    codes and flags in thousands of rows."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.months: dict[tuple[object, object], Month] = {}
        self.values: dict[tuple[str, object], bool | str] = {}

    def month(self, row: GroupRow, date: str) -> Month:
        key = (row.values.get("year"), row.values.get("month"))
        found = self.months.get(key)
        if found is None:
            found = self.months[key] = group_month(row, self.layout, date)
        return found

    def flag(self, row: GroupRow, standard: str) -> bool:
        key = (standard, row.values.get(standard))
        found = self.values.get(key)
        if found is None:
            found = self.values[key] = flag(self.layout, row, standard)
        return bool(found)

    def code(self, row: GroupRow) -> str:
        key = ("offence_code", row.values.get("offence_code"))
        found = self.values.get(key)
        if found is None:
            found = normalise_offence_code(row.text("offence_code"))
            if not found:
                raise bad_value(self.layout, row, "offence_code", "an offence code")
            self.values[key] = found
        return str(found)

    def firearm(self, row: GroupRow) -> str:
        key = ("firearm_type", row.values.get("firearm_type"))
        found = self.values.get(key)
        if found is None:
            found = row.text("firearm_type").lower()
            if found and found not in FIREARM_TYPES:
                raise bad_value(
                    self.layout, row, "firearm_type", f"one of {', '.join(FIREARM_TYPES)}"
                )
            self.values[key] = found
        return str(found)


def record_tally(layout: Layout, rows: Iterable[GroupRow]) -> Counter[RecordKey]:
    """Records counted by :data:`~measurekit.sources.formats.RecordKey`."""
    tally: Counter[RecordKey] = Counter()
    read = _Reader(layout)
    for row in rows:
        key: RecordKey = (
            read.month(row, "recorded_date"),
            read.code(row),
            read.flag(row, "knife_or_sharp_instrument"),
            read.firearm(row),
            read.flag(row, "firearm_discharged"),
            read.flag(row, "domestic_abuse"),
        )
        tally[key] += row.n
    return tally


def response_tally(layout: Layout, rows: Iterable[GroupRow]) -> Counter[ResponseKey]:
    """Survey responses counted by :data:`~measurekit.sources.survey.ResponseKey`; a blank
    answer is an error, as in a survey file."""
    tally: Counter[ResponseKey] = Counter()
    read = _Reader(layout)
    for row in rows:
        if not row.text("satisfied"):
            raise bad_value(layout, row, "satisfied", "an answer (a completed survey needs one)")
        key: ResponseKey = (
            read.month(row, "response_date"),
            read.flag(row, "satisfied"),
            read.flag(row, "domestic_abuse"),
        )
        tally[key] += row.n
    return tally


def count_entries(layout: Layout, rows: Iterable[GroupRow]) -> dict[str, list[CountEntry]]:
    """Ready-made counts by indicator; a second figure for one indicator and window is an
    error, as in a counts file."""
    entries: dict[str, list[CountEntry]] = {}
    seen: set[tuple[str, Window]] = set()
    for number, row in enumerate(rows, start=1):
        indicator = row.text("indicator")
        if not indicator:
            raise bad_value(layout, row, "indicator", "an indicator id")
        months = _whole(layout, row, "months", 1, 1, MAX_MONTHS)
        try:
            end = Month.parse(row.text("period_end")[:7])
        except ValueError:
            raise bad_value(layout, row, "period_end", "a month written YYYY-MM") from None
        window = Window.ending(end, months)
        value = _whole(layout, row, "value", None, 0, MAX_COUNT)
        if row.n > 1 or (indicator, window) in seen:
            raise bad_value(
                layout, row, "period_end", f"the only figure for {indicator} over {window.label}"
            )
        seen.add((indicator, window))
        entries.setdefault(indicator, []).append(CountEntry(window, value, number))
    return entries


def _whole(
    layout: Layout, row: GroupRow, standard: str, default: int | None, low: int, high: int
) -> int:
    text = row.text(standard)
    if not text and default is not None:
        return default
    value = whole_number_text(text)
    if value is None or not low <= value <= high:
        raise bad_value(layout, row, standard, f"a whole number from {low} to {high:,}")
    return value
