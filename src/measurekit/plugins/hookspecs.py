"""The hooks a measurekit plugin may implement.

A plugin is a module (or any object) with functions marked ``@measurekit.hookimpl`` whose
names match the specs below. Hooks are coarse: each hands measurekit objects that it then
owns. Every hook here is called once per run, and measurekit collects the results of every
plugin (none stops at the first result).

A measure lays out its part of a section once, as format-neutral document blocks
(:meth:`measurekit.Measure.section_blocks`); every output format draws the same statement
document. A plugin that wants one measure's part to look different in one format registers
a section renderer (:func:`register_section_renderers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from measurekit.document.renderers import SectionRenderer
    from measurekit.measures.base import Measure
    from measurekit.outputs.base import OutputFormat
    from measurekit.sources.base import SourceFormat

hookspec = pluggy.HookspecMarker("measurekit")

#: Marks a function in a plugin as the implementation of a hook of the same name (also
#: ``measurekit.hookimpl``).
hookimpl = pluggy.HookimplMarker("measurekit")


@hookspec
def register_measures() -> Sequence[Measure]:  # type: ignore[empty-body]
    """Return the measures this plugin provides.

    :returns: instances of :class:`measurekit.Measure` subclasses. Each ``id`` must be
        unique across all installed plugins: two plugins registering the same id is an
        error naming both.

    A measure has three parts: where its data come from (``default_source``, its
    queries), its calculations (``compute``) and its renderer (``section_blocks``), which
    lays its part of a section out once as document blocks (figure tables, sentences,
    charts, extra tables) that every output format draws. The default renderer gives the
    summary, the caveats, a table of every figure and a chart per monthly series.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
        ``Measure.chart_series`` supplies the monthly counts its charts draw.
    .. versionchanged:: 0.3
        ``Measure.section_blocks`` replaces the per-format methods ``render_text``,
        ``render_markdown``, ``table_markdown`` and ``workbook_sheets``.
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


@hookspec
def register_section_renderers() -> Sequence[SectionRenderer]:  # type: ignore[empty-body]
    """Return section renderers: each draws one measure's part in one output format, in
    place of the format's default.

    :returns: instances of :class:`measurekit.SectionRenderer` subclasses, each naming its
        ``output_format`` and ``measure``; one per format and measure across plugins. A
        renderer receives the measure's part (the same blocks every format receives) and
        the format's default drawing of it; it may change how the part looks, never what
        it says. For ``text`` and ``markdown`` it returns ``str``; for ``xlsx`` and
        ``ods`` a list of workbook sheets.

    .. versionadded:: 0.3
    """
