"""Writing a :class:`~measurekit.outputs.workbook.model.Workbook` as an OpenDocument spreadsheet.

Written with odfpy, the library pandas itself uses for ``.ods``. The layout is the model's:
A1 title, A2 description, lines, then the table, which is named as a database range with a
header row and no filter buttons (ODS's equivalent of an Excel table). A sheet with a chart
gets an embedded line chart (an OpenDocument chart object) beside its table, drawing on the
table's cells (:mod:`.ods_chart`). Text cells are strings (never ``table:formula``); numbers are
floats with a number style. Zip timestamps and document dates are fixed, so output is
reproducible.
"""

from __future__ import annotations

import io
import types
from typing import Any

from measurekit.outputs.workbook.model import (
    FONT_NAME,
    Cell,
    Line,
    Link,
    Number,
    NumberFormat,
    Sheet,
    Table,
    Workbook,
    cell_text,
)
from measurekit.outputs.workbook.ods_chart import cell_range, chart_frame, quoted_sheet
from measurekit.outputs.workbook.reproducible import FIXED_TIME, normalise_zip

#: Centimetres per character of column width, for a 12 point sans-serif font.
CM_PER_CHARACTER = 0.24
COVER_WIDTH = 100
#: How table cells align (ODF ``fo:text-align`` values, and an indented start).
START, END, INDENT = "start", "end", "indent"
INDENT_CM = "0.3cm"
#: The style name of the common cell style "Heading 1" (spaces are written ``_20_``).
TITLE_STYLE = "Heading_20_1"


