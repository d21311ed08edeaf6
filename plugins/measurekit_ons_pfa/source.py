"""Answering one force's counts from several ONS editions, newest first.

For a 12-month window, each edition may hold a figure:

- printed: its own window's count (P1, or P4 for knife crime), or a knife count for an
  earlier window in its series table (P5);
- derived: for the window a year before its own, the previous-year count ONS compared
  against, which follows exactly from its percentage change and its count:
  ``previous = current / (1 + change / 100)``. It must come out a whole number; anything
  else means the tables were misread, and is an error naming the cell.

The newest edition holding a figure wins. A figure that differs from the one first
published for the same window is marked ``[r]`` (revised), with both editions named.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from measurekit.api import (
    Answer,
    Count,
    Explanation,
    IndicatorScope,
    InputError,
    InputFile,
    InputRow,
    Marker,
    Month,
    Population,
    Query,
    Source,
    Unavailable,
    Window,
    input_file,
    shared_methods,
)

from .edition import INDICATORS, KNIFE, OFFENCE_COLUMNS, Cell, Edition
from .tables import Area

#: What the tables count where a measure means something narrower. ONS's "Robbery" column
#: is every robbery, of business property as well as personal; the neighbourhood crime
#: measure means robbery of personal property, which the tables do not give apart.
SCOPES = {
    "robbery": IndicatorScope(
        "Robbery (personal and business property)",
        "All robbery, of business as well as personal property, as the ONS force area tables "
        "count it: they do not give robbery of personal property apart, so this figure, and "
        "any total it is part of (such as neighbourhood crime), includes robbery of business "
        "property.",
    ),
}

#: Relative tolerance for "a whole number": ONS's percentages are stored unrounded.
WHOLE_TOLERANCE = 1e-6

_SYMBOL_MEANINGS = {
    "-": "ONS prints '-' instead of a figure",
    "..": "ONS marks the figure as not available",
    "NA": "ONS marks the figure as not available",
    "N/A": "ONS marks the figure as not available",
    "+": "ONS suppresses the figure",
    "blank": "ONS leaves the cell blank",
}


@attrs.frozen
@shared_methods
class Found:
    """A count one edition holds for a window, and how it got it."""

    value: int
    edition: Edition
    derived: bool
    #: The cells the count is read from: the count, or for a derived count the count and
    #: the percentage change it is worked out from.
    cells: tuple[Cell, ...] = ()


@attrs.frozen
@shared_methods
class Missing:
    """Why one edition, which could have held a count for a window, does not."""

    reason: str


def symbol_reason(cell: Cell) -> str:
    """What a printed symbol means, in ONS's words where the table explains it:
    ``"ONS prints '-'; its note on '-' says: '-' indicates that the base number is fewer
    than 50"``."""
    printed = f"ONS prints '{cell.symbol}'" if cell.symbol != "blank" else "the cell is blank"
    if cell.meaning:
        return f"{printed}; {cell.meaning}"
    meaning = _SYMBOL_MEANINGS.get(cell.symbol or "")
    return f"{meaning} (printed '{cell.symbol}')" if meaning else printed


def derive_previous(current: Cell, change: Cell) -> int | None:
    """The previous-year count behind ONS's percentage ``change`` on ``current``, or None
    when either is a symbol or the change is -100%; an error at the change's cell when
    the result is not a whole number."""
    now, percent = current.number(), change.number()
    if now is None or percent is None:
        return None
    factor = 1 + percent / 100
    if factor == 0:
        return None
    previous = now / factor
    nearest = round(previous)
    if abs(previous - nearest) > WHOLE_TOLERANCE * max(1.0, abs(previous)):
        raise InputError(
            f"the percentage change {percent!r} on the count {now:g} gives "
            f"a previous-year count of {previous:,.2f}, not a whole number: the columns "
            "of the count and change tables do not match",
            change.location,
        )
    return int(nearest)


