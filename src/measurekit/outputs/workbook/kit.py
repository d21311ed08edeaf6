"""What a measure plugin lays its workbook sheets out with: :class:`SheetKit`.

A :class:`SheetKit` numbers notes, hands out unique sheet and table names, and makes the
default sheets of a measure's result (its figures as one table, a line chart per monthly
series). :mod:`measurekit.outputs.workbook.layout` adds the cover, contents, notes and narrative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from measurekit.document.render import ROLE_LABELS, window_sentence
from measurekit.model.markers import Marker
from measurekit.model.periods import Window
from measurekit.model.statement import (
    Figure,
    MeasureResult,
    MonthlySeries,
    SourceInfo,
    Statement,
    Unit,
)
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
MIN_WIDTH = 12
MAX_WIDTH = 70


class SheetKit:
    """What a measure needs to lay out its own sheets: the statement, numbered notes,
    unique sheet and table names, and the default sheets.

    Notes are numbered in the order they are first cited; citing the same text twice gives
    the same number.
    """

    def __init__(self, statement: Statement) -> None:
        self.statement = statement
        self._notes: list[str] = []
        self._sheet_names: set[str] = {COVER.lower(), CONTENTS.lower(), NOTES.lower()}
        self._table_names: set[str] = {CONTENTS.lower(), "notes_table"}

    # --- names and notes ------------------------------------------------------------

    def note(self, text: str) -> str:
        """Number ``text`` as a note (once) and return its reference, ``"[note N]"``."""
        if text not in self._notes:
            self._notes.append(text)
        return f"[note {self._notes.index(text) + 1}]"

    def sheet_name(self, base: str) -> str:
        """A sheet name made from ``base`` (at most 31 characters, no forbidden
        characters), unique in the workbook; reserved once returned."""
        return _unique(_identifier(base, 31), self._sheet_names, 31)

    def table_name(self, base: str) -> str:
        """A table name made from ``base``, unique in the workbook; reserved once
        returned."""
        return _unique(_identifier(base, 60), self._table_names, 60)

    def source_line(self, results: Iterable[MeasureResult]) -> Line:
        """``"Source: ..."`` naming the sources behind ``results``, each citing its note
        (and the statement's notice about its data, if it has one)."""
        by_name = {source.name: source for source in self.statement.info.sources}
        parts: list[str] = []
        for result in results:
            source = by_name.get(result.source or "")
            if source is None:
                continue
            part = f"{source.title} {self.note(_source_note(source))}"
            if part not in parts:
                parts.append(part)
        if not parts:
            parts.append("no data source (the statement file gives no figures here)")
        notice = self.statement.info.notice
        suffix = f" About these data: {self.note(notice)}." if notice else ""
        return Line(f"Source: {'; '.join(parts)}.{suffix}")

    def notes_line(self, results: Sequence[MeasureResult]) -> Line | None:
        """``"Notes for this table: [note 2] [note 5]"``: the periods compared, the nature
        of recorded crime counts, each measure's applicability and caveats."""
        references = [self.note(window_sentence(self.statement))]
        if any(figure.unit is Unit.COUNT for result in results for figure in result.figures):
            references.append(self.note(COUNTS_NOTE))
        for result in results:
            references.append(self.note(_applicability_note(result)))
            references += [self.note(note) for note in result.notes]
        unique = list(dict.fromkeys(references))
        return Line(f"Notes for this table: {' '.join(unique)}.") if unique else None

    # --- default sheets --------------------------------------------------------------

    def default_sheets(self, result: MeasureResult) -> list[Sheet]:
        """The figures sheet, then a chart sheet for each monthly series."""
        return [self.figures_sheet(result), *self.chart_sheets(result)]

    def figures_sheet(self, result: MeasureResult) -> Sheet:
        """The measure's figures as one table: each indicator in each comparison window."""
        return self.figures_table_sheet(result.title, [result])

    def figures_table_sheet(self, title: str, results: Sequence[MeasureResult]) -> Sheet:
        """One sheet holding the figures of ``results`` as one table (a "Measure" column is
        added when there are several measures)."""
        info = self.statement.info
        ids = [result.measure_id for result in results]
        base = "_and_".join(ids)
        if len(base) > 31:
            base = "_".join(ids)
        name = self.sheet_name(_title_case(base))
        columns, rows = self._figure_table(results)
        lines = [self.source_line(results)]
        if not rows:
            rows = [
                [
                    Text(result.title),
                    Text(
                        str(
                            Marker.NOT_APPLICABLE
                            if not result.applicability.applicable
                            else Marker.NOT_AVAILABLE
                        )
                    ),
                ]
                for result in results
            ]
            columns = fit_columns(["Measure", "Figures"], rows)
        key = _key_line(rows)
        if key is not None:
            lines.append(key)
        notes = self.notes_line(results)
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
                columns,
                tuple_rows(rows),
                label_columns=2 if len(results) > 1 else 1,
            ),
            kind=FIGURES_KIND,
        )

    def chart_sheets(self, result: MeasureResult) -> list[Sheet]:
        """A sheet per monthly series of ``result``: its counts as a table and a line
        chart of them beside it."""
        return [self.chart_sheet(result, series) for series in result.series]

    def chart_sheet(self, result: MeasureResult, series: MonthlySeries) -> Sheet:
        """One monthly series as a table of months and counts, with a line chart."""
        info = self.statement.info
        indicator = series.indicator
        name = self.sheet_name(f"{_title_case(indicator.id)}_monthly")
        heading = f"{indicator.label} (number)"
        if indicator.definition:
            heading += f" {self.note(indicator.definition)}"
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
        headings = ["Month", heading, *(["Shorthand"] if flagged else [])]
        lines = [self.source_line([result])]
        key = _key_line(rows)
        if key is not None:
            lines.append(key)
        lines.append(
            Line(
                "Counts are of offences recorded in each calendar month. The line chart "
                "beside the table shows the same counts."
            )
        )
        span = series.window.span_label
        # A spreadsheet draws a text cell in a line as zero: chart only the run of known
        # months after the last gap, and say so.
        first = 1 + max(
            (index for index, point in enumerate(series.points) if point.value is None),
            default=-1,
        )
        charted = Window(series.points[first].month, series.window.end)
        if first:
            lines.append(
                Line(
                    f"The chart shows {charted.span_label} only: a line cannot cross the "
                    "months marked [x]."
                )
            )
        return Sheet(
            name=name,
            title=f"{indicator.label} recorded each month by {info.force}, {span}",
            link_text=f"{indicator.label} recorded each month",
            description=f"This sheet holds one table of monthly counts ({series.window.months} "
            "months) and a line chart of them.",
            lines=tuple(lines),
            table=Table(
                self.table_name(name),
                fit_columns(headings, rows),
                tuple_rows(rows),
            ),
            chart=LineChart(
                title=f"{indicator.label} each month, {charted.span_label}",
                x_title="Month",
                y_title="Offences recorded (number)",
                first_row=first,
            ),
        )

    # --- notes ------------------------------------------------------------------------

    def notes_sheet(self) -> Sheet:
        """The ``Notes`` sheet: every note cited so far, numbered in order of first citation.

        Build it after every other sheet that cites notes."""
        info = self.statement.info
        rows = [[Text(f"note {number}"), Text(text)] for number, text in enumerate(self._notes, 1)]
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

    # --- internals --------------------------------------------------------------------

    def _figure_table(
        self, results: Sequence[MeasureResult]
    ) -> tuple[tuple[Column, ...], list[list[Cell]]]:
        figures = [figure for result in results for figure in result.figures]
        several = len(results) > 1
        units = {figure.unit for figure in figures}
        one_unit = next(iter(units)) if len(units) == 1 else None
        with_base = any(figure.base is not None for figure in figures)
        with_marker = any(figure.marker is not None and figure.known for figure in figures)
        headings = ["Measure"] if several else []
        headings += ["Indicator", "Comparison", "Period"]
        if one_unit is None:
            headings.append("Unit")
        headings.append(f"Figure ({UNIT_HEADINGS[one_unit]})" if one_unit else "Figure")
        if with_base:
            headings.append("Responses (number)")
        if with_marker:
            headings.append("Shorthand")
        rows: list[list[Cell]] = []
        for result in results:
            for figure in result.figures:
                row: list[Cell] = [Text(result.title)] if several else []
                row.append(Text(self._indicator_label(figure)))
                row += [Text(ROLE_LABELS[figure.role]), Text(figure.window.label)]
                if one_unit is None:
                    row.append(Text(UNIT_HEADINGS[figure.unit]))
                row.append(_value_cell(figure))
                if with_base:
                    row.append(
                        Number(figure.base)
                        if figure.base is not None
                        else Text(str(Marker.NOT_APPLICABLE))
                    )
                if with_marker:
                    row.append(
                        Text(str(figure.marker) if figure.marker and figure.known else "none")
                    )
                rows.append(row)
        return fit_columns(headings, rows), rows

    def _indicator_label(self, figure: Figure) -> str:
        label = figure.indicator.label
        references = []
        if figure.indicator.definition:
            references.append(self.note(figure.indicator.definition))
        if figure.value is None and figure.note:
            references.append(
                self.note(f"{figure.indicator.label}, {figure.window.label}: {figure.note}.")
            )
        return " ".join([label, *references])


# --- helpers ------------------------------------------------------------------------------


COUNTS_NOTE = (
    "Recorded crime counts are complete counts of what the police recorded, not samples, "
    "so changes in them are not tested for statistical significance. Changes in recording "
    "practice can move them as well as changes in crime."
)


def _source_note(source: SourceInfo) -> str:
    files = f" Files: {', '.join(source.files)}." if source.files else ""
    return f"Source {source.name!r} of the statement file: {source.title}.{files}"


def _applicability_note(result: MeasureResult) -> str:
    applicability = result.applicability
    if applicability.applicable:
        text = f"{result.title}: assessed as applicable in this area."
    else:
        text = f"{result.title}: assessed as not applicable in this area."
    return f"{text} {applicability.reason}" if applicability.reason else text


def _key(markers: Iterable[Marker]) -> str:
    return "; ".join(f"{marker} {marker.meaning}" for marker in markers)


def _value_cell(figure: Figure) -> Cell:
    if figure.value is None:
        return Text(str(figure.marker or Marker.NOT_AVAILABLE))
    value = int(figure.value) if figure.unit is Unit.COUNT else float(figure.value)
    return Number(value, UNIT_FORMATS[figure.unit])


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
