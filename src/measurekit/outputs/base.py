"""What an output format is: something that draws a statement document as a file."""

from __future__ import annotations

import abc
import functools
import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from measurekit.__about__ import DISTRIBUTION
from measurekit.document.nodes import StatementDocument
from measurekit.document.renderers import NO_RENDERERS, SectionRenderers
from measurekit.errors import MeasurekitError

if TYPE_CHECKING:
    from measurekit.many.overview import OverviewPage


class OutputFormat(abc.ABC):
    """A kind of file a statement can be written as, registered through the
    ``register_output_formats`` hook."""

    #: The name given to ``-f``, e.g. ``"markdown"``.
    name: ClassVar[str]
    #: The file name extension, with its dot, e.g. ``".md"``.
    extension: ClassVar[str]
    #: One line for ``measurekit plugins``.
    description: ClassVar[str] = ""
    #: Python modules the format needs beyond measurekit's own dependencies, e.g.
    #: ``("typst",)``; imported only when the format is used or asked about.
    requires: ClassVar[tuple[str, ...]] = ()
    #: measurekit's extra that installs them, e.g. ``"pdf"`` for
    #: ``pip install 'pcc-measurekit[pdf]'``.
    extra: ClassVar[str | None] = None

    def missing(self) -> str | None:
        """Why the format cannot be used on this machine, as one line saying what to
        install; None when it can. Only formats with ``requires`` can be missing."""
        for module in self.requires:
            problem = _import_problem(module)
            if problem is not None:
                install = f"pip install '{DISTRIBUTION}[{self.extra}]'" if self.extra else module
                return f"needs {problem}; install it with: {install}"
        return None

    def overview(self, pages: Sequence[OverviewPage]) -> bytes | None:
        """For a run that builds many forces' statements: a file that compares them and
        links each force's own file (``pages[i].files[self.name]``), written as
        ``index`` with the format's extension; None (the default) when the format draws
        no overview. ``html`` writes ``index.html``."""
        return None

    def check_available(self) -> None:
        """Raise a one-line :class:`MeasurekitError` saying what to install when the
        format cannot be used here."""
        reason = self.missing()
        if reason is not None:
            raise MeasurekitError(f"output format {self.name!r} is not available: it {reason}")

    def available(self) -> bool:
        """Whether the format can be used here (see :meth:`missing`)."""
        return self.missing() is None

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


@functools.cache
def _import_problem(module: str) -> str | None:
    """None when ``module`` imports; otherwise what is wrong, in a few words (a module
    that is not installed, or a system library it cannot load)."""
    try:
        importlib.import_module(module)
    except ImportError as error:
        if isinstance(error, ModuleNotFoundError) and error.name == module.split(".")[0]:
            return f"the Python package {module!r}, which is not installed"
        return f"{module!r}, which cannot be imported ({error})"
    except OSError as error:  # a shared library the package loads is missing
        return f"{module!r}, which cannot load a system library ({error})"
    return None