def _printed(edition: Edition, cell: Cell | None) -> Found | Missing | None:
    """The count ``edition`` prints in ``cell``, why it prints none, or None (no cell)."""
    if cell is None:
        return None
    value = cell.number()
    if value is None:
        return Missing(f"the {edition.label} has no count; {symbol_reason(cell)}")
    return Found(int(value), edition, derived=False, cells=(cell,))


def edition_holding(
    edition: Edition, area: Area, indicator: str, window: Window
) -> Found | Missing | None:
    """What ``edition`` holds for ``indicator`` over ``window`` in ``area``: a count, the
    reason it prints none, or None when the window is not one it speaks about."""
    counts = edition.counts.get(area.key, {})
    if window == edition.window:
        return _printed(edition, counts.get(indicator))
    if indicator == KNIFE:
        return _printed(edition, edition.series.get(area.key, {}).get(window))
    if window == edition.window.shifted(-1):
        current = counts.get(indicator)
        change = edition.changes.get(area.key, {}).get(indicator)
        if current is None or change is None:
            return None
        if current.number() is None:
            return Missing(
                f"the {edition.label} has no count of its own to work out a revised count "
                f"from; {symbol_reason(current)}"
            )
        if change.number() is None:
            return Missing(
                f"the {edition.label} gives no percentage change to work out a revised "
                f"count from; {symbol_reason(change)}"
            )
        previous = derive_previous(current, change)
        if previous is None:
            return Missing(f"the {edition.label} prints a change of -100%: no count to work from")
        return Found(previous, edition, derived=True, cells=(current, change))
    return None


