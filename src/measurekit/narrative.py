"""Authored narrative: a small Markdown file per section.

The file has two headings, ``Force response`` and ``Ongoing focus`` (any level, any case),
each followed by paragraphs (separated by blank lines) and bullet lists (lines starting
``-``, ``*`` or ``+``). Text before the first heading, or under any other heading, is an
error naming the file and line, so nothing an author writes is silently dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

from measurekit.errors import InputError, Location
from measurekit.model.statement import Block, BulletList, Narrative, Paragraph

HEADINGS = {"force response": "force_response", "ongoing focus": "ongoing_focus"}
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")


def read_narrative(path: Path) -> Narrative:
    """Parse the narrative file at ``path``; raise :class:`InputError` on anything unknown."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("narrative file not found", Location(path)) from None
    except UnicodeDecodeError:
        raise InputError("narrative file is not UTF-8 text", Location(path)) from None
    return parse_narrative(text, path)


def parse_narrative(text: str, path: Path | str = "<narrative>") -> Narrative:
    """Parse narrative Markdown held in ``text`` (``path`` is used in error messages)."""
    parts: dict[str, list[Block]] = {}
    current: list[Block] | None = None
    paragraph: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if current is None:
            return
        if paragraph:
            current.append(Paragraph(" ".join(paragraph)))
            paragraph.clear()
        if bullets:
            current.append(BulletList(tuple(bullets)))
            bullets.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        heading = _HEADING.match(line)
        if heading:
            flush()
            key = HEADINGS.get(heading[1].strip().lower().rstrip(":"))
            if key is None:
                raise InputError(
                    f"unknown heading {heading[1]!r}; use 'Force response' or 'Ongoing focus'",
                    Location(path, number, row_name="line"),
                )
            if key in parts:
                raise InputError(
                    f"heading {heading[1]!r} appears twice", Location(path, number, row_name="line")
                )
            current = parts[key] = []
            continue
        if not line:
            flush()
            continue
        if current is None:
            raise InputError(
                "text before the first heading; start with '## Force response'",
                Location(path, number, row_name="line"),
            )
        bullet = _BULLET.match(raw)
        if bullet:
            if paragraph:
                flush()
            bullets.append(bullet[1].strip())
        elif bullets and raw[:1].isspace():
            bullets[-1] = f"{bullets[-1]} {line}"
        else:
            if bullets:
                flush()
            paragraph.append(line)
    flush()
    return Narrative(tuple(parts.get("force_response", ())), tuple(parts.get("ongoing_focus", ())))
