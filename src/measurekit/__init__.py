"""measurekit: Police and Crime Measures statements from data and authored text.

The names below are the public API for scripts and plugin authors. Each loads when it is
first used, so ``import measurekit`` is quick and loads nothing a program does not use;
heavy modules (openpyxl, tabulate) load only when an output format that needs them is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from measurekit.__about__ import __version__
from measurekit.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from measurekit.document.nodes import StatementDocument
    from measurekit.document.renderers import SectionRenderer, SectionRenderers
    from measurekit.errors import InputError, MeasurekitError, PluginError
    from measurekit.measures.base import Measure, MeasureContext, MeasureSettings
    from measurekit.model.markers import Marker
    from measurekit.model.periods import FinancialQuarter, FinancialYear, Month, Window
    from measurekit.model.statement import (
        Applicability,
        BulletList,
        ComparisonWindows,
        Figure,
        Indicator,
        MeasureResult,
        MonthlyCount,
        MonthlySeries,
        Narrative,
        Paragraph,
        Role,
        Section,
        SourceInfo,
        Statement,
        StatementInfo,
        Unit,
    )
    from measurekit.outputs.base import OutputFormat
    from measurekit.plugins.hookspecs import hookimpl
    from measurekit.sources.base import (
        Count,
        Diagnostic,
        Duplicate,
        ForceRef,
        Population,
        Query,
        RecordFilter,
        RecordFlag,
        Severity,
        Source,
        SourceFormat,
        SourceSpec,
        Tally,
        Unavailable,
    )

#: Where each public name is defined: loaded when first used, so that ``import measurekit``
#: loads nothing else (see :mod:`measurekit.lazy_exports`).
_EXPORTS = {
    "Applicability": "measurekit.model.statement",
    "BulletList": "measurekit.model.statement",
    "ComparisonWindows": "measurekit.model.statement",
    "Count": "measurekit.sources.base",
    "Diagnostic": "measurekit.sources.base",
    "Duplicate": "measurekit.sources.base",
    "Figure": "measurekit.model.statement",
    "FinancialQuarter": "measurekit.model.periods",
    "FinancialYear": "measurekit.model.periods",
    "ForceRef": "measurekit.sources.base",
    "Indicator": "measurekit.model.statement",
    "InputError": "measurekit.errors",
    "Marker": "measurekit.model.markers",
    "Measure": "measurekit.measures.base",
    "MeasureContext": "measurekit.measures.base",
    "MeasureResult": "measurekit.model.statement",
    "MeasureSettings": "measurekit.measures.base",
    "MeasurekitError": "measurekit.errors",
    "Month": "measurekit.model.periods",
    "MonthlyCount": "measurekit.model.statement",
    "MonthlySeries": "measurekit.model.statement",
    "Narrative": "measurekit.model.statement",
    "OutputFormat": "measurekit.outputs.base",
    "Paragraph": "measurekit.model.statement",
    "PluginError": "measurekit.errors",
    "Population": "measurekit.sources.base",
    "Query": "measurekit.sources.base",
    "RecordFilter": "measurekit.sources.base",
    "RecordFlag": "measurekit.sources.base",
    "Role": "measurekit.model.statement",
    "Section": "measurekit.model.statement",
    "SectionRenderer": "measurekit.document.renderers",
    "SectionRenderers": "measurekit.document.renderers",
    "Severity": "measurekit.sources.base",
    "Source": "measurekit.sources.base",
    "SourceFormat": "measurekit.sources.base",
    "SourceInfo": "measurekit.model.statement",
    "SourceSpec": "measurekit.sources.base",
    "Statement": "measurekit.model.statement",
    "StatementDocument": "measurekit.document.nodes",
    "StatementInfo": "measurekit.model.statement",
    "Tally": "measurekit.sources.base",
    "Unavailable": "measurekit.sources.base",
    "Unit": "measurekit.model.statement",
    "Window": "measurekit.model.periods",
    "hookimpl": "measurekit.plugins.hookspecs",
}

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "Applicability",
    "BulletList",
    "ComparisonWindows",
    "Count",
    "Diagnostic",
    "Duplicate",
    "Figure",
    "FinancialQuarter",
    "FinancialYear",
    "ForceRef",
    "Indicator",
    "InputError",
    "Marker",
    "Measure",
    "MeasureContext",
    "MeasureResult",
    "MeasureSettings",
    "MeasurekitError",
    "Month",
    "MonthlyCount",
    "MonthlySeries",
    "Narrative",
    "OutputFormat",
    "Paragraph",
    "PluginError",
    "Population",
    "Query",
    "RecordFilter",
    "RecordFlag",
    "Role",
    "Section",
    "SectionRenderer",
    "SectionRenderers",
    "Severity",
    "Source",
    "SourceFormat",
    "SourceInfo",
    "SourceSpec",
    "Statement",
    "StatementDocument",
    "StatementInfo",
    "Tally",
    "Unavailable",
    "Unit",
    "Window",
    "__version__",
    "hookimpl",
]
