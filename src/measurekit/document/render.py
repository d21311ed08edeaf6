"""Shared pieces for rendering prose and figures as plain text or Markdown.

Output formats and measure plugins both use these, so a statement reads the same whichever
plugin wrote a part of it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from measurekit.measures.wording import (
    SMALL_COUNT,
    is_small,
    number,
    one_decimal,
    percent_change,
)
from measurekit.model.markers import Marker
from measurekit.model.statement import Block, BulletList, Figure, Paragraph, Role, Statement, Unit

ROLE_LABELS = {
    Role.CURRENT: "Current",
    Role.PREVIOUS_YEAR: "Previous year",
    Role.TWO_YEARS_BEFORE: "Two years before",
    Role.BASELINE: "Baseline",
}


def blocks_as_text(blocks: Iterable[Block], width: int) -> str:
    """Paragraphs wrapped to ``width``, bullet lists with hanging indents, a blank line
    between blocks."""
    parts = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(textwrap.fill(block.text, width))
        else:
            parts.append(
                "\n".join(
                    textwrap.fill(item, width, initial_indent="  - ", subsequent_indent="    ")
                    for item in block.items
                )
            )
    return "\n\n".join(parts)


def blocks_as_markdown(blocks: Iterable[Block]) -> str:
    """Paragraphs as Markdown paragraphs, bullet lists as ``-`` lists."""
    parts = []
    for block in blocks:
        if isinstance(block, BulletList):
            parts.append("\n".join(f"- {item}" for item in block.items))
        else:
            parts.append(block.text)
    return "\n\n".join(parts)


def figure_value(figure: Figure) -> str:
    """A figure as a table cell: ``5,779``, ``75.0%``, ``[x]``, or ``12[r]``."""
    if figure.value is None:
        return str(figure.marker or Marker.NOT_AVAILABLE)
    if figure.unit is Unit.PERCENT:
        text = f"{one_decimal(figure.value)}%"
    elif figure.unit is Unit.RATE:
        text = one_decimal(figure.value)
    else:
        text = number(int(figure.value))
    return f"{text}{figure.marker}" if figure.marker else text


def change_cell(current: Figure | None, earlier: Figure) -> str:
    """The percentage change from ``earlier`` to ``current``, to one decimal place, for a
    table: ``[z]`` when there is nothing to compare (the current row itself, a change from
    zero), ``[x]`` when either count is unknown, ``[u]`` when the counts are too small for a
    percentage to mean much."""
    if current is None or earlier.role is Role.CURRENT or earlier.unit is not Unit.COUNT:
        return str(Marker.NOT_APPLICABLE)
    if current.value is None or earlier.value is None:
        return str(Marker.NOT_AVAILABLE)
    change = percent_change(current.value, earlier.value)
    if change is None:
        return str(Marker.NOT_APPLICABLE)
    if is_small(current.value, earlier.value):
        return str(Marker.LOW_RELIABILITY)
    return one_decimal(change)


def figure_rows(figures: Sequence[Figure]) -> list[list[str]]:
    """One row per figure: indicator, comparison, window, value, the change from it to the
    current figure, and responses for survey percentages."""
    with_base = any(figure.base is not None for figure in figures)
    current = {f.indicator.id: f for f in figures if f.role is Role.CURRENT}
    rows = []
    for figure in figures:
        row = [
            figure.indicator.label,
            ROLE_LABELS[figure.role],
            figure.window.label,
            figure_value(figure),
            change_cell(current.get(figure.indicator.id), figure),
        ]
        if with_base:
            row.append(
                number(figure.base) if figure.base is not None else str(Marker.NOT_APPLICABLE)
            )
        rows.append(row)
    return rows


def figure_headers(figures: Sequence[Figure]) -> list[str]:
    """Column headings matching :func:`figure_rows`."""
    headers = ["Indicator", "Comparison", "Period", "Figure", "Change to current period (%)"]
    if any(figure.base is not None for figure in figures):
        headers.append("Responses")
    return headers


def markers_key(rows: Iterable[Iterable[str]]) -> str | None:
    """The key to the shorthand used in the cells of ``rows``, or None when there is none."""
    cells = " ".join(cell for row in rows for cell in row)
    used = [marker for marker in Marker if marker.value in cells]
    if not used:
        return None
    return "; ".join(f"{marker} {marker.meaning}" for marker in used)


def pipe_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown pipe table (tabulate's stable ``pipe`` format) with text columns on the
    left and figures from the fourth column on right-aligned, and the key to any shorthand
    in its cells above it."""
    from tabulate import tabulate

    table = tabulate(
        rows,
        headers=headers,
        tablefmt="pipe",
        disable_numparse=True,
        colalign=["left"] * 3 + ["right"] * (len(headers) - 3),
    )
    key = markers_key(rows)
    return f"Shorthand: {key}.\n\n{table}" if key else table


def figures_table_markdown(figures: Sequence[Figure]) -> str:
    """The figures as a pipe table, one row per figure (see :func:`figure_rows`), saying
    under the key why a change is ``[u]`` when one is."""
    rows = figure_rows(figures)
    table = pipe_table(figure_headers(figures), rows)
    if not any(row[4] == Marker.LOW_RELIABILITY for row in rows):
        return table
    key, _, body = table.partition("\n\n")
    return f"{key} {SMALL_CHANGE_NOTE}\n\n{body}"


#: Why a change is ``[u]`` in a table of figures.
SMALL_CHANGE_NOTE = (
    f"No percentage change is given where either count is below {SMALL_COUNT}: "
    "with counts this small a percentage misleads."
)


def statement_heading(statement: Statement) -> tuple[str, str, str | None]:
    """The title, the subtitle (force and quarter) and the commissioner line."""
    info = statement.info
    title = "Police and Crime Measures: quarterly statement"
    subtitle = f"{info.force}, {info.quarter.long_label}"
    commissioner = None
    if info.commissioner:
        commissioner = info.commissioner
        if info.commissioner_role:
            commissioner += f", {info.commissioner_role}"
    return title, subtitle, commissioner


def window_sentence(statement: Statement) -> str:
    """What windows the figures cover, stated once at the top of every format."""
    windows = statement.info.windows
    return (
        f"Figures are for the {windows.current.label}, compared with the "
        f"{windows.previous_year.label} and the {windows.two_years_before.label}, "
        "unless a measure states otherwise."
    )


def applicability_lines(statement: Statement) -> list[str]:
    """One line per measure: whether it applies in the area and, if not, why."""
    lines = []
    for result in statement.measures:
        if result.applicability.applicable:
            line = f"{result.title}: applicable."
            if result.applicability.reason:
                line = f"{result.title}: applicable. {result.applicability.reason}"
        else:
            line = f"{result.title}: not applicable. {result.applicability.reason or ''}".strip()
        lines.append(line)
    return lines
