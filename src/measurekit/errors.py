"""The errors measurekit raises, each able to say in one line what went wrong and where.

Every error a user can cause (a bad statement file, a malformed data row, a plugin that
fails) is a :class:`MeasurekitError`. The command line prints ``str(error)`` as a single line
and exits non-zero; anything else is a bug and shows a traceback.
"""

from __future__ import annotations

from pathlib import Path


class MeasurekitError(Exception):
    """Base of every error caused by input or by a plugin, rather than by measurekit itself."""


class Location:
    """Where in which file a problem lies: a file, and optionally a row and a column.

    ``row`` counts as a spreadsheet program does: the header is row 1, so the first data
    row of a CSV file is row 2. In a text file such as a narrative it is a line number,
    and ``row_name`` is ``"line"``.
    """

    __slots__ = ("column", "path", "row", "row_name")

    def __init__(
        self,
        path: str | Path,
        row: int | None = None,
        column: str | None = None,
        row_name: str = "row",
    ) -> None:
        self.path = str(path)
        self.row = row
        self.column = column
        self.row_name = row_name

    def __str__(self) -> str:
        parts = [self.path]
        if self.row is not None:
            parts.append(f"{self.row_name} {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)


class InputError(MeasurekitError):
    """A file the user supplied is missing, malformed or inconsistent.

    The message is prefixed with the location (file, row, column) when one is known.
    """

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.message = message
        self.location = location
        super().__init__(f"{location}: {message}" if location else message)


class StatementFileError(InputError):
    """The statement file is not valid: an unknown or missing key, or a bad value."""


class DataGapError(MeasurekitError):
    """A source cannot answer a window because a month inside its coverage is missing."""


class PluginError(MeasurekitError):
    """A plugin failed to import, raised inside a hook, or clashed with another plugin."""

    def __init__(self, plugin: str, message: str, hook: str | None = None) -> None:
        self.plugin = plugin
        self.hook = hook
        where = f"plugin {plugin!r}" + (f" (in hook {hook})" if hook else "")
        super().__init__(f"{where}: {message}")
