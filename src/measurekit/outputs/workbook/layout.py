"""The layout of a statement workbook, decided once for every spreadsheet format.

:func:`build_workbook` lays a computed statement out as the Analysis Function's guidance on
releasing statistics in spreadsheets asks (and as the ONS package gptables does): a
``Cover_sheet``, a ``Table_of_contents``, ``Notes``, then each section's figures in one
table, a sheet per monthly series with its line chart, and the narrative. Measure plugins
own their sheets through :meth:`measurekit.Measure.workbook_sheets`, using a
:class:`~measurekit.outputs.workbook.kit.SheetKit`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from measurekit.document.render import applicability_lines, statement_heading, window_sentence
from measurekit.model.statement import BulletList, Section, Statement
from measurekit.outputs.workbook.kit import (
    CONTENTS,
    COVER,
    FIGURES_KIND,
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

if TYPE_CHECKING:
    from measurekit.measures.base import Measure

__all__ = ["SheetKit", "build_workbook"]

NARRATIVE = "Narrative"


def build_workbook(statement: Statement, measures: Mapping[str, Measure]) -> Workbook:
    """The workbook for ``statement``; ``measures`` maps each of its measure ids to the
    plugin's measure, which supplies the sheets for its figures."""
    kit = SheetKit(statement)
    body: list[Sheet] = []
    for section in statement.sections:
        body.extend(_section_sheets(kit, section, measures))
    narrative = _narrative_sheet(kit, statement, measures)
    if narrative is not None:
        body.append(narrative)
    notes = kit.notes_sheet()
    contents = _contents_sheet(statement, [notes, *body])
    cover = _cover_sheet(kit, statement)
    info = statement.info
    return Workbook(
        title=_workbook_title(statement),
        subject=f"Police and Crime Measures for {info.area}, {info.quarter.long_label}",
        author=info.organisation or info.commissioner_role or info.force,
        sheets=(cover, contents, notes, *body),
        keywords=("police and crime measures", info.area, info.quarter.label),
    )


def _section_sheets(
    kit: SheetKit, section: Section, measures: Mapping[str, Measure]
) -> list[Sheet]:
    """The sheets of every measure in ``section``; with several measures, their default
    figures sheets become one section table in place of the first."""
    per_measure = [
        (result, list(measures[result.measure_id].workbook_sheets(result, kit)))
        for result in section.measures
    ]
    if len(per_measure) == 1:
        return per_measure[0][1]
    merged = [
        result for result, sheets in per_measure if any(s.kind == FIGURES_KIND for s in sheets)
    ]
    sheets: list[Sheet] = []
    placed = False
    for _, measure_sheets in per_measure:
        for sheet in measure_sheets:
            if sheet.kind != FIGURES_KIND:
                sheets.append(sheet)
            elif not placed:
                sheets.append(kit.figures_table_sheet(section.title, merged))
                placed = True
    return sheets


def _narrative_sheet(
    kit: SheetKit, statement: Statement, measures: Mapping[str, Measure]
) -> Sheet | None:
    """Each section's summary and authored narrative as one table, one row per paragraph
    or list item; a summary is labelled with its measure's figures heading ("Recorded crime
    levels", "Survey results")."""
    rows: list[list[Cell]] = []
    for section in statement.sections:
        parts = [
            (measures[result.measure_id].figures_heading, block)
            for result in section.measures
            for block in result.summary
        ]
        parts += [("Force response", block) for block in section.narrative.force_response]
        parts += [("Ongoing focus", block) for block in section.narrative.ongoing_focus]
        for part, block in parts:
            texts = (
                [f"\N{BULLET} {item}" for item in block.items]
                if isinstance(block, BulletList)
                else [block.text]
            )
            rows += [[Text(section.title), Text(part), Text(text)] for text in texts if text]
    if not rows:
        return None
    info = statement.info
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


def _contents_sheet(statement: Statement, sheets: Sequence[Sheet]) -> Sheet:
    rows: list[list[Cell]] = [
        [Text(sheet.name), Link(sheet.contents_entry, sheet.name)] for sheet in sheets
    ]
    return Sheet(
        name=CONTENTS,
        title=f"Table of contents: Police and Crime Measures workbook, {statement.info.force}, "
        f"{statement.info.quarter.long_label}",
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


def _cover_sheet(kit: SheetKit, statement: Statement) -> Sheet:
    info = statement.info
    _, _, commissioner = statement_heading(statement)
    lines = [
        Line("Period covered", heading=True),
        Line(info.quarter.long_label),
        Line(window_sentence(statement)),
        Line("What this workbook contains", heading=True),
        Line(
            "Figures for each Police and Crime Measure the statement reports, each in one "
            "table, with a monthly chart for each count; the statement's narrative; and notes."
        ),
        Line("Table of contents: every sheet, with a link to each", link=CONTENTS),
        Line("Notes: sources, definitions and caveats", link=NOTES),
        Line("Sources", heading=True),
    ]
    lines += [Line(source.title) for source in info.sources] or [
        Line("Figures supplied in the statement file.")
    ]
    lines.append(Line("Which measures apply here", heading=True))
    lines += [Line(line) for line in applicability_lines(statement)]
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
        title=_workbook_title(statement),
        description=f"The figures behind the Police and Crime Measures statement for "
        f"{info.area}, published by {info.organisation or info.force}.",
        lines=tuple(lines),
    )


def _workbook_title(statement: Statement) -> str:
    info = statement.info
    return f"Police and Crime Measures for {info.force}, {info.quarter.long_label}"
