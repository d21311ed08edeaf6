"""The entry points of one group, found as :func:`importlib.metadata.entry_points` finds
them, without importing :mod:`importlib.metadata` where the path allows.

Importing :mod:`importlib.metadata` loads the ``email`` package (for the distributions'
metadata), ``zipfile`` and more: together about a tenth of the time a small build takes,
spent on every run to find which plugins are installed. Yet in the usual case (every entry
on ``sys.path`` a folder or missing, and no import finder of a third party's that finds
distributions) what it reads is plain files: each ``*.dist-info`` or ``*.egg-info`` folder
on the path, in the path's order, and its ``entry_points.txt`` (an INI-like text, in the
Python packaging specification). :func:`entry_points` reads exactly those, the same way
(the names and versions as the ``email`` parser reads them), and its results are held
equal to :mod:`importlib.metadata`'s by the tests. In any other case (a zip file or an egg
on the path, a metadata folder whose name importlib.metadata would not go by, another
finder of distributions) it asks :mod:`importlib.metadata` itself.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs

from measurekit.shared_methods import shared_methods

_INFO_SUFFIXES = (".dist-info", ".egg-info")


@attrs.frozen
@shared_methods
class InstalledEntryPoint:
    """One entry point of a group: its name and value (``module:object``), and the
    distribution that declares it: its normalised name (PEP 503: ``pcc-measurekit``) and
    its version, or None where its metadata does not say."""

    name: str
    value: str
    distribution: str | None
    version: str | None

    def load(self) -> object:
        """Import the entry point's module and return the object it names (the module
        itself when it names none), as :meth:`importlib.metadata.EntryPoint.load` does."""
        found = _VALUE.match(self.value)
        if found is None:
            raise ValueError(f"entry point {self.name!r} has a malformed value {self.value!r}")
        module = importlib.import_module(found["module"])
        names = filter(None, (found["attr"] or "").split("."))
        return functools.reduce(getattr, names, module)


#: An entry point's value, as :class:`importlib.metadata.EntryPoint` reads it.
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


def entry_points(group: str) -> list[InstalledEntryPoint]:
    """The entry points of ``group`` of the distributions on ``sys.path``, in the order
    :func:`importlib.metadata.entry_points` gives them, each distribution counted once
    (its first copy on the path)."""
    if not _plain_path():
        return _from_importlib_metadata(group)
    found: list[InstalledEntryPoint] = []
    seen: set[str] = set()
    for folder in _info_folders():
        if not _named_plainly(folder.name):  # importlib.metadata reads its name inside
            return _from_importlib_metadata(group)
        key = _normalised_key(folder.name)
        if key in seen:
            continue
        seen.add(key)
        text = _read(folder / "entry_points.txt")
        if text is None:
            continue
        pairs = _group_pairs(text, group)
        if pairs is None:  # a line importlib.metadata would fail on: let it say so
            return _from_importlib_metadata(group)
        if pairs:
            distribution, version = _identity(folder)
            found.extend(
                InstalledEntryPoint(name, value, distribution, version) for name, value in pairs
            )
    return found


def _plain_path() -> bool:
    """Whether every distribution Python can find is in a ``*-info`` folder of a folder on
    ``sys.path``: no zip file or egg on the path, no other finder of distributions."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if getattr(finder, "find_distributions", None) is not None and finder is not PathFinder:
            return False
    for entry in sys.path:
        root = entry or "."
        if os.path.isdir(root):
            if os.path.basename(root).lower().endswith(".egg"):
                return False
        elif os.path.exists(root):
            return False  # a zip file (or anything else) importlib.metadata would open
    return True


def _info_folders() -> Iterator[Path]:
    """Each ``*.dist-info`` and ``*.egg-info`` entry of each folder on ``sys.path``, in
    the path's order; within a folder in the order it lists them, grouped by name as
    :mod:`importlib.metadata` groups them."""
    for entry in sys.path:
        root = entry or "."
        try:
            children = os.listdir(root)
        except OSError:
            continue
        by_name: dict[str, list[Path]] = {}
        for child in children:
            if child.lower().endswith(_INFO_SUFFIXES):
                by_name.setdefault(_normalised_key(child), []).append(Path(root, child))
        for folders in by_name.values():
            yield from folders


def _named_plainly(child: str) -> bool:
    """Whether importlib.metadata tells the distribution in folder ``child`` apart by the
    folder's name (a name part before the version, and a suffix in lower case): it
    reads the name from the metadata otherwise."""
    stem, suffix = os.path.splitext(child)
    return suffix in _INFO_SUFFIXES and bool(stem.partition("-")[0])


def _normalised_key(child: str) -> str:
    """The name part of ``name-version.dist-info``, normalised as importlib.metadata
    normalises a plainly named folder's (:func:`_named_plainly`) to tell distributions
    apart."""
    name = child.lower().rpartition(".")[0].partition("-")[0]
    return re.sub(r"[-_.]+", "-", name).replace("-", "_")


def _read(path: Path) -> str | None:
    """The file's text, or None where there is none to read (as importlib.metadata)."""
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


def _group_pairs(text: str, group: str) -> list[tuple[str, str]] | None:
    """The ``name = value`` lines of section ``[group]`` of an ``entry_points.txt``,
    stripped; None when a line of any section has no ``=`` (importlib.metadata fails)."""
    pairs = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue
        name, equals, value = line.partition("=")
        if not equals:
            return None
        if section == group:
            pairs.append((name.strip(), value.strip()))
    return pairs


def _identity(folder: Path) -> tuple[str | None, str | None]:
    """A distribution's normalised name and its version, from the ``Name`` and ``Version``
    headers of its ``METADATA`` (or an egg's ``PKG-INFO``), read as the ``email``
    package's compat32 parser reads them for importlib.metadata."""
    text = _read(folder / "METADATA") or _read(folder / "PKG-INFO") or ""
    headers: dict[str, str] = {}
    current: str | None = None
    for line in _LINE_BREAK.split(text):
        if line[:1] in (" ", "\t"):  # a continuation of the header before
            if current is not None:
                headers[current] += "\n" + line
            continue
        found = _HEADER.match(line)
        if found is None:
            break  # the headers end at the first line that is not one
        key = found[1].lower()
        current = None if key in headers else key  # the first of a name counts
        if current is not None:
            headers[current] = line[found.end() :].lstrip(" \t")
    name = headers.get("name")
    normalised = re.sub(r"[-_.]+", "-", name).lower() if name else None
    return normalised, headers.get("version")


#: Where the ``email`` parser ends a line, and what it takes for a header line.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEADER = re.compile(r"([\041-\071\073-\176]+):")


def _from_importlib_metadata(group: str) -> list[InstalledEntryPoint]:
    """:func:`entry_points` as :mod:`importlib.metadata` answers it."""
    import importlib.metadata

    found = []
    identities: dict[int, tuple[str | None, str | None]] = {}
    for entry_point in importlib.metadata.entry_points(group=group):
        dist = entry_point.dist
        identity = identities.get(id(dist))
        if identity is None:
            identity = identities[id(dist)] = _metadata_identity(dist)
        found.append(InstalledEntryPoint(entry_point.name, entry_point.value, *identity))
    return found


def _metadata_identity(dist: object) -> tuple[str | None, str | None]:
    """A distribution's normalised name and version, as :mod:`importlib.metadata` reads
    them (once per distribution: parsing the metadata is most of the cost)."""
    metadata = getattr(dist, "metadata", None)
    if metadata is None:
        return None, None
    name = metadata["Name"]
    return (re.sub(r"[-_.]+", "-", name).lower() if name else None), metadata["Version"]
