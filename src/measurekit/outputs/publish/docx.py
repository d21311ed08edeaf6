"""The statement as a Word document, with python-docx.

An office often edits the statement in Word before publishing it, so the document is built
to stay accessible through that edit: Word's own Heading 1 to 3 styles (the navigation pane
works), real tables whose header row repeats on every page, every picture with alt text, the
title and the language (en-GB) in the file's properties and styles, and page numbers (a
``PAGE`` field in the footer). Note citations print as ``[note 3]``, and the notes are
listed at the end, as in the web page.

The same statement gives the same bytes: the core properties' dates come from
:func:`.content.document_date` and every zip member is written with one fixed timestamp.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import weakref
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING

from measurekit.document.nodes import (
    Appendix,
    BulletList,
    Chart,
    FigureTable,
    MeasurePart,
    NoteList,
    Paragraph,
    SectionBlock,
    ShorthandKey,
    SourceLine,
    StatementDocument,
    Table,
)
from measurekit.document.renderers import NO_RENDERERS, SectionRenderers
from measurekit.outputs.publish import chart as charts
from measurekit.outputs.publish.content import (
    FIRST_NUMBER_COLUMN,
    cell_text,
    chart_data,
    chart_table,
    document_date,
    figure_headings,
    figure_rows,
    is_number_cell,
    read_logo,
    source_notes,
    source_text,
)
from measurekit.outputs.xml_escape import escape

if TYPE_CHECKING:
    from docx.document import Document
    from docx.parts.document import DocumentPart
    from docx.text.paragraph import Paragraph as DocxParagraph

LANGUAGE = "en-GB"
#: Zip members' timestamp: the earliest a zip file can hold, the same every build.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
CHART_WIDTH_CM = 16
#: The style of every table: a grid, so cells are told apart without colour.
TABLE_STYLE = "Table Grid"


#: Each document's style ids by style name (see :func:`_style_id`), dropped with it.
_STYLE_IDS: weakref.WeakKeyDictionary[DocumentPart, dict[str, str | None]] = (
    weakref.WeakKeyDictionary()
)


def _style_id(word: Document, name: str, table: bool = False) -> str | None:
    """The id python-docx writes for the paragraph style (or with ``table``, the table
    style) named ``name``, None for the default style; looked up once per document, where
    python-docx scans every style each time a style is given by name."""
    from docx.enum.style import WD_STYLE_TYPE

    ids = _STYLE_IDS.setdefault(word.part, {})
    key = f"table:{name}" if table else name
    if key not in ids:
        kind = WD_STYLE_TYPE.TABLE if table else WD_STYLE_TYPE.PARAGRAPH
        ids[key] = word.part.get_style_id(name, kind)  # type: ignore[no-untyped-call]
    return ids[key]


def _paragraph(word: Document, text: str = "", style: str | None = None) -> DocxParagraph:
    """``word.add_paragraph(text, style)``, the same XML, the style's id looked up once."""
    paragraph = word.add_paragraph(text)
    if style is not None:
        paragraph._p.style = _style_id(word, style)
    return paragraph


def _heading(word: Document, text: str, level: int) -> DocxParagraph:
    """``word.add_heading(text, level)`` for levels 1 to 9 (python-docx's level 0 is the
    Title style, which the statement does not use), through :func:`_paragraph`."""
    if not 1 <= level <= 9:
        raise ValueError(f"a heading's level is 1 to 9, not {level}")
    return _paragraph(word, text, f"Heading {level}")


class DocxPart:
    """What a ``docx`` section renderer receives from the default drawing and returns: the
    Word document being built, with the part's blocks already added when the default
    drew them. A renderer may add more to ``document`` (python-docx's ``Document``)."""

    def __init__(self, document: Document) -> None:
        self.document = document


def notes_text(numbers: Sequence[int]) -> str:
    """Citations as printed: ``[note 1] [note 3]``."""
    return " ".join(f"[note {number}]" for number in numbers)


def source_sentence(line: SourceLine, notes: Sequence[int] = ()) -> str:
    """A source line as a sentence, with its citations (as the web page words it)."""
    cited = source_notes(line)
    text = f"Source: {source_text(line)}"
    if cited:
        text += f" {notes_text(cited)}"
    text += "."
    if notes:
        text += f" Notes for this table: {notes_text(notes)}"
    return text


