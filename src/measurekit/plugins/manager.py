"""Finding, loading and asking plugins: the one place that talks to pluggy.

The rest of measurekit asks a :class:`Plugins` object for measures and formats; it never
calls ``pm.hook`` itself. Plugins come from the ``measurekit`` entry-point group (the
built-in measures are found there too), then the core's own default plugins are registered.
Set ``MEASUREKIT_DISABLE_PLUGINS`` to a comma-separated list of plugin names to skip them.
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import types
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, Generic, TypeVar

import attrs
import pluggy

from measurekit.__about__ import DISTRIBUTION, __version__
from measurekit.document.renderers import SectionRenderer, SectionRenderers
from measurekit.errors import MeasurekitError, PluginError
from measurekit.measures.base import Measure
from measurekit.outputs.base import OutputFormat
from measurekit.plugins import discovery, hookspecs
from measurekit.plugins.discovery import InstalledEntryPoint
from measurekit.plugins.guard import ANYTHING, Expect, call_plugin, instance_of, list_of, shown
from measurekit.shared_methods import shared_methods
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
@shared_methods
class Provided(Generic[T]):
    """Something a plugin registered, with the plugin's name."""

    plugin: str
    item: T


@attrs.frozen
@shared_methods
class PluginInfo:
    """What ``measurekit plugins`` shows for one plugin; ``broken`` says why a plugin that
    could not be loaded provides nothing."""

    name: str
    version: str | None
    hooks: tuple[str, ...]
    measures: tuple[str, ...]
    source_formats: tuple[str, ...]
    output_formats: tuple[str, ...]
    builtin: bool = False
    broken: str | None = None
    #: The distribution that installed the plugin, or None (a plugin passed in by a script).
    distribution: str | None = None

    @property
    def label(self) -> str:
        """The plugin's name, then its distribution and version where known:
        ``homicide (pcc-measurekit 0.1.0)``, ``arson 1.2.3`` or ``arson``."""
        if self.distribution:
            version = f" {self.version}" if self.version else ""
            return f"{self.name} ({self.distribution}{version})"
        return f"{self.name} {self.version}" if self.version else self.name


@attrs.frozen
@shared_methods
class Candidate:
    """A plugin to load: its name, how to get it (an import, for an entry point), whether
    it is part of measurekit, its version and, for an entry point, its distribution."""

    name: str
    get: Callable[[], object]
    builtin: bool
    version: str | None = None
    distribution: str | None = None
    source: str | None = None


@attrs.frozen
@shared_methods
class Registry:
    """One register hook: what each item must be, the key that must be unique across
    plugins, and the words for an item in an error."""

    hook: str
    expect: Expect[list[Any]]
    key: Callable[[Any], object]
    kind: str


#: A name a statement file or ``-f`` uses: a measure id, a source or output format's name.
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}")
#: An output file name extension: a dot and plain name parts, such as ``.md`` or ``.tar.gz``.
EXTENSION_PATTERN = re.compile(r"\.[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*")
EXTENSION_LIMIT = 32

REGISTRIES = (
    Registry(
        "register_measures",
        list_of(Measure, "Measure", empty_none=True),
        lambda measure: measure.id,
        "measure",
    ),
    Registry(
        "register_source_formats",
        list_of(SourceFormat, "SourceFormat", empty_none=True),
        lambda source: source.name,
        "source format",
    ),
    Registry(
        "register_output_formats",
        list_of(OutputFormat, "OutputFormat", empty_none=True),
        lambda output: output.name,
        "output format",
    ),
    Registry(
        "register_section_renderers",
        list_of(SectionRenderer, "SectionRenderer", empty_none=True),
        lambda renderer: (renderer.output_format, renderer.measure),
        "section renderer",
    ),
)


#: Names a module's type gives every module; pluggy's own look-up decides these.
_MODULE_TYPE_NAMES = frozenset(dir(types.ModuleType))


class _PluginManager(pluggy.PluginManager):
    """pluggy's plugin manager, passing over quickly what cannot be a hook in a module.

    pluggy looks at every name in a plugin's namespace through
    :func:`inspect.getattr_static`; a plugin module's names are mostly what it imported
    (classes, modules, constants: some 450 of the 590 names of the built-in plugins), and
    those look-ups were about 2 % of a small build. A name of a module's own namespace whose
    value is not a routine (:func:`inspect.isroutine`, pluggy's own test, which takes in
    compiled functions too) is not a hook implementation for pluggy either (the look-up
    would give that same value), so it is passed over without one; pluggy looks at every
    other name itself, as before.
    """

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        """pluggy's answer: a hook implementation's options, or None for any other name."""
        if (
            type(plugin) is types.ModuleType
            and name not in _MODULE_TYPE_NAMES
            and not inspect.isroutine(vars(plugin).get(name))
        ):
            return None
        return super().parse_hookimpl_opts(plugin, name)


