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

import codecs
import os
import re
import stat
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import IO, Protocol

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


class Utf8Text:
    """The text of a binary stream read as UTF-8, a leading byte-order mark dropped, for
    :func:`limited_lines` (which asks only for :meth:`read`).

    The text before a byte that is not UTF-8 is handed on before the error, so a reader
    meets the lines before it first; the error names the byte's offset in the file.
    """

    def __init__(self, binary: IO[bytes], path: Path) -> None:
        self._binary = binary
        self._path = path
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._offset = 0  # bytes read from the stream so far
        self._at_start = True
        self._failure: InputError | None = None

    def read(self, size: int) -> str:
        """Up to about ``size`` characters; ``""`` at the end."""
        if self._failure is not None:
            raise self._failure
        pending = self._decoder.getstate()[0]  # bytes of a character cut off last time
        data = self._binary.read(size)
        first_byte = self._offset - len(pending)  # the file offset of pending + data
        self._offset += len(data)
        try:
            text = self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:  # its offsets count from pending + data
            text = (pending + data)[: error.start].decode("utf-8")
            self._failure = InputError(
                f"not UTF-8 text (byte {first_byte + error.start:,}); save the file as UTF-8",
                Location(self._path),
            )
            self._failure.__cause__ = error
        if self._at_start and text:
            self._at_start = False
            text = text.removeprefix("\ufeff")
        return text


class TextSource(Protocol):
    """What :func:`limited_lines` reads from: a text stream (``IO[str]``) or a
    :class:`Utf8Text`."""

    def read(self, size: int, /) -> str:
        """Up to ``size`` characters; ``""`` at the end."""
        ...


def limited_lines(
    handle: TextSource, path: Path, limit: int = MAX_LINE_BYTES, first_line: int = 1
) -> Iterator[str]:
    """The lines of a text stream (opened with ``newline=""``: a line ends at ``\\n``,
    ``\\r\\n`` or ``\\r``, which it keeps), each at most ``limit`` characters besides its
    ending; a longer line is an error naming the file and line (it is never read into
    memory whole).

    The stream is read in blocks of about a megabyte and each block split into lines by
    ``str.splitlines``, so that a reader such as :func:`csv.reader` takes the lines one by
    one without a Python call for each.
    """
    return chain.from_iterable(_line_blocks(handle, path, limit, first_line))


#: Characters ``str.splitlines`` ends a line at that a text stream read with
#: ``newline=""`` does not: a block holding one is split by :data:`_LINE_ENDS` instead.
_OTHER_BREAKS = ("\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
_LINE_ENDS = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_BLOCK_CHARS = 1 << 20


def _line_blocks(
    handle: TextSource, path: Path, limit: int, first_line: int
) -> Iterator[list[str]]:
    """The stream's lines, a block's worth at a time (see :func:`limited_lines`). The
    lines before a line that is too long are handed on before the error is raised."""
    number = first_line  # the number of the block's first line
    carried = ""  # the last line read, when its ending may still follow
    read = handle.read
    while True:
        block = read(max(_BLOCK_CHARS, limit + 2))
        text = carried + block
        if not text:
            return
        if any(mark in text for mark in _OTHER_BREAKS):
            lines = _LINE_ENDS.findall(text)
        else:
            lines = text.splitlines(keepends=True)
        carried = ""
        if block and not lines[-1].endswith("\n"):  # it may go on in the next block
            carried = lines.pop()
        if (lines and max(map(len, lines)) > limit) or len(carried) > limit:
            long = _first_long_line([*lines, carried], limit)
            if long is not None:
                yield lines[:long]
                raise InputError(
                    f"the line is longer than {limit:,} characters; this is not a data "
                    "file measurekit can read",
                    Location(path, number + long, row_name="line"),
                )
        yield lines
        number += len(lines)
        if not block:
            return


def _first_long_line(lines: list[str], limit: int) -> int | None:
    """The position of the first of ``lines`` longer than ``limit`` characters besides
    its line ending, or None."""
    for position, line in enumerate(lines):
        if len(line) > limit and len(line.rstrip("\r\n")) > limit:
            return position
    return None


def may_quote(path: Path) -> bool:
    """Whether an error message may quote the content of ``path``: only when its real
    name (links followed) ends like a file measurekit reads."""
    try:
        name = Path(os.path.realpath(path)).name.lower()
    except (OSError, ValueError):
        return False
    return name.endswith(QUOTABLE_SUFFIXES)
