"""Find the changes a sentence claims: a percentage or points figure and the two figures
it describes.

A claim is found in two steps, both on the masked sentence (see
:mod:`~measurekit.audit.masking`):

1. **Change figures.** A percentage or points figure is a change figure when its own
   words make it one: "a reduction of 4.7%", "a 12% increase", "reduced by 8.1 per cent",
   "up 12%", "5.1 points lower", a sign ("-5.4%"), or brackets straight after a pair of
   figures ("from 826 to 802 (2.9%)"). "75% of victims" is a level, not a change, and is
   not a claim.
2. **The two figures it describes**, by one of these shapes, each tight enough to leave
   no doubt which figures are meant:

   - a pair, then the change: "fell from 28 to 16, a reduction of 42.9%",
     "from 826 to 802 (-2.9%)";
   - the change, then a pair: "reduced by 8.1 per cent from 826 to 802",
     "a 5% increase from 400 to 420", "up 5% (400 to 420)";
   - the later figure, the change, then the earlier one: "586 knife crime offences, a 12%
     increase on the 523 recorded", "75.0%, 5.1 points lower than the 80.1%", and further
     changes chained to it with "and": "... and an increase of 17.9% on the 497";
   - "586 against 523 (12.0% increase)".

   A pair of figures with a direction verb and no change figure ("rose from 400 to 420")
   is a claim of direction alone.

A change figure none of these shapes explains, or that is hedged ("about 5%"), a range
("10 to 15%"), negated ("did not fall by 5%"), or whose words disagree with its own sign,
is returned as an :class:`~measurekit.audit.claims.UnreadableClaim`: counted, not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from measurekit.audit.claims import (
    ChangeClaim,
    ChangeUnit,
    Claim,
    Direction,
    Figure,
    UnreadableClaim,
)
from measurekit.audit.vocabulary import (
    CONJUNCTIONS,
    DOWN_ADJECTIVES,
    DOWN_NOUNS,
    DOWN_VERBS,
    HEDGES,
    MONTH,
    NEGATIONS,
    NEUTRAL_NOUNS,
    UP_ADJECTIVES,
    UP_NOUNS,
    UP_VERBS,
    direction_of,
)
from measurekit.shared_methods import shared_methods

_I = re.IGNORECASE
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER_ENDS = r"(?![\w§]|[.,]\d)"
_PERCENT_SIGN = r"(?:\s?%|\s?per\s?cent\b|\s?percent\b)"
_UNIT = (
    r"(?:%\s?(?:points?|pts?)\b|per\s?cent(?:age)?\s?points?\b|percent(?:age)?\s?points?\b|"
    r"percentage[\s-]points?\b|%|per\s?cent\b|percent\b|points?\b|ppts?\b|pp\b|pts?\b)"
)
_NOUNS = rf"(?:{UP_NOUNS}|{DOWN_NOUNS}|{NEUTRAL_NOUNS})"
_VERBS = rf"(?:{UP_VERBS}|{DOWN_VERBS})"
_ADJECTIVES = rf"(?:{UP_ADJECTIVES}|{DOWN_ADJECTIVES})"
_HEDGE = rf"(?P<hedge>\b{HEDGES}\s*)?"


def _value(name: str) -> str:
    """A figure as the earlier or later value of a change: a count or a percentage."""
    return (
        rf"(?<![\w.,£$€§/+\-\u2212\u2013])[£$€]?(?P<{name}>{NUMBER}){_NUMBER_ENDS}"
        rf"(?P<{name}_pct>{_PERCENT_SIGN})?"
    )


_CHANGE = (
    rf"(?:(?<![\w.,%§])(?P<sign>[+\-\u2212\u2013])|(?<![\w.,£$€§+\-\u2212\u2013]))"
    rf"(?P<chg>{NUMBER}){_NUMBER_ENDS}\s?(?P<unit>{_UNIT})"
)

#: The ways a figure is marked as a change, by name.
ANCHOR_FORMS: dict[str, re.Pattern[str]] = {
    "noun of": re.compile(
        rf"\b(?:an?\s+)?(?P<dir>{_NOUNS})\s+(?:(?:in|for|on|across)\s+[^\d§,;:()]{{1,40}}?\s+)?"
        rf"of\s+{_HEDGE}{_CHANGE}",
        _I,
    ),
    "figure noun": re.compile(rf"(?:\ban?\s+)?{_HEDGE}{_CHANGE}[\s-]+(?P<dir>{_NOUNS})\b", _I),
    "verb": re.compile(rf"\b(?P<dir>{_VERBS})\s+(?:\w+ly\s+)?(?:by\s+)?{_HEDGE}{_CHANGE}", _I),
    "figure comparative": re.compile(rf"{_HEDGE}{_CHANGE}\s+(?P<dir>{_ADJECTIVES})\b", _I),
    "signed": re.compile(
        rf"(?<![\w.,%§])(?P<sign>[+\-\u2212\u2013])(?P<chg>{NUMBER}){_NUMBER_ENDS}\s?(?P<unit>{_UNIT})",
        _I,
    ),
    "bracketed": re.compile(rf"\(\s*{_CHANGE}\s*\)", _I),
}

_PAIRS = (
    re.compile(
        rf"\bfrom\s+(?P<hedge_a>{HEDGES}\s*)?{_value('a')}(?P<gap>[^\d;:]{{0,40}}?)\s+to\s+"
        rf"(?P<hedge_b>{HEDGES}\s*)?{_value('b')}",
        _I,
    ),
    re.compile(
        rf"\bto\s+(?P<hedge_b>{HEDGES}\s*)?{_value('b')}(?P<gap>[^\d;:]{{0,40}}?)\s+from\s+"
        rf"(?P<hedge_a>{HEDGES}\s*)?{_value('a')}",
        _I,
    ),
    re.compile(rf"\(\s*{_value('a')}\s*(?:to|→|->)\s*{_value('b')}\s*\)", _I),
)
_VALUE = re.compile(_value("v"), _I)
_VERB_BEFORE = re.compile(rf"\b(?P<dir>{_VERBS})\s+(?:\w+ly\s+)?$", _I)
_RANGE_BEFORE = re.compile(r"\d\s*(?:%|per\s?cent)?\s*(?:-|\u2013|\u2014|to|or|and)\s*$", _I)
_NEGATED = re.compile(rf"(?:{NEGATIONS})(?:\s+\w+){{0,2}}\s*$", _I)
_CONJUNCTION = re.compile(CONJUNCTIONS, _I)
_DIRECTION_WORD = re.compile(rf"\b(?:{_NOUNS}|{_VERBS}|{_ADJECTIVES})\b", _I)

#: Between a pair and the change that follows it: a few words, then a comma or bracket.
_PAIR_THEN_CHANGE = re.compile(
    r"^(?P<tail>[^\d,;:()]{0,40}?)\s*[,;:\u2013\u2014-]?\s*\(?\s*"
    r"(?:(?:which|this|that|it)\s+(?:is|was|represents|represented|means)\s+|"
    r"representing\s+|equating\s+to\s+|equivalent\s+to\s+|or\s+|i\.e\.\s*)*$",
    _I,
)
#: Between a change and the pair that follows it: a comma, or what it is a change in.
_CHANGE_THEN_PAIR = re.compile(
    r"^\s*,?\s*(?:(?:in|for|among|across|of|on|over|since|than|against|compared\s+(?:with|to))"
    r"\s+(?P<tail>[^\d,;:()]{1,40}?)\s*)?,?\s*$",
    _I,
)
#: Between the later figure and its change: what it counts, then a comma or colon.
_LATER_THEN_CHANGE = re.compile(r"^(?P<tail>[^\d,;:()]{0,60}?)\s*[,:\u2013\u2014-]?\s*\(?\s*$", _I)
#: After a change: the word that introduces the earlier figure, then that figure.
_LINK_TO_EARLIER = re.compile(
    r"^\s*(?:on|from|against|compared\s+(?:with|to)|when\s+compared\s+(?:with|to)|than|"
    rf"over|versus|vs\.?)\s+(?P<tail>[^\d,;:()]{{0,40}}?)\(?{_value('a')}",
    _I,
)
#: "586 against 523", then the change.
_AGAINST = re.compile(
    rf"{_value('b')}\s+(?:against|compared\s+(?:with|to)|versus|vs\.?)\s+(?:the\s+)?"
    rf"{_value('a')}(?P<tail>[^\d,;:()]{{0,40}}?)\s*[,;:\u2013\u2014-]?\s*\(?\s*$",
    _I,
)
#: Between one change's earlier figure and the next change of the same later figure.
_CHAIN = re.compile(
    r"^(?:\s*(?:[§/\-\u2013]+|recorded|in|the|during|for|of|to|ending|end|same|period|periods|"
    r"year|years|months?|previous|prior|last|preceding|earlier|before|baseline|financial|"
    rf"calendar|quarters?|a|an|at|that|time|ago|{MONTH}))*\s*,?\s+and\s+$",
    _I,
)


@attrs.frozen
@shared_methods
class _Anchor:
    """A change figure: where it is, what it says, and why it cannot be read, if so."""

    start: int
    end: int
    change: Figure
    unit: ChangeUnit
    directions: tuple[Direction, ...]
    bracketed_only: bool
    problem: str | None


@attrs.frozen
@shared_methods
class _Pair:
    """Two figures written as a change from one to the other."""

    start: int  # where its direction verb starts, if it has one
    core: int  # where "from" (or "to", or the bracket) starts
    end: int
    before: Figure
    after: Figure
    directions: tuple[Direction, ...]
    problem: str | None


@attrs.frozen
@shared_methods
class _Reading:
    """One way of reading an anchor's two figures, and the span the claim covers."""

    start: int
    end: int
    before: Figure
    after: Figure
    directions: tuple[Direction, ...] = ()
    problem: str | None = None