class Plugins:
    """The loaded plugins and what they provide, checked for clashes.

    Built-in plugins (measurekit's own modules and the entry points of the ``measurekit``
    distribution) are collected first, so a clash always blames the third party: a plugin
    never replaces a built-in measure or format silently. To use a third party's in place
    of a built-in, disable the built-in (``MEASUREKIT_DISABLE_PLUGINS``).
    """

    def __init__(self, manager: pluggy.PluginManager, tolerant: bool = False) -> None:
        self._pm = manager
        self._tolerant = tolerant
        self._candidates: dict[str, Candidate] = {}
        #: Plugins that could not be loaded (only when loaded ``tolerant``), with why.
        self.broken: dict[str, PluginError] = {}
        self.measures: dict[str, Provided[Measure]] = {}
        self.source_formats: dict[str, Provided[SourceFormat]] = {}
        self.output_formats: dict[str, Provided[OutputFormat]] = {}
        self.section_renderers: dict[str, Provided[SectionRenderer]] = {}
        self._extensions: dict[str, str] = {}

    @classmethod
    def load(
        cls, extra: Iterable[object] = (), entry_points: bool = True, tolerant: bool = False
    ) -> Plugins:
        """Load plugins from entry points (unless ``entry_points`` is false), then ``extra``
        (objects or modules, for scripts and tests), then the core's defaults.

        A plugin that fails to import, implements a hook that does not exist (a misspelt
        name), raises or returns the wrong type from a hook, or clashes with another is a
        :class:`PluginError` naming it; with ``tolerant`` (for ``measurekit plugins``) it
        is recorded in :attr:`broken` instead and the others are loaded.
        """
        manager = _PluginManager(ENTRY_POINT_GROUP)
        manager.add_hookspecs(hookspecs)
        disabled = {name.strip() for name in os.environ.get(DISABLE_VARIABLE, "").split(",")}
        candidates: list[Candidate] = []
        if entry_points:
            found = discovery.entry_points(ENTRY_POINT_GROUP)
            candidates.extend(_entry_point_candidates(found, disabled))
        for plugin in extra:
            name = getattr(plugin, "__name__", None) or type(plugin).__name__
            version = getattr(plugin, "__version__", None)
            candidates.append(Candidate(name, partial(_itself, plugin), False, version))
        for module_name in DEFAULT_PLUGINS:
            if module_name not in disabled:
                get = partial(importlib.import_module, module_name)
                candidates.append(Candidate(module_name, get, True, __version__, DISTRIBUTION))
        plugins = cls(manager, tolerant)
        for candidate in sorted(candidates, key=lambda candidate: not candidate.builtin):
            plugins._add(candidate)
        try:  # each plugin was checked as it came; this is pluggy's own last word
            manager.check_pending()
        except pluggy.PluginValidationError as error:
            raise PluginError(manager.get_name(error.plugin) or "?", str(error)) from error
        return plugins

    def _add(self, candidate: Candidate) -> None:
        """Import, register and collect one plugin; a failure names it (and, when
        tolerant, marks it broken and leaves the rest as they were)."""
        earlier = self._candidates.get(candidate.name)
        if earlier is not None:
            if earlier.distribution == candidate.distribution and candidate.distribution:
                return  # the same distribution found twice on the path
            self._candidates.setdefault(f"{candidate.name} ({candidate.distribution})", candidate)
            self._fail(
                PluginError(
                    candidate.name,
                    f"the entry point of {candidate.distribution or 'another distribution'} "
                    f"takes the name of {_describe(earlier)}; give it another name",
                ),
                f"{candidate.name} ({candidate.distribution})",
            )
            return
        self._candidates[candidate.name] = candidate
        try:
            plugin = call_plugin(
                candidate.name,
                f"importing {candidate.source!r}" if candidate.source else "loading",
                candidate.get,
                ANYTHING,
                builtin=False,
            )
            _register(self._pm, plugin, candidate.name)
            _check_hook_names(self._pm, plugin, candidate.name)
            provided = self._collect(plugin, candidate)
        except PluginError as error:
            self._fail(error, candidate.name)
            return
        for registry, items in provided:
            target = self._registry(registry)
            for key, item in items:
                target[_registry_key(key)] = Provided(candidate.name, item)

    def _fail(self, error: PluginError, name: str) -> None:
        if self._pm.has_plugin(name):
            self._pm.unregister(name=name)
        if not self._tolerant:
            raise error
        self.broken[name] = error

    def _collect(
        self, plugin: object, candidate: Candidate
    ) -> list[tuple[Registry, list[tuple[object, Any]]]]:
        """What ``plugin`` provides, hook by hook, each item checked and its key checked
        against what earlier plugins provide; nothing is registered yet."""
        name = candidate.name
        provided = []
        extensions: dict[str, str] = {}
        for registry in REGISTRIES:
            items: list[tuple[object, Any]] = []
            for implementation in _implementations(self._pm, plugin, registry.hook):
                found = call_plugin(
                    name, "", implementation.function, registry.expect, hook=registry.hook
                )
                for item in found:
                    key = call_plugin(
                        name, f"{registry.kind} {type(item).__name__}", partial(registry.key, item),
                        ANYTHING, hook=registry.hook,
                    )  # fmt: skip
                    _check_key(name, registry, key)
                    self._check_clash(name, registry, key, items)
                    if registry.hook == "register_output_formats":
                        self._check_extension(name, item, extensions)
                    items.append((key, item))
            provided.append((registry, items))
        return provided

    def _check_clash(
        self, name: str, registry: Registry, key: object, items: list[tuple[object, Any]]
    ) -> None:
        shown_key = _registry_key(key)
        if any(_registry_key(earlier) == shown_key for earlier, _ in items):
            raise PluginError(
                name, f"{registry.kind} {shown_key!r} is provided twice", registry.hook
            )
        existing = self._registry(registry).get(shown_key)
        if existing is not None:
            owner = self._candidates[existing.plugin]
            raise PluginError(
                name,
                f"{registry.kind} {shown_key!r} is already provided by {_describe(owner)}; "
                f"{_way_out(owner)}",
                registry.hook,
            )

    def _check_extension(self, name: str, output: OutputFormat, own: dict[str, str]) -> None:
        """An output format's extension is a plain file name ending, and no other format
        (of this plugin or another) writes files ending in it."""
        what = f"output format {output.name!r}"
        extension = call_plugin(
            name, what, lambda: output.extension, instance_of(str), hook="register_output_formats"
        )
        if len(extension) > EXTENSION_LIMIT or not EXTENSION_PATTERN.fullmatch(extension):
            raise PluginError(
                name,
                f"{what} has extension {shown(extension)}: an extension must be a dot and "
                "letters or digits (such as '.md' or '.tar.gz'), so the file name it makes "
                "stays a plain name in the output folder",
                "register_output_formats",
            )
        folded = extension.lower()
        if folded in own:
            raise PluginError(
                name,
                f"{what} writes {extension!r} files, as its output format {own[folded]!r} does",
                "register_output_formats",
            )
        for format_name, provided in self.output_formats.items():
            if provided.item.extension.lower() == folded:
                owner = self._candidates[provided.plugin]
                raise PluginError(
                    name,
                    f"{what} writes {extension!r} files, as output format {format_name!r} of "
                    f"{_describe(owner)} does, so one would replace the other's file; "
                    f"{_way_out(owner)}",
                    "register_output_formats",
                )
        own[folded] = output.name

    def _registry(self, registry: Registry) -> dict[str, Provided[Any]]:
        registries: dict[str, dict[str, Provided[Any]]] = {
            "register_measures": self.measures,
            "register_source_formats": self.source_formats,
            "register_output_formats": self.output_formats,
            "register_section_renderers": self.section_renderers,
        }
        return registries[registry.hook]

    def is_builtin(self, plugin: str) -> bool:
        """Whether ``plugin`` is part of measurekit itself."""
        candidate = self._candidates.get(plugin)
        return candidate is not None and candidate.builtin

    def call(self, plugin: str, what: str, action: Callable[[], object], expect: Expect[T]) -> T:
        """Run ``action``, a call into ``plugin``, through the one guard
        (:func:`measurekit.plugins.guard.call_plugin`)."""
        return call_plugin(plugin, what, action, expect, builtin=self.is_builtin(plugin))

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
        """The section renderers registered for ``output_format``, by measure, each called
        through the one guard."""
        return SectionRenderers.for_format(
            output_format,
            ((provided.plugin, provided.item) for provided in self.section_renderers.values()),
            guard=self.call,
        )

    def plugin_of_measure(self, measure_id: str) -> str:
        """The name of the plugin that registered ``measure_id``."""
        return self.measures[measure_id].plugin

    def describe(self) -> list[PluginInfo]:
        """Each plugin with its version, hooks and what it provides, built-in plugins
        first; a broken plugin (loaded ``tolerant``) with why it is broken."""
        infos = []
        for key, candidate in self._candidates.items():
            broken = self.broken.get(key)
            plugin = None if broken else self._pm.get_plugin(candidate.name)
            callers = self._pm.get_hookcallers(plugin) if plugin is not None else None
            hooks = tuple(sorted(caller.name for caller in callers or ()))
            infos.append(
                PluginInfo(
                    key,
                    candidate.version,
                    hooks,
                    _provided_by(self.measures, key),
                    _provided_by(self.source_formats, key),
                    _provided_by(self.output_formats, key),
                    candidate.builtin,
                    str(broken) if broken else None,
                    candidate.distribution,
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


def _itself(plugin: object) -> object:
    return plugin


def _entry_point_candidates(
    found: Iterable[InstalledEntryPoint], disabled: set[str]
) -> list[Candidate]:
    """The entry points not ``disabled`` as candidates, measurekit's own first (otherwise
    in the order found)."""
    candidates = [
        Candidate(
            entry_point.name,
            entry_point.load,
            entry_point.distribution == DISTRIBUTION,
            entry_point.version,
            entry_point.distribution,
            entry_point.value,
        )
        for entry_point in found
        if entry_point.name not in disabled
    ]
    return sorted(candidates, key=lambda candidate: not candidate.builtin)


def _describe(candidate: Candidate) -> str:
    """A plugin as a clash error names it: built-in or not, and its distribution."""
    if candidate.builtin:
        return f"measurekit's built-in plugin {candidate.name!r}"
    installed = f" (from {candidate.distribution})" if candidate.distribution else ""
    return f"plugin {candidate.name!r}{installed}"


def _way_out(owner: Candidate) -> str:
    """What a user can do about a clash with ``owner``'s item."""
    if owner.builtin:
        return (
            "a plugin cannot replace a built-in silently: rename yours, or disable the "
            f"built-in (set {DISABLE_VARIABLE}={owner.name}) to use yours in its place"
        )
    return f"uninstall or disable one of them (set {DISABLE_VARIABLE})"


def _registry_key(key: object) -> str:
    """A registry key as text: a section renderer's is ``format:measure``."""
    if isinstance(key, tuple):
        return ":".join(str(part) for part in key)
    return str(key)


def _check_key(plugin: str, registry: Registry, key: object) -> None:
    """A measure id or format name (each part of a renderer's key) is a plain name."""
    parts = key if isinstance(key, tuple) else (key,)
    for part in parts:
        if not isinstance(part, str) or not NAME_PATTERN.fullmatch(part):
            raise PluginError(
                plugin,
                f"a {registry.kind} is named {shown(part)}: names are letters, digits, '_', "
                "'-', '.' or '+' (at most 64, starting with a letter or digit)",
                registry.hook,
            )


def _implementations(
    manager: pluggy.PluginManager, plugin: object, hook: str
) -> list[pluggy.HookImpl]:
    """``plugin``'s implementations of ``hook`` (none, or one)."""
    caller = getattr(manager.hook, hook)
    return [impl for impl in caller.get_hookimpls() if impl.plugin is plugin]


def _check_hook_names(manager: pluggy.PluginManager, plugin: object, name: str) -> None:
    """pluggy's ``check_pending`` for one plugin: a hook it implements that no spec
    declares (a misspelt name) is an error naming the plugin and the nearest hook."""
    known = sorted(caller.name for caller in manager.hook.__dict__.values()
                   if isinstance(caller, pluggy.HookCaller) and caller.has_spec())  # fmt: skip
    for caller in manager.get_hookcallers(plugin) or ():
        if caller.has_spec():
            continue
        if all(impl.optionalhook for impl in caller.get_hookimpls() if impl.plugin is plugin):
            continue
        import difflib  # only for this message: not loaded by every run

        near = difflib.get_close_matches(caller.name, known, n=1)
        hint = f"; did you mean {near[0]!r}?" if near else f"; hooks are: {', '.join(known)}"
        raise PluginError(name, f"implements {caller.name!r}, which is no measurekit hook{hint}")


def _register(manager: pluggy.PluginManager, plugin: object, name: str) -> None:
    try:
        manager.register(plugin, name=name)
    except ValueError as error:
        raise PluginError(name, str(error)) from error
    except pluggy.PluginValidationError as error:
        raise PluginError(name, str(error)) from error
