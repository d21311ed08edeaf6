"""Names a module exports but defines elsewhere, imported when first used (PEP 562).

A module that gathers names from many others (the package itself, :mod:`measurekit.api`,
:mod:`measurekit.audit`) lists where each is defined, and gets a ``__getattr__`` and a
``__dir__`` from :func:`lazy_exports`; for type checkers it imports them all under
``if TYPE_CHECKING:``. Importing such a module then loads nothing else: the ``measurekit``
program can set itself up before the model and the plugins load, and a command loads only
what it uses.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    module_name: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of module ``module_name``, for ``exports``:
    each name mapped to the module that defines it.

    The first use of a name imports its module and keeps the value in ``module_name``'s
    namespace, so later uses cost nothing; a name not in ``exports`` is an AttributeError,
    as for any module. ``dir()`` lists the module's ``__all__`` (``exports`` without one).
    """
    namespace = sys.modules[module_name].__dict__

    def load(name: str) -> Any:
        source = exports.get(name)
        if source is None:
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(source), name)
        namespace[name] = value
        return value

    def names() -> list[str]:
        return sorted(namespace.get("__all__", exports))

    return load, names
