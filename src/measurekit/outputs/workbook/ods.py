"""Writing a :class:`~measurekit.outputs.workbook.model.Workbook` as an OpenDocument spreadsheet.

The parts are written as XML text with the standard library (:mod:`.odf_xml`), in the form
odfpy, which measurekit once wrote them with, gives them. The layout is the model's: A1 title,
A2 description, lines, then the table, which is named as a database range with a header row
and no filter buttons (ODS's equivalent of an Excel table). A sheet with a chart gets an
embedded line chart (an OpenDocument chart object) beside its table, drawing on the table's
cells (:mod:`.ods_chart`). Text cells are strings (never ``table:formula``); numbers are
floats with a number style. Zip timestamps and document dates are fixed, so output is
reproducible.
"""

from __future__ import annotations

from measurekit.__about__ import __version__
from measurekit.outputs.workbook.model import (
    FONT_NAME,
    Line,
    Link,
    Number,
    NumberFormat,
    Sheet,
    Table,
    Workbook,
    cell_text,
)
from measurekit.outputs.workbook.odf_xml import attribute, package, paragraph, part, text
from measurekit.outputs.workbook.ods_chart import (
    CHART_MIMETYPE,
    cell_range,
    chart_content,
    chart_frame,
    chart_styles,
    quoted_sheet,
)
from measurekit.outputs.workbook.reproducible import FIXED_TIME

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
#: The producer named in ``meta:generator``.
GENERATOR = f"measurekit/{__version__}"
#: Centimetres per character of column width, for a 12 point sans-serif font.
CM_PER_CHARACTER = 0.24
COVER_WIDTH = 100
#: How table cells align (ODF ``fo:text-align`` values, and an indented start).
START, END, INDENT = "start", "end", "indent"
INDENT_CM = "0.3cm"
#: The style name of the common cell style "Heading 1" (spaces are written ``_20_``).
TITLE_STYLE = "Heading_20_1"
#: The style of the frame holding a chart.
GRAPHIC_STYLE = "gr_chart"
PAGE_LAYOUT = "pm_landscape"
_LANGUAGE = ' fo:language="en" fo:country="GB"'
_FONT = f'style:font-name="{attribute(FONT_NAME)}"'
_FONT_FACES = (
    "<office:font-face-decls>"
    f'<style:font-face style:name="{attribute(FONT_NAME)}" '
    f'svg:font-family="{attribute(FONT_NAME)}" '
    'style:font-family-generic="swiss" style:font-pitch="variable"/>'
    "</office:font-face-decls>"
)


def write_ods(workbook: Workbook) -> bytes:
    """The workbook as ``.ods`` bytes."""
    styles = _Styles()
    charts: list[tuple[Sheet, Table]] = []
    tables = "".join(_sheet(styles, sheet, charts) for sheet in workbook.sheets)
    ranges = "".join(_database_range(sheet) for sheet in workbook.sheets)
    ranges_element = (
        f"<table:database-ranges>{ranges}</table:database-ranges>"
        if ranges
        else "<table:database-ranges/>"
    )
    content = part(
        "office:document-content",
        f"{_FONT_FACES}<office:automatic-styles>{styles.used()}</office:automatic-styles>"
        f"<office:body><office:spreadsheet>{tables}{ranges_element}"
        "</office:spreadsheet></office:body>",
    )
    entries: list[tuple[str, str, bytes | None]] = [
        ("styles.xml", "text/xml", _STYLES_PART),
        ("content.xml", "text/xml", content),
        ("settings.xml", "text/xml", _settings([sheet.name for sheet in workbook.sheets])),
        ("meta.xml", "text/xml", _meta(workbook)),
    ]
    object_styles = chart_styles()
    for number, (sheet, table) in enumerate(charts, start=1):
        folder = f"Object {number}/"
        entries += [
            (folder, CHART_MIMETYPE, None),
            (f"{folder}styles.xml", "text/xml", object_styles),
            (f"{folder}content.xml", "text/xml", chart_content(sheet, table)),
        ]
    return package(MIMETYPE, entries)


