"""Format-specific looks for one measure's part: :class:`SectionRenderer`.

A measure lays out its part of a section once, as document blocks
(:meth:`measurekit.Measure.section_blocks`). An output format draws those blocks with its
own default. A plugin that wants its part to look different in one format registers a
:class:`SectionRenderer` for that format and that measure (hook
``register_section_renderers``); the format then hands it the part and its own default.

The contract: a section renderer may change how the part looks, never what it says. It
receives the same :class:`~measurekit.document.nodes.MeasurePart` every format receives;
every figure, change, interval and marker it prints must be the one in the part's blocks.
The cross-format test holds the built-in formats to that.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any, ClassVar, TypeVar

from measurekit.document.nodes import MeasurePart
from measurekit.plugins.guard import Expect, call_plugin, instance_of

T = TypeVar("T")

#: How a call into a plugin is made: plugin name, what it is doing, the call, and what it
#: must return (:meth:`measurekit.plugins.manager.Plugins.call`).
Guard = Callable[[str, str, Callable[[], object], Expect[Any]], Any]


class SectionRenderer(abc.ABC):
    """Draws one measure's part in one output format, in place of the format's default.

    What :meth:`render` returns is what the format's default returns for a part: ``str``
    for ``text`` and ``markdown`` (the part as text of that format), a list of
    :class:`measurekit.outputs.workbook.model.Sheet` for ``xlsx`` and ``ods``; a
    third-party format documents its own.
    """

    #: The output format's name (``-f NAME``), e.g. ``"markdown"``.
    output_format: ClassVar[str]
    #: The id of the measure whose part it draws.
    measure: ClassVar[str]

    @abc.abstractmethod
    def render(self, part: MeasurePart, default: Callable[[MeasurePart], Any]) -> Any:
        """The part drawn in the format: ``default(part)`` is the format's own drawing of
        it, to wrap, adjust or replace. Must say exactly what ``part`` says."""


class SectionRenderers:
    """The section renderers registered for one output format, by measure id, each with
    the name of the plugin that registered it, as the core hands them to that format's
    ``render``."""

    def __init__(
        self,
        renderers: Mapping[str, tuple[str, SectionRenderer]] | None = None,
        guard: Guard | None = None,
    ) -> None:
        self._by_measure = dict(renderers or {})
        self._guard: Guard = guard or call_plugin

    @classmethod
    def for_format(
        cls,
        output_format: str,
        renderers: Iterable[tuple[str, SectionRenderer]],
        guard: Guard | None = None,
    ) -> SectionRenderers:
        """The renderers among ``renderers`` (plugin name and renderer) registered for
        ``output_format``, each called through ``guard`` (by default the plugin guard,
        :func:`measurekit.plugins.guard.call_plugin`)."""
        return cls(
            {
                renderer.measure: (plugin, renderer)
                for plugin, renderer in renderers
                if renderer.output_format == output_format
            },
            guard,
        )

    def render(
        self, part: MeasurePart, default: Callable[[MeasurePart], T], expected: type[T]
    ) -> T:
        """``part`` drawn by its measure's renderer for this format when one is registered,
        otherwise by ``default``.

        The renderer's result must be an ``expected`` (what ``default`` returns). An
        exception in the renderer, or a result of another type, is a
        :class:`~measurekit.errors.PluginError` naming the renderer's plugin and measure.
        """
        found = self._by_measure.get(part.measure_id)
        if found is None:
            return default(part)
        plugin, renderer = found
        what = f"section renderer for measure {part.measure_id!r}"
        result: T = self._guard(
            plugin, what, partial(renderer.render, part, default), instance_of(expected)
        )
        return result

    def __bool__(self) -> bool:
        return bool(self._by_measure)

    def __contains__(self, measure_id: object) -> bool:
        """Whether a renderer is registered for the measure ``measure_id``."""
        return measure_id in self._by_measure


#: No renderers: every part drawn by the format's default.
NO_RENDERERS = SectionRenderers()
