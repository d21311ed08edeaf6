"""Rewriting the parts of an ``.xlsx`` file as Excel itself writes them.

openpyxl (3.1) stores each text cell as an inline string and points every relationship at
an absolute part name (``/xl/worksheets/sheet1.xml``). Both are valid Office Open XML, but
tools that read spreadsheets (accessibility checkers among them) expect what Excel writes:
text in a shared-strings table (``xl/sharedStrings.xml``, cells of type ``s`` holding an
index into it) and targets relative to the part that holds the relationship
(``worksheets/sheet1.xml`` from ``xl/workbook.xml``). :func:`as_excel_writes` turns the one
into the other, part by part, deterministically: the same parts always give the same bytes.

It rewrites openpyxl's own output, whose shape is fixed (cells written as
``<c r=".." s=".." t="inlineStr"><is><t>..</t></is></c>``), so plain patterns suffice; the
text is moved as written, already escaped.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping

SHARED_STRINGS = "xl/sharedStrings.xml"
_SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
_SHARED_STRINGS_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"

_WORKSHEET = re.compile(r"xl/worksheets/sheet(\d+)\.xml")
#: An inline string cell as openpyxl writes it: its attributes before ``t``, after ``t``,
#: and its text element's attributes and text.
_INLINE = re.compile(
    rb'<c ([^>]*?) ?t="inlineStr"([^>]*?)>'
    rb"<is><t((?: [^>]*)?)>(.*?)</t></is></c>",
    re.S,
)
#: An inline string cell with no text (an empty string).
_EMPTY_INLINE = re.compile(rb'<c ([^>]*?) ?t="inlineStr"([^>]*?)/>')
_TARGET = re.compile(rb'Target="/([^"]*)"')
_RELATIONSHIP_ID = re.compile(rb'Id="rId(\d+)"')


def as_excel_writes(
    parts: dict[str, bytes],
    shared: Mapping[tuple[bytes, bytes], int] | None = None,
    references: int = 0,
) -> dict[str, bytes]:
    """``parts`` (an ``.xlsx`` file's parts by name, in zip order) with their text in a
    shared-strings table and every relationship target relative; the new
    ``xl/sharedStrings.xml`` part comes just before ``xl/styles.xml``.

    ``shared`` are texts the sheets already refer to by index (a text element's attributes
    and escaped text, to its index: 0, 1, 2 ... in order), ``references`` how many cells
    refer to them; inline strings found in the sheets are added after them."""
    strings: dict[tuple[bytes, bytes], int] = dict(shared or {})
    worksheets = sorted(
        (int(match[1]), name) for name in parts if (match := _WORKSHEET.fullmatch(name))
    )
    rewritten = dict(parts)
    for _, name in worksheets:
        sheet, used = _share(parts[name], strings)
        rewritten[name] = sheet
        references += used
    result: dict[str, bytes] = {}
    for name, data in rewritten.items():
        if name == "xl/styles.xml" and SHARED_STRINGS not in rewritten:
            result[SHARED_STRINGS] = _shared_strings_part(strings, references)
        if name.endswith(".rels"):
            data = _relative_targets(name, data)
        if name == _WORKBOOK_RELS:
            data = _with_shared_strings_relationship(data)
        if name == "[Content_Types].xml":
            data = _with_shared_strings_type(data)
        result[name] = data
    if SHARED_STRINGS not in result:
        result[SHARED_STRINGS] = _shared_strings_part(strings, references)
    return result


def _share(sheet: bytes, strings: dict[tuple[bytes, bytes], int]) -> tuple[bytes, int]:
    """``sheet`` with each inline string cell referring to ``strings`` instead (its text
    element's attributes and text, to its index; extended with new text as it is met);
    and how many cells it rewrote."""
    used = 0

    def shared(match: re.Match[bytes]) -> bytes:
        nonlocal used
        before, after = match[1], match[2]
        index = strings.setdefault((match[3], match[4]), len(strings))
        used += 1
        return b'<c %s t="s"%s><v>%d</v></c>' % (before, after, index)

    sheet = _INLINE.sub(shared, sheet)
    # An empty text cell holds no value at all: a cell with only its style.
    sheet = _EMPTY_INLINE.sub(lambda match: b"<c %s%s/>" % (match[1], match[2]), sheet)
    return sheet, used


def _shared_strings_part(strings: dict[tuple[bytes, bytes], int], references: int) -> bytes:
    """The shared-strings part: each text once, in the order first used, with the text
    element's attributes as openpyxl wrote them (``xml:space="preserve"`` where needed)."""
    items = b"".join(b"<si><t%s>%s</t></si>" % (attributes, text) for attributes, text in strings)
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
        % (_MAIN.encode(), references, len(strings), items)
    )


def _relative_targets(name: str, data: bytes) -> bytes:
    """Relationships part ``name`` with absolute targets made relative to the folder of
    the part it belongs to (``xl/worksheets/_rels/sheet1.xml.rels`` belongs to
    ``xl/worksheets/sheet1.xml``; ``_rels/.rels`` to the package itself)."""
    folder = posixpath.dirname(posixpath.dirname(name))

    def relative(match: re.Match[bytes]) -> bytes:
        target = match[1].decode("utf-8")
        return b'Target="%s"' % posixpath.relpath(target, folder or ".").encode("utf-8")

    return _TARGET.sub(relative, data)


def _with_shared_strings_relationship(data: bytes) -> bytes:
    """The workbook's relationships, with one to the shared-strings part (a new id)."""
    if b"relationships/sharedStrings" in data:
        return data
    next_id = max((int(found) for found in _RELATIONSHIP_ID.findall(data)), default=0) + 1
    relationship = b'<Relationship Type="%s" Target="sharedStrings.xml" Id="rId%d"/>' % (
        _SHARED_STRINGS_RELATIONSHIP.encode(),
        next_id,
    )
    return data.replace(b"</Relationships>", relationship + b"</Relationships>")


def _with_shared_strings_type(data: bytes) -> bytes:
    """The content types, declaring the shared-strings part."""
    if b'PartName="/xl/sharedStrings.xml"' in data:
        return data
    override = b'<Override PartName="/%s" ContentType="%s"/>' % (
        SHARED_STRINGS.encode(),
        _SHARED_STRINGS_TYPE.encode(),
    )
    return data.replace(b"</Types>", override + b"</Types>")
