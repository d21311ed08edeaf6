"""A statement document in reading order, for the formats that print it top to bottom.

The text and Markdown formats (and a third party's prose format) walk the same
:func:`outline`, so neither can lose a part the other has.
"""

from __future__ import annotations

from measurekit.document.nodes import (
    Appendix,
    BulletList,
    Heading,
    Lead,
    MeasurePart,
    Paragraph,
    StatementDocument,
)

#: What the outline is made of: headings, prose, and each measure's part (drawn by the
#: format, or by a plugin's section renderer for that format).
Element = Heading | Lead | Paragraph | BulletList | MeasurePart


def outline(document: StatementDocument) -> list[Element]:
    """The document's parts in reading order.

    Title, force and quarter, commissioner and publication details; the windows compared;
    the notice about the data; which measures apply and why not (SI 2021/547 para 7A(b));
    then each section: its figures heading, each measure's part and its narrative; the
    data sources; and last the appendix saying how the figures were made.
    """
    elements: list[Element] = [Heading(1, document.title), Lead(document.subtitle)]
    if document.commissioner:
        elements.append(Paragraph(document.commissioner))
    if document.published:
        elements.append(Paragraph(f"Published: {document.published}"))
    if document.contact:
        elements.append(Paragraph(f"Contact: {document.contact}"))
    elements.append(Paragraph(document.windows_sentence))
    if document.notice:
        elements.append(Paragraph(f"About the data: {document.notice}"))
    elements += [
        Heading(2, "Which measures apply here"),
        BulletList(tuple(line.text for line in document.applicability)),
    ]
    for section in document.sections:
        elements += [
            Heading(2, f"Measure: {section.title}"),
            Heading(3, section.figures_heading),
            *section.measures,
        ]
        for part in section.narrative:
            elements += [Heading(3, part.heading), *part.blocks]
    if document.sources:
        elements += [
            Heading(2, "Data sources"),
            BulletList(tuple(source.text for source in document.sources)),
        ]
    if document.appendix is not None:
        elements += appendix_outline(document.appendix)
    return elements


def appendix_outline(appendix: Appendix) -> list[Element]:
    """The appendix in reading order: its title and introduction, a heading and a list of
    lines per indicator, then the input files with their digests."""
    elements: list[Element] = [Heading(2, appendix.title), Paragraph(appendix.introduction)]
    for entry in appendix.methods:
        elements += [Heading(3, f"{entry.label} ({entry.indicator_id})"), BulletList(entry.lines)]
    if appendix.inputs:
        elements += [
            Heading(3, appendix.inputs_heading),
            BulletList(tuple(item.text for item in appendix.inputs)),
        ]
    return elements
