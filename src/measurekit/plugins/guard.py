"""The one guard every call into a plugin goes through, and the checks on what it returns.

Whatever a plugin does wrong ends as one :class:`~measurekit.errors.PluginError` naming the
plugin and what it was asked to do:

- an exception, including ``SystemExit`` (``KeyboardInterrupt`` still stops the run);
- a :class:`~measurekit.errors.MeasurekitError` raised by a third-party plugin (a built-in
  plugin's errors are measurekit's own, already saying which file, row and column);
- a result of the wrong type: ``"homicide"`` or ``5`` where a list of measures was due, a
  ``str`` where a :class:`~measurekit.model.statement.MeasureResult` was due, None where
  file content was due.

Build, the many-forces run, ``check``, ``plugins`` and the plugin manager's own hook calls
use :func:`call_plugin`; nothing else catches a plugin's exceptions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from measurekit.errors import MeasurekitError, PluginError
from measurekit.text_rules import terminal_safe

T = TypeVar("T")

#: The longest excerpt of a wrong result quoted in an error.
SHOWN = 40


class Expect(Generic[T]):
    """What a plugin's call must return: ``check(value)`` gives the value back typed, or
    raises :class:`WrongResultError` saying in a few words what is wrong with it."""

    def __init__(self, description: str, check: Callable[[object], T]) -> None:
        self.description = description
        self.check = check


#: Anything at all: for calls whose result is checked afterwards, or not used.
ANYTHING: Expect[Any] = Expect("anything", lambda value: value)


class WrongResultError(Exception):
    """A plugin returned something other than what its call must return."""


def shown(value: object) -> str:
    """A short, terminal-safe account of ``value`` for an error: ``'homicide' (str)``."""
    text = repr(value)
    if len(text) > SHOWN:
        text = text[: SHOWN - 3] + "..."
    return f"{terminal_safe(text)} ({type(value).__name__})"


def instance_of(kind: type[T], name: str | None = None) -> Expect[T]:
    """An instance of ``kind`` (a class, or a union of classes given as ``type[...]``)."""
    description = name or str(getattr(kind, "__name__", kind))

    def check(value: object) -> T:
        if not isinstance(value, kind):
            raise WrongResultError(f"returned {shown(value)}, not {description}")
        return value

    return Expect(description, check)


def optional(expect: Expect[T]) -> Expect[T | None]:
    """None, or what ``expect`` accepts."""

    def check(value: object) -> T | None:
        if value is None:
            return None
        try:
            return expect.check(value)
        except WrongResultError as wrong:
            raise WrongResultError(f"{wrong} or None") from None

    return Expect(f"{expect.description} or None", check)


def list_of(
    kind: type[T] | Any, name: str | None = None, empty_none: bool = False
) -> Expect[list[T]]:
    """A list or tuple (never a string, a mapping or a generator) whose every item is an
    instance of ``kind``; with ``empty_none``, None counts as an empty list."""
    description = name or getattr(kind, "__name__", str(kind))

    def check(value: object) -> list[T]:
        if value is None and empty_none:
            return []
        if not isinstance(value, list | tuple):
            raise WrongResultError(f"returned {shown(value)}, not a list of {description}")
        for number, item in enumerate(value, start=1):
            if not isinstance(item, kind):
                raise WrongResultError(
                    f"returned a list whose item {number} is {shown(item)}, not {description}"
                )
        return list(value)

    return Expect(f"a list of {description}", check)


def call_plugin(
    plugin: str,
    what: str,
    action: Callable[[], object],
    expect: Expect[T],
    builtin: bool = False,
    hook: str | None = None,
) -> T:
    """Run ``action`` (a call into ``plugin``) and check its result against ``expect``.

    ``what`` says what the plugin was asked to do (``"measure 'arson'"``; empty when
    ``hook`` names the hook that was called); ``builtin`` says
    whether the plugin is part of measurekit, whose own errors pass unchanged. Raises
    :class:`PluginError` naming the plugin for anything wrong; ``KeyboardInterrupt`` and a
    :class:`PluginError` already naming a plugin pass through.
    """
    try:
        result = action()
    except PluginError:
        raise
    except MeasurekitError as error:
        if builtin:
            raise
        raise PluginError(plugin, f"{what}: {error}" if what else str(error), hook) from error
    except (Exception, SystemExit) as error:
        failed = f"{what} failed: " if what else ""
        raise PluginError(plugin, failed + describe_exception(error), hook) from error
    try:
        return expect.check(result)
    except WrongResultError as wrong:
        raise PluginError(plugin, f"{what} {wrong}" if what else str(wrong), hook) from None


def describe_exception(error: BaseException) -> str:
    """``"ZeroDivisionError: division by zero"``; ``SystemExit`` says it tried to exit."""
    if isinstance(error, SystemExit):
        return f"SystemExit: tried to stop measurekit (exit code {error.code!r})"
    return f"{type(error).__name__}: {error}"
