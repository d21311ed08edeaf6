"""Finding, loading and asking plugins: the one place that talks to pluggy.

The rest of measurekit asks a :class:`Plugins` object for measures and formats; it never
calls ``pm.hook`` itself. Plugins come from the ``measurekit`` entry-point group (the
built-in measures are found there too), then the core's own default plugins are registered.
Set ``MEASUREKIT_DISABLE_PLUGINS`` to a comma-separated list of plugin names to skip them.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

import attrs
import pluggy

from measurekit.__about__ import __version__
from measurekit.document.renderers import SectionRenderer, SectionRenderers
from measurekit.errors import MeasurekitError, PluginError
from measurekit.measures.base import Measure
from measurekit.outputs.base import OutputFormat
from measurekit.plugins import hookspecs
from measurekit.sources.base import SourceFormat

ENTRY_POINT_GROUP = "measurekit"
DISABLE_VARIABLE = "MEASUREKIT_DISABLE_PLUGINS"

#: The core's own plugins, registered after entry points, like any other.
DEFAULT_PLUGINS = (
    "measurekit.sources.formats",
    "measurekit.sources.survey",
    "measurekit.sources.sql",
    "measurekit.outputs.text",
    "measurekit.outputs.markdown",
    "measurekit.outputs.json_figures",
    "measurekit.outputs.workbooks",
    "measurekit.outputs.publish.formats",
)

T = TypeVar("T")


@attrs.frozen
class Provided(Generic[T]):
    """Something a plugin registered, with the plugin's name."""

    plugin: str
    item: T


@attrs.frozen
class PluginInfo:
    """What ``measurekit plugins`` shows for one plugin."""

    name: str
    version: str | None
    hooks: tuple[str, ...]
    measures: tuple[str, ...]
    source_formats: tuple[str, ...]
    output_formats: tuple[str, ...]


