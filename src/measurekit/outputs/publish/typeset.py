"""The statement document as Typst markup, for the pdf format (:mod:`.pdf`).

Typst (https://typst.app) typesets the markup as a tagged PDF. This module only writes the
markup: the same reading order, headings, tables, charts and notes as the web page, drawn
from the same statement document, with the same cell text (:mod:`measurekit.document.figures`).

Every piece of text from the document, and so from a data file, a narrative or the
statement file, is written as a Typst string literal (:func:`string`) and shown as text: it
is never read as markup, so ``*``, ``#``, ``$``, ``<`` or ``=`` in it print as they are.
The only markup is what this module writes itself. Pictures (the charts, the office's logo)
are files beside the markup, named by this module (:class:`Typeset`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs

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
    Logo,
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
from measurekit.shared_methods import shared_methods

#: The fonts the PDF asks for, first found first: the web page's (Arial or a metric twin),
#: then DejaVu Sans (on most Linux systems), then Typst's own, which it always has.
FONTS = ("Arial", "Liberation Sans", "Helvetica", "DejaVu Sans", "Libertinus Serif")
#: What a Typst string literal must escape, with the escapes; and the white space that
#: would print as a line break or nothing (a tab), which prints as a space, as on the web
#: page, where any run of white space is one space.
_STRING_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        '"': '\\"',
        "\n": " ",
        "\r": " ",
        "\t": " ",
        "\v": " ",
        "\f": " ",
        "\u2028": " ",
        "\u2029": " ",
    }
)

#: The page and text settings every statement PDF starts with: A4, "Page N of M" at the
#: foot (Typst marks a page's footer as an artifact, not content), the web page's ink and
#: heading sizes, table captions above their tables and figures that may break across pages.
PREAMBLE = """\
#set page(paper: "a4", margin: (top: 20mm, x: 18mm, bottom: 22mm), footer: context align(
  center, text(size: 9pt)[Page #counter(page).display() of #counter(page).final().first()]))
#set par(leading: 0.55em, spacing: 0.9em)
#set list(indent: 0.4em)
#show heading: set block(above: 1.3em, below: 0.7em)
#show heading: it => block(breakable: false, it)
#show heading.where(level: 1): set text(size: 22pt)
#show heading.where(level: 2): set text(size: 16pt)
#show heading.where(level: 3): set text(size: 13pt)
#show figure: set block(breakable: true)
#show figure.where(kind: table): set figure.caption(position: top)
#show figure.caption: set text(weight: "bold")
#show figure.caption: set align(left)
#show figure: set align(left)
#set figure(numbering: none, gap: 0.6em)
#set table(stroke: 0.5pt + rgb("#b1b4b6"), inset: (x: 4pt, y: 3pt))
#show link: set text(fill: rgb("#1d70b8"))
"""


def string(text: str) -> str:
    """``text`` as a Typst string literal: it prints as it is, never as markup (a line
    break or tab in it prints as a space)."""
    return '"' + text.translate(_STRING_ESCAPES) + '"'


def words(text: str) -> str:
    """``text`` as Typst content (a content block holding the string)."""
    return f"[#{string(text)}]"


def array(items: Sequence[str]) -> str:
    """A Typst array of ``items`` (markup): ``(a, b)``, ``(a,)`` for one, ``()`` for none."""
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def date_literal(year: int, month: int, day: int) -> str:
    """A Typst ``datetime`` of a calendar day."""
    return f"datetime(year: {year}, month: {month}, day: {day})"


@attrs.frozen
@shared_methods
class Picture:
    """A file the markup shows, written beside it: its name (made by this module, never
    from the document) and its bytes."""

    name: str
    data: bytes


@attrs.frozen
@shared_methods
class Typeset:
    """The PDF's markup (``source``) and the pictures it names (``pictures``)."""

    source: str
    pictures: tuple[Picture, ...]


class _Writer:
    """Writes a statement document's markup, a line at a time; numbers pictures, and
    labels citations so that a note links back to where it is cited."""

    def __init__(self, document: StatementDocument) -> None:
        self.document = document
        self.lines: list[str] = []
        self.pictures: list[Picture] = []
        self.notes = {note.number for note in document.notes}
        #: Each note's citations as written: their labels and markup, in order.
        self.citations: dict[int, list[tuple[str, str]]] = {}

    # --- inline content ------------------------------------------------------------------

    def cite(self, number: int) -> str:
        """A citation, ``[note 3]``, linking to the note in the list at the end and
        labelled ``cite-3-1`` (its note, then its count), for the note's link back."""
        number = int(number)
        text = f"#{string(f'[note {number}]')}"
        if number not in self.notes:
            return text
        cited = self.citations.setdefault(number, [])
        label = f"cite-{number}-{len(cited) + 1}"
        markup = f"#link(<note-{number}>)[{text}]<{label}>"
        cited.append((label, markup))
        return markup

    def back_links(self, number: int, drawn: str) -> str:
        """The links from note ``number`` back to its citations, as the web page words
        them: to each citation found once in ``drawn`` (the markup so far: a plugin's
        renderer may leave out, or repeat, the default drawing it was given)."""
        labels = [
            label for label, markup in self.citations.get(number, ()) if drawn.count(markup) == 1
        ]
        if not labels:
            return ""
        if len(labels) == 1:
            return f" #link(<{labels[0]}>)[#{string(f'Back to where note {number} is cited')}]"
        links = ", ".join(
            f"#link(<{label}>)[#{string(str(k))}]" for k, label in enumerate(labels, start=1)
        )
        return f" #{string(f'Back to where note {number} is cited:')} {links}"

    def cite_all(self, numbers: Iterable[int]) -> str:
        """Citations separated by spaces."""
        return " ".join(self.cite(number) for number in numbers)

    def source(self, line: SourceLine, notes: Sequence[int] = ()) -> str:
        """A table's or chart's source line, as the web page words it."""
        cited = source_notes(line)
        content = f"#{string('Source: ' + source_text(line))}"
        if cited:
            content += " " + self.cite_all(cited)
        content += f"#{string('.')}"
        if notes:
            content += f" #{string('Notes for this table:')} " + self.cite_all(notes)
        return f"#par(text(size: 9pt)[{content}])"

    # --- blocks --------------------------------------------------------------------------

    def add(self, markup: str) -> None:
        """Add a line of markup."""
        self.lines.append(markup)

    def heading(self, text: str, level: int) -> None:
        """A heading; bookmarked, and at level 2 listed in the contents."""
        self.add(f"#heading(level: {level}, {words(text)})")

    def paragraph(self, text: str) -> None:
        """A paragraph of text."""
        self.add(f"#par({words(text)})")

    def labelled(self, label: str, text: str, cites: Sequence[int] = ()) -> None:
        """A paragraph starting with a bold label (``Note:``, ``Shorthand:``)."""
        content = f"#strong({words(label)}) #{string(text)}"
        if cites:
            content += " " + self.cite_all(cites)
        self.add(f"#par[{content}]")

    def bullets(self, items: Iterable[str]) -> None:
        """A bulleted list, an item per text."""
        self.add("#list(" + ", ".join(words(item) for item in items) + ")")

    def block(self, block: SectionBlock) -> None:
        """One document block."""
        if isinstance(block, Paragraph):
            self.paragraph(block.text)
        elif isinstance(block, BulletList):
            self.bullets(block.items)
        elif isinstance(block, NoteList):
            for note in block.notes:
                self.labelled("Note:", note.text, [note.number])
        elif isinstance(block, ShorthandKey):
            self.labelled("Shorthand:", block.text)
        elif isinstance(block, FigureTable):
            self.figure_table(block)
        elif isinstance(block, Table):
            self.extra_table(block)
        elif isinstance(block, Chart):
            self.chart(block)

    def table(
        self,
        title: str,
        headings: Sequence[str],
        rows: Sequence[Sequence[str]],
        numeric: Sequence[bool],
        row_notes: Sequence[Sequence[int]] = (),
        size: str = "",
    ) -> None:
        """A captioned table: a header row (tagged as header cells, repeated on each page
        the table runs over), then a row per entry, number columns aligned right; the
        first cell of a row may cite notes (``row_notes``); its text may be of another
        ``size``. A cell of text is a Typst string: a content block would cost Typst more
        to read, an eighth more of typesetting the example's PDF, nine of whose tables
        hold a chart's numbers, 324 rows in all."""
        align = array(["right" if number else "left" for number in numeric])
        cells = [f"table.header({', '.join(f'[*#{string(h)}*]' for h in headings)})"]
        for index, row in enumerate(rows):
            first = string(row[0])
            notes = row_notes[index] if index < len(row_notes) else ()
            if notes:
                first = f"[#{first} {self.cite_all(notes)}]"
            cells.append(first)
            cells.extend(map(string, row[1:]))
        body = f"table(columns: {len(headings)}, align: {align}, " + ", ".join(cells) + ")"
        if size:
            body = f"text(size: {size}, {body})"
        self.add(f"#figure(kind: table, caption: {words(title)}, {body})")

    def figure_table(self, table: FigureTable) -> None:
        """A figure table, its shorthand key above it and its source line below, its
        rows' citations in their first cells."""
        if table.key:
            self.block(table.key)
        headings = figure_headings(table)
        numeric = [index >= FIRST_NUMBER_COLUMN for index in range(len(headings))]
        notes = [row.notes for row in table.rows]
        self.table(table.title, headings, figure_rows(table), numeric, notes)
        self.add(self.source(table.source, table.notes))

    def extra_table(self, table: Table) -> None:
        """A measure's extra table, with its key and source line."""
        if table.key:
            self.block(table.key)
        numeric = [
            index > 0 and bool(table.rows) and is_number_cell(table.rows[0][index])
            for index in range(len(table.headings))
        ]
        rows = [[cell_text(cell) for cell in row] for row in table.rows]
        self.table(table.title, table.headings, rows, numeric)
        self.add(self.source(table.source, table.notes))

    def chart(self, chart: Chart) -> None:
        """The chart as a picture whose alternative text is its title and summary, its
        caption, then its numbers as a table and its source."""
        name = f"chart-{len(self.pictures) + 1}.svg"
        ident = name.removesuffix(".svg")
        self.pictures.append(Picture(name, charts.svg(chart_data(chart), ident).encode()))
        alt = string(f"{chart.title}. {chart.summary}")
        summary = f"#{string(chart.summary)}"
        if chart.definition_note:
            summary += " " + self.cite(chart.definition_note)
        caption = f'#{string(chart.title + ".")} #text(weight: "regular")[{summary}]'
        self.add(
            f"#figure(image({string(name)}, alt: {alt}, width: 15cm), kind: image, "
            f"caption: [{caption}])"
        )
        headings, rows = chart_table(chart)
        numeric = [index > 0 for index in range(len(headings))]
        self.table(f"The numbers in the chart: {chart.title}", headings, rows, numeric, size="9pt")
        self.add(self.source(chart.source))

    # --- the statement -------------------------------------------------------------------

    def settings(self, logo: Logo | None) -> None:
        """The document's metadata (title, description, date, author: the office, else
        the force), the text and page settings, and the masthead: logo and publisher."""
        document = self.document
        info = document.info
        day = document_date(info)
        author = info.organisation or info.force
        fields = [
            f"title: {string(f'{document.title}: {document.subtitle}')}",
            f"description: {string(document.subtitle)}",
            f"date: {date_literal(day.year, day.month, day.day)}",
        ]
        if author:
            fields.append(f"author: ({string(author)},)")
        self.add(f"#set document({', '.join(fields)})")
        fonts = ", ".join(string(font) for font in FONTS)
        self.add(
            f'#set text(lang: "en", region: "GB", font: ({fonts}), size: 10.5pt, '
            'fill: rgb("#0b0c0c"))'
        )
        self.add(PREAMBLE)
        if logo is not None:
            name = "logo" + (".png" if logo.media_type == "image/png" else ".jpg")
            self.pictures.append(Picture(name, logo.data))
            self.add(f"#image({string(name)}, alt: {string(logo.alt)}, height: 1.6cm)")
        if author:
            self.add(f'#par(text(weight: "bold", {string(author)}))')

    def front(self) -> None:
        """The title, the lines under it, the contents and which measures apply."""
        document = self.document
        self.heading(document.title, 1)
        self.add(f'#par(text(size: 13pt, weight: "bold", {string(document.subtitle)}))')
        for text in (
            document.commissioner,
            f"Published: {document.published}" if document.published else None,
            f"Contact: {document.contact}" if document.contact else None,
            document.windows_sentence,
        ):
            if text:
                self.paragraph(text)
        if document.notice:
            self.labelled("About the data:", document.notice)
        self.add(f"#heading(level: 2, outlined: false, {words('Contents')})")
        self.add("#outline(title: none, target: heading.where(level: 2))")
        self.heading("Which measures apply here", 2)
        self.bullets(line.text for line in document.applicability)

    def appendix(self, appendix: Appendix) -> None:
        """The appendix "How these figures were made"."""
        self.heading(appendix.title, 2)
        self.paragraph(appendix.introduction)
        for entry in appendix.methods:
            self.heading(f"{entry.label} ({entry.indicator_id})", 3)
            self.bullets(entry.lines)
        if appendix.inputs:
            self.heading(appendix.inputs_heading, 3)
            self.bullets(item.text for item in appendix.inputs)

    def back(self) -> None:
        """The data sources, the appendix and the notes, each note linking back to where
        it is cited."""
        document = self.document
        if document.sources:
            self.heading("Data sources", 2)
            items = [f"[#{string(s.text)} {self.cite(s.note)}]" for s in document.sources]
            self.add("#list(" + ", ".join(items) + ")")
        if document.appendix is not None:
            self.appendix(document.appendix)
        if document.notes:
            self.heading("Notes", 2)
            drawn = "\n".join(self.lines)
            for note in document.notes:
                number = int(note.number)
                label = string(f"Note {number}:")
                links = self.back_links(number, drawn)
                self.add(f"#par[#strong[#{label}] #{string(note.text)}{links}]<note-{number}>")


def typeset(document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS) -> Typeset:
    """The PDF's markup for ``document``, and the pictures it shows.

    ``renderers`` may give a measure's part its own drawing: a section renderer for
    ``pdf`` returns the part's Typst markup as a string (trusted plugin code; the default
    it receives writes every text as a string literal).
    """
    writer = _Writer(document)
    writer.settings(read_logo(document.info.branding))
    writer.front()
    for section in document.sections:
        writer.heading(f"Measure: {section.title}", 2)
        writer.heading(section.figures_heading, 3)
        for part in section.measures:
            writer.add(renderers.render(part, _default_part(writer), str))
        for narrative in section.narrative:
            writer.heading(narrative.heading, 3)
            for block in narrative.blocks:
                writer.block(block)
    writer.back()
    return Typeset("\n".join(writer.lines) + "\n", tuple(writer.pictures))


def _default_part(writer: _Writer) -> Callable[[MeasurePart], str]:
    """The default drawing of a measure's part: its blocks' markup, as a string."""

    def draw(part: MeasurePart) -> str:
        before = len(writer.lines)
        for block in part.blocks:
            writer.block(block)
        drawn = writer.lines[before:]
        del writer.lines[before:]
        return "\n".join(drawn)

    return draw