def _database_range(sheet: Sheet) -> str:
    """``sheet``'s table named as a database range with a header row and no filter buttons,
    ODS's equivalent of an Excel table (nothing when the sheet has no table)."""
    if sheet.table is None:
        return ""
    top = sheet.header_row
    address = cell_range(
        sheet.name, 0, top, len(sheet.table.columns) - 1, top + len(sheet.table.rows)
    )
    return (
        f'<table:database-range table:name="{attribute(sheet.table.name)}" '
        f'table:target-range-address="{attribute(address)}" '
        'table:contains-header="true" table:display-filter-buttons="false"/>'
    )


def _text_properties(size: str, bold: bool = False, underline: bool = False) -> str:
    weight = ' fo:font-weight="bold"' if bold else ""
    line = (
        ' style:text-underline-style="solid" style:text-underline-width="auto"' if underline else ""
    )
    return f'<style:text-properties {_FONT} fo:font-size="{size}"{weight}{line}{_LANGUAGE}/>'


def _styles_part() -> bytes:
    """``styles.xml``: the default cell style, the common "Heading 1" cell style of sheet
    titles (LibreOffice's own name for it, the ODS counterpart of Excel's built-in style: a
    heading to screen readers), and the page layout every sheet prints with.

    Every sheet prints on A4 landscape, scaled to one page wide (as many pages long as it
    needs), through the default master page. The scaling is LibreOffice's extension (ODF has
    only "fit to N pages" in both directions); other readers print at full size.
    """
    return part(
        "office:document-styles",
        f"{_FONT_FACES}<office:styles>"
        '<style:default-style style:family="table-cell">'
        f"{_text_properties('12pt')}</style:default-style>"
        f'<style:style style:name="{TITLE_STYLE}" style:display-name="Heading 1" '
        f'style:family="table-cell">{_text_properties("16pt", bold=True)}</style:style>'
        "</office:styles><office:automatic-styles>"
        f'<style:page-layout style:name="{PAGE_LAYOUT}">'
        '<style:page-layout-properties style:print-orientation="landscape" '
        'fo:page-width="29.7cm" fo:page-height="21cm" loext:scale-to-X="1" loext:scale-to-Y="0"/>'
        "</style:page-layout></office:automatic-styles><office:master-styles>"
        f'<style:master-page style:name="Default" style:page-layout-name="{PAGE_LAYOUT}" '
        'style:display-name="Default"/></office:master-styles>',
    )


_STYLES_PART = _styles_part()


def _settings(sheets: list[str]) -> bytes:
    """View settings: the first sheet opens, with the cursor in A1 of every sheet."""

    def item(name: str, kind: str, value: str) -> str:
        return (
            f'<config:config-item config:name="{name}" config:type="{kind}">'
            f"{text(value)}</config:config-item>"
        )

    cursor = item("CursorPositionX", "int", "0") + item("CursorPositionY", "int", "0")
    tables = "".join(
        f'<config:config-item-map-entry config:name="{attribute(sheet)}">{cursor}'
        "</config:config-item-map-entry>"
        for sheet in sheets
    )
    return part(
        "office:document-settings",
        '<office:settings><config:config-item-set config:name="ooo:view-settings">'
        '<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>'
        f"{item('ViewId', 'string', 'view1')}"
        f'<config:config-item-map-named config:name="Tables">{tables}'
        f"</config:config-item-map-named>{item('ActiveTable', 'string', sheets[0])}"
        "</config:config-item-map-entry></config:config-item-map-indexed>"
        "</config:config-item-set></office:settings>",
    )


def _meta(workbook: Workbook) -> bytes:
    """Document properties: title, subject, author, language, keywords, fixed dates."""

    def element(tag: str, value: str) -> str:
        return f"<{tag}>{text(value)}</{tag}>" if value else f"<{tag}/>"

    stamp = FIXED_TIME.isoformat()
    fields = [
        ("dc:title", workbook.title),
        ("dc:subject", workbook.subject),
        ("dc:creator", workbook.author),
        ("meta:initial-creator", workbook.author),
        ("dc:language", workbook.language),
        ("meta:creation-date", stamp),
        ("dc:date", stamp),
        *(("meta:keyword", keyword) for keyword in workbook.keywords),
        ("meta:generator", GENERATOR),
    ]
    inner = "".join(element(tag, value) for tag, value in fields)
    return part("office:document-meta", f"<office:meta>{inner}</office:meta>")