class Plugins:
    """The loaded plugins and what they provide, checked for clashes."""

    def __init__(self, manager: pluggy.PluginManager, versions: dict[str, str | None]) -> None:
        self._pm = manager
        self._versions = versions
        self.measures: dict[str, Provided[Measure]] = self._collect(
            "register_measures", lambda measure: measure.id, "measure"
        )
        self.source_formats: dict[str, Provided[SourceFormat]] = self._collect(
            "register_source_formats", lambda source: source.name, "source format"
        )
        self.output_formats: dict[str, Provided[OutputFormat]] = self._collect(
            "register_output_formats", lambda output: output.name, "output format"
        )
        self.section_renderers: dict[str, Provided[SectionRenderer]] = self._collect(
            "register_section_renderers",
            lambda renderer: f"{renderer.output_format}:{renderer.measure}",
            "section renderer",
        )

    @classmethod
    def load(cls, extra: Iterable[object] = (), entry_points: bool = True) -> Plugins:
        """Load plugins from entry points (unless ``entry_points`` is false), then ``extra``
        (objects or modules, for scripts and tests), then the core's defaults."""
        manager = pluggy.PluginManager(ENTRY_POINT_GROUP)
        manager.add_hookspecs(hookspecs)
        disabled = {name.strip() for name in os.environ.get(DISABLE_VARIABLE, "").split(",")}
        versions: dict[str, str | None] = {}
        if entry_points:
            for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
                if entry_point.name in disabled or manager.has_plugin(entry_point.name):
                    continue
                plugin = _load_entry_point(entry_point)
                _register(manager, plugin, entry_point.name)
                versions[entry_point.name] = entry_point.dist.version if entry_point.dist else None
        for plugin in extra:
            name = getattr(plugin, "__name__", None) or type(plugin).__name__
            _register(manager, plugin, name)
            versions[name] = getattr(plugin, "__version__", None)
        for module_name in DEFAULT_PLUGINS:
            if module_name not in disabled:
                _register(manager, importlib.import_module(module_name), module_name)
                versions[module_name] = __version__
        return cls(manager, versions)

    def _collect(
        self, hook_name: str, key: Callable[[T], str], kind: str
    ) -> dict[str, Provided[T]]:
        found: dict[str, Provided[T]] = {}
        for plugin_name, items in self._call_each(hook_name):
            for item in items:
                item_key = key(item)
                if item_key in found:
                    raise PluginError(
                        plugin_name,
                        f"{kind} {item_key!r} is already provided by plugin "
                        f"{found[item_key].plugin!r}; uninstall or disable one of them "
                        f"(set {DISABLE_VARIABLE})",
                        hook_name,
                    )
                found[item_key] = Provided(plugin_name, item)
        return found

    def _call_each(self, hook_name: str) -> list[tuple[str, Sequence[Any]]]:
        """Call ``hook_name`` on every plugin in registration order, naming the plugin
        in any error it raises."""
        caller = getattr(self._pm.hook, hook_name)
        results: list[tuple[str, Sequence[Any]]] = []
        for implementation in caller.get_hookimpls():
            try:
                items: Sequence[Any] | None = implementation.function()
            except MeasurekitError:
                raise
            except Exception as error:
                raise PluginError(
                    implementation.plugin_name, f"{type(error).__name__}: {error}", hook_name
                ) from error
            results.append((implementation.plugin_name, list(items or ())))
        return results

    def measure(self, measure_id: str) -> Measure:
        """The measure with ``measure_id``; raise a :class:`MeasurekitError` listing the
        installed ones otherwise."""
        if measure_id not in self.measures:
            raise MeasurekitError(
                f"no installed plugin provides measure {measure_id!r}; "
                f"installed measures: {', '.join(sorted(self.measures)) or 'none'}"
            )
        return self.measures[measure_id].item

    def source_format(self, name: str) -> SourceFormat:
        """The source format called ``name``, or an error listing those installed."""
        return _lookup(self.source_formats, name, "source format")

    def output_format(self, name: str) -> OutputFormat:
        """The output format called ``name``, or an error listing those installed."""
        return _lookup(self.output_formats, name, "output format")

    def renderers_for(self, output_format: str) -> SectionRenderers:
        """The section renderers registered for ``output_format``, by measure."""
        return SectionRenderers.for_format(
            output_format,
            ((provided.plugin, provided.item) for provided in self.section_renderers.values()),
        )

    def plugin_of_measure(self, measure_id: str) -> str:
        """The name of the plugin that registered ``measure_id``."""
        return self.measures[measure_id].plugin

    def describe(self) -> list[PluginInfo]:
        """Each plugin with its version, hooks and what it provides, in registration order."""
        infos = []
        for name, plugin in self._pm.list_name_plugin():
            hooks = tuple(sorted(caller.name for caller in self._pm.get_hookcallers(plugin) or ()))
            infos.append(
                PluginInfo(
                    name,
                    self._versions.get(name),
                    hooks,
                    _provided_by(self.measures, name),
                    _provided_by(self.source_formats, name),
                    _provided_by(self.output_formats, name),
                )
            )
        return infos


def _lookup(registry: dict[str, Provided[T]], name: str, kind: str) -> T:
    """``registry[name]``'s item, or an error naming ``kind`` and listing what there is."""
    if name not in registry:
        raise MeasurekitError(
            f"unknown {kind} {name!r}; installed: {', '.join(sorted(registry)) or 'none'}"
        )
    return registry[name].item


def _provided_by(registry: dict[str, Provided[Any]], plugin: str) -> tuple[str, ...]:
    return tuple(key for key, value in registry.items() if value.plugin == plugin)


def _load_entry_point(entry_point: importlib.metadata.EntryPoint) -> object:
    try:
        return entry_point.load()
    except Exception as error:
        raise PluginError(
            entry_point.name,
            f"error importing {entry_point.value!r}: {type(error).__name__}: {error}",
        ) from error


def _register(manager: pluggy.PluginManager, plugin: object, name: str) -> None:
    try:
        manager.register(plugin, name=name)
    except ValueError as error:
        raise PluginError(name, str(error)) from error
    except pluggy.PluginValidationError as error:
        raise PluginError(name, str(error)) from error
