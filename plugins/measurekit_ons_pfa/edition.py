"""One ONS edition (one workbook): its 12-month window and every area's figures in it.

An edition is read once, for all areas; sources for single forces are cut from it. The
tables are recognised by what they say, not by their numbers (which move between editions):

- counts: the title says "number of offences" by "offence group" (P1);
- changes: the title says "percentage change" by "offence group" (P2);
- rates: the title says "rate of offences" (P3), which also carries the population;
- knife counts: a column headed "Total of selected serious offences" (P4);
- knife series: columns headed by 12-month spans such as "Jul '17 to Jun '18" over
  "Number of selected offences involving a knife" (P5); optional.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import attrs

from measurekit.api import (
    MAX_COUNT,
    MONTH_NAMES,
    InputError,
    Location,
    Month,
    Window,
    open_regular,
    open_workbook,
    shared_methods,
    sheet_rows,
)

from .tables import Area, Column, Table, read_table

#: Indicator ids and the header texts (folded) that head their columns in P1, P2 and P3.
#: ``Residental`` is ONS's own spelling in some editions' P2.
OFFENCE_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "total_recorded_crime": ("total recorded crime (excluding fraud)",),
    "homicide": ("homicide",),
    "robbery": ("robbery",),
    "burglary": ("residential burglary", "residental burglary"),
    "vehicle_offences": ("vehicle offences",),
    "theft_from_person": ("theft from the person",),
}
KNIFE = "knife_crime"
INDICATORS = (*OFFENCE_COLUMNS, KNIFE)

_YEAR_ENDING = re.compile(r"year ending\s+([A-Za-z]+)\s+(\d+)", re.IGNORECASE)
_NOTES_PERIOD = re.compile(r"year ending\s+([A-Za-z]+)\s+(\d{4})\b", re.IGNORECASE)
_SPAN = re.compile(r"^([A-Z][a-z]{2})\s*'(\d{2})\s+to\s+([A-Z][a-z]{2})\s*'(\d{2})")
_MID_YEAR = re.compile(r"mid-(\d{4})")
_SHORT_MONTHS = {name[:3]: number for number, name in enumerate(MONTH_NAMES, start=1)}


@attrs.frozen
@shared_methods
class Cell:
    """A figure as printed: a number, or the symbol printed instead (``-``), with where it
    is."""

    value: float | None
    symbol: str | None
    location: Location
    #: ONS's footnote on what ``symbol`` means, where the table gives one.
    meaning: str | None = None
    #: What is wrong with a cell that is neither a number nor an ONS symbol.
    problem: str | None = None

    def number(self) -> float | None:
        """The cell's number, None for a symbol; :class:`InputError` at its location if
        the cell is malformed."""
        if self.problem is not None:
            raise InputError(self.problem, self.location)
        return self.value


@attrs.frozen
@shared_methods
class Edition:
    """A workbook's figures for every area.

    ``counts[area][indicator]`` and ``changes[area][indicator]`` are P1 (with the knife
    count from P4) and P2; ``series[area][window]`` holds knife counts for other 12-month
    windows (P5); ``population[area]`` is P3's population and its mid-year.
    """

    path: Path
    window: Window
    areas: Mapping[str, Area]
    counts: Mapping[str, Mapping[str, Cell]]
    changes: Mapping[str, Mapping[str, Cell]]
    series: Mapping[str, Mapping[Window, Cell]]
    population: Mapping[str, tuple[Cell, int]]
    #: Areas whose rates ONS suppresses (City of London: "+"), with ONS's reason.
    rates_withheld: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def label(self) -> str:
        """E.g. ``"year ending June 2019 edition"``."""
        return f"year ending {self.window.end.label} edition"


def read_edition(path: Path) -> Edition:
    """Read the workbook at ``path``; raise :class:`InputError` naming the file (and the
    sheet, row and column) when it is not an ONS force area workbook or a table is
    missing."""
    with open_regular(path) as handle:
        workbook = open_workbook(handle, path)
        try:
            sheets = {
                sheet.title: [tuple(row) for row in sheet_rows(sheet, path)]
                for sheet in workbook.worksheets
            }
        finally:
            workbook.close()
    tables = [
        table
        for name, rows in sheets.items()
        if (table := read_table(path, name, rows)) is not None
    ]
    window = _edition_window(path, sheets, tables)
    counts_table = _find(path, tables, "counts of recorded crime by offence group", _is_counts)
    changes_table = _find(path, tables, "percentage changes by offence group", _is_changes)
    rates_table = _find(path, tables, "rates of offences with population", _is_rates)
    knife_table = _find(path, tables, "knife or sharp instrument offences", _is_knife)
    series_tables = [table for table in tables if _series_columns(table)]
    _check_change_title(changes_table, window)

    areas: dict[str, Area] = {}
    counts: dict[str, dict[str, Cell]] = {}
    for table, names in ((counts_table, OFFENCE_COLUMNS), (knife_table, _KNIFE_COLUMNS)):
        columns = {indicator: table.column(keys, keys[0]) for indicator, keys in names.items()}
        for area in table.areas:
            areas.setdefault(area.key, area)
            row = counts.setdefault(area.key, {})
            for indicator, column in columns.items():
                row[indicator] = _cell(table, area, column, whole=True)
    change_columns = {
        indicator: changes_table.column(keys, keys[0])
        for indicator, keys in OFFENCE_COLUMNS.items()
    }
    changes = {
        area.key: {
            indicator: _cell(changes_table, area, column, whole=False)
            for indicator, column in change_columns.items()
        }
        for area in changes_table.areas
    }
    series: dict[str, dict[Window, Cell]] = {}
    for table in series_tables:
        for span, column in _series_columns(table).items():
            for area in table.areas:
                series.setdefault(area.key, {})[span] = _cell(table, area, column, whole=True)
    return Edition(
        path=path,
        window=window,
        areas=areas,
        counts=counts,
        changes=changes,
        series=series,
        population=_population(rates_table),
        rates_withheld=_rates_withheld(rates_table),
    )


_KNIFE_COLUMNS: Mapping[str, tuple[str, ...]] = {KNIFE: ("total of selected serious offences",)}


def _is_counts(table: Table) -> bool:
    title = table.title.lower()
    return "offence group" in title and "number of offences" in title


def _is_changes(table: Table) -> bool:
    title = table.title.lower()
    return "offence group" in title and "percentage change" in title


def _is_rates(table: Table) -> bool:
    return "rate of offences" in table.title.lower()


def _is_knife(table: Table) -> bool:
    return bool(table.columns_with(_KNIFE_COLUMNS[KNIFE]))


def _find(path: Path, tables: list[Table], what: str, test: Callable[[Table], bool]) -> Table:
    """The one table passing ``test``; an error naming the file when there is none."""
    found = [table for table in tables if test(table)]
    if len(found) == 1:
        return found[0]
    sheets = ", ".join(repr(table.sheet.strip()) for table in tables) or "none"
    if not found:
        raise InputError(
            f"no table of {what} in this ONS force area workbook (its tables: {sheets}); "
            "is a sheet missing?",
            Location(path),
        )
    names = ", ".join(repr(table.sheet.strip()) for table in found)
    raise InputError(f"several tables of {what}: {names}", Location(path))


def _edition_window(
    path: Path, sheets: Mapping[str, list[tuple[object, ...]]], tables: list[Table]
) -> Window:
    """The 12 months the edition covers: from the Notes sheet's first line, checked
    against the counts table's title (whose year may carry glued footnotes)."""
    end = None
    for name, rows in sheets.items():
        if name.strip().lower() == "notes" and rows and rows[0]:
            match = _NOTES_PERIOD.search(str(rows[0][0] or ""))
            if match:
                end = Month(int(match[2]), _month_number(path, match[1]))
    counts = [table for table in tables if _is_counts(table)]
    title_match = _YEAR_ENDING.search(counts[0].title) if counts else None
    if end is None:
        if title_match is None:
            raise InputError(
                "cannot tell which 12 months this workbook covers: neither the Notes sheet "
                "nor the counts table's title says 'year ending <month> <year>'",
                Location(path),
            )
        digits = title_match[2]
        year = (
            int(digits[:4])
            if digits.startswith("20") and len(digits) >= 4
            else 2000 + int(digits[:2])
        )
        end = Month(year, _month_number(path, title_match[1]))
    elif title_match is not None:
        digits = title_match[2]
        if (
            not (digits.startswith(str(end.year)) or digits.startswith(f"{end.year % 100:02d}"))
            or _month_number(path, title_match[1]) != end.month
        ):
            raise InputError(
                f"the Notes sheet says year ending {end.label} but the table "
                f"{counts[0].sheet.strip()!r} says {title_match[0]!r}",
                Location(path),
            )
    return Window.ending(end, 12)