class _Styles:
    """The automatic styles of ``content.xml``: every cell, number, column and graphic style
    a sheet may use, in a fixed order; :meth:`used` writes those that cells, columns and
    frames asked for (through :meth:`use` and :meth:`column`), and the number styles."""

    def __init__(self) -> None:
        self._definitions: dict[str, str] = {}
        for format_ in NumberFormat:
            name = f"N_{format_.name}"
            grouping = "true" if format_ is NumberFormat.COUNT else "false"
            self._definitions[name] = (
                f'<number:number-style style:name="{name}" style:display-name="{name}">'
                f'<number:number number:decimal-places="{format_.decimal_places}" '
                f'number:min-integer-digits="1" number:grouping="{grouping}"/>'
                "</number:number-style>"
            )
        # The cell styles refer to the number styles: they are always written.
        self._used = set(self._definitions)
        self.title = self._cell("ce_title", "16pt", bold=True, parent=TITLE_STYLE)
        self.heading = self._cell("ce_heading", "14pt", bold=True)
        self.body = self._cell("ce_body", "12pt")
        # Above a table, text runs on across the empty cells to its right.
        self.title_above = self._cell(
            "ce_title_above", "16pt", bold=True, wrap=False, parent=TITLE_STYLE
        )
        self.body_above = self._cell("ce_body_above", "12pt", wrap=False)
        # Table cells by column: see :func:`_column_kind`.
        self.headers = {
            kind: self._cell(f"ce_header_{kind}", "12pt", bold=True, align=kind)
            for kind in (START, INDENT, END)
        }
        self.texts = {
            kind: self._cell(f"ce_text_{kind}", "12pt", align=kind) for kind in (INDENT, END)
        }
        self.numbers = {
            format_: self._cell(f"ce_{format_.name.lower()}", "12pt", data=f"N_{format_.name}")
            for format_ in NumberFormat
        }
        self.link = self._cell("ce_link", "12pt", underline=True)
        self._definitions[GRAPHIC_STYLE] = (
            f'<style:style style:name="{GRAPHIC_STYLE}" style:family="graphic" '
            f'style:display-name="{GRAPHIC_STYLE}"/>'
        )

    def _cell(
        self,
        name: str,
        size: str,
        bold: bool = False,
        wrap: bool = True,
        underline: bool = False,
        align: str = START,
        parent: str | None = None,
        data: str | None = None,
    ) -> str:
        """Define cell style ``name``; returns the name."""
        references = f' style:parent-style-name="{parent}"' if parent else ""
        if data is not None:
            references += f' style:data-style-name="{data}"'
            paragraph_ = "<style:paragraph-properties/>"  # numbers keep their right alignment
        elif align == INDENT:
            paragraph_ = (
                f'<style:paragraph-properties fo:text-align="start" fo:margin-left="{INDENT_CM}"/>'
            )
        else:
            paragraph_ = f'<style:paragraph-properties fo:text-align="{align}"/>'
        self._definitions[name] = (
            f'<style:style style:name="{name}" style:family="table-cell"{references} '
            f'style:display-name="{name}"><style:table-cell-properties '
            f'fo:wrap-option="{"wrap" if wrap else "no-wrap"}" style:vertical-align="top"/>'
            f"{paragraph_}{_text_properties(size, bold, underline)}</style:style>"
        )
        return name

    def use(self, name: str) -> str:
        """Style ``name``, marked as used; returns the name."""
        self._used.add(name)
        return name

    def column(self, width: int) -> str:
        """The name of a column style ``width`` characters wide, marked as used."""
        name = f"co_{width}"
        if name not in self._definitions:
            self._definitions[name] = (
                f'<style:style style:name="{name}" style:family="table-column" '
                f'style:display-name="{name}"><style:table-column-properties '
                f'style:column-width="{width * CM_PER_CHARACTER:.2f}cm"/></style:style>'
            )
        return self.use(name)

    def used(self) -> str:
        """The used styles' definitions, in the order they were defined."""
        return "".join(xml for name, xml in self._definitions.items() if name in self._used)


