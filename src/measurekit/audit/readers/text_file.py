"""Plain text and Markdown statements: passages are paragraphs, positions are lines.

A paragraph ends at a blank line, a line of rules only (``-----``, ``=====``), a list
item or, in Markdown, a heading or a table row. Lines inside a paragraph are joined with a
space, so a sentence wrapped across lines is read whole and reported at the line where
the claim starts. Markdown's inline markup (emphasis, links, code, HTML tags) is removed
line by line, so the line numbers stay those of the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from measurekit.audit.model import Document, PassageBuilder, PositionKind
from measurekit.errors import InputError, Location

_RULE = re.compile(r"^[\s\-=_*~#|:+.]*$")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REFERENCE_LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"))


def decode(data: bytes, shown: str) -> str:
    """``data`` as text: UTF-8 (a byte-order mark is accepted), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise InputError(
            f"not readable as UTF-8 or Windows-1252 text (byte {error.start + 1})",
            Location(shown),
        ) from None


def clean(text: str) -> str:
    """``text`` without soft hyphens and zero-width characters, which split words."""
    return text.translate(_INVISIBLE)


def _read_lines(path: Path, shown: str) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", Location(shown)) from None
    return decode(data, shown).splitlines()


def read_text(path: Path, shown: str) -> Document:
    """A plain text statement, positions counted in lines (the first line is 1)."""
    builder = PassageBuilder()
    for number, line in enumerate(_read_lines(path, shown), start=1):
        line = clean(line)
        if _RULE.match(line):
            builder.end()
            continue
        if _BULLET.match(line):
            builder.end()
        builder.add(line, number)
    return Document(shown, "txt", PositionKind.LINE, builder.passages())


def strip_markdown(line: str) -> str:
    """One line of Markdown as the text a reader sees: no markup, links as their text."""
    line = _QUOTE.sub("", line)
    line = _HEADING.sub("", line)
    line = _BULLET.sub("", line)
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _REFERENCE_LINK.sub(r"\1", line)
    line = _TAG.sub(" ", line)
    line = line.replace("`", "")
    line = _EMPHASIS.sub("", line)
    return _ESCAPE.sub(r"\1", line)


def read_markdown(path: Path, shown: str) -> Document:
    """A Markdown statement, positions counted in lines of the file.

    Headings, list items and table rows are passages of their own; a table's cells are
    kept apart by tabs, which end a sentence. Fenced code blocks are skipped.
    """
    builder = PassageBuilder()
    fenced = False
    for number, raw in enumerate(_read_lines(path, shown), start=1):
        line = clean(raw)
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            builder.end()
            continue
        if fenced or _RULE.match(line):
            builder.end()
            continue
        stripped = line.strip()
        if stripped.startswith("|"):
            builder.end()
            builder.add("\t".join(strip_markdown(cell) for cell in stripped.split("|")), number)
            builder.end()
            continue
        heading = bool(_HEADING.match(line))
        if heading or _BULLET.match(line):
            builder.end()
        builder.add(strip_markdown(line), number)
        if heading:
            builder.end()
    return Document(shown, "md", PositionKind.LINE, builder.passages())
