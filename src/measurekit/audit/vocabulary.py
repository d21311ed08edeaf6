"""The words audit reads claims by: months, directions of change, hedges and links.

Kept in one place, as regular-expression alternations, so the finders and their tests
agree on what each word means. All matching is case-insensitive.
"""

from __future__ import annotations

import re

MONTH_NUMBERS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
#: A month's name, in full or abbreviated (an abbreviation may end with a full stop).
MONTH = r"(?:" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\b\.?"
#: The same, capitalised as in a date ("30 May"), so that "30 may be" is not a date.
MONTH_CAPITALISED = (
    r"(?:" + "|".join(sorted((m.title() for m in MONTH_NUMBERS), key=len, reverse=True)) + r")\b"
)


def _words(text: str) -> str:
    return r"(?:" + "|".join(sorted(text.split(), key=len, reverse=True)) + r")"


#: Nouns naming a change: "a reduction of 4.7%", "a 12% increase".
UP_NOUNS = _words("increase increases rise rises growth uplift jump climb gain upturn")
DOWN_NOUNS = _words(
    "reduction reductions decrease decreases fall falls drop drops decline declines cut "
    "cuts dip downturn"
)
NEUTRAL_NOUNS = _words("change changes difference variation movement")
#: Verbs (and the adverbs up and down) that carry a change: "fell 5%", "up 12%".
UP_VERBS = _words(
    "increased increases increase increasing rose risen rises rising rise grew grown grows "
    "growing climbed climbs jumped jumps up"
)
DOWN_VERBS = _words(
    "reduced reduces reduce reducing decreased decreases decrease decreasing fell fallen "
    "falls falling fall dropped drops drop dropping declined declines decline declining "
    "dipped down"
)
#: Comparatives after a figure: "5.1 points lower", "12% more".
UP_ADJECTIVES = _words("higher more greater up")
DOWN_ADJECTIVES = _words("lower fewer less down")
#: Words that make a figure approximate or a bound: such a claim is not read.
HEDGES = (
    r"(?:about|around|approximately|approx\.?|roughly|almost|nearly|over|under|some|circa|"
    r"c\.|~|more\s+than|less\s+than|fewer\s+than|just\s+over|just\s+under|well\s+over|"
    r"at\s+least|at\s+most|up\s+to|close\s+to|in\s+excess\s+of|below|above)"
)
#: Words that join clauses about different things; a figure is never read across them.
CONJUNCTIONS = r"\b(?:and|while|whilst|but|whereas|although|though|however|yet|compared)\b"
#: Words before a negated change ("did not fall by 5%"): such a claim is not read.
NEGATIONS = r"\b(?:not|no|never|neither|nor|without)\b|n't\b"


def direction_of(word: str) -> int:
    """+1 for a word of increase, -1 for one of reduction, 0 for a neutral one."""
    word = " ".join(word.lower().split())
    for pattern, sign in (
        (UP_NOUNS, 1),
        (DOWN_NOUNS, -1),
        (UP_VERBS, 1),
        (DOWN_VERBS, -1),
        (UP_ADJECTIVES, 1),
        (DOWN_ADJECTIVES, -1),
    ):
        if re.fullmatch(pattern, word):
            return sign
    return 0