def write_ods(workbook: Workbook) -> bytes:
    """The workbook as ``.ods`` bytes."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import DatabaseRange, DatabaseRanges

    document = OpenDocumentSpreadsheet()
    document._used_auto_styles = types.MethodType(_used_auto_styles, document)
    styles = _Styles(document)
    _print_landscape_one_page_wide(document)
    _set_properties(document, workbook)
    ranges = DatabaseRanges()
    for sheet in workbook.sheets:
        document.spreadsheet.addElement(_sheet(document, styles, sheet))
        if sheet.table is not None:
            top = sheet.header_row
            ranges.addElement(
                DatabaseRange(
                    name=sheet.table.name,
                    targetrangeaddress=cell_range(
                        sheet.name,
                        0,
                        top,
                        len(sheet.table.columns) - 1,
                        top + len(sheet.table.rows),
                    ),
                    containsheader="true",
                    displayfilterbuttons="false",
                )
            )
    document.spreadsheet.addElement(ranges)
    _open_at_a1(document, [sheet.name for sheet in workbook.sheets])
    _canonical_namespaces()
    buffer = io.BytesIO()
    document.write(buffer)
    return normalise_zip(buffer.getvalue())


def _style_references() -> tuple[tuple[str, str], ...]:
    """The attributes through which an element refers to a style by name (odfpy's list)."""
    from odf.namespaces import CHARTNS, DRAWNS, PRESENTATIONNS, STYLENS, TABLENS, TEXTNS

    return (
        (CHARTNS, "style-name"),
        (DRAWNS, "style-name"),
        (DRAWNS, "text-style-name"),
        (PRESENTATIONNS, "style-name"),
        (STYLENS, "data-style-name"),
        (STYLENS, "list-style-name"),
        (STYLENS, "page-layout-name"),
        (STYLENS, "style-name"),
        (TABLENS, "default-cell-style-name"),
        (TABLENS, "style-name"),
        (TEXTNS, "style-name"),
    )


def _used_auto_styles(document: Any, segments: list[Any]) -> list[Any]:
    """The automatic styles that elements under ``segments`` refer to, in the document's
    order: what odfpy's own method of this name returns, found in one walk that reads each
    element's attributes directly (odfpy's asks for each of eleven attributes through a
    call that costs as much as the rest of writing the file). Namespace prefixes, which
    odfpy's lookups also register, are declared by :func:`_canonical_namespaces`."""
    from odf.element import Node
    from odf.namespaces import STYLENS

    references = _style_references()
    used: set[str] = set()
    pending = list(segments)
    while pending:
        element = pending.pop()
        for child in element.childNodes:
            if child.nodeType == Node.ELEMENT_NODE:
                attributes = child.attributes
                used.update(str(attributes[key]) for key in references if attributes.get(key))
                pending.append(child)
    return [
        style
        for style in document.automaticstyles.childNodes
        if style.nodeType == Node.ELEMENT_NODE and style.getAttrNS(STYLENS, "name") in used
    ]


def _print_landscape_one_page_wide(document: Any) -> None:
    """Print every sheet on A4 landscape, scaled to one page wide (as many pages long as
    it needs), through the default master page that every sheet uses.

    The scaling is LibreOffice's extension (ODF has only "fit to N pages" in both
    directions); other readers print at full size.
    """
    from odf.namespaces import LOEXTNS
    from odf.style import MasterPage, PageLayout, PageLayoutProperties

    layout = PageLayout(name="pm_landscape")
    properties = PageLayoutProperties(
        printorientation="landscape", pagewidth="29.7cm", pageheight="21cm"
    )
    properties.setAttrNS(LOEXTNS, "scale-to-X", "1")
    properties.setAttrNS(LOEXTNS, "scale-to-Y", "0")
    layout.addElement(properties)
    document.automaticstyles.addElement(layout)
    document.masterstyles.addElement(MasterPage(name="Default", pagelayoutname=layout))


def _open_at_a1(document: Any, sheets: list[str]) -> None:
    """View settings: the first sheet opens, with the cursor in A1 of every sheet."""
    from odf.config import (
        ConfigItem,
        ConfigItemMapEntry,
        ConfigItemMapIndexed,
        ConfigItemMapNamed,
        ConfigItemSet,
    )

    def item(name: str, kind: str, value: str) -> Any:
        return ConfigItem(name=name, type=kind, text=value)

    tables = ConfigItemMapNamed(name="Tables")
    for sheet in sheets:
        entry = ConfigItemMapEntry(name=sheet)
        entry.addElement(item("CursorPositionX", "int", "0"))
        entry.addElement(item("CursorPositionY", "int", "0"))
        tables.addElement(entry)
    view = ConfigItemMapEntry()
    view.addElement(item("ViewId", "string", "view1"))
    view.addElement(tables)
    view.addElement(item("ActiveTable", "string", sheets[0]))
    views = ConfigItemMapIndexed(name="Views")
    views.addElement(view)
    settings = ConfigItemSet(name="ooo:view-settings")
    settings.addElement(views)
    document.settings.addElement(settings)


def _canonical_namespaces() -> None:
    """Put odfpy's namespace declarations in one fixed order.

    odfpy declares, on every document it writes, each namespace any element in the process
    has used so far, in the order they were first used (a class-level dict). The same
    workbook would otherwise be written differently depending on what was written or read
    before it. Declaring every namespace odfpy knows, sorted by prefix, is harmless and
    always the same.
    """
    from odf.element import Element
    from odf.namespaces import nsdict

    known = dict(Element.namespaces)
    known.update(nsdict)
    Element.namespaces.clear()
    Element.namespaces.update(sorted(known.items(), key=lambda item: (item[1], item[0])))


def _set_properties(document: Any, workbook: Workbook) -> None:
    from odf import dc, meta

    stamp = FIXED_TIME.isoformat()
    document.meta.addElement(dc.Title(text=workbook.title))
    document.meta.addElement(dc.Subject(text=workbook.subject))
    document.meta.addElement(dc.Creator(text=workbook.author))
    document.meta.addElement(meta.InitialCreator(text=workbook.author))
    document.meta.addElement(dc.Language(text=workbook.language))
    document.meta.addElement(meta.CreationDate(text=stamp))
    document.meta.addElement(dc.Date(text=stamp))
    for keyword in workbook.keywords:
        document.meta.addElement(meta.Keyword(text=keyword))


class _Styles:
    """The cell, column and number styles the sheets use, created once per document."""

    def __init__(self, document: Any) -> None:
        from odf.number import Number as NumberElement
        from odf.number import NumberStyle
        from odf.style import (
            DefaultStyle,
            FontFace,
            ParagraphProperties,
            Style,
            TableCellProperties,
            TextProperties,
        )

        self._document = document
        document.fontfacedecls.addElement(
            FontFace(
                name=FONT_NAME,
                fontfamily=FONT_NAME,
                fontfamilygeneric="swiss",
                fontpitch="variable",
            )
        )
        language = {"language": "en", "country": "GB"}
        default = DefaultStyle(family="table-cell")
        default.addElement(TextProperties(fontname=FONT_NAME, fontsize="12pt", **language))
        document.styles.addElement(default)
        for format_ in NumberFormat:
            number_style = NumberStyle(name=f"N_{format_.name}")
            number_style.addElement(
                NumberElement(
                    decimalplaces=str(format_.decimal_places),
                    minintegerdigits="1",
                    grouping="true" if format_ is NumberFormat.COUNT else "false",
                )
            )
            document.automaticstyles.addElement(number_style)

        def cell_style(
            name: str,
            size: str,
            bold: bool = False,
            wrap: bool = True,
            underline: bool = False,
            align: str = "start",
            **extra: str,
        ) -> Any:
            style = Style(name=name, family="table-cell", **extra)
            style.addElement(
                TableCellProperties(wrapoption="wrap" if wrap else "no-wrap", verticalalign="top")
            )
            if "datastylename" in extra:
                paragraph = ParagraphProperties()  # numbers keep their natural right alignment
            elif align == INDENT:
                paragraph = ParagraphProperties(textalign="start", marginleft=INDENT_CM)
            else:
                paragraph = ParagraphProperties(textalign=align)
            style.addElement(paragraph)
            text = {"fontweight": "bold"} if bold else {}
            if underline:
                text.update(textunderlinestyle="solid", textunderlinewidth="auto")
            style.addElement(TextProperties(fontname=FONT_NAME, fontsize=size, **text, **language))
            document.automaticstyles.addElement(style)
            return style

        # Sheet titles are of the common "Heading 1" cell style (LibreOffice's own name for
        # it), the ODS counterpart of Excel's built-in style: a heading to screen readers.
        heading_1 = Style(name=TITLE_STYLE, displayname="Heading 1", family="table-cell")
        heading_1.addElement(
            TextProperties(fontname=FONT_NAME, fontsize="16pt", fontweight="bold", **language)
        )
        document.styles.addElement(heading_1)
        self.title = cell_style("ce_title", "16pt", bold=True, parentstylename=TITLE_STYLE)
        self.heading = cell_style("ce_heading", "14pt", bold=True)
        self.body = cell_style("ce_body", "12pt")
        # Above a table, text runs on across the empty cells to its right.
        self.title_above = cell_style(
            "ce_title_above", "16pt", bold=True, wrap=False, parentstylename=TITLE_STYLE
        )
        self.body_above = cell_style("ce_body_above", "12pt", wrap=False)
        # Table cells by column: see :func:`_column_kind`.
        self.headers = {
            kind: cell_style(f"ce_header_{kind}", "12pt", bold=True, align=kind)
            for kind in (START, INDENT, END)
        }
        self.texts = {
            kind: cell_style(f"ce_text_{kind}", "12pt", align=kind) for kind in (INDENT, END)
        }
        self.numbers = {
            format_: cell_style(
                f"ce_{format_.name.lower()}", "12pt", datastylename=f"N_{format_.name}"
            )
            for format_ in NumberFormat
        }
        self.link = cell_style("ce_link", "12pt", underline=True)
        self._columns: dict[int, Any] = {}
        self.graphic = Style(name="gr_chart", family="graphic")
        document.automaticstyles.addElement(self.graphic)

    def column(self, width: int) -> Any:
        """A column style ``width`` characters wide."""
        from odf.style import Style, TableColumnProperties

        if width not in self._columns:
            style = Style(name=f"co_{width}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{width * CM_PER_CHARACTER:.2f}cm"))
            self._document.automaticstyles.addElement(style)
            self._columns[width] = style
        return self._columns[width]