def render_docx(document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS) -> bytes:
    """The Word document's bytes."""
    import docx

    word = docx.Document()
    _set_language(word)
    _plain_styles(word)
    _properties(word, document)
    _footer_page_numbers(word)
    logo = read_logo(document.info.branding)
    if logo is not None:
        word.add_picture(io.BytesIO(logo.data), height=docx.shared.Cm(1.6))
        _alt_text(word, logo.alt, logo.alt)
    _heading(word, document.title, 1)
    lead = word.add_paragraph(document.subtitle)
    lead.runs[0].bold = True
    for text in (
        document.commissioner,
        f"Published: {document.published}" if document.published else None,
        f"Contact: {document.contact}" if document.contact else None,
        document.windows_sentence,
        f"About the data: {document.notice}" if document.notice else None,
    ):
        if text:
            word.add_paragraph(text)
    _heading(word, "Which measures apply here", 2)
    for line in document.applicability:
        _paragraph(word, line.text, "List Bullet")

    def default(part: MeasurePart) -> DocxPart:
        for block in part.blocks:
            add_block(word, block)
        return DocxPart(word)

    for section in document.sections:
        _heading(word, f"Measure: {section.title}", 2)
        _heading(word, section.figures_heading, 3)
        for part in section.measures:
            renderers.render(part, default, DocxPart)
        for narrative in section.narrative:
            _heading(word, narrative.heading, 3)
            for block in narrative.blocks:
                add_block(word, block)
    if document.sources:
        _heading(word, "Data sources", 2)
        for source in document.sources:
            _paragraph(word, f"{source.text} {notes_text([source.note])}", "List Bullet")
    if document.appendix is not None:
        add_appendix(word, document.appendix)
    if document.notes:
        _heading(word, "Notes", 2)
        for note in document.notes:
            paragraph = word.add_paragraph()
            paragraph.add_run(f"Note {note.number}: ").bold = True
            paragraph.add_run(note.text)
    buffer = io.BytesIO()
    word.save(buffer)
    return fixed_zip(buffer.getvalue())


def add_appendix(word: Document, appendix: Appendix) -> None:
    """The appendix "How these figures were made": a Heading 2, its introduction, a
    Heading 3 and a bulleted list per indicator, then the input files."""
    _heading(word, appendix.title, 2)
    word.add_paragraph(appendix.introduction)
    for entry in appendix.methods:
        _heading(word, f"{entry.label} ({entry.indicator_id})", 3)
        for line in entry.lines:
            _paragraph(word, line, "List Bullet")
    if appendix.inputs:
        _heading(word, appendix.inputs_heading, 3)
        for item in appendix.inputs:
            _paragraph(word, item.text, "List Bullet")


def add_block(word: Document, block: SectionBlock) -> None:
    """One document block, drawn into ``word``."""
    if isinstance(block, Paragraph):
        word.add_paragraph(block.text)
    elif isinstance(block, BulletList):
        for item in block.items:
            _paragraph(word, item, "List Bullet")
    elif isinstance(block, NoteList):
        for note in block.notes:
            paragraph = word.add_paragraph()
            paragraph.add_run("Note: ").bold = True
            paragraph.add_run(f"{note.text} {notes_text([note.number])}")
    elif isinstance(block, ShorthandKey):
        _key(word, block)
    elif isinstance(block, FigureTable):
        if block.key:
            _key(word, block.key)
        rows = figure_rows(block)
        for cells, row in zip(rows, block.rows, strict=True):
            if row.notes:
                cells[0] = f"{cells[0]} {notes_text(row.notes)}"
        numeric = [index >= FIRST_NUMBER_COLUMN for index in range(len(rows[0]) if rows else 0)]
        _table(word, block.title, figure_headings(block), rows, numeric)
        word.add_paragraph(source_sentence(block.source, block.notes))
    elif isinstance(block, Table):
        if block.key:
            _key(word, block.key)
        text_rows = [[cell_text(cell) for cell in row] for row in block.rows]
        numeric = [
            index > 0 and bool(block.rows) and is_number_cell(block.rows[0][index])
            for index in range(len(block.headings))
        ]
        _table(word, block.title, list(block.headings), text_rows, numeric)
        word.add_paragraph(source_sentence(block.source, block.notes))
    elif isinstance(block, Chart):
        _chart(word, block)


def _key(word: Document, key: ShorthandKey) -> None:
    paragraph = word.add_paragraph()
    paragraph.add_run("Shorthand: ").bold = True
    paragraph.add_run(key.text)


def _chart(word: Document, chart: Chart) -> None:
    """The chart as a PNG with its title and summary as alt text, a caption, and its
    numbers as a table."""
    from docx.shared import Cm

    word.add_picture(io.BytesIO(charts.png(chart_data(chart))), width=Cm(CHART_WIDTH_CM))
    _alt_text(word, chart.title, f"{chart.title}. {chart.summary}")
    caption = _paragraph(word, style="Caption")
    caption.add_run(f"{chart.title}. ").bold = True
    text = chart.summary
    if chart.definition_note:
        text += f" {notes_text([chart.definition_note])}"
    caption.add_run(text)
    headings, rows = chart_table(chart)
    numeric = [index > 0 for index in range(len(headings))]
    _table(word, f"The numbers in the chart: {chart.title}", headings, rows, numeric)
    word.add_paragraph(source_sentence(chart.source))


