"""The ``text`` output format: a statement readable in a terminal, wrapped to 88 columns."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from measurekit import hookimpl
from measurekit.document.outline import Element, Heading, Lead, outline
from measurekit.document.render import blocks_as_text
from measurekit.measures.base import Measure
from measurekit.model.statement import MeasureResult, Statement
from measurekit.outputs.base import OutputFormat

WIDTH = 88
#: The character under a heading of each level.
UNDERLINES = {1: "=", 2: "=", 3: "-"}


def underlined(text: str, character: str, width: int = WIDTH) -> str:
    """``text`` wrapped to ``width`` with a line of ``character`` as long as its longest
    line under it."""
    lines = textwrap.wrap(text, width) or [""]
    return "\n".join(lines) + "\n" + character * max(len(line) for line in lines)


def element_text(element: Element, measures: Mapping[str, Measure]) -> str:
    """One element of the statement's outline as wrapped plain text."""
    if isinstance(element, Heading):
        return underlined(element.text, UNDERLINES.get(element.level, "-"))
    if isinstance(element, Lead):
        return textwrap.fill(element.text, WIDTH)
    if isinstance(element, MeasureResult):
        return measures[element.measure_id].render_text(element, WIDTH)
    return blocks_as_text([element], WIDTH)


class TextFormat(OutputFormat):
    """Plain text with underlined headings, as the statement is read aloud or pasted."""

    name = "text"
    extension = ".txt"
    description = "plain text, wrapped for a terminal"

    def render(self, statement: Statement, measures: Mapping[str, Measure]) -> bytes:
        parts = [element_text(element, measures) for element in outline(statement, measures)]
        return ("\n\n".join(part for part in parts if part) + "\n").encode("utf-8")


@hookimpl
def register_output_formats() -> list[OutputFormat]:
    """Plain text."""
    return [TextFormat()]
