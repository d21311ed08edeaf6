"""What text may hold: the characters a statement, a workbook and a terminal can all take.

Text enters from the statement file, narrative files and data files. Control characters
(NUL, BEL, ESC, DEL, the C1 block) cannot be stored in a workbook's XML and would act on a
terminal when echoed; Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0 to U+FDEF, and the last
two code points of every plane) make a workbook that spreadsheet programs open empty. Tab,
line feed and carriage return are ordinary white space and are allowed.

:func:`first_forbidden` finds the first such character; :func:`describe_character` names it for an
error message; :func:`terminal_safe` makes any text safe to print, whatever it holds.
"""

from __future__ import annotations

import re

from measurekit.limits import MAX_EXCERPT_CHARS

#: Control characters other than tab, line feed and carriage return, and noncharacters.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + last) for plane in range(17) for last in (0xFFFE, 0xFFFF))
    + "]"
)
#: The same in UTF-8 bytes, for readers that scan undecoded data.
FORBIDDEN_UTF8 = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xef\xb7[\x90-\xaf]|\xef\xbf[\xbe\xbf]"
    rb"|[\xf0-\xf4][\x8f\x9f\xaf\xbf]\xbf[\xbe\xbf]"
)
#: The ASCII bytes text may hold: the printable ones, tab, line feed and carriage return.
_ALLOWED_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def has_forbidden_utf8(data: bytes) -> bool:
    """Whether UTF-8 ``data`` holds a forbidden character, found at C speed: the allowed
    ASCII bytes are deleted first (usually leaving nothing), and the pattern runs on what
    is left, whose multi-byte characters stay whole."""
    rest = data.translate(None, _ALLOWED_ASCII)
    return bool(rest) and FORBIDDEN_UTF8.search(rest) is not None


#: What :func:`terminal_safe` escapes: every control character, and the bidirectional
#: controls that could make a line read differently from what it holds.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL"}


def first_forbidden(text: str) -> re.Match[str] | None:
    """The first character of ``text`` no statement may hold, or None.

    Every forbidden character is unprintable, so printable text (nearly all of it) is
    passed by :meth:`str.isprintable`, many times faster than the pattern."""
    if text.isprintable():
        return None
    return FORBIDDEN.search(text)


def describe_character(character: str) -> str:
    """A character named for an error message: ``U+001B (ESC)``, ``U+FFFF (a noncharacter)``."""
    code = ord(character)
    name = _NAMES.get(code) or ("a control character" if code <= 0x9F else "a noncharacter")
    return f"U+{code:04X} ({name})"


def forbidden_message(text: str) -> str | None:
    """Why ``text`` cannot go into a statement, or None when it can."""
    found = first_forbidden(text)
    if found is None:
        return None
    return f"holds {describe_character(found[0])} at character {found.start() + 1}; {_WHY}"


_WHY = "control characters and Unicode noncharacters cannot go into a statement"


def forbidden_line_message(text: str) -> tuple[int, str] | None:
    """For a whole file's ``text``: the line of its first forbidden character and a
    message naming the character and its column; None when there is none."""
    where = forbidden_in_lines(text)
    if where is None:
        return None
    line, column, name = where
    return line, f"holds {name} at column {column}; {_WHY}"


def forbidden_in_lines(text: str) -> tuple[int, int, str] | None:
    """Where the first forbidden character of a whole file's ``text`` is: its line and
    column (counting from 1, lines split at line feeds only) and why it is refused.

    Scan the text whole, before splitting it into lines: :meth:`str.splitlines` also
    splits at some control characters (U+000B, U+000C, U+001C to U+001E, U+0085), which
    would then vanish unseen."""
    found = first_forbidden(text)
    if found is None:
        return None
    position = found.start()
    line_start = text.rfind("\n", 0, position) + 1
    line = text.count("\n", 0, position) + 1
    return line, position - line_start + 1, describe_character(found[0])


def terminal_safe(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character written as an escape (``\\x1b``), so that
    printing it cannot move the cursor, change colours or split one line into several.
    Line feeds are kept when ``keep_newlines``."""

    def escape(match: re.Match[str]) -> str:
        character = match[0]
        if keep_newlines and character == "\n":
            return character
        return repr(character)[1:-1] if ord(character) < 0x100 else f"\\u{ord(character):04x}"

    return _UNPRINTABLE.sub(escape, text)


def excerpt(text: str) -> str:
    """A short quotation of ``text`` for an error message: repr-quoted, escaped, and cut
    to :data:`~measurekit.limits.MAX_EXCERPT_CHARS` characters with ``...`` when longer."""
    if len(text) > MAX_EXCERPT_CHARS:
        return repr(text[:MAX_EXCERPT_CHARS]) + "..."
    return repr(text)


#: A first word written in lower case on purpose: a web address such as police.uk or gov.uk.
_LOWER_ON_PURPOSE = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b(?![.\w])")


def upper_first(text: str) -> str:
    """``text`` with its first letter in upper case, to start a sentence or a list item,
    unless it starts with a name always written in lower case: ``"police.uk street-level
    files"`` stays as it is (police.uk writes itself so), ``"crime data"`` becomes
    ``"Crime data"``."""
    if _LOWER_ON_PURPOSE.match(text):
        return text
    return text[:1].upper() + text[1:]
