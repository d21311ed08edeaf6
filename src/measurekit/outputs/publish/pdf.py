"""The statement as a tagged PDF (PDF/UA-1), typeset by Typst.

:mod:`.typeset` writes the statement document as Typst markup; the ``typst`` package (the
Typst compiler, in one wheel) lays it out and writes the PDF in well under a second.
Asked for PDF/UA-1, Typst tags the PDF (a structure tree: headings, paragraphs, lists,
tables with header cells, figures with alternative text, links), sets its language
(en-GB) and its title, shown in the window's title bar, makes bookmarks from the headings,
embeds the fonts, and refuses to write a PDF that would break the standard (a picture with
no alternative text, a character no font can show). The creation date comes from
``SOURCE_DATE_EPOCH`` or the statement (:func:`.content.document_date`), so the same
statement gives the same bytes on a machine with the same fonts.

Typst reads the installed fonts and the folder the markup is written to (its root): the
markup and the pictures it names, written by this module. The markup measurekit writes
fetches nothing from the network (a plugin's own markup could import a Typst package,
which Typst would download).
"""

from __future__ import annotations

import re
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
    """The PDF's bytes; a :class:`MeasurekitError` when Typst cannot typeset it."""
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
        except typst.TypstError as error:
            reason = _reason(error, markup.source)
            raise MeasurekitError(f"the PDF could not be typeset: {reason}") from error
    if not isinstance(data, bytes):  # pragma: no cover - typst returns bytes for one PDF
        raise MeasurekitError("the PDF could not be typeset: Typst returned no PDF")
    return data


def _reason(error: Exception, source: str) -> str:
    """The first line of Typst's complaint; where a character has no font, with the text
    it is in and what to do.

    PDF/UA forbids showing a character as a blank box, so a character no installed font
    has (an emoji, say, where no emoji font is installed) stops the PDF; Typst names the
    character, and the text around it is quoted from ``source`` (the markup).
    """
    message = str(error).strip() or str(getattr(error, "message", "")).strip()
    first = (message.splitlines() or ["no reason given"])[0]
    found = _NO_FONT.search(first)
    if found is None:
        return first
    character = _TYPST_ESCAPE.sub(_unescaped, found.group(1))
    around = _text_around(character, source)
    if around:
        first += f", in the text {around!r}"
    return (
        f"{first}; no installed font has that character: install one that does, write the "
        "text without it, or build without the pdf format"
    )


#: Typst's complaint about a character no font has, and the escape it may write it as.
_NO_FONT = re.compile(r'the text `"(.+?)"` could not be displayed')
_TYPST_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]{1,6})\}")
#: A string literal in the markup (see :func:`.typeset.string`).
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
#: Characters quoted either side of a character no font has.
_AROUND = 30


def _unescaped(escape: re.Match[str]) -> str:
    """The character a Typst escape ``\\u{1F44D}`` stands for (the escape itself if none)."""
    code = int(escape.group(1), 16)
    return chr(code) if code <= 0x10FFFF else escape.group(0)


def _text_around(character: str, source: str) -> str:
    """Up to :data:`_AROUND` characters either side of the first ``character`` in a text
    of the markup ``source``, or "" when it is in none."""
    if not character:
        return ""
    for literal in _STRING.finditer(source):
        text = re.sub(r"\\(.)", r"\1", literal.group(1))
        at = text.find(character)
        if at >= 0:
            start, end = max(0, at - _AROUND), at + len(character) + _AROUND
            return ("..." if start else "") + text[start:end] + ("..." if end < len(text) else "")
    return ""