def _month_number(path: Path, name: str) -> int:
    for number, month in enumerate(MONTH_NAMES, start=1):
        if month.lower() == name.lower():
            return number
    raise InputError(f"{name!r} is not a month name", Location(path))


def _check_change_title(table: Table, window: Window) -> None:
    """P2 must compare the edition's window with the same window a year earlier."""
    found = {(match[1].lower(), match[2][:4]) for match in _YEAR_ENDING.finditer(table.title)}
    expected = {
        (window.end.name.lower(), str(window.end.year)),
        (window.end.name.lower(), str(window.end.year - 1)),
    }
    if not expected <= found:
        raise InputError(
            f"{table.label()} should compare the year ending {window.end.label} with the "
            f"year before, but its title says {table.title!r}",
            Location(table.path, 1, f"{table.sheet.strip()}!A"),
        )


def _cell(table: Table, area: Area, column: Column, *, whole: bool) -> Cell:
    """The cell as a number or a symbol; a malformed cell becomes a cell with a
    ``problem``, raised only when that area's figures are used, so one force's bad cell
    does not stop statements for the others."""
    value = table.value(area, column)
    location = table.location(area, column)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value) or abs(value) > MAX_COUNT:
            return Cell(
                None,
                None,
                location,
                problem=f"{value!r} is outside the numbers measurekit accepts "
                f"(at most {MAX_COUNT:,})",
            )
        if whole and float(value) != int(value):
            return Cell(None, None, location, problem=f"expected a whole number, found {value!r}")
        if whole and value < 0:
            return Cell(None, None, location, problem=f"a count cannot be negative ({value!r})")
        return Cell(float(value), None, location)
    text = "" if value is None else str(value).strip()
    if text in _SYMBOLS:
        return Cell(None, text or "blank", location, _symbol_meaning(table, column, text))
    return Cell(
        None,
        None,
        location,
        problem=f"expected a number or an ONS symbol such as '-', found {text!r}",
    )


