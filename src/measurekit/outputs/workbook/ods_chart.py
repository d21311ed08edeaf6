"""The line chart of an ODS sheet: an embedded OpenDocument chart object beside the table,
drawing on the table's cells, with a copy of its data as spreadsheet programs embed it."""

from __future__ import annotations

from measurekit.outputs.workbook.model import (
    FONT_NAME,
    Number,
    Sheet,
    Table,
    cell_text,
    chart_description,
)
from measurekit.outputs.workbook.odf_xml import attribute, paragraph, part, text

CHART_MIMETYPE = "application/vnd.oasis.opendocument.chart"
CHART_WIDTH_CM = 20
CHART_HEIGHT_CM = 11
_SIZE = f'svg:width="{CHART_WIDTH_CM}cm" svg:height="{CHART_HEIGHT_CM}cm"'
_FONT = f'style:font-name="{attribute(FONT_NAME)}"'
#: The chart's styles: the line, its titles' text, the axes and the (unfilled) wall.
_CHART_STYLES = (
    '<style:style style:name="ch_series" style:family="chart" style:display-name="ch_series">'
    '<style:chart-properties chart:symbol-type="none" chart:interpolation="none"/>'
    '<style:graphic-properties draw:stroke="solid" svg:stroke-width="0.08cm" '
    'svg:stroke-color="#1f4e79"/></style:style>'
    '<style:style style:name="ch_text" style:family="chart" style:display-name="ch_text">'
    f'<style:text-properties {_FONT} fo:font-size="12pt"/></style:style>'
    '<style:style style:name="ch_axis" style:family="chart" style:display-name="ch_axis">'
    '<style:chart-properties chart:display-label="true"/>'
    f'<style:text-properties {_FONT} fo:font-size="10pt"/></style:style>'
    '<style:style style:name="ch_wall" style:family="chart" style:display-name="ch_wall">'
    '<style:graphic-properties draw:fill="none" draw:stroke="none"/></style:style>'
)


class _Ranges:
    """The cell addresses a chart of ``sheet``'s ``table`` draws on."""

    def __init__(self, sheet: Sheet, table: Table) -> None:
        assert sheet.chart is not None
        spec = sheet.chart
        top = sheet.header_row
        last = top + len(table.rows)
        first = top + 1 + spec.first_row
        self.categories = cell_range(sheet.name, spec.category, first, spec.category, last)
        self.values = cell_range(sheet.name, spec.value, first, spec.value, last)
        self.label = f"{quoted_sheet(sheet.name)}.{column_letters(spec.value)}{top + 1}"
        self.whole = cell_range(sheet.name, 0, top, len(table.columns) - 1, last)


def chart_frame(sheet: Sheet, table: Table, graphic_style: str, location: str) -> str:
    """A frame holding the embedded line chart of ``sheet``'s ``table``, whose chart object
    is at ``location`` in the package (``./Object 1``); ``graphic_style`` styles the frame."""
    whole = attribute(_Ranges(sheet, table).whole)
    return (
        f'<draw:frame draw:style-name="{graphic_style}" {_SIZE} '
        f'draw:name="{attribute(f"Chart_{sheet.name}")}">'
        f'<draw:object xlink:href="{attribute(location)}" xlink:type="simple" '
        f'xlink:show="embed" xlink:actuate="onLoad" draw:notify-on-update-of-ranges="{whole}"/>'
        f"<svg:desc>{text(chart_description(sheet))}</svg:desc></draw:frame>"
    )


def chart_styles() -> bytes:
    """A chart object's ``styles.xml``: it has no styles of its own there."""
    return part(
        "office:document-styles",
        "<office:styles/><office:automatic-styles></office:automatic-styles>",
    )


def chart_content(sheet: Sheet, table: Table) -> bytes:
    """A chart object's ``content.xml``: the line chart of ``sheet``'s ``table``."""
    assert sheet.chart is not None
    spec = sheet.chart
    ranges = _Ranges(sheet, table)
    if spec.first_row == 0:
        plot = (
            f'<chart:plot-area table:cell-range-address="{attribute(ranges.whole)}" '
            'chart:data-source-has-labels="both">'
        )
    else:
        charted = f"{ranges.categories.split(':')[0]}:{ranges.values.split(':')[1]}"
        plot = (
            f'<chart:plot-area table:cell-range-address="{attribute(charted)}" '
            'chart:data-source-has-labels="none">'
        )

    def title(value: str) -> str:
        return f'<chart:title chart:style-name="ch_text">{paragraph(value)}</chart:title>'

    plot += (
        '<chart:axis chart:dimension="x" chart:name="primary-x" chart:style-name="ch_axis">'
        f"{title(spec.x_title)}"
        f'<chart:categories table:cell-range-address="{attribute(ranges.categories)}"/>'
        "</chart:axis>"
        '<chart:axis chart:dimension="y" chart:name="primary-y" chart:style-name="ch_axis">'
        f'{title(spec.y_title)}<chart:grid chart:class="major"/></chart:axis>'
        '<chart:series chart:class="chart:line" '
        f'chart:values-cell-range-address="{attribute(ranges.values)}" '
        f'chart:label-cell-address="{attribute(ranges.label)}" chart:style-name="ch_series">'
        f'<chart:data-point chart:repeated="{len(table.rows) - spec.first_row}"/></chart:series>'
        '<chart:wall chart:style-name="ch_wall"/></chart:plot-area>'
    )
    # A copy of the data, as spreadsheet programs embed it: readers without the host sheet
    # can still draw the chart.
    rows = []
    for cells in table.rows[spec.first_row :]:
        category = (
            '<table:table-cell office:value-type="string">'
            f"{paragraph(cell_text(cells[spec.category]))}</table:table-cell>"
        )
        value = cells[spec.value]
        if isinstance(value, Number):
            shown = (
                f'<table:table-cell office:value-type="float" office:value="{value.value!r}">'
                f"{paragraph(cell_text(value))}</table:table-cell>"
            )
        else:
            shown = "<table:table-cell/>"
        rows.append(f"<table:table-row>{category}{shown}</table:table-row>")
    local = (
        '<table:table table:name="local-table"><table:table-header-columns><table:table-column/>'
        "</table:table-header-columns><table:table-columns><table:table-column/>"
        "</table:table-columns><table:table-header-rows><table:table-row><table:table-cell/>"
        '<table:table-cell office:value-type="string">'
        f"{paragraph(table.columns[spec.value].heading)}</table:table-cell></table:table-row>"
        f"</table:table-header-rows><table:table-rows>{''.join(rows)}</table:table-rows>"
        "</table:table>"
    )
    return part(
        "office:document-content",
        f"<office:automatic-styles>{_CHART_STYLES}</office:automatic-styles>"
        f'<office:body><office:chart><chart:chart chart:class="chart:line" {_SIZE}>'
        f"{title(spec.title)}{plot}{local}</chart:chart></office:chart></office:body>",
    )


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