def _sheet(document: Any, styles: _Styles, sheet: Sheet) -> Any:
    from odf.table import Table as OdsTable
    from odf.table import TableColumn, TableRow

    ods_table = OdsTable(name=sheet.name)
    widths = [column.width for column in sheet.table.columns] if sheet.table else [COVER_WIDTH]
    for width in widths:
        ods_table.addElement(TableColumn(stylename=styles.column(width)))
    has_table = sheet.table is not None
    rows: list[list[Any]] = [
        [_text_cell(sheet.title, styles.title_above if has_table else styles.title)],
        [_text_cell(sheet.description, styles.body_above if has_table else styles.body)],
    ]
    rows += [[_line_cell(line, styles, above=has_table)] for line in sheet.lines]
    if sheet.table is not None:
        table = sheet.table
        kinds = [_column_kind(table, position) for position in range(len(table.columns))]
        rows.append(
            [
                _text_cell(column.heading, styles.headers[kind])
                for column, kind in zip(table.columns, kinds, strict=True)
            ]
        )
        rows += [
            [_cell(cell, styles, kind) for cell, kind in zip(row, kinds, strict=True)]
            for row in table.rows
        ]
    chart_row = sheet.header_row
    for index, cells in enumerate(rows):
        row = TableRow()
        for cell in cells:
            row.addElement(cell)
        if index == chart_row and sheet.chart is not None and sheet.table is not None:
            from odf.table import TableCell

            row.addElement(TableCell())
            holder = TableCell()
            holder.addElement(chart_frame(document, styles.graphic, sheet, sheet.table))
            row.addElement(holder)
        ods_table.addElement(row)
    return ods_table