#: What ONS prints instead of a number: "-" (base too small or not published), ".." and
#: "NA" (not available), "+" (suppressed), ":" (not applicable), or nothing.
_SYMBOLS = frozenset({"-", "..", ":", "+", "NA", "N/A", "n/a", "*", ""})


def _symbol_meaning(table: Table, column: Column, symbol: str) -> str | None:
    """ONS's own explanation of a symbol in ``column``, each note said to be about the
    column or about the symbol (so a reader can tell which applies): ``its note on this
    column says: ...; its note on '-' says: ...``."""
    column_notes = [table.footnote(number) for number in column.footnote_numbers]
    on_column = " ".join(note.rstrip(".") + "." for note in dict.fromkeys(column_notes) if note)
    on_symbol = table.note_for(symbol) if symbol else None
    parts = []
    if on_column:
        parts.append(f"its note on this column says: {on_column.rstrip('.')}")
    if on_symbol and on_symbol not in on_column:
        parts.append(f"its note on '{symbol}' says: {on_symbol.rstrip('.')}")
    return "; ".join(parts) or None


def _series_columns(table: Table) -> dict[Window, Column]:
    """Knife counts by 12-month span: columns headed "Mon 'YY to Mon 'YY" over "Number of
    selected offences involving a knife"."""
    found: dict[Window, Column] = {}
    for column in table.columns:
        if not any(key.startswith("number of selected offences") for key in column.keys):
            continue
        for raw in column.raw:
            match = _SPAN.match(raw)
            if match and match[1] in _SHORT_MONTHS and match[3] in _SHORT_MONTHS:
                start = Month(2000 + int(match[2]), _SHORT_MONTHS[match[1]])
                end = Month(2000 + int(match[4]), _SHORT_MONTHS[match[3]])
                if end.index - start.index == 11:
                    found[Window(start, end)] = column
    return found


def _rates_withheld(table: Table) -> dict[str, str]:
    """Areas whose total rate ONS prints as a symbol instead of a number, and why."""
    column = table.column(OFFENCE_COLUMNS["total_recorded_crime"], "Total recorded crime")
    withheld = {}
    for area in table.areas:
        cell = _cell(table, area, column, whole=False)
        if cell.symbol is not None:
            meaning = table.note_for(cell.symbol or "") or f"ONS prints {cell.symbol!r}"
            withheld[area.key] = " ".join(meaning.split()).rstrip(".")
    return withheld


def _population(table: Table) -> dict[str, tuple[Cell, int]]:
    """Each area's population and the year of its mid-year estimate, from the column
    headed "Population figures (mid-YYYY)"."""
    columns = [
        column
        for column in table.columns
        if any(key.startswith("population figures") for key in column.keys)
    ]
    if len(columns) != 1:
        raise InputError(
            f"{table.label()} has {'no' if not columns else 'several'} column headed "
            "'Population figures (mid-YYYY)'",
            Location(table.path),
        )
    column = columns[0]
    years = [int(match[1]) for raw in column.raw if (match := _MID_YEAR.search(raw))]
    if not years:
        raise InputError(
            f"{table.label()}: the population column does not say its mid-year "
            f"({' / '.join(column.raw)!r})",
            Location(table.path, None, f"{table.sheet.strip()}!{column.letter}"),
        )
    return {area.key: (_cell(table, area, column, whole=True), years[0]) for area in table.areas}
