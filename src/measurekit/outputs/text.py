"""The ``text`` output format: a statement readable in a terminal, wrapped to 88 columns.

It draws the statement document's :func:`~measurekit.document.outline.outline`: headings
underlined, paragraphs wrapped, each measure's part as its summary, its notes and its
figure tables (with responses, 95% intervals and changes). Charts are left to the formats
that draw them; their numbers are in the workbooks.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from measurekit import hookimpl
from measurekit.document.figures import text_headings, text_rows
from measurekit.document.nodes import (
    BulletList,
    Chart,
    FigureTable,
    Heading,
    Lead,
    MeasurePart,
    NoteList,
    Paragraph,
    SectionBlock,
    ShorthandKey,
    StatementDocument,
    Table,
)
from measurekit.document.outline import outline
from measurekit.document.renderers import NO_RENDERERS, SectionRenderers
from measurekit.outputs.base import OutputFormat

WIDTH = 88
#: The character under a heading of each level.
UNDERLINES = {1: "=", 2: "=", 3: "-"}
#: The widest each of a table's three text columns (indicator, comparison, period) may be
#: before its cells wrap, so that a table of figures fits the page.
TEXT_COLUMN_WIDTHS = (18, 10, 13)
#: The widest a figure column's heading may be before it wraps.
HEADING_WIDTH = 11
#: Headings kept to wider lines: "95% confidence" stays together, so no line of the
#: heading reads as a bare percentage.
WIDE_HEADINGS = {"95% confidence interval (%)": 14}


def underlined(text: str, character: str, width: int = WIDTH) -> str:
    """``text`` wrapped to ``width`` with a line of ``character`` as long as its longest
    line under it."""
    lines = textwrap.wrap(text, width) or [""]
    return "\n".join(lines) + "\n" + character * max(len(line) for line in lines)


def text_table(headings: list[str], rows: list[list[str]]) -> str:
    """A plain text table (tabulate's ``simple`` layout): text columns on the left, figures
    from the fourth column on right-aligned, long cells wrapped."""
    from tabulate import tabulate

    return tabulate(
        rows,
        headers=headings,
        tablefmt="simple",
        disable_numparse=True,
        colalign=["left"] * 3 + ["right"] * (len(headings) - 3),
        maxcolwidths=[*TEXT_COLUMN_WIDTHS, *[None] * (len(headings) - 3)],
        maxheadercolwidths=[
            *TEXT_COLUMN_WIDTHS,
            *(WIDE_HEADINGS.get(heading, HEADING_WIDTH) for heading in headings[3:]),
        ],
    )


def block_text(block: SectionBlock, width: int = WIDTH) -> str:
    """One block of a measure's part as wrapped text; a chart is left out (empty)."""
    if isinstance(block, Paragraph):
        return textwrap.fill(block.text, width)
    if isinstance(block, BulletList):
        # A list item may hold a path or a digest: never split one across lines.
        return "\n".join(
            textwrap.fill(
                item,
                width,
                initial_indent="  - ",
                subsequent_indent="    ",
                break_long_words=False,
                break_on_hyphens=False,
            )
            for item in block.items
        )
    if isinstance(block, NoteList):
        return "\n\n".join(textwrap.fill(f"Note: {note.text}", width) for note in block.notes)
    if isinstance(block, ShorthandKey):
        return textwrap.fill(f"Shorthand: {block.text}", width)
    if isinstance(block, FigureTable):
        table = text_table(text_headings(block), text_rows(block))
        return _with_key(block.key, width, table)
    if isinstance(block, Table):
        rows = [[_cell(cell) for cell in row] for row in block.rows]
        table = text_table(list(block.headings), rows)
        return f"{textwrap.fill(block.title, width)}\n\n{_with_key(block.key, width, table)}"
    if isinstance(block, Chart):
        return ""
    raise TypeError(f"no text for {type(block).__name__}")


def part_text(part: MeasurePart) -> str:
    """A measure's part as text: each of its blocks in order, a blank line between."""
    return _joined(block_text(block) for block in part.blocks)


def document_text(document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS) -> str:
    """The whole document as text."""
    parts = []
    for element in outline(document):
        if isinstance(element, Heading):
            parts.append(underlined(element.text, UNDERLINES.get(element.level, "-")))
        elif isinstance(element, Lead):
            parts.append(textwrap.fill(element.text, WIDTH))
        elif isinstance(element, MeasurePart):
            parts.append(renderers.render(element, part_text, str))
        else:
            parts.append(block_text(element))
    return _joined(parts) + "\n"


class TextFormat(OutputFormat):
    """Plain text with underlined headings, as the statement is read aloud or pasted."""

    name = "text"
    extension = ".txt"
    description = "plain text, wrapped for a terminal"

    def render(
        self, document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS
    ) -> bytes:
        return document_text(document, renderers).encode("utf-8")


def _with_key(key: ShorthandKey | None, width: int, table: str) -> str:
    return f"{textwrap.fill(f'Shorthand: {key.text}', width)}\n\n{table}" if key else table


def _cell(cell: str | int | float) -> str:
    from measurekit.measures.wording import number, one_decimal

    if isinstance(cell, str):
        return str(cell)
    return number(cell) if isinstance(cell, int) else one_decimal(cell)


def _joined(parts: Iterable[str]) -> str:
    return "\n\n".join(part for part in parts if part)


@hookimpl
def register_output_formats() -> list[OutputFormat]:
    """Plain text."""
    return [TextFormat()]
