"""Find financial quarter labels written with their months.

Labels read: "Q4 23/24", "Q4 2023/24", "Quarter 1 2023/24", "Q1 of 2023-24", "2023-24 Q1",
"2023/24 Quarter 1", "first quarter of 2023/24"; months read: "January - March 2023",
"April to June 2023", "Jan-Mar 2024", "October 2023 to December 2023", or no year at
all ("April to June"). A claim is a label and its months side by side, either way round,
one of them in brackets (or, label first, after a colon or a dash):

- "Q4 23/24 (January - March 2023)";
- "April to June 2023 (Quarter 1 2023/24)".

A label with a calendar year only ("Q1 2023 (January to March 2023)") could be a calendar
or a financial quarter, and one that is part of a span ("Q1-Q2 2023/24 (April to
September 2023)") covers more than one: both are found but not read, and so are months
spanning other than three months ("Q1 2023/24 (July 2022 to June 2023)" may name the
12-month window that ends with the quarter). A year pair that is
not a financial year ("2023/25") is not read either. A quarter label without months says
nothing to check and is not a claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from measurekit.audit.claims import QuarterClaim, UnreadableClaim
from measurekit.audit.vocabulary import MONTH, MONTH_NUMBERS

_I = re.IGNORECASE
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_YEARS = (
    r"(?:FY\s?)?(?P<{y1}>(?:19|20)\d{{2}}|\d{{2}})\s?[/\-\u2013]\s?"
    r"(?P<{y2}>(?:19|20)\d{{2}}|\d{{2}})\b"
)
_QUARTER = (
    r"(?:Q(?P<{q}>[1-4])|Quarter\s+(?P<{qw}>[1-4])|"
    r"(?P<{qo}>first|second|third|fourth)\s+quarter)"
)
#: "Q4 23/24", "Quarter 1 of 2023/24", "Q1 2023" (calendar) or "2023-24 Q1".
_LABEL = (
    r"(?P<label>"
    + _QUARTER.format(q="q", qw="qw", qo="qo")
    + r"\s*(?:of\s+|,\s*)?(?:"
    + _YEARS.format(y1="y1", y2="y2")
    + r"|(?P<yc>(?:19|20)\d{2})\b(?!\s?[/\-\u2013]\s?\d))|"
    + _YEARS.format(y1="z1", y2="z2")
    + r"\s+"
    + _QUARTER.format(q="p", qw="pw", qo="po")
    + r")"
)

_MONTHS = (
    rf"(?P<m1>{MONTH})(?:\s+(?P<my1>(?:19|20)\d{{2}}))?\s*(?:to|until|through|-|\u2013|\u2014|\u2012)\s*"
    rf"(?P<m2>{MONTH})(?:\s+(?P<my2>(?:19|20)\d{{2}}))?"
)
_LABEL_THEN_MONTHS = re.compile(
    rf"{_LABEL}\s*(?:\(\s*|\[\s*|:\s*|[\u2013\u2014-]\s+){_MONTHS}(?:\s*[)\]])?", _I
)
_MONTHS_THEN_LABEL = re.compile(rf"{_MONTHS}\s*(?:\(\s*|\[\s*){_LABEL}(?:\s*[)\]])?", _I)
_SPAN_BEFORE = re.compile(
    r"(?:Q[1-4]|quarter\s+[1-4]|[1-4])\s*(?:-|\u2013|\u2014|to|and|&)\s*$", _I
)


def _month(name: str) -> int:
    return MONTH_NUMBERS[name.lower().rstrip(".")]


def _group(match: re.Match[str], *names: str) -> str | None:
    return next((match.group(name) for name in names if match.group(name)), None)


def _read(match: re.Match[str], sentence: str, offset: int) -> QuarterClaim | UnreadableClaim:
    text = " ".join(match.group().split())
    if text[-1] in ")]" and "(" not in text and "[" not in text:
        text = text[:-1].rstrip()
    where = offset + match.start()
    label = " ".join(match.group("label").split())
    if _SPAN_BEFORE.search(sentence, 0, match.start("label")):
        return UnreadableClaim(text, where, "the label spans more than one quarter", True)
    quarter_text = _group(match, "q", "qw", "p", "pw")
    ordinal = _group(match, "qo", "po")
    quarter = int(quarter_text) if quarter_text else _ORDINALS[(ordinal or "").lower()]
    if match.group("yc"):
        return UnreadableClaim(
            text, where, "a calendar year alone: a calendar or a financial quarter?", True
        )
    first_text = _group(match, "y1", "z1") or ""
    second_text = _group(match, "y2", "z2") or ""
    first = int(first_text) if len(first_text) == 4 else 2000 + int(first_text)
    if int(second_text) % 100 != (first + 1) % 100 or (
        len(second_text) == 4 and int(second_text) != first + 1
    ):
        return UnreadableClaim(
            text, where, f"{first_text}/{second_text} is not a financial year", True
        )
    start_year = int(match.group("my1")) if match.group("my1") else None
    end_year = int(match.group("my2")) if match.group("my2") else None
    if start_year is not None and end_year is None:
        return UnreadableClaim(text, where, "the months' years are incomplete", True)
    start_month, end_month = _month(match.group("m1")), _month(match.group("m2"))
    if end_year is None:
        months = (end_month - start_month) % 12 + 1
    else:
        first_month_year = start_year or (end_year if start_month <= end_month else end_year - 1)
        months = (end_year - first_month_year) * 12 + end_month - start_month + 1
    if months != 3:
        return UnreadableClaim(
            text, where, f"the months span {months}, not a quarter (a longer window?)", True
        )
    return QuarterClaim(
        text,
        where,
        label,
        quarter,
        first,
        start_month,
        start_year,
        end_month,
        end_year,
    )


def find_quarters(sentence: str, offset: int = 0) -> Iterator[QuarterClaim | UnreadableClaim]:
    """The quarter labels with months in one sentence (not masked), in order."""
    seen: list[tuple[int, int]] = []
    for pattern in (_LABEL_THEN_MONTHS, _MONTHS_THEN_LABEL):
        for match in pattern.finditer(sentence):
            if any(start < match.end() and match.start() < end for start, end in seen):
                continue
            seen.append(match.span())
            yield _read(match, sentence, offset)
