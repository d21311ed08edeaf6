"""The national overview of a many-forces run: every force's current figures side by side.

A many-forces run builds one statement per force; :func:`comparison` lays their current
figures out as one table, a row per force and, per indicator, a column for the count and
one for the rate per 1,000 population where any force has one. An output format that can
draw an overview (``html`` writes ``index.html``) gets the table and each force's file name
through :meth:`measurekit.OutputFormat.overview`. There is no grading and no colour: the
table holds numbers, with ``[x]`` where a force's data cannot give one.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from measurekit.measures.wording import number, one_decimal
from measurekit.model.markers import Marker
from measurekit.model.statement import Figure, Role, Statement, Unit
from measurekit.shared_methods import shared_methods


@attrs.frozen
@shared_methods
class OverviewPage:
    """One force's statement in the run: its label (the force, with the period when the run
    has several), its statement, and its file's name in each format (``{"html":
    "national-cheshire.html"}``)."""

    label: str
    statement: Statement
    files: dict[str, str] = attrs.field(factory=dict, hash=False)


@attrs.frozen
@shared_methods
class Column:
    """A column of the comparison: an indicator's count or rate, with its heading."""

    indicator: str
    unit: Unit
    heading: str


@attrs.frozen
@shared_methods
class ComparisonRow:
    """A force's row: its page, then a cell per column (text: ``5,779``, ``4.4``,
    ``[x]``)."""

    page: OverviewPage
    cells: tuple[str, ...]


@attrs.frozen
@shared_methods
class Comparison:
    """One table comparing the forces of one period: its title (naming the window), its
    columns and a row per force, in the run's order, and the markers its cells use."""

    title: str
    window: str
    columns: tuple[Column, ...]
    rows: tuple[ComparisonRow, ...]
    markers: tuple[Marker, ...]


def cell(figure: Figure | None) -> str:
    """A current figure as a cell: counts with separators, rates to one decimal place,
    the figure's marker when it has no value, ``[x]`` when the force has no such figure."""
    if figure is None:
        return str(Marker.NOT_AVAILABLE)
    if figure.value is None:
        return str(figure.marker or Marker.NOT_AVAILABLE)
    if figure.unit is Unit.COUNT:
        return number(int(figure.value))
    text = one_decimal(figure.value)
    return f"{text}%" if figure.unit is Unit.PERCENT else text


def comparison(pages: Sequence[OverviewPage]) -> list[Comparison]:
    """A comparison table per period of ``pages`` (one for an ordinary run), each with a
    column per indicator's current count (and survey percentage), and per rate."""
    periods: dict[str, list[OverviewPage]] = {}
    for page in pages:
        periods.setdefault(str(page.statement.info.quarter), []).append(page)
    tables = []
    for chosen in periods.values():
        columns: dict[tuple[str, Unit], Column] = {}
        for page in chosen:
            for figure in page.statement.figures:
                if figure.role is Role.CURRENT:
                    key = (figure.indicator.id, figure.unit)
                    columns.setdefault(key, Column(*key, heading(figure)))
        rows = []
        for page in chosen:
            current = {
                (f.indicator.id, f.unit): f
                for f in page.statement.figures
                if f.role is Role.CURRENT
            }
            rows.append(ComparisonRow(page, tuple(cell(current.get(key)) for key in columns)))
        used = " ".join(text for row in rows for text in row.cells)
        info = chosen[0].statement.info
        window = info.windows.current.label
        tables.append(
            Comparison(
                f"Each force's figures for the {window} ({info.quarter.label})",
                window,
                tuple(columns.values()),
                tuple(rows),
                tuple(marker for marker in Marker if marker.value in used),
            )
        )
    return tables


def heading(figure: Figure) -> str:
    """A column heading with its unit: ``Homicide offences (number)``, ``Neighbourhood
    crime (per 1,000 population)``, ``Victims satisfied (%)``."""
    label = figure.indicator.label
    if figure.unit is Unit.RATE:
        return label if "per 1,000" in label else f"{label} (per 1,000 population)"
    if figure.unit is Unit.PERCENT:
        return f"{label} (%)"
    return f"{label} (number)"
