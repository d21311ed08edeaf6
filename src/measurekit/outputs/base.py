"""What an output format is: something that turns a computed statement into a file."""

from __future__ import annotations

import abc
from collections.abc import Mapping
from typing import ClassVar

from measurekit.measures.base import Measure
from measurekit.model.statement import Statement


class OutputFormat(abc.ABC):
    """A kind of file a statement can be written as, registered through the
    ``register_output_formats`` hook."""

    #: The name given to ``-f``, e.g. ``"markdown"``.
    name: ClassVar[str]
    #: The file name extension, with its dot, e.g. ``".md"``.
    extension: ClassVar[str]
    #: One line for ``measurekit plugins``.
    description: ClassVar[str] = ""

    @abc.abstractmethod
    def render(self, statement: Statement, measures: Mapping[str, Measure]) -> bytes:
        """The whole file's content.

        ``measures`` maps each measure id in the statement to the plugin's measure object,
        so a format can let each measure render its own part. Must not write any file: the
        core writes the bytes once every format has rendered.
        """
