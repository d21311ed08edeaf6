"""What an audit reads and what it reports: passages of text, findings and their verdicts.

A :class:`Document` is a statement read into :class:`Passage` objects: runs of text that
a sentence can span (a paragraph of a text file, a Word paragraph, the text of a PDF page).
Each passage knows the position (line, paragraph or page number) of every character, so a
claim found anywhere in it is reported where it starts.
"""

from __future__ import annotations

import bisect
from enum import StrEnum
from typing import Any

import attrs

from measurekit.shared_methods import shared_methods


class PositionKind(StrEnum):
    """What the number in ``FILE:N`` counts."""

    LINE = "line"
    PARAGRAPH = "paragraph"
    PAGE = "page"


@attrs.frozen
@shared_methods
class Passage:
    """A run of text with the position of each character.

    ``starts`` and ``numbers`` are parallel: the characters from ``starts[i]`` up to
    ``starts[i + 1]`` lie at position ``numbers[i]``. ``starts[0]`` is 0.
    """

    text: str
    starts: tuple[int, ...]
    numbers: tuple[int, ...]

    def position_at(self, offset: int) -> int:
        """The line, paragraph or page number of the character at ``offset``."""
        return self.numbers[bisect.bisect_right(self.starts, offset) - 1]


class PassageBuilder:
    """Joins pieces of text, each at a known position, into passages.

    Pieces are joined with a single space; :meth:`end` closes the current passage (a blank
    line, a new paragraph, a table cell). Whitespace inside pieces is kept as it is, so
    offsets into a piece stay offsets into the passage.
    """

    def __init__(self) -> None:
        self._passages: list[Passage] = []
        self._text: list[str] = []
        self._length = 0
        self._starts: list[int] = []
        self._numbers: list[int] = []

    def add(self, text: str, position: int) -> None:
        """Append ``text``, found at ``position``, to the current passage."""
        if not text.strip():
            return
        if self._text:
            self._text.append(" ")
            self._length += 1
        if not self._numbers or self._numbers[-1] != position:
            self._starts.append(self._length)
            self._numbers.append(position)
        self._text.append(text)
        self._length += len(text)

    def end(self) -> None:
        """Close the current passage, if it holds any text."""
        if self._text:
            self._passages.append(
                Passage("".join(self._text), tuple(self._starts), tuple(self._numbers))
            )
        self._text, self._length, self._starts, self._numbers = [], 0, [], []

    def passages(self) -> tuple[Passage, ...]:
        """Every passage so far, the current one closed."""
        self.end()
        return tuple(self._passages)


@attrs.frozen
@shared_methods
class Document:
    """A statement as read: its passages in reading order, and what positions count."""

    path: str
    kind: str  # the file kind read: "txt", "md", "html", "docx" or "pdf"
    position_kind: PositionKind
    passages: tuple[Passage, ...]


class Verdict(StrEnum):
    """What the audit concluded about one claim."""

    RIGHT = "right"
    WRONG = "wrong"
    UNREADABLE = "unreadable"  # found, but not read with confidence: not checked


class ClaimKind(StrEnum):
    """The kind of claim a finding is about."""

    COUNT_CHANGE = "count_change"  # a percentage change between two counts
    PERCENT_CHANGE = "percent_change"  # a change between two percentages
    DIRECTION = "direction"  # a direction word between two figures, with no size
    QUARTER = "quarter"  # a financial quarter and its months
    CHANGE = "change"  # a change whose figures could not be read


@attrs.frozen
@shared_methods
class Finding:
    """One claim, where it is, and the verdict on it.

    ``claim`` is the claim's own text, whitespace collapsed. ``detail`` says what the
    numbers give (for a wrong claim), or why the claim could not be read. ``figures``
    holds the values read and computed, for the JSON report.
    """

    position: int
    kind: ClaimKind
    claim: str
    verdict: Verdict
    detail: str
    figures: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen
@shared_methods
class FileAudit:
    """The findings in one file, in reading order."""

    path: str
    kind: str
    position_kind: PositionKind
    findings: tuple[Finding, ...]


@attrs.frozen
@shared_methods
class AuditReport:
    """The audit of every file given, with the totals the summary prints."""

    files: tuple[FileAudit, ...]

    def count(self, verdict: Verdict) -> int:
        """How many findings, across all files, have ``verdict``."""
        return sum(
            1 for audit in self.files for finding in audit.findings if finding.verdict == verdict
        )

    @property
    def checked(self) -> int:
        """Claims read and checked: the right ones and the wrong ones."""
        return self.count(Verdict.RIGHT) + self.count(Verdict.WRONG)

    @property
    def wrong(self) -> int:
        """Claims whose own numbers do not give them."""
        return self.count(Verdict.WRONG)

    @property
    def unreadable(self) -> int:
        """Claims found but not read with confidence, so not checked."""
        return self.count(Verdict.UNREADABLE)
