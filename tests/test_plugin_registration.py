"""Registering a plugin module finds the same hook implementations pluggy's own manager
finds: measurekit's manager only passes over, without pluggy's look-up, the names of a
module that cannot be hooks (classes, modules, constants)."""

from __future__ import annotations

import types
from typing import Any

import pluggy

from measurekit import hookimpl
from measurekit.plugins import hookspecs
from measurekit.plugins.manager import Plugins, _PluginManager


def _found(manager: pluggy.PluginManager, plugin: object) -> set[tuple[str, object, bool]]:
    """Each hook implementation ``manager`` registered for ``plugin``: hook, function and
    whether it is a wrapper."""
    manager.add_hookspecs(hookspecs)
    manager.register(plugin, name="plugin")
    return {
        (caller.name, impl.function, impl.hookwrapper or impl.wrapper)
        for caller in manager.get_hookcallers(plugin) or ()
        for impl in caller.get_hookimpls()
    }


def _both(plugin: object) -> tuple[set[Any], set[Any]]:
    return _found(pluggy.PluginManager("measurekit"), plugin), _found(
        _PluginManager("measurekit"), plugin
    )


def test_every_built_in_plugin_has_the_same_hooks_as_pluggy_finds() -> None:
    plugins = Plugins.load()
    modules = [plugins._pm.get_plugin(info.name) for info in plugins.describe()]
    assert len(modules) >= 16
    for module in modules:
        pluggys, ours = _both(module)
        assert ours == pluggys
        assert ours  # every built-in plugin implements a hook


def _register_measures() -> list[object]:
    return []


def _register_output_formats() -> list[object]:
    return []


class _Holder:
    @staticmethod
    @hookimpl
    def register_source_formats() -> list[object]:
        return []


def test_a_module_hook_is_found_and_nothing_that_is_not_one() -> None:
    module = types.ModuleType("made_up_plugin")
    module.register_measures = hookimpl(_register_measures)
    # A marked function under another name than its own is found by the name it has here.
    module.register_output_formats = hookimpl(_register_output_formats)
    module.helper = lambda: None  # a function, unmarked
    module.Holder = _Holder  # a class: not looked into
    module.types = types  # a module
    module.LIMIT = 3
    module.register_section_renderers = object()
    pluggys, ours = _both(module)
    expected = {
        ("register_measures", _register_measures, False),
        ("register_output_formats", _register_output_formats, False),
    }
    assert pluggys == expected
    assert ours == expected


def test_a_marked_staticmethod_in_a_module_and_a_class_plugin_are_left_to_pluggy() -> None:
    module = types.ModuleType("made_up_plugin")
    module.register_source_formats = _Holder.__dict__["register_source_formats"]
    pluggys, ours = _both(module)
    assert ours == pluggys
    assert {hook for hook, _, _ in ours} == {"register_source_formats"}
    pluggys, ours = _both(_Holder)
    assert ours == pluggys
    assert {hook for hook, _, _ in ours} == {"register_source_formats"}
