"""An opened source whose every answer comes through the plugin guard.

A measure asks its source for counts while the measure's own plugin is running; without
this wrapper an exception raised inside a third party's source would be reported as the
measure's fault. :class:`GuardedSource` calls each method of the source it wraps through
:meth:`Plugins.call <measurekit.plugins.manager.Plugins.call>` with the source format's
plugin, so the error names the plugin at fault. Anything else (attributes a format adds of
its own) is read from the wrapped source unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from measurekit.model.periods import Month, Window
from measurekit.plugins.guard import ANYTHING
from measurekit.sources.base import (
    Answer,
    Diagnostic,
    Duplicate,
    IndicatorScope,
    Population,
    Query,
    Source,
    Tally,
    Unavailable,
)

if TYPE_CHECKING:
    from measurekit.plugins.manager import Plugins
    from measurekit.sources.explanation import Explanation
    from measurekit.sources.provenance import InputFile

T = TypeVar("T")


class GuardedSource(Source):
    """``inner``, answering through the guard in the name of ``plugin`` (the plugin that
    provides source format ``format_name``)."""

    def __init__(self, inner: Source, plugins: Plugins, plugin: str) -> None:
        super().__init__(inner.name, inner.format_name)
        self.inner = inner
        self._plugins = plugins
        self._plugin = plugin

    def _ask(self, method: Callable[..., T], *arguments: object) -> T:
        what = f"source format {self.format_name!r} ({method.__name__})"
        result: T = self._plugins.call(self._plugin, what, partial(method, *arguments), ANYTHING)
        return result

    def __getattr__(self, name: str) -> Any:
        # Only reached for attributes GuardedSource itself lacks: a format's own extras.
        if name == "inner":  # not yet set (during unpickling or a failed __init__)
            raise AttributeError(name)
        return getattr(self.inner, name)

    def count(self, query: Query, window: Window) -> Answer:
        return self._ask(self.inner.count, query, window)

    def tally(self, query: Query, window: Window) -> Tally | Unavailable:
        return self._ask(self.inner.tally, query, window)

    def coverage(self) -> Mapping[str, list[Month]]:
        return self._ask(self.inner.coverage)

    def scope(self, indicator: str) -> IndicatorScope | None:
        return self._ask(self.inner.scope, indicator)

    def population(self, window: Window) -> Population | Unavailable:
        return self._ask(self.inner.population, window)

    def counts_by_month(self) -> Mapping[str, Mapping[Month, int]]:
        return self._ask(self.inner.counts_by_month)

    def duplicates(self) -> Sequence[Duplicate]:
        return self._ask(self.inner.duplicates)

    def diagnostics(self) -> Sequence[Diagnostic]:
        return self._ask(self.inner.diagnostics)

    def inputs(self) -> Sequence[InputFile]:
        return self._ask(self.inner.inputs)

    def describe(self, query: Query) -> str | None:
        return self._ask(self.inner.describe, query)

    def explain(self, query: Query, window: Window) -> Explanation:
        return self._ask(self.inner.explain, query, window)
