"""What a source read: each input file with its SHA-256 digest and its number of rows.

Every output names the files behind its figures with their digests, so an analyst can check
that a copy of a file is the one the statement was built from, and count its rows by hand.
A source reports the files it read through :meth:`measurekit.Source.inputs`; a source that
does not is described by :func:`files_of` from the paths the statement file names, with no
row counts.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import attrs

from measurekit.input_files import not_regular, open_regular
from measurekit.shared_methods import shared_methods

#: Bytes hashed at a time.
_CHUNK = 1 << 20

T = TypeVar("T")


@attrs.frozen
@shared_methods
class InputFile:
    """A file a source read: where it is, its SHA-256 digest (lower-case hex) and how many
    data rows it holds (header and blank rows not counted), or None where the file is not a
    table of rows (a workbook of published tables)."""

    path: Path
    sha256: str
    rows: int | None = None


#: Digests already worked out, by file, modification time and size: a run building a
#: statement for every force hashes each shared file once, not once per force.
_DIGESTS: dict[tuple[str, int, int], str] = {}


def sha256_of(path: Path) -> str:
    """The SHA-256 digest of the regular file at ``path``, as lower-case hex; raises
    :class:`~measurekit.errors.InputError` when it is not a readable regular file.

    A file read again unchanged (same modification time and size) is not hashed again.
    """
    with open_regular(path) as handle:
        status = os.fstat(handle.fileno())
        key = (os.path.realpath(path), status.st_mtime_ns, status.st_size)
        known = _DIGESTS.get(key)
        if known is not None:
            return known
        digest = hashlib.sha256()
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    _DIGESTS[key] = digest.hexdigest()
    return _DIGESTS[key]


def input_file(path: Path, rows: int | None = None) -> InputFile:
    """``path`` with its digest and ``rows``."""
    return InputFile(path, sha256_of(path), rows)


def files_of(paths: Iterable[Path]) -> tuple[InputFile, ...]:
    """The regular files a statement file's ``path`` names, with their digests and no row
    counts: files as given, folders searched (with their sub-folders) in name order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                item for item in path.rglob("*") if not item.name.startswith(".") and item.is_file()
            )
        elif not_regular(path) is None:
            found.append(path)
    return tuple(input_file(path) for path in found)


class RowCounter:
    """Counts the items that pass through :meth:`counted`, by file: a source wraps each
    file's rows in it while reading, then reports :meth:`inputs`."""

    def __init__(self) -> None:
        self._rows: dict[Path, int] = {}

    def counted(self, path: Path, items: Iterable[T]) -> Iterator[T]:
        """``items`` unchanged, each counted as a row of ``path``."""
        self._rows.setdefault(path, 0)
        passed = 0
        try:
            for item in items:
                passed += 1
                yield item
        finally:  # counted once, at the end (or at an error): not a look-up per item
            self._rows[path] += passed

    def add(self, path: Path, rows: int) -> None:
        """Count ``rows`` more rows of ``path``."""
        self._rows[path] = self._rows.get(path, 0) + rows

    def inputs(self) -> tuple[InputFile, ...]:
        """Every file counted, in the order first read, with its digest."""
        return tuple(input_file(path, rows) for path, rows in self._rows.items())
