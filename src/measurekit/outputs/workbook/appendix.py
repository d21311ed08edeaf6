"""The appendix "How these figures were made" as two workbook sheets.

``Methods`` holds one table with a row per indicator and window: the indicator, its
definition, how each source selected its data, and the window's months, so a figure can be
counted again by hand. ``Input_files`` holds one table of the files the sources read, with
their rows and SHA-256 digests. Both follow the workbook conventions (docs/workbooks.md):
title in A1, what the sheet holds in A2, one header row, no blank cells (a missing value is
shorthand, explained above the table).
"""

from __future__ import annotations

from measurekit.document.nodes import Appendix, StatementDocument
from measurekit.model.markers import Marker
from measurekit.outputs.workbook.kit import MAX_WIDTH, SheetKit, fit_columns, tuple_rows
from measurekit.outputs.workbook.model import Cell, Column, Line, Number, Sheet, Table, Text

#: What a method row says where the measure gives no definition of its indicator.
NO_DEFINITION = "No definition given by the measure; see the selection."
#: What a method row says where no source was asked for the indicator's figures.
NO_SELECTION = "No source was asked for these figures."
#: The sheets' base names.
METHODS = "Methods"
INPUT_FILES = "Input_files"


def appendix_sheets(kit: SheetKit, document: StatementDocument) -> list[Sheet]:
    """The appendix's sheets: methods (when any indicator has figures) and input files
    (when any source read a file); none when the document has no appendix."""
    appendix = document.appendix
    if appendix is None:
        return []
    sheets = []
    if appendix.methods:
        sheets.append(_methods_sheet(kit, document, appendix))
    if appendix.inputs:
        sheets.append(_inputs_sheet(kit, document, appendix))
    return sheets


def _methods_sheet(kit: SheetKit, document: StatementDocument, appendix: Appendix) -> Sheet:
    rows: list[list[Cell]] = []
    for entry in appendix.methods:
        selection = "; ".join(entry.selections)
        if entry.derived:
            selection = "; ".join(filter(None, [selection, f"worked out {entry.derived}"]))
        for window in entry.windows:
            rows.append(
                [
                    Text(entry.label),
                    Text(entry.indicator_id),
                    Text(entry.measure_title),
                    Text(entry.definition or NO_DEFINITION),
                    Text(selection or NO_SELECTION),
                    Text(window.comparison),
                    Text(str(window.start)),
                    Text(str(window.end)),
                    Number(window.months),
                ]
            )
    headings = [
        "Indicator",
        "Indicator id",
        "Measure",
        "Definition",
        "Selection",
        "Window",
        "First month",
        "Last month",
        "Months (number)",
    ]
    columns = list(fit_columns(headings, rows))
    columns[3] = Column("Definition", MAX_WIDTH)
    columns[4] = Column("Selection", MAX_WIDTH)
    info = document.info
    return Sheet(
        name=kit.sheet_name(METHODS),
        link_text=f"{appendix.title}: each indicator's definition, selection and windows",
        title=f"{appendix.title}: each indicator's definition, selection and windows, "
        f"{info.force}, {info.quarter.long_label}",
        description="This sheet holds one table: a row for each indicator and each window "
        "its figures cover, saying what is counted, how the data were selected and which "
        "months the window spans.",
        lines=(
            Line(
                "Source: the statement file, the measures' definitions and the data sources' "
                "own selections, as measurekit applied them."
            ),
            Line(appendix.introduction),
        ),
        table=Table(kit.table_name("Methods_table"), tuple(columns), tuple_rows(rows)),
    )


def _inputs_sheet(kit: SheetKit, document: StatementDocument, appendix: Appendix) -> Sheet:
    rows: list[list[Cell]] = [
        [
            Text(item.path),
            Text(item.source),
            Number(item.rows) if item.rows is not None else Text(str(Marker.NOT_APPLICABLE)),
            Text(item.sha256),
        ]
        for item in appendix.inputs
    ]
    lines = [
        Line("Source: the files named under [sources] in the statement file, as read."),
        Line(
            "Rows are the data rows of each file (its header not counted). The SHA-256 "
            "digest identifies the file exactly: a copy with the same digest holds the same "
            "bytes."
        ),
    ]
    if any(item.rows is None for item in appendix.inputs):
        lines.append(
            Line(
                f"Shorthand used in this table: {Marker.NOT_APPLICABLE} "
                f"{Marker.NOT_APPLICABLE.meaning} (the file is not a table of rows)."
            )
        )
    columns = list(fit_columns(["File", "Source", "Rows (number)", "SHA-256 digest"], rows))
    columns[3] = Column("SHA-256 digest", 68)
    info = document.info
    return Sheet(
        name=kit.sheet_name(INPUT_FILES),
        link_text="Input files the figures were made from",
        title=f"Input files the figures were made from, {info.force}, {info.quarter.long_label}",
        description="This sheet holds one table of the files the statement's sources read, "
        "with each file's rows and SHA-256 digest.",
        lines=tuple(lines),
        table=Table(kit.table_name("Input_files_table"), tuple(columns), tuple_rows(rows)),
    )