def _figure(match: re.Match[str], name: str) -> Figure:
    return Figure.parse(match.group(name), bool(match.group(f"{name}_pct")))


def _unit(text: str) -> ChangeUnit:
    text = text.lower()
    return ChangeUnit.POINTS if "p" in text.replace("per", "") else ChangeUnit.PERCENT


def _find_anchors(masked: str) -> list[_Anchor]:
    """Every change figure in the sentence, in order, one per figure."""
    found: dict[tuple[int, int], list[tuple[str, re.Match[str]]]] = {}
    for name, pattern in ANCHOR_FORMS.items():
        for match in pattern.finditer(masked):
            found.setdefault(match.span("chg"), []).append((name, match))
    anchors = []
    for (chg_start, _chg_end), matches in sorted(found.items()):
        first = matches[0][1]
        directions: list[Direction] = []
        problem = None
        for _name, match in matches:
            if match.group("sign"):
                sign = match.group("sign")
                directions.append(Direction(sign, 1 if sign == "+" else -1))
            word = match.groupdict().get("dir")
            if word and direction_of(word):
                directions.append(Direction(" ".join(word.lower().split()), direction_of(word)))
            if "hedge" in match.groupdict() and match.group("hedge"):
                problem = f"the figure is approximate or a bound ({match.group('hedge').strip()})"
        start = min(match.start() for _name, match in matches)
        end = max(match.end() for _name, match in matches)
        if len({direction.sign for direction in directions}) > 1:
            problem = "its words and its sign disagree on the direction"
        if _RANGE_BEFORE.search(masked, 0, chg_start - (1 if first.group("sign") else 0)):
            problem = "the figure is a range"
        if _NEGATED.search(masked, max(0, start - 30), start):
            problem = "the change is negated"
        anchors.append(
            _Anchor(
                start,
                end,
                Figure.parse(first.group("chg")),
                _unit(first.group("unit")),
                tuple(dict.fromkeys(directions)),
                all(name == "bracketed" for name, _match in matches),
                problem,
            )
        )
    return anchors


