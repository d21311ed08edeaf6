"""The statement as a tagged PDF (PDF/UA-1), typeset by Typst.

:mod:`.typeset` writes the statement document as Typst markup; the ``typst`` package (the
Typst compiler, in one wheel) lays it out and writes the PDF in a fraction of a second.
Asked for PDF/UA-1, Typst tags the PDF (a structure tree: headings, paragraphs, lists,
tables with header cells, figures with alternative text, links), sets its language
(en-GB) and its title, shown in the window's title bar, makes bookmarks from the headings,
embeds the fonts, and refuses to write a PDF that would break the standard (a picture with
no alternative text, say). The creation date comes from ``SOURCE_DATE_EPOCH`` or the
statement (:func:`.page.document_date`), so the same statement gives the same bytes.

Typst reads only the folder the markup is written to (its root): the markup and the
pictures it names, written by this module. Nothing is fetched from the network.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Final

from measurekit.document.nodes import StatementDocument
from measurekit.document.renderers import NO_RENDERERS, SectionRenderers
from measurekit.errors import MeasurekitError
from measurekit.outputs.publish.typeset import Typeset, typeset

#: The standard the PDF is checked against as Typst writes it.
PDF_STANDARD: Final = "ua-1"
MARKUP_NAME = "statement.typ"


def render_pdf(document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS) -> bytes:
    """The PDF's bytes."""
    return compile_pdf(typeset(document, renderers))


def compile_pdf(markup: Typeset) -> bytes:
    """``markup`` laid out by Typst as PDF/UA-1. Typst's own complaint (markup a section
    renderer got wrong, say) is a :class:`MeasurekitError` quoting its first line."""
    import typst

    with tempfile.TemporaryDirectory(prefix="measurekit-pdf-") as folder:
        root = Path(folder)
        (root / MARKUP_NAME).write_text(markup.source, encoding="utf-8")
        for picture in markup.pictures:
            (root / picture.name).write_bytes(picture.data)
        try:
            data = typst.compile(
                str(root / MARKUP_NAME),
                root=str(root),
                pdf_standards=[PDF_STANDARD],
            )
        except Exception as error:  # typst raises its own TypstError (a RuntimeError)
            raise MeasurekitError(f"the PDF could not be typeset: {_reason(error)}") from error
    if not isinstance(data, bytes):  # pragma: no cover - typst returns bytes for one PDF
        raise MeasurekitError("the PDF could not be typeset: Typst returned no PDF")
    return data


def _reason(error: Exception) -> str:
    """The first line of Typst's complaint, with what to do when a character has no font.

    PDF/UA forbids showing a character as a blank box, so a character no installed font
    has (an emoji, say, where no emoji font is installed) stops the PDF; Typst names it.
    """
    first = (str(error).strip().splitlines() or ["no reason given"])[0]
    if "could not be displayed with font" in first:
        first += (
            "; no installed font has that character: install one that does, or write the "
            "text without it"
        )
    return first
