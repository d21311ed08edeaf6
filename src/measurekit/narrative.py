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
from measurekit.input_files import may_quote, read_text_limited
from measurekit.limits import MAX_CELL_CHARS, MAX_NARRATIVE_BYTES
from measurekit.model.statement import Block, BulletList, Narrative, Paragraph
from measurekit.text_rules import excerpt, forbidden_line_message

HEADINGS = {"force response": "force_response", "ongoing focus": "ongoing_focus"}
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")


def read_narrative(path: Path) -> Narrative:
    """Parse the narrative file at ``path``; raise :class:`InputError` on anything unknown."""
    try:
        text = read_text_limited(path, MAX_NARRATIVE_BYTES, "the narrative file")
    except InputError as error:
        message = "narrative file not found" if error.message == "file not found" else None
        if message is None and error.message.startswith("not UTF-8"):
            message = "narrative file is not UTF-8 text"
        if message is None:
            raise
        raise InputError(message, Location(path)) from None
    return parse_narrative(text, path)


def _fits(text: str, what: str, path: Path | str, line: int) -> str:
    """``text`` when a spreadsheet cell can hold it; an error naming the line where the
    paragraph or bullet starts otherwise (text is never cut short)."""
    if len(text) > MAX_CELL_CHARS:
        raise InputError(
            f"the {what} starting here is {len(text):,} characters long; a spreadsheet cell "
            f"holds at most {MAX_CELL_CHARS:,}, so split it into shorter {what}s",
            Location(path, line, row_name="line"),
        )
    return text


def parse_narrative(text: str, path: Path | str = "<narrative>") -> Narrative:
    """Parse narrative Markdown held in ``text`` (``path`` is used in error messages)."""
    parts: dict[str, list[Block]] = {}
    current: list[Block] | None = None
    paragraph: list[str] = []
    bullets: list[str] = []
    started = 0  # the line the paragraph or bullet being read started on

    def flush() -> None:
        if current is None:
            return
        if paragraph:
            current.append(Paragraph(_fits(" ".join(paragraph), "paragraph", path, started)))
            paragraph.clear()
        if bullets:
            current.append(BulletList(tuple(bullets)))
            bullets.clear()

    quotable = isinstance(path, str) or may_quote(path)
    found = forbidden_line_message(text)
    if found:
        number, problem = found
        raise InputError(f"the line {problem}", Location(path, number, row_name="line"))
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        heading = _HEADING.match(line)
        if heading:
            flush()
            key = HEADINGS.get(heading[1].strip().lower().rstrip(":"))
            shown = f" {excerpt(heading[1])}" if quotable else ""
            if key is None:
                raise InputError(
                    f"unknown heading{shown}; use 'Force response' or 'Ongoing focus'",
                    Location(path, number, row_name="line"),
                )
            if key in parts:
                raise InputError(
                    f"the heading{shown} appears twice", Location(path, number, row_name="line")
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
            started = number
            bullets.append(_fits(bullet[1].strip(), "bullet", path, started))
        elif bullets and raw[:1].isspace():
            bullets[-1] = _fits(f"{bullets[-1]} {line}", "bullet", path, started)
        else:
            if bullets:
                flush()
            if not paragraph:
                started = number
            paragraph.append(line)
    flush()
    return Narrative(tuple(parts.get("force_response", ())), tuple(parts.get("ongoing_focus", ())))