class OnsPfaSource(Source):
    """One area's figures across several editions (newest first)."""

    def __init__(self, name: str, area: Area, editions: Sequence[Edition]) -> None:
        super().__init__(name, "ons-pfa")
        self.area = area
        self.editions = sorted(editions, key=lambda edition: edition.window.end, reverse=True)

    def scope(self, indicator: str) -> IndicatorScope | None:
        """Robbery is all robbery (:data:`SCOPES`); every other indicator is as named."""
        return SCOPES.get(indicator)

    def count(self, query: Query, window: Window) -> Answer:
        chosen = self._choose(query, window)
        if isinstance(chosen, Unavailable):
            return chosen
        return self._count(*chosen)

    def inputs(self) -> list[InputFile]:
        """Every edition's workbook, with its digest (a workbook of tables has no rows to
        count)."""
        return [input_file(edition.path) for edition in sorted(self.editions, key=_by_path)]

    def describe(self, query: Query) -> str:
        if query.indicator == KNIFE:
            where = (
                "the column headed 'Total of selected serious offences' (offences involving "
                "a knife or sharp instrument), or for earlier years the knife series table"
            )
        else:
            headings = OFFENCE_COLUMNS.get(query.indicator, (query.indicator,))
            where = f"the column headed {headings[0]!r} of the table of numbers of offences"
        return (
            f"{where}, in the row of {self.area.name} ({self.area.code or 'no code'}), "
            "from the newest edition holding the window"
        )

    def explain(self, query: Query, window: Window) -> Explanation:
        """The cell the count is printed in, or the two cells (the count a year later and
        its percentage change) a revised count is worked out from."""
        chosen = self._choose(query, window)
        if isinstance(chosen, Unavailable):
            raise InputError(f"the ONS tables hold no count for the {window.label}")
        best, first, _ = chosen
        rows = []
        for position, cell in enumerate(best.cells):
            sheet, _, column = (cell.location.column or "").rpartition("!")
            role = "percentage change" if best.derived and position == 1 else "count"
            printed = cell.symbol if cell.value is None else _exact(cell.value)
            rows.append(
                InputRow(
                    best.edition.path,
                    (sheet, f"{column}{cell.location.row}", printed or "", role),
                )
            )
        how = [f"from the ONS {best.edition.label}"]
        if best.derived:
            current, change = (cell.number() or 0.0 for cell in best.cells)
            how.append(
                f"worked out as the count divided by (1 + change / 100): "
                f"{_exact(current)} / (1 + {_exact(change)} / 100) = {best.value:,}"
            )
        if first is not None and first.edition is not best.edition and first.value != best.value:
            how.append(f"first published as {first.value:,} in the {first.edition.label}")
        return Explanation(
            ("sheet", "cell", "value", "holds"), tuple(rows), best.value, "cells", tuple(how)
        )

    def _choose(
        self, query: Query, window: Window
    ) -> tuple[Found, Found | None, list[str]] | Unavailable:
        """The count the newest edition holding one gives, the first published count of
        the window, and why newer editions give none; or why no edition gives one."""
        indicator = query.indicator
        if indicator not in INDICATORS:
            return Unavailable(
                f"the ONS force area tables have no figures for {indicator.replace('_', ' ')}"
            )
        if window.months != 12:
            return Unavailable("the ONS force area tables give 12-month figures only")
        holdings = [
            (edition, edition_holding(edition, self.area, indicator, window))
            for edition in self.editions
        ]
        found = [holding for _, holding in holdings if isinstance(holding, Found)]
        if not found:
            reasons = [holding.reason for _, holding in holdings if isinstance(holding, Missing)]
            if reasons:
                return Unavailable("; ".join(reasons))
            return Unavailable(
                f"no ONS edition read covers the {window.label} "
                f"(editions: {self._editions_label()})"
            )
        best = found[0]
        first = min(
            (item for item in found if not item.derived),
            key=lambda item: item.edition.window.end,
            default=None,
        )
        skipped = [
            holding.reason
            for edition, holding in holdings
            if isinstance(holding, Missing) and edition.window.end > best.edition.window.end
        ]
        return best, first, skipped

    def _count(self, best: Found, first: Found | None, skipped: list[str]) -> Count:
        how = "worked out from its percentage change" if best.derived else "as printed"
        if first is not None and first.edition is not best.edition and first.value != best.value:
            return Count(
                best.value,
                Marker.REVISED,
                f"revised: {best.value:,} in the ONS {best.edition.label} ({how}); first "
                f"published as {first.value:,} in the {first.edition.label}",
            )
        if skipped:
            return Count(
                best.value,
                note=f"as published in the ONS {best.edition.label}; a later revision is not "
                f"known, because {'; '.join(skipped)}",
            )
        return Count(best.value)

    def population(self, window: Window) -> Population | Unavailable:
        for edition in self.editions:
            if edition.window == window and self.area.key in edition.rates_withheld:
                return Unavailable(
                    f"the ONS {edition.label} gives no rates for {self.area.name}: "
                    f"{edition.rates_withheld[self.area.key]}"
                )
            if edition.window == window and self.area.key in edition.population:
                cell, year = edition.population[self.area.key]
                value = cell.number()
                if value is None or value <= 0:
                    return Unavailable(f"the ONS {edition.label} gives no population")
                source = f"ONS force area tables, {edition.label}"
                return Population(int(value), year, source)
        return Unavailable(f"no ONS edition read gives a population for the {window.label}")

    def coverage(self) -> dict[str, list[Month]]:
        """The months of every 12-month window the editions give a count for: each
        edition's own, the year before it where its percentage change is a number (the
        revised count follows from it), and the knife series' earlier windows."""
        months: dict[str, set[Month]] = {}
        for edition in self.editions:
            changes = edition.changes.get(self.area.key, {})
            for indicator in edition.counts.get(self.area.key, {}):
                covered = months.setdefault(indicator, set())
                covered.update(edition.window)
                change = changes.get(indicator)
                if change is not None and change.number() is not None:
                    covered.update(edition.window.shifted(-1))
            for window, cell in edition.series.get(self.area.key, {}).items():
                if cell.number() is not None:
                    months.setdefault(KNIFE, set()).update(window)
        return {indicator: sorted(found) for indicator, found in months.items()}

    def _editions_label(self) -> str:
        return ", ".join(
            f"year ending {edition.window.end.label}" for edition in reversed(self.editions)
        )


def _by_path(edition: Edition) -> str:
    return str(edition.path)


def _exact(value: float) -> str:
    """A cell's number as stored, in full: ``39644``, ``19.481608...``."""
    return str(int(value)) if value.is_integer() else repr(value)
