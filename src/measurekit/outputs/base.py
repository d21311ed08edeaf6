"""What an output format is: something that draws a statement document as a file."""

from __future__ import annotations

import abc
from typing import ClassVar

from measurekit.document.nodes import StatementDocument
from measurekit.document.renderers import NO_RENDERERS, SectionRenderers


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
    def render(
        self, document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS
    ) -> bytes:
        """The whole file's content, drawn from ``document`` and nothing else.

        ``renderers`` holds the section renderers plugins registered for this format: draw
        each measure's part with ``renderers.render(part, default, expected_type)``, where
        ``default`` is the format's own drawing of a part, so a plugin's renderer replaces
        it. Must not write any file: the core writes the bytes once every format has
        rendered.
        """