def _sheet(styles: _Styles, sheet: Sheet, charts: list[tuple[Sheet, Table]]) -> str:
    """A ``table:table`` of ``sheet``; a sheet with a chart adds itself to ``charts``, whose
    position names its chart object."""
    widths = [column.width for column in sheet.table.columns] if sheet.table else [COVER_WIDTH]
    columns = "".join(
        f'<table:table-column table:style-name="{styles.column(width)}"/>' for width in widths
    )
    has_table = sheet.table is not None
    rows: list[str] = [
        _text_cell(sheet.title, styles.use(styles.title_above if has_table else styles.title)),
        _text_cell(sheet.description, styles.use(styles.body_above if has_table else styles.body)),
    ]
    rows += [_line_cell(line, styles, above=has_table) for line in sheet.lines]
    table = sheet.table
    if table is not None:
        kinds = [_column_kind(table, position) for position in range(len(table.columns))]
        header = "".join(
            _text_cell(column.heading, styles.use(styles.headers[kind]))
            for column, kind in zip(table.columns, kinds, strict=True)
        )
        if sheet.chart is not None:
            charts.append((sheet, table))
            styles.use(GRAPHIC_STYLE)
            frame = chart_frame(sheet, table, GRAPHIC_STYLE, f"./Object {len(charts)}")
            header += f"<table:table-cell/><table:table-cell>{frame}</table:table-cell>"
        rows.append(header)
        # The style of a text cell in each column.
        text_styles = [styles.texts.get(kind, styles.body) for kind in kinds]
        number_styles = styles.numbers
        for cells in table.rows:
            row = []
            for cell, text_style in zip(cells, text_styles, strict=True):
                if isinstance(cell, Number):
                    row.append(
                        '<table:table-cell office:value-type="float" '
                        f'office:value="{cell.value!r}" '
                        f'table:style-name="{styles.use(number_styles[cell.format])}">'
                        f"{paragraph(cell_text(cell))}</table:table-cell>"
                    )
                elif isinstance(cell, Link):
                    row.append(_link_cell(cell.text, cell.sheet, styles))
                else:
                    row.append(_text_cell(cell.text, styles.use(text_style)))
            rows.append("".join(row))
    body = "".join(f"<table:table-row>{row}</table:table-row>" for row in rows)
    return f'<table:table table:name="{attribute(sheet.name)}">{columns}{body}</table:table>'


def _line_cell(line: Line, styles: _Styles, above: bool) -> str:
    if line.link is not None:
        return _link_cell(line.text, line.link, styles)
    if line.heading:
        return _text_cell(line.text, styles.use(styles.heading))
    return _text_cell(line.text, styles.use(styles.body_above if above else styles.body))


def _column_kind(table: Table, position: int) -> str:
    """How column ``position``'s cells align: numeric columns (heading, numbers and
    shorthand) at the end; text columns after the first indented, so their text does not
    run up against a number to its left; the first at the start."""
    if table.is_numeric(position):
        return END
    return INDENT if position else START


def _text_cell(value: str, style: str) -> str:
    """A string cell of style ``style``: whatever ``value`` starts with, it is never a
    formula."""
    return (
        f'<table:table-cell office:value-type="string" table:style-name="{style}">'
        f"{paragraph(value)}</table:table-cell>"
    )


def _link_cell(value: str, sheet: str, styles: _Styles) -> str:
    """A cell whose text links to A1 of ``sheet``, underlined by its cell style (LibreOffice
    reads a styled span inside a link as the link's address, not its text)."""
    href = attribute(f"#{quoted_sheet(sheet)}.A1")
    link = f'<text:a xlink:href="{href}" xlink:type="simple"'
    link += f">{text(value)}</text:a>" if value else "/>"
    return (
        '<table:table-cell office:value-type="string" '
        f'table:style-name="{styles.use(styles.link)}"><text:p>{link}</text:p></table:table-cell>'
    )
