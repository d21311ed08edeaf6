"""Making the parts of an ``.xlsx`` file as Excel itself writes them.

openpyxl (3.1) points every relationship at an absolute part name
(``/xl/worksheets/sheet1.xml``) and has no shared-strings table: it stores text inline.
Both are valid Office Open XML, but tools that read spreadsheets (accessibility checkers
among them) expect what Excel writes: text in a shared-strings table
(``xl/sharedStrings.xml``, cells of type ``s`` holding an index into it) and targets
relative to the part that holds the relationship (``worksheets/sheet1.xml`` from
``xl/workbook.xml``). The cells are written in the shared form by
:mod:`~measurekit.outputs.workbook.xlsx_cells`; :func:`as_excel_writes` adds their table
as a part (declared and related as Excel declares it) and makes every target relative,
deterministically: the same parts always give the same bytes.
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

_TARGET = re.compile(rb'Target="/([^"]*)"')
_RELATIONSHIP_ID = re.compile(rb'Id="rId(\d+)"')


def as_excel_writes(
    parts: dict[str, bytes], strings: Mapping[tuple[bytes, bytes], int], references: int
) -> dict[str, bytes]:
    """``parts`` (an ``.xlsx`` file's parts by name, in zip order) with the shared-strings
    table ``strings`` added as ``xl/sharedStrings.xml`` (just before ``xl/styles.xml``)
    and every relationship target relative.

    ``strings`` maps a text element's attributes and escaped text to its index (0, 1, 2
    ... in order), as the sheets' cells refer to it; ``references`` is how many cells do.
    """
    result: dict[str, bytes] = {}
    for name, data in parts.items():
        if name == "xl/styles.xml" and SHARED_STRINGS not in parts:
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


def _shared_strings_part(strings: Mapping[tuple[bytes, bytes], int], references: int) -> bytes:
    """The shared-strings part: each text once, in the order of its index, with its text
    element's attributes (``xml:space="preserve"`` where needed)."""
    items = b"".join(
        b"<si><t%s>%s</t></si>" % (attributes, text)
        for attributes, text in sorted(strings, key=strings.__getitem__)
    )
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
