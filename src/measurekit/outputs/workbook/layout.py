"""The layout of a statement workbook, decided once for every spreadsheet format.

:func:`build_workbook` lays a computed statement out as the Analysis Function's guidance on
releasing statistics in spreadsheets asks (and as the ONS package gptables does): a
``Cover_sheet``, a ``Table_of_contents``, ``Notes``, then each section's figures in one
table, a sheet per monthly series with its line chart, and the narrative. Measure plugins
are drawn from the statement document (:mod:`measurekit.document`); a plugin may draw one
measure's part its own way with a section renderer returning sheets, using a
:class:`~measurekit.outputs.workbook.kit.SheetKit`.
"""

from __future__ import annotations

from collections.abc import Sequence

from measurekit.document.nodes import BulletList, SectionPart, StatementDocument
from measurekit.document.renderers import NO_RENDERERS, SectionRenderers
from measurekit.outputs.workbook.appendix import appendix_sheets
from measurekit.outputs.workbook.kit import (
    CONTENTS,
    COVER,
    MAX_WIDTH,
    MIN_WIDTH,
    NOTES,
    SheetKit,
    fit_columns,
    tuple_rows,
)
from measurekit.outputs.workbook.model import (
    Cell,
    Column,
    Line,
    Link,
    Sheet,
    Table,
    Text,
    Workbook,
    cell_text,
)

__all__ = ["SheetKit", "build_workbook"]

NARRATIVE = "Narrative"


def build_workbook(
    document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS
) -> Workbook:
    """The workbook of ``document``. ``renderers`` are the section renderers plugins
    registered for this workbook format: each returns a measure part's sheets."""
    kit = SheetKit(document)
    body: list[Sheet] = []
    for section in document.sections:
        body.extend(_section_sheets(kit, section, renderers))
    narrative = _narrative_sheet(kit, document)
    if narrative is not None:
        body.append(narrative)
    body += appendix_sheets(kit, document)
    notes = kit.notes_sheet()
    contents = _contents_sheet(document, [notes, *body])
    cover = _cover_sheet(document)
    info = document.info
    return Workbook(
        title=_workbook_title(document),
        subject=f"Police and Crime Measures for {info.area}, {info.quarter.long_label}",
        author=info.organisation or info.commissioner_role or info.force,
        sheets=(cover, contents, notes, *body),
        keywords=("police and crime measures", info.area, info.quarter.label),
    )


def _section_sheets(
    kit: SheetKit, section: SectionPart, renderers: SectionRenderers
) -> list[Sheet]:
    """The sheets of every measure part in ``section``: the figure tables of the parts
    drawn by default become one section table, placed first; then each part's other
    sheets. A part drawn by a plugin's renderer keeps the sheets it returns."""
    tables = [
        table
        for part in section.measures
        if part.measure_id not in renderers
        for table in part.figure_tables()
    ]
    sheets: list[Sheet] = []
    if tables:
        sheets.append(kit.figures_sheet(section.title, tables))
    elif not any(part.measure_id in renderers for part in section.measures):
        sheets.append(kit.no_figures_sheet(section.title, section.measures))
    for part in section.measures:
        if part.measure_id in renderers:
            sheets += renderers.render(part, kit.part_sheets, list)
        else:
            sheets += kit.part_sheets(part, figure_tables=False)
    return sheets


def _narrative_sheet(kit: SheetKit, document: StatementDocument) -> Sheet | None:
    """Each section's summary and authored narrative as one table, one row per paragraph
    or list item; a summary is labelled with its measure's figures heading ("Recorded crime
    levels", "Survey results")."""
    rows: list[list[Cell]] = []
    for section in document.sections:
        parts = [
            (part.figures_heading, block) for part in section.measures for block in part.prose()
        ]
        parts += [(part.heading, block) for part in section.narrative for block in part.blocks]
        for heading, block in parts:
            texts = (
                [f"\N{BULLET} {item}" for item in block.items]
                if isinstance(block, BulletList)
                else [block.text]
            )
            rows += [[Text(section.title), Text(heading), Text(text)] for text in texts if text]
    if not rows:
        return None
    info = document.info
    columns = (
        *fit_columns(["Section", "Part"], [row[:2] for row in rows]),
        Column("Text", MAX_WIDTH),
    )
    return Sheet(
        name=kit.sheet_name(NARRATIVE),
        link_text=f"Narrative: what the figures show and what {info.force} is doing",
        title=f"Narrative: what the figures show and what {info.force} is doing, "
        f"{info.quarter.long_label}",
        description="This sheet holds one table of the statement's text: for each section, "
        "the recorded crime levels, the force's response and its ongoing focus, one "
        "paragraph or list item per row.",
        lines=(_narrative_source({cell_text(row[1]) for row in rows}),),
        table=Table(kit.table_name("Narrative_text"), columns, tuple_rows(rows)),
    )


