"""The hooks a measurekit plugin may implement.

A plugin is a module (or any object) with functions marked ``@measurekit.hookimpl`` whose
names match the specs below. Hooks are coarse: each hands measurekit objects that it then
owns. Every hook here is called once per run, and measurekit collects the results of every
plugin (none stops at the first result).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from measurekit.measures import Measure
    from measurekit.outputs import OutputFormat
    from measurekit.sources import SourceFormat

hookspec = pluggy.HookspecMarker("measurekit")


@hookspec
def register_measures() -> Sequence[Measure]:  # type: ignore[empty-body]
    """Return the measures this plugin provides.

    :returns: instances of :class:`measurekit.Measure` subclasses. Each ``id`` must be
        unique across all installed plugins: two plugins registering the same id is an
        error naming both.

    .. versionadded:: 0.1
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
