"""Figure rows worked out once for every format: the change to the current figure, the
survey interval, and each cell's text.

:func:`change_between` and :func:`survey_interval` decide what a row says;
the ``*_cell`` functions say how its cells read as text (``5,779``, ``[x]``, ``-4.7``),
shared by every format that prints text cells, so no two formats can disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from measurekit.document.nodes import (
    Change,
    ChangeUnit,
    FigureRow,
    FigureTable,
    Interval,
    ShorthandKey,
)
from measurekit.measures.statistics import wilson_interval
from measurekit.measures.wording import SMALL_COUNT, is_small, number, one_decimal, percent_change
from measurekit.model.markers import Marker
from measurekit.model.statement import Figure, Role, Unit

#: Why a change is ``[u]``, in the key above a table that has one.
SMALL_CHANGE_NOTE = (
    f"No percentage change is given where either count is below {SMALL_COUNT}: "
    "with counts this small a percentage misleads."
)
#: The reasons a change cannot be given.
FROM_ZERO = "a percentage change from zero is undefined"
UNKNOWN = "one of the two figures is not available"
NO_CURRENT = "there is no current figure to compare with"
NOT_FOR_RATES = "a change is given for the counts, not for their rates"


def change_between(current: Figure | None, earlier: Figure) -> Change | None:
    """The change from ``earlier`` to ``current`` (the current figure of the same indicator
    and unit), or None when ``earlier`` is itself the current figure.

    Counts: the percentage change from the unrounded counts; ``[z]`` from zero, ``[u]``
    when either count is below :data:`SMALL_COUNT`. Survey percentages: the difference in
    percentage points. Rates: ``[z]`` (the count's row carries the change). ``[x]`` when
    either figure is unknown.
    """
    if earlier.role is Role.CURRENT:
        return None
    unit = ChangeUnit.POINTS if earlier.unit is Unit.PERCENT else ChangeUnit.PERCENT
    if earlier.unit is Unit.RATE:
        return Change(None, unit, Marker.NOT_APPLICABLE, NOT_FOR_RATES)
    if current is None:
        return Change(None, unit, Marker.NOT_AVAILABLE, NO_CURRENT)
    if current.value is None or earlier.value is None:
        return Change(None, unit, Marker.NOT_AVAILABLE, UNKNOWN)
    if unit is ChangeUnit.POINTS:
        return Change(float(current.value) - float(earlier.value), unit)
    change = percent_change(current.value, earlier.value)
    if change is None:
        return Change(None, unit, Marker.NOT_APPLICABLE, FROM_ZERO)
    if is_small(current.value, earlier.value):
        return Change(None, unit, Marker.LOW_RELIABILITY, SMALL_CHANGE_NOTE)
    return Change(change, unit)


def satisfied_count(figure: Figure) -> int:
    """How many of the responses behind a known survey percentage answered yes."""
    return round((figure.value or 0) * (figure.base or 0) / 100)


def survey_interval(figure: Figure) -> Interval | None:
    """The 95% Wilson interval of a known survey percentage, in percent; None for other
    figures and for survey figures with no value."""
    if figure.unit is not Unit.PERCENT or figure.value is None or not figure.base:
        return None
    bounds = wilson_interval(satisfied_count(figure), figure.base)
    return Interval(bounds.lower * 100, bounds.upper * 100)


def current_figures(figures: Iterable[Figure]) -> dict[tuple[str, Unit], Figure]:
    """Each current figure keyed by its indicator id and unit: a rate never stands in for
    its count, nor a count for its rate."""
    return {(f.indicator.id, f.unit): f for f in figures if f.role is Role.CURRENT}


# --- cells as text ------------------------------------------------------------------------


def value_cell(row: FigureRow) -> str:
    """The value as a table cell: ``5,779``, ``75.0%``, ``4.4`` (a rate), ``[x]``, or
    ``12[r]`` with a marker beside a known value."""
    figure = row.figure
    if figure.value is None:
        return str(figure.marker or Marker.NOT_AVAILABLE)
    if figure.unit is Unit.PERCENT:
        text = f"{one_decimal(figure.value)}%"
    elif figure.unit is Unit.RATE:
        text = one_decimal(figure.value)
    else:
        text = number(int(figure.value))
    return f"{text}{figure.marker}" if figure.marker else text


def change_cell(row: FigureRow, with_unit: bool = False) -> str:
    """The change as a table cell, to one decimal place: ``-4.7``, ``[u]``; ``[z]`` on the
    current row. ``with_unit`` adds the unit (``-4.7%``, ``-5.1 points``) for a table whose
    changes are in both units."""
    change = row.change
    if change is None:
        return str(Marker.NOT_APPLICABLE)
    if change.value is None:
        return str(change.marker)
    text = one_decimal(change.value)
    if with_unit:
        text += "%" if change.unit is ChangeUnit.PERCENT else " points"
    return text


def interval_cell(row: FigureRow) -> str:
    """The interval as a table cell: ``62.3 to 84.5``; ``[z]`` for a figure that is not a
    survey percentage; the figure's marker for a survey figure with no value."""
    if row.interval is not None:
        return f"{one_decimal(row.interval.lower)} to {one_decimal(row.interval.upper)}"
    if row.unit is not Unit.PERCENT:
        return str(Marker.NOT_APPLICABLE)
    return str(row.marker or Marker.NOT_AVAILABLE)


def responses_cell(row: FigureRow) -> str:
    """The number of responses as a table cell; ``[z]`` for a figure that is not a survey
    percentage, the figure's marker for a survey figure whose responses are not known."""
    if row.responses is not None:
        return number(row.responses)
    if row.unit is not Unit.PERCENT:
        return str(Marker.NOT_APPLICABLE)
    return str(row.marker or Marker.NOT_AVAILABLE)


def change_heading(table: FigureTable) -> str:
    """The change column's heading, naming its unit: ``(%)`` for counts,
    ``(percentage points)`` for survey figures, none when the table has both (the cells
    then carry it)."""
    units = table.change_units()
    if units == (ChangeUnit.POINTS,):
        return "Change to current period (percentage points)"
    if units == (ChangeUnit.PERCENT,) or not units:
        return "Change to current period (%)"
    return "Change to current period"


def text_headings(table: FigureTable) -> list[str]:
    """The headings of a figure table printed as text cells (see :func:`text_rows`)."""
    headings = ["Indicator", "Comparison", "Period", "Figure"]
    if table.has_responses():
        headings += ["Responses", "95% confidence interval (%)"]
    if table.has_changes():
        headings.append(change_heading(table))
    return headings


def text_rows(table: FigureTable) -> list[list[str]]:
    """A figure table's rows as text cells, matching :func:`text_headings`."""
    mixed = len(table.change_units()) > 1
    rows = []
    for row in table.rows:
        cells = [row.label, row.comparison, row.period, value_cell(row)]
        if table.has_responses():
            cells += [responses_cell(row), interval_cell(row)]
        if table.has_changes():
            cells.append(change_cell(row, with_unit=mixed))
        rows.append(cells)
    return rows


def shorthand_key(rows: Sequence[FigureRow], with_changes: bool) -> ShorthandKey | None:
    """The key to every marker the rows' text cells show (values, responses and intervals
    when any row is a survey figure, changes when ``with_changes``), with why a change is
    ``[u]`` when one is; None when no cell shows one."""
    with_responses = any(row.unit is Unit.PERCENT for row in rows)
    cells: list[str] = []
    for row in rows:
        cells.append(value_cell(row))
        if with_responses:
            cells += [responses_cell(row), interval_cell(row)]
        if with_changes:
            cells.append(change_cell(row))
    text = " ".join(cells)
    used = tuple(marker for marker in Marker if marker.value in text)
    if not used:
        return None
    small = any(row.change and row.change.marker is Marker.LOW_RELIABILITY for row in rows)
    return ShorthandKey(used, (SMALL_CHANGE_NOTE,) if small and with_changes else ())
