"""The ``xlsx`` and ``ods`` output formats: the statement as an accessible workbook.

Both write the same layout (:func:`measurekit.outputs.workbook.layout.build_workbook`); only the
engine differs. The spreadsheet library (openpyxl, for ``xlsx``) is imported when a workbook
is rendered, not when measurekit is imported.
"""

from __future__ import annotations

import importlib
from typing import ClassVar

from measurekit import hookimpl
from measurekit.document.nodes import StatementDocument
from measurekit.document.renderers import NO_RENDERERS, SectionRenderers
from measurekit.outputs.base import OutputFormat


class _WorkbookFormat(OutputFormat):
    """The statement's workbook, written by the function ``writer`` (``module:function``
    under :mod:`measurekit.outputs.workbook`), which turns a workbook model into bytes."""

    writer: ClassVar[str]

    def render(
        self, document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS
    ) -> bytes:
        from measurekit.outputs.workbook.layout import build_workbook

        module, function = self.writer.split(":")
        write = getattr(importlib.import_module(f"measurekit.outputs.workbook.{module}"), function)
        data: bytes = write(build_workbook(document, renderers))
        return data


class XlsxFormat(_WorkbookFormat):
    """An Excel workbook, written with openpyxl."""

    name = "xlsx"
    extension = ".xlsx"
    description = "accessible Excel workbook: cover, contents, notes, a table per sheet, charts"
    writer = "xlsx:write_xlsx"


class OdsFormat(_WorkbookFormat):
    """An OpenDocument spreadsheet, its XML written with the standard library."""

    name = "ods"
    extension = ".ods"
    description = "accessible OpenDocument spreadsheet, laid out as the xlsx workbook"
    writer = "ods:write_ods"


@hookimpl
def register_output_formats() -> list[OutputFormat]:
    """Excel and OpenDocument workbooks."""
    return [XlsxFormat(), OdsFormat()]
