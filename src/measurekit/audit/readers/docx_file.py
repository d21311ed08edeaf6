"""Word (``.docx``) statements: a passage per paragraph, positions are paragraph numbers.

The document body is read straight from the file's XML (a ``.docx`` is a zip archive).
Paragraphs are numbered 1, 2, 3... in reading order, counting every paragraph that holds
text, including those in table cells and text boxes, and skipping empty ones (which
hold no claim and are often only spacing). Deleted tracked changes are left out and inserted
ones kept, as Word shows the document with its changes accepted. Headers, footers,
footnotes and comments are not read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from measurekit.audit.model import Document, PassageBuilder, PositionKind
from measurekit.audit.readers.text_file import clean
from measurekit.errors import InputError, Location

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH = f"{_W}p"
_TEXT = f"{_W}t"
_DELETED = f"{_W}del"
_BREAKS = {f"{_W}tab": "\t", f"{_W}br": " ", f"{_W}cr": " ", f"{_W}noBreakHyphen": "-"}


def paragraph_texts(body: ElementTree.Element) -> list[str]:
    """The text of every paragraph under ``body``, in reading order, empty ones too.

    A paragraph inside another (a text box anchored in it) is listed after it, and its
    text is not repeated in the outer one.
    """
    texts: list[str] = []

    def walk(element: ElementTree.Element, parts: list[str] | None) -> None:
        for child in element:
            if child.tag == _PARAGRAPH:
                own: list[str] = []
                texts.append("")
                index = len(texts) - 1
                walk(child, own)
                texts[index] = "".join(own)
            elif child.tag == _DELETED:
                continue
            elif parts is not None and child.tag == _TEXT:
                parts.append(child.text or "")
            elif parts is not None and child.tag in _BREAKS:
                parts.append(_BREAKS[child.tag])
            else:
                walk(child, parts)

    walk(body, None)
    return texts


def read_docx(path: Path, shown: str) -> Document:
    """A Word statement, positions counted in paragraphs with text (the first is 1)."""
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml")
        root = ElementTree.fromstring(xml)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise InputError(
            f"not a readable Word document (.docx): {error}", Location(shown)
        ) from None
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", Location(shown)) from None
    body = root.find(f"{_W}body")
    builder = PassageBuilder()
    number = 0
    for text in paragraph_texts(body if body is not None else root):
        text = clean(text)
        if not text.strip():
            continue
        number += 1
        builder.add(text, number)
        builder.end()
    return Document(shown, "docx", PositionKind.PARAGRAPH, builder.passages())
