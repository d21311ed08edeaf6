"""HTML statements: passages are the text of block elements, positions are source lines.

Tags are dropped and their text kept; each block element (a paragraph, a heading, a list
item, a table cell, a line break) starts a new passage, so a sentence never runs from
one cell into the next. Scripts, styles and templates are skipped. The position of a
character is the line of the HTML file it came from.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from measurekit.audit.model import Document, PassageBuilder, PositionKind
from measurekit.audit.readers.text_file import clean, decode
from measurekit.errors import InputError, Location

#: Elements that start and end a passage of their own.
BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
#: Elements whose content is not text a reader sees.
SKIPPED = frozenset({"script", "style", "template", "noscript", "head"})


class _TextCollector(HTMLParser):
    """Collects the visible text of a document into passages, by source line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = PassageBuilder()
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":  # a head left open ends where the body starts
            self._skipping = [name for name in self._skipping if name != "head"]
        if tag in SKIPPED:
            self._skipping.append(tag)
        elif tag in BLOCKS:
            self.builder.end()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.builder.end()

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()
        elif tag in BLOCKS:
            self.builder.end()

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        line, _column = self.getpos()
        for index, piece in enumerate(data.split("\n")):
            self.builder.add(clean(piece), line + index)


def read_html(path: Path, shown: str) -> Document:
    """An HTML statement, positions counted in lines of the HTML source."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", Location(shown)) from None
    collector = _TextCollector()
    collector.feed(decode(data, shown))
    collector.close()
    return Document(shown, "html", PositionKind.LINE, collector.builder.passages())
