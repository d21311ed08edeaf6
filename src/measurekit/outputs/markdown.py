"""The ``markdown`` output format: headings, bullet lists and a pipe table per measure."""

from __future__ import annotations

from collections.abc import Mapping

from measurekit import hookimpl
from measurekit.document.outline import Element, Heading, Lead, outline
from measurekit.document.render import blocks_as_markdown
from measurekit.measures.base import Measure
from measurekit.model.statement import MeasureResult, Statement
from measurekit.outputs.base import OutputFormat


def element_markdown(element: Element, measures: Mapping[str, Measure]) -> str:
    """One element of the statement's outline as Markdown."""
    if isinstance(element, Heading):
        return f"{'#' * element.level} {element.text}"
    if isinstance(element, Lead):
        return f"**{element.text}**"
    if isinstance(element, MeasureResult):
        return measures[element.measure_id].render_markdown(element)
    return blocks_as_markdown([element])


class MarkdownFormat(OutputFormat):
    """Markdown for a website or a document converter."""

    name = "markdown"
    extension = ".md"
    description = "Markdown with a table of figures per measure"

    def render(self, statement: Statement, measures: Mapping[str, Measure]) -> bytes:
        parts = [element_markdown(element, measures) for element in outline(statement, measures)]
        return ("\n\n".join(part for part in parts if part) + "\n").encode("utf-8")


@hookimpl
def register_output_formats() -> list[OutputFormat]:
    """Markdown."""
    return [MarkdownFormat()]
