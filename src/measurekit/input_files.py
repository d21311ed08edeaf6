"""Opening the files measurekit reads: regular files only, read within stated limits.

A FIFO, a device (``/dev/zero``) or a socket named like a data file would make a reader
wait for ever or read without end, so :func:`open_regular` opens only regular files (a
symbolic link is followed, and what it points to must be a regular file). It opens without
blocking, so a FIFO is refused rather than waited on. :func:`read_text_limited` reads a
whole small file (a statement or a narrative) and refuses one larger than its limit;
:func:`limited_lines` hands a line-by-line reader lines no longer than
:data:`~measurekit.limits.MAX_LINE_BYTES`.

:func:`may_quote` decides whether an error message may quote a file's content: only when
the file is, by its real name, one of the kinds of file measurekit reads (``.csv``,
``.csv.gz``, ``.xlsx``, ``.xlsm``, ``.toml``, ``.md``, ``.txt``). A link named like a data
file that leads to ``/etc/shadow`` is named, with its line, but never quoted.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from measurekit.errors import InputError, Location
from measurekit.limits import MAX_LINE_BYTES

#: The endings of files whose content an error message may quote.
QUOTABLE_SUFFIXES = (".csv", ".csv.gz", ".xlsx", ".xlsm", ".parquet", ".toml", ".md", ".txt")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_regular(path: Path) -> str | None:
    """Why ``path`` is not a regular file measurekit may read (``"is a FIFO (named
    pipe)"``), or None when it is one. A missing file is ``"file not found"``."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "file not found"
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    if stat.S_ISREG(mode):
        return None
    return f"is {_kind(mode)}, not a regular file; measurekit reads only regular files"


def open_regular(path: Path, location: Location | None = None) -> IO[bytes]:
    """``path`` opened for reading bytes, when it is a regular file.

    Raises :class:`InputError` at ``location`` (default: the file) when it is missing,
    unreadable, or anything other than a regular file. Never blocks on a FIFO.
    """
    where = location or Location(path)
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # POSIX: open a FIFO without waiting
    try:
        descriptor = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError("file not found", where) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", where) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", where) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(
                f"is {_kind(mode)}, not a regular file; measurekit reads only regular files",
                where,
            )
        if nonblocking:
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_text_limited(path: Path, limit: int, what: str, location: Location | None = None) -> str:
    """The UTF-8 text (a byte-order mark is dropped) of the regular file at ``path``.

    Raises :class:`InputError` when the file is not a regular file, is larger than
    ``limit`` bytes (``what`` names the kind of file in the message), or is not UTF-8.
    """
    where = location or Location(path)
    with open_regular(path, where) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{what} is larger than {limit:,} bytes, the most measurekit reads", where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text (byte {error.start}); save it as UTF-8", where) from None


def limited_lines(
    handle: IO[str], path: Path, limit: int = MAX_LINE_BYTES, first_line: int = 1
) -> Iterator[str]:
    """The lines of a text stream, each at most ``limit`` characters; a longer line is an
    error naming the file and line (it is never read into memory whole)."""
    number = first_line
    readline = handle.readline
    while line := readline(limit + 1):
        if len(line) > limit and line[-1] != "\n":
            raise InputError(
                f"the line is longer than {limit:,} characters; this is not a data file "
                "measurekit can read",
                Location(path, number, row_name="line"),
            )
        yield line
        number += 1


def may_quote(path: Path) -> bool:
    """Whether an error message may quote the content of ``path``: only when its real
    name (links followed) ends like a file measurekit reads."""
    try:
        name = Path(os.path.realpath(path)).name.lower()
    except (OSError, ValueError):
        return False
    return name.endswith(QUOTABLE_SUFFIXES)
