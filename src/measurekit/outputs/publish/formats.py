"""The ``html``, ``pdf`` and ``docx`` output formats, registered as a core plugin.

Each draws the statement document; the heavy libraries (Jinja2, Typst, python-docx)
are imported only when a format renders, so ``import measurekit`` stays light. ``pdf`` and
``docx`` need extras; without them they are listed as unavailable and asking for them is a
one-line error saying what to install (:meth:`OutputFormat.missing`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from measurekit import hookimpl
from measurekit.document.nodes import StatementDocument
from measurekit.document.renderers import NO_RENDERERS, SectionRenderers
from measurekit.outputs.base import OutputFormat

if TYPE_CHECKING:
    from measurekit.many.overview import OverviewPage


class HtmlFormat(OutputFormat):
    """One self-contained, accessible web page (:mod:`.page`)."""

    name = "html"
    extension = ".html"
    description = "accessible web page in one file: styles inline, charts as SVG"

    def render(
        self, document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS
    ) -> bytes:
        from measurekit.outputs.publish.page import render_page

        return render_page(document, renderers).encode("utf-8")

    def overview(self, pages: Sequence[OverviewPage]) -> bytes:
        """``index.html``: every force's page linked, their current figures compared."""
        from measurekit.outputs.publish.overview import render_overview

        return render_overview(pages, self.name).encode("utf-8")


class PdfFormat(OutputFormat):
    """A tagged PDF (PDF/UA-1) of the statement document, typeset by Typst (:mod:`.pdf`).

    A plugin's section renderer for ``pdf`` returns the part's Typst markup as a string."""

    name = "pdf"
    extension = ".pdf"
    description = "tagged PDF (PDF/UA-1) with bookmarks, a contents list and page numbers"
    requires = ("typst",)
    extra = "pdf"

    def render(
        self, document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS
    ) -> bytes:
        from measurekit.outputs.publish.pdf import render_pdf

        return render_pdf(document, renderers)


class DocxFormat(OutputFormat):
    """A Word document built with python-docx (:mod:`.docx`)."""

    name = "docx"
    extension = ".docx"
    description = "Word document with heading styles, real tables and charts with alt text"
    requires = ("docx", "PIL")
    extra = "docx"

    def render(
        self, document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS
    ) -> bytes:
        from measurekit.outputs.publish.docx import render_docx

        return render_docx(document, renderers)


@hookimpl
def register_output_formats() -> list[OutputFormat]:
    """The web page, the PDF and the Word document."""
    return [HtmlFormat(), PdfFormat(), DocxFormat()]