def _find_pairs(masked: str) -> list[_Pair]:
    """Every "from A to B" (or "to B from A", "(A to B)") in the sentence."""
    pairs = []
    for pattern in _PAIRS:
        for match in pattern.finditer(masked):
            before, after = _figure(match, "a"), _figure(match, "b")
            gap = match.groupdict().get("gap") or ""
            if after.percent and not before.percent and not gap.strip():
                before = attrs.evolve(before, percent=True)  # "from 2.5 to 3.0 per cent"
            groups = match.groupdict()
            problem = None
            if groups.get("hedge_a") or groups.get("hedge_b"):
                problem = "a figure is approximate or a bound"
            elif _CONJUNCTION.search(gap):
                problem = "the two figures are in different clauses"
            directions: tuple[Direction, ...] = ()
            verb = _VERB_BEFORE.search(masked, 0, match.start())
            start = match.start()
            if verb:
                word = " ".join(verb.group("dir").lower().split())
                directions = (Direction(word, direction_of(word)),)
                start = verb.start()
            pairs.append(
                _Pair(start, match.start(), match.end(), before, after, directions, problem)
            )
    return sorted(pairs, key=lambda pair: pair.start)


def _clean_tail(text: str | None) -> bool:
    """True when the words between two parts of a claim join them, not other clauses."""
    return not text or not (_CONJUNCTION.search(text) or _DIRECTION_WORD.search(text))


def _pair_readings(anchor: _Anchor, pairs: list[_Pair], masked: str) -> list[_Reading]:
    readings = []
    for pair in pairs:
        if pair.end <= anchor.start:
            gap = _PAIR_THEN_CHANGE.match(masked[pair.end : anchor.start])
        elif pair.core >= anchor.end:
            gap = _CHANGE_THEN_PAIR.match(masked[anchor.end : pair.core])
        else:
            continue
        if gap and _clean_tail(gap.group("tail")):
            readings.append(
                _Reading(
                    min(pair.start, anchor.start),
                    max(pair.end, anchor.end),
                    pair.before,
                    pair.after,
                    pair.directions,
                    pair.problem,
                )
            )
    return readings