def _table(
    word: Document,
    title: str,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Sequence[bool],
) -> None:
    """A captioned table: a header row that repeats on every page and is marked as the
    header, body rows, figures right-aligned; the title also as the table's alt text.

    python-docx makes the table's properties and column grid; the rows are written as XML
    and parsed in one go (see :func:`_row_xml`), where setting each cell's text through
    python-docx searched and rebuilt the cell's children several times over. The XML is the
    same as python-docx's own calls make (``cell.text = text``, ``paragraph.add_run(heading)
    .bold = True`` after ``cell.text = ""``, ``paragraph.alignment = RIGHT``).
    """
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls, qn

    caption = _paragraph(word, style="Caption")
    caption.add_run(title).bold = True
    table = word.add_table(rows=0, cols=len(headings))
    tbl = table._tbl
    tbl.tblStyle_val = _style_id(word, TABLE_STYLE, table=True)
    properties = tbl.tblPr
    for tag, value in (("w:tblCaption", title), ("w:tblDescription", title)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        properties.append(element)
    # Each cell's width as python-docx gives it the column (an even share of the page).
    widths = [column.get(qn("w:w")) or "0" for column in tbl.tblGrid]
    markup = [f"<w:tbl {nsdecls('w')}>", _row_xml(headings, widths, numeric, header=True)]
    markup += [_row_xml(cells, widths, numeric) for cells in rows]
    markup.append("</w:tbl>")
    tbl.extend(list(parse_xml("".join(markup))))
    word.add_paragraph()


#: A right-aligned cell's paragraph properties.
_RIGHT = '<w:pPr><w:jc w:val="right"/></w:pPr>'


def _row_xml(
    cells: Sequence[str], widths: Sequence[str], numeric: Sequence[bool], header: bool = False
) -> str:
    """One table row as WordprocessingML (the ``w`` prefix declared by the caller): a
    header row repeats on every page and its text is bold; a body row is never split
    across pages. Each cell holds one paragraph, right-aligned where ``numeric`` says."""
    if len(cells) != len(widths):
        raise ValueError(f"a row of {len(cells)} cells in a table of {len(widths)} columns")
    if header:
        parts = ['<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>']
        # python-docx's cell.text = "" leaves an empty run before the bold one.
        before, run = "<w:r/><w:r><w:rPr><w:b/></w:rPr>", "</w:r>"
    else:
        parts = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>"]
        before, run = "<w:r>", "</w:r>"
    for text, width, right in zip(cells, widths, numeric, strict=True):
        parts.append(
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>'
            f"<w:p>{_RIGHT if right else ''}{before}{run_content_xml(text)}{run}</w:p></w:tc>"
        )
    parts.append("</w:tr>")
    return "".join(parts)


def run_content_xml(text: str) -> str:
    """A run's content for ``text`` as python-docx's ``run.text = text`` writes it: a tab
    is a ``<w:tab/>``, a line feed or carriage return a ``<w:br/>``, and each stretch of
    other characters a ``<w:t>`` (``xml:space="preserve"`` when it starts or ends with
    white space). The empty string is no content."""
    parts = []
    for piece in _BREAKS.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            parts.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return "".join(parts)


_BREAKS = re.compile(r"([\t\r\n])")


def _alt_text(word: Document, title: str, description: str) -> None:
    """Give the picture just added its alt text (``descr``) and title."""
    inline = word.inline_shapes[-1]._inline
    inline.docPr.set("descr", description)
    inline.docPr.set("title", title)


def _set_language(word: Document) -> None:
    """Make en-GB the language of every style, so spelling and screen readers use it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:  # pragma: no cover - python-docx's template has them
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:  # pragma: no cover
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.append(run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:  # pragma: no cover
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), LANGUAGE)


def _plain_styles(word: Document) -> None:
    """Arial throughout, and headings and captions in near-black: the template's blue
    headings and captions fall below 4.5:1 contrast at their size."""
    from docx.shared import Pt, RGBColor

    ink = RGBColor(0x0B, 0x0C, 0x0C)
    for name, size in (
        ("Normal", 11),
        ("Heading 1", 20),
        ("Heading 2", 15),
        ("Heading 3", 12.5),
        ("Caption", 10),
    ):
        style = word.styles[name]
        font = style.font
        font.name = "Arial"
        font.size = Pt(size)
        font.color.rgb = ink
        if name.startswith("Heading"):
            font.bold = True
        if name != "Normal":
            font.italic = False


def _properties(word: Document, document: StatementDocument) -> None:
    """Title, subject, author, language and fixed dates in the core properties."""
    day = document_date(document.info)
    moment = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    properties = word.core_properties
    properties.title = f"{document.title}: {document.subtitle}"
    properties.subject = document.subtitle
    properties.author = document.info.organisation or document.info.force
    properties.last_modified_by = properties.author
    properties.language = LANGUAGE
    properties.keywords = "Police and Crime Measures"
    properties.comments = ""
    properties.created = moment
    properties.modified = moment
    properties.last_printed = moment
    properties.revision = 1


def _footer_page_numbers(word: Document) -> None:
    """``Page N of M`` in the footer, as ``PAGE`` and ``NUMPAGES`` fields Word fills in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = word.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph: DocxParagraph, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def fixed_zip(data: bytes) -> bytes:
    """``data`` (a zip file) rewritten with every member in the same order and content but
    one fixed timestamp and permissions, so equal documents are equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return buffer.getvalue()
