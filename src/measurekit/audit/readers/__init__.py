"""Read a statement file of any supported kind into numbered passages.

:func:`read_statement` chooses the reader by the file's suffix. Every reader returns a
:class:`~measurekit.audit.model.Document`; a file that is missing, is a folder, or cannot
be read as its suffix says raises :class:`~measurekit.errors.InputError` naming the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from measurekit.audit.model import Document
from measurekit.audit.readers.docx_file import read_docx
from measurekit.audit.readers.html_file import read_html
from measurekit.audit.readers.pdf_file import read_pdf
from measurekit.audit.readers.text_file import read_markdown, read_text
from measurekit.errors import InputError, Location

Reader = Callable[[Path, str], Document]

#: Each suffix audit reads, and its reader.
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}


def read_statement(path: Path) -> Document:
    """Read ``path`` with the reader its suffix names."""
    shown = str(path)
    if not path.exists():
        raise InputError("no such file", Location(shown))
    if path.is_dir():
        raise InputError("is a folder, not a statement file", Location(shown))
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(
            f"cannot audit a {path.suffix or 'file without a suffix'!s} file: audit reads "
            ".txt, .md, .html, .docx and .pdf (save a .doc or .odt as .docx, or as PDF)",
            Location(shown),
        )
    return reader(path, shown)
