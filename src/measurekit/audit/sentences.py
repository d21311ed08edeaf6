"""Split a passage into sentences, keeping each sentence's offset.

A sentence ends at ``.``, ``!`` or ``?`` followed by a space and a capital letter, a
digit, a bracket or a quote (so "4.7%" and "e.g. the" do not end one), and at a tab or a
bullet, which in extracted text separate table cells and list items. Known abbreviations
("approx.", "c.", "no.", "vs.") do not end a sentence.
"""

from __future__ import annotations

import itertools
import re

_ABBREVIATIONS = frozenset(
    [
        "approx",
        "c",
        "ca",
        "cf",
        "circa",
        "dept",
        "det",
        "dr",
        "e.g",
        "eg",
        "etc",
        "fig",
        "govt",
        "i.e",
        "ie",
        "inc",
        "insp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "ltd",
        "mr",
        "mrs",
        "ms",
        "no",
        "nos",
        "op",
        "para",
        "pp",
        "prof",
        "sgt",
        "st",
        "supt",
        "vs",
        "est",
        "ch",
    ]
)
_END = re.compile(r"[.!?][\"'”\u2019)\]]*\s+(?=[A-Z0-9\"'“\u2018(\[£§•])")
_BREAK = re.compile(r"[\t•▪●◦]+")
_LAST_WORD = re.compile(r"([A-Za-z.]+)\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each sentence of ``text``, in order, blank ones left out."""
    cuts: list[int] = [0]
    for match in _BREAK.finditer(text):
        cuts.extend((match.start(), match.end()))
    for match in _END.finditer(text):
        word = _LAST_WORD.search(text, 0, match.start() + 1)
        if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
            continue
        if word and len(word.group(1)) == 1 and word.group(1).isupper():
            continue  # an initial: "J. Smith"
        cuts.append(match.start() + 1)
    cuts.append(len(text))
    cuts.sort()
    spans = []
    for start, end in itertools.pairwise(cuts):
        while start < end and text[start] in " \t•▪●◦":
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans
