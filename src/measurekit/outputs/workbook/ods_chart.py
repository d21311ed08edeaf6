"""The line chart of an ODS sheet: an embedded OpenDocument chart object beside the table,
drawing on the table's cells, with a copy of its data as spreadsheet programs embed it."""

from __future__ import annotations

from typing import Any

from measurekit.outputs.workbook.model import (
    FONT_NAME,
    Number,
    Sheet,
    Table,
    cell_text,
    chart_description,
)

CHART_WIDTH_CM = 20
CHART_HEIGHT_CM = 11


def chart_frame(document: Any, graphic_style: Any, sheet: Sheet, table: Table) -> Any:
    """A frame holding an embedded line chart of ``sheet``'s ``table``, its chart object
    added to ``document``; ``graphic_style`` styles the frame."""
    from odf.draw import Frame, Object

    assert sheet.chart is not None
    top = sheet.header_row
    last = top + len(table.rows)
    spec = sheet.chart
    first = top + 1 + spec.first_row
    categories = cell_range(sheet.name, spec.category, first, spec.category, last)
    values = cell_range(sheet.name, spec.value, first, spec.value, last)
    label = f"{quoted_sheet(sheet.name)}.{column_letters(spec.value)}{top + 1}"
    whole = cell_range(sheet.name, 0, top, len(table.columns) - 1, last)
    chart_document = _chart_document(sheet, table, categories, values, label, whole)
    location = document.addObject(chart_document)
    frame = Frame(
        width=f"{CHART_WIDTH_CM}cm",
        height=f"{CHART_HEIGHT_CM}cm",
        stylename=graphic_style,
        name=f"Chart_{sheet.name}",
    )
    frame.addElement(
        Object(
            href=location,
            type="simple",
            show="embed",
            actuate="onLoad",
            notifyonupdateofranges=whole,
        )
    )
    from odf.svg import Desc

    frame.addElement(Desc(text=chart_description(sheet)))
    return frame


def _chart_document(
    sheet: Sheet, table: Table, categories: str, values: str, label: str, whole: str
) -> Any:
    from odf import chart
    from odf.opendocument import OpenDocumentChart
    from odf.style import ChartProperties, GraphicProperties, Style, TextProperties
    from odf.table import (
        Table as OdsTable,
    )
    from odf.table import (
        TableCell,
        TableColumn,
        TableColumns,
        TableHeaderColumns,
        TableHeaderRows,
        TableRow,
        TableRows,
    )
    from odf.text import P

    assert sheet.chart is not None
    spec = sheet.chart
    document = OpenDocumentChart()
    line_style = Style(name="ch_series", family="chart")
    line_style.addElement(ChartProperties(symboltype="none", interpolation="none"))
    line_style.addElement(
        GraphicProperties(stroke="solid", strokewidth="0.08cm", strokecolor="#1f4e79")
    )
    text_style = Style(name="ch_text", family="chart")
    text_style.addElement(TextProperties(fontname=FONT_NAME, fontsize="12pt"))
    axis_style = Style(name="ch_axis", family="chart")
    axis_style.addElement(ChartProperties(displaylabel="true"))
    axis_style.addElement(TextProperties(fontname=FONT_NAME, fontsize="10pt"))
    wall_style = Style(name="ch_wall", family="chart")
    wall_style.addElement(GraphicProperties(fill="none", stroke="none"))
    for style in (line_style, text_style, axis_style, wall_style):
        document.automaticstyles.addElement(style)
    root = chart.Chart(
        width=f"{CHART_WIDTH_CM}cm",
        height=f"{CHART_HEIGHT_CM}cm",
        attributes={"class": "chart:line"},
    )
    document.chart.addElement(root)
    title = chart.Title(stylename=text_style)
    title.addElement(P(text=spec.title))
    root.addElement(title)
    if spec.first_row == 0:
        plot = chart.PlotArea(cellrangeaddress=whole, datasourcehaslabels="both")
    else:
        charted = f"{categories.split(':')[0]}:{values.split(':')[1]}"
        plot = chart.PlotArea(cellrangeaddress=charted, datasourcehaslabels="none")
    root.addElement(plot)
    for dimension, name, text in (
        ("x", "primary-x", spec.x_title),
        ("y", "primary-y", spec.y_title),
    ):
        axis = chart.Axis(dimension=dimension, name=name, stylename=axis_style)
        axis_title = chart.Title(stylename=text_style)
        axis_title.addElement(P(text=text))
        axis.addElement(axis_title)
        if dimension == "x":
            axis.addElement(chart.Categories(cellrangeaddress=categories))
        else:
            axis.addElement(chart.Grid(attributes={"class": "major"}))
        plot.addElement(axis)
    series = chart.Series(
        valuescellrangeaddress=values,
        labelcelladdress=label,
        stylename=line_style,
        attributes={"class": "chart:line"},
    )
    series.addElement(chart.DataPoint(repeated=str(len(table.rows) - spec.first_row)))
    plot.addElement(series)
    plot.addElement(chart.Wall(stylename=wall_style))
    # A copy of the data, as spreadsheet programs embed it: readers without the host sheet
    # can still draw the chart.
    local = OdsTable(name="local-table")
    header_columns = TableHeaderColumns()
    header_columns.addElement(TableColumn())
    local.addElement(header_columns)
    columns = TableColumns()
    columns.addElement(TableColumn())
    local.addElement(columns)
    header_rows = TableHeaderRows()
    heading = TableRow()
    heading.addElement(TableCell())
    value_heading = TableCell(valuetype="string")
    value_heading.addElement(P(text=table.columns[spec.value].heading))
    heading.addElement(value_heading)
    header_rows.addElement(heading)
    local.addElement(header_rows)
    rows = TableRows()
    for cells in table.rows[spec.first_row :]:
        row = TableRow()
        category = TableCell(valuetype="string")
        category.addElement(P(text=cell_text(cells[spec.category])))
        row.addElement(category)
        value = cells[spec.value]
        if isinstance(value, Number):
            value_cell = TableCell(valuetype="float", value=repr(value.value))
            value_cell.addElement(P(text=cell_text(value)))
        else:
            value_cell = TableCell()
        row.addElement(value_cell)
        rows.addElement(row)
    local.addElement(rows)
    root.addElement(local)
    return document


def quoted_sheet(sheet: str) -> str:
    """A sheet name as a cell address writes it: quoted unless it is a plain word."""
    if sheet.replace("_", "").isalnum():
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def cell_range(
    sheet: str, first_column: int, first_row: int, last_column: int, last_row: int
) -> str:
    """An ODF cell range address, e.g. ``Notes.A3:Notes.B15`` (0-based arguments)."""
    name = quoted_sheet(sheet)
    return (
        f"{name}.{column_letters(first_column)}{first_row + 1}:"
        f"{name}.{column_letters(last_column)}{last_row + 1}"
    )


def column_letters(column: int) -> str:
    """The letters of 0-based column ``column``: 0 is A, 26 is AA."""
    letters = ""
    column += 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
