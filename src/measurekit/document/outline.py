"""A statement as a document: its parts in reading order, for the prose formats.

The text and Markdown formats lay out the same :func:`outline`, so neither can lose a part
the other has; a third-party prose format can do the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from measurekit.document.render import applicability_lines, statement_heading, window_sentence
from measurekit.measures.wording import join_words
from measurekit.model.statement import BulletList, MeasureResult, Paragraph, Section, Statement

if TYPE_CHECKING:
    from measurekit.measures.base import Measure


def publication_lines(statement: Statement) -> list[str]:
    """When the statement was published and how to reach its publisher, when given."""
    info = statement.info
    lines = []
    if info.published:
        lines.append(f"Published: {info.published}")
    if info.contact:
        lines.append(f"Contact: {info.contact}")
    return lines


def source_lines(statement: Statement) -> list[str]:
    """One line per data source of the statement: its title and its files."""
    lines = []
    for source in statement.info.sources:
        files = f" ({', '.join(source.files)})" if source.files else ""
        lines.append(f"{source.title[:1].upper()}{source.title[1:]}{files}.")
    return lines


def figures_heading(section: Section, measures: Mapping[str, Measure]) -> str:
    """The heading over a section's figures: each of its measures' ``figures_heading``
    once, in order ("Recorded crime levels", "Recorded crime levels and survey results")."""
    headings = list(dict.fromkeys(measures[r.measure_id].figures_heading for r in section.measures))
    return join_words([headings[0], *(h[:1].lower() + h[1:] for h in headings[1:])])


@attrs.frozen
class Heading:
    """A heading in a statement document: level 1 is the title, 2 a part of the statement
    (such as a measure's section), 3 a part of a section."""

    level: int
    text: str


@attrs.frozen
class Lead:
    """A line that stands out under the title (the force and the quarter)."""

    text: str


#: What a statement document is made of, in order: headings, prose, and the part each
#: measure renders itself.
Element = Heading | Lead | Paragraph | BulletList | MeasureResult


def outline(statement: Statement, measures: Mapping[str, Measure]) -> list[Element]:
    """The statement as a document, for the prose formats to lay out.

    Title, force and quarter, commissioner and publication details; the windows compared;
    the notice about the data; which measures apply and why not (SI 2021/547 para 7A(b));
    then each section: its figures (each measure's own part) and its narrative; and last
    the data sources. Text and Markdown lay out the same elements, so neither can lose a
    part the other has.
    """
    title, subtitle, commissioner = statement_heading(statement)
    elements: list[Element] = [Heading(1, title), Lead(subtitle)]
    if commissioner:
        elements.append(Paragraph(commissioner))
    elements += [Paragraph(line) for line in publication_lines(statement)]
    elements.append(Paragraph(window_sentence(statement)))
    if statement.info.notice:
        elements.append(Paragraph(f"About the data: {statement.info.notice}"))
    elements += [
        Heading(2, "Which measures apply here"),
        BulletList(tuple(applicability_lines(statement))),
    ]
    for section in statement.sections:
        elements += [
            Heading(2, f"Measure: {section.title}"),
            Heading(3, figures_heading(section, measures)),
            *section.measures,
        ]
        for heading, blocks in (
            ("Force response", section.narrative.force_response),
            ("Ongoing focus", section.narrative.ongoing_focus),
        ):
            if blocks:
                elements += [Heading(3, heading), *blocks]
    sources = source_lines(statement)
    if sources:
        elements += [Heading(2, "Data sources"), BulletList(tuple(sources))]
    return elements