AUTHORED_PARTS = {"Force response", "Ongoing focus"}


def _narrative_source(parts: set[str]) -> Line:
    """Who wrote the narrative's ``parts``: measurekit writes each measure's summary from
    the figures; the force and the commissioner's office write the rest."""
    sources = []
    written = sorted(parts - AUTHORED_PARTS)
    if written:
        sources.append(
            f"{' and '.join(p.lower() for p in written)}, written by measurekit from the figures"
        )
    if parts & AUTHORED_PARTS:
        sources.append("the rest, text written by the force and the commissioner's office")
    return Line(f"Source: {'; '.join(sources)}.")


def _contents_sheet(document: StatementDocument, sheets: Sequence[Sheet]) -> Sheet:
    rows: list[list[Cell]] = [
        [Text(sheet.name), Link(sheet.contents_entry, sheet.name)] for sheet in sheets
    ]
    return Sheet(
        name=CONTENTS,
        title=f"Table of contents: Police and Crime Measures workbook, {document.info.force}, "
        f"{document.info.quarter.long_label}",
        description="This sheet holds one table listing the other sheets; the second "
        "column says what each sheet holds and links to it.",
        table=Table(
            CONTENTS,
            (
                Column("Sheet name", max(MIN_WIDTH, *(len(sheet.name) + 2 for sheet in sheets))),
                # LibreOffice does not wrap a cell holding a link: make the column wide
                # enough for every entry.
                Column(
                    "Sheet contents (link to the sheet)",
                    min(100, max(MAX_WIDTH, *(len(s.contents_entry) + 4 for s in sheets))),
                ),
            ),
            tuple_rows(rows),
        ),
    )


def _cover_sheet(document: StatementDocument) -> Sheet:
    info = document.info
    commissioner = document.commissioner
    lines = [
        Line("Period covered", heading=True),
        Line(info.quarter.long_label),
        Line(document.windows_sentence),
        Line("What this workbook contains", heading=True),
        Line(
            "Figures for each Police and Crime Measure the statement reports, each in one "
            "table, with a monthly chart for each count; the statement's narrative; and notes."
        ),
        Line("Table of contents: every sheet, with a link to each", link=CONTENTS),
        Line("Notes: sources, definitions and caveats", link=NOTES),
        *_appendix_lines(document),
        Line("Sources", heading=True),
    ]
    lines += [Line(source.title) for source in document.sources] or [
        Line("Figures supplied in the statement file.")
    ]
    lines.append(Line("Which measures apply here", heading=True))
    lines += [Line(line.text) for line in document.applicability]
    if info.notice:
        lines += [Line("About the data", heading=True), Line(info.notice)]
    if commissioner:
        lines += [Line("Published for", heading=True), Line(commissioner)]
    if info.published:
        lines += [Line("Publication date", heading=True), Line(info.published)]
    if info.contact:
        lines += [Line("Contact", heading=True), Line(info.contact)]
    return Sheet(
        name=COVER,
        title=_workbook_title(document),
        description=f"The figures behind the Police and Crime Measures statement for "
        f"{info.area}, published by {info.organisation or info.force}.",
        lines=tuple(lines),
    )


def _appendix_lines(document: StatementDocument) -> list[Line]:
    """The cover's line about the appendix sheets, linking to the first, when there is one."""
    appendix = document.appendix
    if appendix is None or not (appendix.methods or appendix.inputs):
        return []
    first = "Methods" if appendix.methods else "Input_files"
    return [Line(f"{appendix.title}: methods and input files", link=first)]


def _workbook_title(document: StatementDocument) -> str:
    info = document.info
    return f"Police and Crime Measures for {info.force}, {info.quarter.long_label}"
