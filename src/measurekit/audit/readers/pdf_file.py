"""PDF statements: passages are the paragraphs of each page, positions are page numbers.

The text layer is read with pypdf. Lines of a page are joined into passages at blank
lines; a word hyphenated across a line break is joined again, and typographic ligatures
(ﬁ, ﬂ) are spelt out. A PDF with no text at all (a scanned image) is an error: there is
nothing to audit, and saying "no claims" would mislead.
"""

from __future__ import annotations

import re
from pathlib import Path

from measurekit.audit.model import Document, PassageBuilder, PositionKind
from measurekit.audit.readers.text_file import clean
from measurekit.errors import InputError, Location

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})
_HYPHENATED = re.compile(r"(?<=[a-z])-\n(?=[a-z])")


def page_passages(builder: PassageBuilder, text: str, page: int) -> None:
    """Add one page's extracted text to ``builder``, a passage per block of lines."""
    text = _HYPHENATED.sub("", clean(text).translate(_LIGATURES))
    for line in text.splitlines():
        if not line.strip():
            builder.end()
        else:
            builder.add(line, page)
    builder.end()


def read_pdf(path: Path, shown: str) -> Document:
    """A PDF statement, positions counted in pages (the first page is 1)."""
    from pypdf import PdfReader  # imported here: it is slow to import, and only PDFs need it
    from pypdf.errors import PyPdfError

    builder = PassageBuilder()
    found_text = False
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("the PDF is encrypted with a password", Location(shown))
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            found_text = found_text or bool(text.strip())
            page_passages(builder, text, number)
    except (PyPdfError, ValueError) as error:
        raise InputError(f"not a readable PDF: {error}", Location(shown)) from None
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", Location(shown)) from None
    if not found_text:
        raise InputError("the PDF has no text to read (is it a scanned image?)", Location(shown))
    return Document(shown, "pdf", PositionKind.PAGE, builder.passages())
