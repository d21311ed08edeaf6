"""The hooks a measurekit plugin may implement.

A plugin is a module (or any object) with functions marked ``@measurekit.hookimpl`` whose
names match the specs below. Hooks are coarse: each hands measurekit objects that it then
owns. Every hook here is called once per run, and measurekit collects the results of every
plugin (none stops at the first result).

Beyond the hooks, a measure plugin shapes its own part of each output through methods of
its :class:`~measurekit.Measure`: ``figures_heading``, ``render_text``,
``render_markdown`` (with ``table_markdown``) and, for the ``xlsx`` and ``ods`` workbooks,
``workbook_sheets`` (see :func:`register_measures`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from measurekit.measures.base import Measure
    from measurekit.outputs.base import OutputFormat
    from measurekit.sources.base import SourceFormat

hookspec = pluggy.HookspecMarker("measurekit")


@hookspec
def register_measures() -> Sequence[Measure]:  # type: ignore[empty-body]
    """Return the measures this plugin provides.

    :returns: instances of :class:`measurekit.Measure` subclasses. Each ``id`` must be
        unique across all installed plugins: two plugins registering the same id is an
        error naming both.

    A measure owns its sheets in the workbook formats: the workbook calls
    ``Measure.workbook_sheets(result, kit)`` once per measure, in statement order, and
    places the sheets it returns after the core's ``Cover_sheet``, ``Table_of_contents``
    and ``Notes``. The default returns ``kit.default_sheets(result)``: a table of the
    measure's figures (merged with the other measures of its section into one table) and a
    line chart with its data table for each monthly series in ``result.series``. Return
    more sheets to add tables; return others to replace them. ``kit`` (a
    :class:`measurekit.outputs.workbook.kit.SheetKit`) numbers notes (``kit.note(text)``),
    hands out unique sheet and table names and writes the source line.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
        ``Measure.workbook_sheets`` lets a measure add or replace its workbook sheets;
        ``Measure.monthly_series`` supplies the monthly counts its charts draw.
    """


@hookspec
def register_source_formats() -> Sequence[SourceFormat]:  # type: ignore[empty-body]
    """Return the data source formats this plugin can read.

    :returns: instances of :class:`measurekit.SourceFormat` subclasses, each with a
        ``name`` that statement files use as ``format = "NAME"``; unique across plugins.

    .. versionadded:: 0.1
    """


@hookspec
def register_output_formats() -> Sequence[OutputFormat]:  # type: ignore[empty-body]
    """Return the output formats this plugin can write.

    :returns: instances of :class:`measurekit.OutputFormat` subclasses, each with a
        ``name`` used by ``measurekit build -f NAME``; unique across plugins.

    .. versionadded:: 0.1
    """
