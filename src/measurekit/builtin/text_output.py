"""The ``text`` output format: a statement readable in a terminal, wrapped to 88 columns."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from measurekit import hookimpl
from measurekit.measures import Measure
from measurekit.model import Statement
from measurekit.outputs import OutputFormat
from measurekit.render import (
    applicability_lines,
    blocks_as_text,
    statement_heading,
    window_sentence,
)

WIDTH = 88


def _underlined(text: str, character: str) -> str:
    return f"{text}\n{character * min(len(text), WIDTH)}"


class TextFormat(OutputFormat):
    """Plain text with underlined headings, as the statement is read aloud or pasted."""

    name = "text"
    extension = ".txt"
    description = "plain text, wrapped for a terminal"

    def render(self, statement: Statement, measures: Mapping[str, Measure]) -> bytes:
        title, subtitle, commissioner = statement_heading(statement)
        parts = [_underlined(title, "="), subtitle]
        if commissioner:
            parts.append(commissioner)
        parts.append(textwrap.fill(window_sentence(statement), WIDTH))
        parts.append(_underlined("Which measures apply here", "-"))
        parts.append(
            "\n".join(
                textwrap.fill(line, WIDTH, initial_indent="  - ", subsequent_indent="    ")
                for line in applicability_lines(statement)
            )
        )
        for section in statement.sections:
            parts.append(_underlined(f"Measure: {section.title}", "="))
            parts.append(_underlined("Recorded crime levels", "-"))
            for result in section.measures:
                parts.append(measures[result.measure_id].render_text(result, WIDTH))
            for heading, blocks in (
                ("Force response", section.narrative.force_response),
                ("Ongoing focus", section.narrative.ongoing_focus),
            ):
                if blocks:
                    parts.append(_underlined(heading, "-"))
                    parts.append(blocks_as_text(blocks, WIDTH))
        return ("\n\n".join(part for part in parts if part) + "\n").encode("utf-8")


@hookimpl
def register_output_formats() -> list[OutputFormat]:
    """Plain text."""
    return [TextFormat()]
