"""measurekit: Police and Crime Measures statements from data and authored text.

The names below are the public API for scripts and plugin authors. Heavy modules (openpyxl,
tabulate) load only when an output format that needs them is used.
"""

from __future__ import annotations

import pluggy

from measurekit.__about__ import __version__
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

#: Marks a function in a plugin as the implementation of a hook of the same name.
hookimpl = pluggy.HookimplMarker("measurekit")

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