def _earlier_after(anchor: _Anchor, masked: str) -> re.Match[str] | None:
    """The earlier figure a change is "on" or "than": "a 12% increase on the 523"."""
    link = _LINK_TO_EARLIER.match(masked[anchor.end :])
    if not link or not _clean_tail(link.group("tail")):
        return None
    if re.match(r"\s*to\b", masked[anchor.end + link.end() :]):
        return None  # "from 523 to 586" is a pair, read as one
    return link


def _later_first_reading(anchor: _Anchor, masked: str) -> _Reading | None:
    """ "586 offences, a 12% increase on the 523": the later figure leads the sentence."""
    earlier = _earlier_after(anchor, masked)
    if earlier is None:
        return None
    later = None
    for value in _VALUE.finditer(masked, 0, anchor.start):
        later = value
    if later is None:
        return None
    gap = _LATER_THEN_CHANGE.match(masked[later.end() : anchor.start])
    if not gap or not _clean_tail(gap.group("tail")):
        return None
    problem = None
    if re.search(r"\d", masked[: later.start()]):
        problem = "more than one figure could be the one the change describes"
    return _Reading(
        later.start(),
        anchor.end + earlier.end(),
        _figure(earlier, "a"),
        _figure(later, "v"),
        problem=problem,
    )


def _against_reading(anchor: _Anchor, masked: str) -> _Reading | None:
    """ "586 against 523 (12.0% increase)"."""
    match = None
    for candidate in _AGAINST.finditer(masked, 0, anchor.start):
        match = candidate
    if match is None or match.end() != anchor.start or not _clean_tail(match.group("tail")):
        return None
    return _Reading(match.start(), anchor.end, _figure(match, "a"), _figure(match, "b"))


def _chained_reading(anchor: _Anchor, previous: _Reading | None, masked: str) -> _Reading | None:
    """ "... on the 523 recorded in 2022 and an increase of 17.9% on the 497"."""
    if previous is None or not _CHAIN.match(masked[previous.end : anchor.start]):
        return None
    earlier = _earlier_after(anchor, masked)
    if earlier is None:
        return None
    return _Reading(
        anchor.start,
        anchor.end + earlier.end(),
        _figure(earlier, "a"),
        previous.after,
        problem=previous.problem,
    )


def _quote(sentence: str, start: int, end: int) -> str:
    """The claim's words, whitespace collapsed, with a bracket it opened closed."""
    text = sentence[start:end]
    if text.count("(") > text.count(")"):
        closing = re.match(r"\s*\)", sentence[end:])
        text += closing.group() if closing else ""
    return " ".join(text.split())


def find_changes(sentence: str, masked: str, offset: int = 0) -> Iterator[Claim]:
    """The change claims in one sentence, in order.

    ``masked`` is the sentence as :func:`~measurekit.audit.masking.mask` gives it; claims
    are quoted from ``sentence``. ``offset`` is the sentence's start in its passage.
    """
    anchors = _find_anchors(masked)
    pairs = _find_pairs(masked)
    used_pairs: set[int] = set()
    previous: _Reading | None = None
    for anchor in anchors:
        paired = _pair_readings(anchor, pairs, masked)
        readings = paired or [
            reading
            for reading in (
                _against_reading(anchor, masked),
                _later_first_reading(anchor, masked),
            )
            if reading is not None
        ]
        if not readings:
            chained = _chained_reading(anchor, previous, masked)
            readings = [chained] if chained else []
        if not readings and anchor.bracketed_only:
            previous = None
            continue  # "(12%)" with no pair beside it is a share, not a change
        claim_start = min([anchor.start, *(reading.start for reading in readings)])
        claim_end = max([anchor.end, *(reading.end for reading in readings)])
        text = _quote(sentence, claim_start, claim_end)
        figures = {(r.before, r.after) for r in readings}
        problem = anchor.problem or next((r.problem for r in readings if r.problem), None)
        if not readings:
            problem = problem or "the two figures it compares are not beside it"
        elif len(figures) > 1:
            problem = "it could describe more than one pair of figures"
        for pair in pairs:
            if any(r.start <= pair.start and pair.end <= r.end for r in readings):
                used_pairs.add(id(pair))
        if problem:
            previous = None
            yield UnreadableClaim(text, offset + claim_start, problem)
            continue
        reading = readings[0]
        previous = reading if not paired else None
        yield ChangeClaim(
            text,
            offset + claim_start,
            reading.before,
            reading.after,
            anchor.change,
            anchor.unit,
            tuple(dict.fromkeys((*reading.directions, *anchor.directions))),
        )
    for pair in pairs:
        if id(pair) in used_pairs or not pair.directions:
            continue
        text = _quote(sentence, pair.start, pair.end)
        if pair.problem:
            yield UnreadableClaim(text, offset + pair.start, pair.problem)
        else:
            yield ChangeClaim(
                text, offset + pair.start, pair.before, pair.after, directions=pair.directions
            )
