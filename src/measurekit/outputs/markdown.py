"""The ``markdown`` output format: headings, bullet lists and a pipe table per figure table.

Every piece of text is escaped (:func:`escape`): text from data or the statement file is
printed as text and can never become markup (a link, raw HTML, a heading).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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

#: Characters that start or close inline markup anywhere in a line: code, emphasis, raw
#: HTML and autolinks, table cells, strikethrough, and the backslash itself.
_INLINE = re.compile(r"([\\`*_<>|~])")
#: A closing bracket that would make a link or reference: ``](``, ``][``, ``]:``.
_LINK_END = re.compile(r"\](?=[(\[:])")
#: What makes a block of its own at the start of a line: headings, quotes, lists, rules,
#: link reference definitions, setext underlines, fenced code.
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=\[!]|\d+[.)])")


def escape_inline(text: str) -> str:
    """``text`` as literal Markdown inside a line (a table cell): on one line (a line break
    in it becomes a space), with every character that could open inline markup
    backslash-escaped. CommonMark shows a backslash-escaped punctuation character as the
    character itself."""
    one_line = " ".join(text.split())
    return _LINK_END.sub(r"\\]", _INLINE.sub(r"\\\1", one_line))


def escape(text: str) -> str:
    """``text`` as a literal Markdown block (a paragraph, a list item, a heading's text):
    :func:`escape_inline`, and what would start a block of its own (``#``, ``>``, ``-``,
    ``1.``, ``[``) escaped at its start."""
    escaped = escape_inline(text)
    return _BLOCK_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", escaped, count=1)


def pipe_table(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown pipe table (tabulate's stable ``pipe`` format), every cell escaped, text
    columns on the left and figures from the fourth column on right-aligned."""
    from tabulate import tabulate

    return tabulate(
        [[_cell(cell) for cell in row] for row in rows],
        headers=[_cell(heading) for heading in headings],
        tablefmt="pipe",
        disable_numparse=True,
        colalign=["left"] * 3 + ["right"] * (len(headings) - 3),
    )


def block_markdown(block: SectionBlock) -> str:
    """One block of a measure's part as Markdown; a chart is left out (empty)."""
    if isinstance(block, Paragraph):
        return escape(block.text)
    if isinstance(block, BulletList):
        return "\n".join(f"- {escape(item)}" for item in block.items)
    if isinstance(block, NoteList):
        return "\n\n".join(f"Note: {escape(note.text)}" for note in block.notes)
    if isinstance(block, ShorthandKey):
        return _key(block)
    if isinstance(block, FigureTable):
        return _with_key(block.key, pipe_table(text_headings(block), text_rows(block)))
    if isinstance(block, Table):
        rows = [[_value(cell) for cell in row] for row in block.rows]
        table = _with_key(block.key, pipe_table(block.headings, rows))
        return f"{escape(block.title)}\n\n{table}"
    if isinstance(block, Chart):
        return ""
    raise TypeError(f"no Markdown for {type(block).__name__}")


def part_markdown(part: MeasurePart) -> str:
    """A measure's part as Markdown: each of its blocks in order."""
    return _joined(block_markdown(block) for block in part.blocks)


def document_markdown(
    document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS
) -> str:
    """The whole document as Markdown."""
    parts = []
    for element in outline(document):
        if isinstance(element, Heading):
            parts.append(f"{'#' * element.level} {escape(element.text)}")
        elif isinstance(element, Lead):
            parts.append(f"**{escape(element.text)}**")
        elif isinstance(element, MeasurePart):
            parts.append(renderers.render(element, part_markdown, str))
        else:
            parts.append(block_markdown(element))
    return _joined(parts) + "\n"


class MarkdownFormat(OutputFormat):
    """Markdown for a website or a document converter."""

    name = "markdown"
    extension = ".md"
    description = "Markdown with a table of figures per measure"

    def render(
        self, document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS
    ) -> bytes:
        return document_markdown(document, renderers).encode("utf-8")


def _key(key: ShorthandKey) -> str:
    return escape(f"Shorthand: {key.text}")


def _with_key(key: ShorthandKey | None, table: str) -> str:
    return f"{_key(key)}\n\n{table}" if key else table


def _cell(text: str) -> str:
    """A table cell, escaped (a bracket pair alone, as in ``[x]``, is no link and stays
    as it is)."""
    return escape_inline(text)


def _value(cell: str | int | float) -> str:
    from measurekit.measures.wording import number, one_decimal

    if isinstance(cell, str):
        return cell
    return number(cell) if isinstance(cell, int) else one_decimal(cell)


def _joined(parts: Iterable[str]) -> str:
    return "\n\n".join(part for part in parts if part)


@hookimpl
def register_output_formats() -> list[OutputFormat]:
    """Markdown."""
    return [MarkdownFormat()]
