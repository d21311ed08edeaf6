"""The ``markdown`` output format: headings, bullet lists and a pipe table per measure."""

from __future__ import annotations

from collections.abc import Mapping

from measurekit import hookimpl
from measurekit.measures import Measure
from measurekit.model import Statement
from measurekit.outputs import OutputFormat
from measurekit.render import (
    applicability_lines,
    blocks_as_markdown,
    statement_heading,
    window_sentence,
)


class MarkdownFormat(OutputFormat):
    """Markdown for a website or a document converter."""

    name = "markdown"
    extension = ".md"
    description = "Markdown with a table of figures per measure"

    def render(self, statement: Statement, measures: Mapping[str, Measure]) -> bytes:
        title, subtitle, commissioner = statement_heading(statement)
        parts = [f"# {title}", f"**{subtitle}**"]
        if commissioner:
            parts.append(commissioner)
        parts.append(window_sentence(statement))
        parts.append("## Which measures apply here")
        parts.append("\n".join(f"- {line}" for line in applicability_lines(statement)))
        for section in statement.sections:
            parts.append(f"## Measure: {section.title}")
            parts.append("### Recorded crime levels")
            for result in section.measures:
                parts.append(measures[result.measure_id].render_markdown(result))
            for heading, blocks in (
                ("Force response", section.narrative.force_response),
                ("Ongoing focus", section.narrative.ongoing_focus),
            ):
                if blocks:
                    parts.append(f"### {heading}")
                    parts.append(blocks_as_markdown(blocks))
        return ("\n\n".join(part for part in parts if part) + "\n").encode("utf-8")


@hookimpl
def register_output_formats() -> list[OutputFormat]:
    """Markdown."""
    return [MarkdownFormat()]