def _line_cell(line: Line, styles: _Styles, above: bool) -> Any:
    if line.link is not None:
        return _link_cell(line.text, line.link, styles)
    if line.heading:
        return _text_cell(line.text, styles.heading)
    return _text_cell(line.text, styles.body_above if above else styles.body)


def _column_kind(table: Table, position: int) -> str:
    """How column ``position``'s cells align: numeric columns (heading, numbers and
    shorthand) at the end; text columns after the first indented, so their text does not
    run up against a number to its left; the first at the start."""
    if table.is_numeric(position):
        return END
    return INDENT if position else START


def _cell(cell: Cell, styles: _Styles, kind: str = START) -> Any:
    from odf.table import TableCell
    from odf.text import P

    if isinstance(cell, Link):
        return _link_cell(cell.text, cell.sheet, styles)
    if isinstance(cell, Number):
        element = TableCell(
            valuetype="float", value=repr(cell.value), stylename=styles.numbers[cell.format]
        )
        element.addElement(P(text=cell_text(cell)))
        return element
    return _text_cell(cell.text, styles.texts.get(kind, styles.body))


def _text_cell(text: str, style: Any) -> Any:
    """A string cell: whatever ``text`` starts with, it is never a formula."""
    from odf.table import TableCell
    from odf.text import P

    element = TableCell(valuetype="string", stylename=style)
    element.addElement(P(text=text))
    return element


def _link_cell(text: str, sheet: str, styles: _Styles) -> Any:
    """A cell whose text links to A1 of ``sheet``, underlined by its cell style (LibreOffice
    reads a styled span inside a link as the link's address, not its text)."""
    from odf.table import TableCell
    from odf.text import A, P

    element = TableCell(valuetype="string", stylename=styles.link)
    paragraph = P()
    paragraph.addElement(A(href=f"#{quoted_sheet(sheet)}.A1", type="simple", text=text))
    element.addElement(paragraph)
    return element
