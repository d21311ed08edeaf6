"""The ``xlsx`` and ``ods`` output formats: the statement as an accessible workbook.

Both write the same layout (:func:`measurekit.workbook.layout.build_workbook`); only the
engine differs. The spreadsheet libraries are imported when a workbook is rendered, not
when measurekit is imported.
"""

from __future__ import annotations

from collections.abc import Mapping

from measurekit import hookimpl
from measurekit.measures import Measure
from measurekit.model import Statement
from measurekit.outputs import OutputFormat


class XlsxFormat(OutputFormat):
    """An Excel workbook, written with openpyxl."""

    name = "xlsx"
    extension = ".xlsx"
    description = "accessible Excel workbook: cover, contents, notes, a table per sheet, charts"

    def render(self, statement: Statement, measures: Mapping[str, Measure]) -> bytes:
        from measurekit.workbook.layout import build_workbook
        from measurekit.workbook.xlsx import write_xlsx

        return write_xlsx(build_workbook(statement, measures))


class OdsFormat(OutputFormat):
    """An OpenDocument spreadsheet, written with odfpy."""

    name = "ods"
    extension = ".ods"
    description = "accessible OpenDocument spreadsheet, laid out as the xlsx workbook"

    def render(self, statement: Statement, measures: Mapping[str, Measure]) -> bytes:
        from measurekit.workbook.layout import build_workbook
        from measurekit.workbook.ods import write_ods

        return write_ods(build_workbook(statement, measures))


@hookimpl
def register_output_formats() -> list[OutputFormat]:
    """Excel and OpenDocument workbooks."""
    return [XlsxFormat(), OdsFormat()]
