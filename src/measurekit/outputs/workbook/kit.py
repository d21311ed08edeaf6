"""Drawing a statement document's blocks as workbook sheets: :class:`SheetKit`.

A :class:`SheetKit` hands out unique sheet and table names and draws a measure's part as
sheets: each figure table as one table (with responses, 95% intervals, the change to the
current period and shorthand), each chart as its counts with a line chart beside them, each
extra table as a table. Notes are the document's, cited as ``[note N]``.
:mod:`measurekit.outputs.workbook.layout` adds the cover, contents, notes and narrative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from measurekit.document.figures import change_heading, shorthand_key
from measurekit.document.nodes import (
    ChangeUnit,
    Chart,
    FigureRow,
    FigureTable,
    MeasurePart,
    SourceLine,
    StatementDocument,
)
from measurekit.document.nodes import Table as DocumentTable
from measurekit.model.markers import Marker
from measurekit.model.periods import Window
from measurekit.model.statement import Unit
from measurekit.outputs.workbook.model import (
    Cell,
    Column,
    Line,
    LineChart,
    Number,
    NumberFormat,
    Sheet,
    Table,
    Text,
    cell_text,
)

COVER = "Cover_sheet"
CONTENTS = "Table_of_contents"
NOTES = "Notes"
#: The kind of sheet :meth:`SheetKit.figures_sheet` makes; merged per section.
FIGURES_KIND = "figures"

UNIT_HEADINGS = {Unit.COUNT: "number", Unit.PERCENT: "%", Unit.RATE: "rate"}
UNIT_FORMATS = {
    Unit.COUNT: NumberFormat.COUNT,
    Unit.PERCENT: NumberFormat.ONE_DECIMAL,
    Unit.RATE: NumberFormat.ONE_DECIMAL,
}
CHANGE_UNITS = {ChangeUnit.PERCENT: "%", ChangeUnit.POINTS: "percentage points"}
MIN_WIDTH = 12
MAX_WIDTH = 70


def note_reference(number: int) -> str:
    """How a workbook cites note ``number``: ``"[note 3]"``."""
    return f"[note {number}]"


class SheetKit:
    """What a workbook draws a document's parts with: the document, unique sheet and table
    names, and the sheets of each kind of block."""

    def __init__(self, document: StatementDocument) -> None:
        self.document = document
        self._sheet_names: set[str] = {COVER.lower(), CONTENTS.lower(), NOTES.lower()}
        self._table_names: set[str] = {CONTENTS.lower(), "notes_table"}

    # --- names ------------------------------------------------------------------------

    def sheet_name(self, base: str) -> str:
        """A sheet name made from ``base`` (at most 31 characters, no forbidden
        characters), unique in the workbook; reserved once returned."""
        return _unique(_identifier(base, 31), self._sheet_names, 31)

    def table_name(self, base: str) -> str:
        """A table name made from ``base``, unique in the workbook; reserved once
        returned."""
        return _unique(_identifier(base, 60), self._table_names, 60)

    # --- lines ------------------------------------------------------------------------

    def source_line(self, sources: Iterable[SourceLine]) -> Line:
        """``"Source: ..."`` naming each source once, citing its note, and the statement's
        notice about its data."""
        parts: list[str] = []
        notice: int | None = None
        for line in sources:
            notice = notice or line.notice_note
            for ref in line.sources:
                part = f"{ref.title} {note_reference(ref.note)}"
                if part not in parts:
                    parts.append(part)
        if not parts:
            parts.append("no data source (the statement file gives no figures here)")
        suffix = f" About these data: {note_reference(notice)}." if notice else ""
        return Line(f"Source: {'; '.join(parts)}.{suffix}")

    @staticmethod
    def notes_line(notes: Iterable[int]) -> Line | None:
        """``"Notes for this table: [note 2] [note 5]."``, or None when there are none."""
        unique = list(dict.fromkeys(notes))
        if not unique:
            return None
        return Line(f"Notes for this table: {' '.join(note_reference(n) for n in unique)}.")

    # --- a measure's part ---------------------------------------------------------------

    def part_sheets(self, part: MeasurePart, figure_tables: bool = True) -> list[Sheet]:
        """The default sheets of a measure's part: a sheet per figure table (of kind
        ``"figures"``; left out when ``figure_tables`` is false, as the layout merges a
        section's figure tables into one), per extra table and per chart, in the part's
        order."""
        sheets: list[Sheet] = []
        for block in part.blocks:
            if isinstance(block, FigureTable):
                if not figure_tables:
                    continue
                sheets.append(self.figures_sheet(part.title, [block]))
            elif isinstance(block, DocumentTable):
                sheets.append(self.table_sheet(block))
            elif isinstance(block, Chart):
                sheets.append(self.chart_sheet(block))
        return sheets

    def figures_sheet(self, title: str, tables: Sequence[FigureTable]) -> Sheet:
        """One sheet holding the rows of ``tables`` as one table (a "Measure" column is
        added when they come from several measures)."""
        info = self.document.info
        ids = list(dict.fromkeys(m for table in tables for m in table.measures))
        base = "_and_".join(ids)
        if len(base) > 31:
            base = "_".join(ids)
        name = self.sheet_name(_title_case(base))
        rows_in = [row for table in tables for row in table.rows]
        several = len(ids) > 1
        columns, rows = figure_table_cells(rows_in, several)
        lines = [self.source_line(table.source for table in tables)]
        key = shorthand_key(rows_in, any(row.change is not None for row in rows_in))
        if key is not None:
            lines.append(Line(f"Shorthand used in this table: {key.text}"))
        notes = self.notes_line(n for table in tables for n in table.notes)
        if notes is not None:
            lines.append(notes)
        return Sheet(
            name=name,
            link_text=f"{title}: figures",
            title=f"{title}: figures for {info.force}, {info.windows.current.label} "
            "and the periods compared with it",
            description="This sheet holds one table: each indicator's figure for the current "
            "12 months and for each period it is compared with, with the change to the "
            "current period.",
            lines=tuple(lines),
            table=Table(
                self.table_name(f"{name}_figures"),
                columns,
                tuple_rows(rows),
                label_columns=2 if several else 1,
            ),
            kind=FIGURES_KIND,
        )

    def no_figures_sheet(self, title: str, parts: Sequence[MeasurePart]) -> Sheet:
        """A section whose measures give no figures: one row per measure, ``[z]`` where it
        does not apply and ``[x]`` otherwise."""
        info = self.document.info
        name = self.sheet_name(_title_case("_and_".join(p.measure_id for p in parts)[:31]))
        rows: list[list[Cell]] = [
            [
                Text(part.title),
                Text(
                    str(
                        Marker.NOT_APPLICABLE
                        if not part.applicability.applicable
                        else Marker.NOT_AVAILABLE
                    )
                ),
            ]
            for part in parts
        ]
        lines = [self.source_line([])]
        key = _key_line(rows)
        if key is not None:
            lines.append(key)
        notes = self.notes_line(
            part.applicability_note for part in parts if part.applicability_note is not None
        )
        if notes is not None:
            lines.append(notes)
        return Sheet(
            name=name,
            link_text=f"{title}: figures",
            title=f"{title}: figures for {info.force}, {info.windows.current.label} "
            "and the periods compared with it",
            description="This sheet holds one table: each indicator's figure for the current "
            "12 months and for each period it is compared with.",
            lines=tuple(lines),
            table=Table(
                self.table_name(f"{name}_figures"),
                fit_columns(["Measure", "Figures"], rows),
                tuple_rows(rows),
            ),
            kind=FIGURES_KIND,
        )

    def table_sheet(self, table: DocumentTable) -> Sheet:
        """An extra table on a sheet of its own."""
        info = self.document.info
        name = self.sheet_name(_title_case(table.title)[:31])
        rows: list[list[Cell]] = [[_table_cell(cell) for cell in row] for row in table.rows]
        lines = [self.source_line([table.source])]
        if table.key is not None:
            lines.append(Line(f"Shorthand used in this table: {table.key.text}"))
        notes = self.notes_line(table.notes)
        if notes is not None:
            lines.append(notes)
        return Sheet(
            name=name,
            link_text=table.title,
            title=f"{table.title}, {info.force}",
            description="This sheet holds one table.",
            lines=tuple(lines),
            table=Table(self.table_name(name), fit_columns(table.headings, rows), tuple_rows(rows)),
        )

    def chart_sheet(self, chart: Chart) -> Sheet:
        """A chart's counts as a table of months and counts, with the line chart beside
        it."""
        info = self.document.info
        indicator = chart.indicator
        series = chart.series[0]
        name = self.sheet_name(f"{_title_case(indicator.id)}_monthly")
        heading = f"{indicator.label} (number)"
        if chart.definition_note is not None:
            heading += f" {note_reference(chart.definition_note)}"
        flagged = any(point.marker and point.value is not None for point in series.points)
        rows: list[list[Cell]] = []
        for point in series.points:
            row: list[Cell] = [
                Text(point.month.label),
                Number(point.value)
                if point.value is not None
                else Text(str(point.marker or Marker.NOT_AVAILABLE)),
            ]
            if flagged:
                shown = point.marker if point.marker and point.value is not None else None
                row.append(Text(str(shown) if shown else "none"))
            rows.append(row)
        headings = [chart.x_title, heading, *(["Shorthand"] if flagged else [])]
        lines = [self.source_line([chart.source])]
        key = _key_line(rows)
        if key is not None:
            lines.append(key)
        lines.append(
            Line(
                "Counts are of offences recorded in each calendar month. The line chart "
                "beside the table shows the same counts."
            )
        )
        window = Window(series.points[0].month, series.points[-1].month)
        # A spreadsheet draws a text cell in a line as zero: chart only the run of known
        # months after the last gap, and say so.
        first = 1 + max(
            (index for index, point in enumerate(series.points) if point.value is None),
            default=-1,
        )
        charted = Window(series.points[first].month, window.end)
        if first:
            lines.append(
                Line(
                    f"The chart shows {charted.span_label} only: a line cannot cross the "
                    "months marked [x]."
                )
            )
        return Sheet(
            name=name,
            title=f"{indicator.label} recorded each month by {info.force}, {window.span_label}",
            link_text=f"{indicator.label} recorded each month",
            description=f"This sheet holds one table of monthly counts ({window.months} "
            "months) and a line chart of them.",
            lines=tuple(lines),
            table=Table(
                self.table_name(name),
                fit_columns(headings, rows),
                tuple_rows(rows),
            ),
            chart=LineChart(
                title=f"{indicator.label} each month, {charted.span_label}",
                x_title=chart.x_title,
                y_title=chart.y_title,
                first_row=first,
            ),
        )

    # --- notes ------------------------------------------------------------------------

    def notes_sheet(self) -> Sheet:
        """The ``Notes`` sheet: every note of the document, in number order."""
        info = self.document.info
        rows = [[Text(f"note {note.number}"), Text(note.text)] for note in self.document.notes]
        if not rows:
            rows = [[Text("none"), Text("This workbook cites no notes.")]]
        return Sheet(
            name=NOTES,
            link_text="Notes for the Police and Crime Measures workbook",
            title=f"Notes for the Police and Crime Measures workbook, {info.force}, "
            f"{info.quarter.long_label}",
            description="This sheet holds one table of numbered notes. Other sheets cite them "
            "as [note 1], [note 2] and so on in headings, labels and the lines above tables.",
            table=Table(
                "Notes_table",
                (Column("Note number", 14), Column("Note text", MAX_WIDTH)),
                tuple_rows(rows),
            ),
        )


def figure_table_cells(
    rows: Sequence[FigureRow], several: bool
) -> tuple[tuple[Column, ...], list[list[Cell]]]:
    """The columns and cells of figure rows in a workbook: numbers as numbers, shorthand
    as text, a column only where some row has something for it."""
    units = list(dict.fromkeys(row.unit for row in rows))
    one_unit = units[0] if len(units) == 1 else None
    with_base = any(row.unit is Unit.PERCENT for row in rows)
    with_change = any(row.change is not None for row in rows)
    change_units = list(dict.fromkeys(row.change.unit for row in rows if row.change))
    with_marker = any(row.marker is not None and row.value is not None for row in rows)
    headings = ["Measure"] if several else []
    headings += ["Indicator", "Comparison", "Period"]
    if one_unit is None:
        headings.append("Unit")
    headings.append(f"Figure ({UNIT_HEADINGS[one_unit]})" if one_unit else "Figure")
    if with_base:
        headings += [
            "Responses (number)",
            "95% confidence interval, lower (%)",
            "95% confidence interval, upper (%)",
        ]
    if with_change:
        probe = FigureTable("", (), tuple(rows), SourceLine(()))
        headings.append(change_heading(probe))
        if len(change_units) > 1:
            headings.append("Change unit")
    if with_marker:
        headings.append("Shorthand")
    cells: list[list[Cell]] = []
    for row in rows:
        line: list[Cell] = [Text(row.measure_title)] if several else []
        label = " ".join([row.label, *(note_reference(n) for n in row.notes)])
        line += [Text(label), Text(row.comparison), Text(row.period)]
        if one_unit is None:
            line.append(Text(UNIT_HEADINGS[row.unit]))
        line.append(_value_cell(row))
        if with_base:
            missing = Text(
                str(
                    Marker.NOT_APPLICABLE
                    if row.unit is not Unit.PERCENT
                    else row.marker or Marker.NOT_AVAILABLE
                )
            )
            line.append(Number(row.responses) if row.responses is not None else missing)
            if row.interval is not None:
                line += [
                    Number(stored(row.interval.lower), NumberFormat.ONE_DECIMAL),
                    Number(stored(row.interval.upper), NumberFormat.ONE_DECIMAL),
                ]
            else:
                line += [missing, missing]
        if with_change:
            change = row.change
            if change is None:
                line.append(Text(str(Marker.NOT_APPLICABLE)))
            elif change.value is None:
                line.append(Text(str(change.marker)))
            else:
                line.append(Number(stored(change.value), NumberFormat.ONE_DECIMAL))
            if len(change_units) > 1:
                line.append(
                    Text(CHANGE_UNITS[change.unit] if change else str(Marker.NOT_APPLICABLE))
                )
        if with_marker:
            line.append(Text(str(row.marker) if row.marker and row.value is not None else "none"))
        cells.append(line)
    return fit_columns(headings, cells), cells


# --- helpers ------------------------------------------------------------------------------


#: Decimal places a number that is not a count (a percentage, a rate, a change, an
#: interval) is stored to: far beyond the one place shown, and few enough that every
#: spreadsheet writer stores the same digits.
STORED_PLACES = 10


def stored(value: float) -> float:
    """``value`` as a workbook stores a worked-out number (see :data:`STORED_PLACES`)."""
    return round(value, STORED_PLACES)


def _value_cell(row: FigureRow) -> Cell:
    if row.value is None:
        return Text(str(row.marker or Marker.NOT_AVAILABLE))
    value = int(row.value) if row.unit is Unit.COUNT else stored(float(row.value))
    return Number(value, UNIT_FORMATS[row.unit])


def _table_cell(cell: str | int | float) -> Cell:
    if isinstance(cell, str):
        return Text(cell)
    if isinstance(cell, int):
        return Number(cell)
    return Number(cell, NumberFormat.ONE_DECIMAL)


def _key(markers: Iterable[Marker]) -> str:
    return "; ".join(f"{marker} {marker.meaning}" for marker in markers)


def _key_line(rows: Iterable[Sequence[Cell]]) -> Line | None:
    """``"Shorthand used in this table: ..."``, explaining every marker in ``rows``."""
    markers = {str(marker) for marker in Marker}
    used = sorted(
        {
            Marker(cell.text)
            for row in rows
            for cell in row
            if isinstance(cell, Text) and cell.text in markers
        }
    )
    return Line(f"Shorthand used in this table: {_key(used)}.") if used else None


def fit_columns(headings: Sequence[str], rows: Sequence[Sequence[Cell]]) -> tuple[Column, ...]:
    """Columns wide enough for their longest cell (within limits), headings wrapping."""
    columns = []
    for position, heading in enumerate(headings):
        longest = max((len(cell_text(row[position])) for row in rows), default=0)
        word = max((len(part) for part in heading.split()), default=0)
        width = max(MIN_WIDTH, longest + 2, word + 2, min(len(heading) + 2, 30))
        columns.append(Column(heading, min(width, MAX_WIDTH)))
    return tuple(columns)


def tuple_rows(rows: Sequence[Sequence[Cell]]) -> tuple[tuple[Cell, ...], ...]:
    """``rows`` as the tuples a :class:`Table` holds."""
    return tuple(tuple(row) for row in rows)


def _title_case(text: str) -> str:
    text = text.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _identifier(text: str, limit: int) -> str:
    """``text`` as letters, digits and underscores, starting with a letter."""
    name = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_") or "Sheet"
    if not name[0].isalpha():
        name = f"T_{name}"
    return name[:limit].rstrip("_")


def _unique(name: str, taken: set[str], limit: int) -> str:
    candidate, number = name, 2
    while candidate.lower() in taken:
        suffix = f"_{number}"
        candidate = name[: limit - len(suffix)] + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate
