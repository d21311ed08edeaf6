"""The audit's verdict on a corpus of sentences of our own, true and false, in many phrasings.

Every expected value is worked out by hand in the comment beside it: the change as a
fraction of the earlier count, then rounded to the claim's own precision. A claim is
right when the exact change rounds to it (an exact tie may round either way); a
percentage written as such ("80.1%") is itself rounded, so a change in points may lie
anywhere its two figures allow. The published figures from DOMAIN.md are included.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from measurekit.audit import Verdict
from measurekit.audit.auditing import passage_claims
from measurekit.audit.checking import check
from measurekit.audit.model import Passage
from measurekit.cli import main

RIGHT, WRONG, UNREADABLE = Verdict.RIGHT, Verdict.WRONG, Verdict.UNREADABLE

#: (sentence, verdict, detail): one claim per sentence. ``detail`` is the whole message
#: for a wrong claim, "" for a right one, and the reason for an unreadable one.
CORPUS: list[tuple[str, Verdict, str]] = [
    # --- right -------------------------------------------------------------------------
    # Lancashire: 28 -> 16 is -12/28 = -42.857% -> 42.9
    ("Homicides fell from 28 to 16, a reduction of 42.9%.", RIGHT, ""),
    # Lancashire: 83 -> 141 is +58/83 = +69.880% -> 69.9
    ("Firearms discharges rose from 83 to 141, an increase of 69.9%.", RIGHT, ""),
    # the same, later figure first: "B, an increase of P% on the A recorded in ..."
    (
        "There were 141 firearms discharges, an increase of 69.9% on the 83 recorded in the "
        "12 months to March 2020.",
        RIGHT,
        "",
    ),
    # Essex: 80.1% -> 75.0% is -5.1 points
    (
        "Confidence was 75.0%, 5.1 percentage points lower than the 80.1% recorded in the "
        "12 months to December 2021.",
        RIGHT,
        "",
    ),
    # Essex: 64.7% -> 75.0% is +10.3 points
    (
        "Confidence stood at 75.0%, 10.3 points higher than the 64.7% recorded in the 12 "
        "months to December 2019.",
        RIGHT,
        "",
    ),
    # Nottinghamshire: 30 -> 20 is -10/30 = -33.333% -> 33.3 (2019 is a year, not a count)
    (
        "Sharp-object admissions of under-25s fell from 30 in calendar year 2019 to 20, a "
        "33.3% reduction.",
        RIGHT,
        "",
    ),
    # Nottinghamshire: 70 -> 65 is -5/70 = -7.143% -> 7.1
    ("For all ages, admissions fell from 70 to 65, a reduction of 7.1%.", RIGHT, ""),
    # Cheshire: 523 -> 586 is +63/523 = +12.046% -> 12.0
    (
        "For the 12 months to June 2023 the force recorded 586 knife crime offences, a 12.0% "
        "increase on the 523 recorded a year earlier.",
        RIGHT,
        "",
    ),
    # Cheshire: 6,067 -> 5,779 is -288/6067 = -4.747% -> 4.7 ("to B from A", separators)
    ("Neighbourhood crime fell to 5,779 from 6,067, a 4.7% reduction.", RIGHT, ""),
    # 826 -> 802 is -24/826 = -2.906% -> 2.9, signed in brackets
    ("Offences went from 826 to 802 (-2.9%).", RIGHT, ""),
    # the same without a sign: the size alone is checked
    ("Offences went from 826 to 802 (2.9%).", RIGHT, ""),
    # "up P% (A to B)": 400 -> 420 is +20/400 = +5%
    ("Robbery was up 5% (400 to 420).", RIGHT, ""),
    # "a P% increase from A to B"
    ("A 5% increase from 400 to 420 was recorded in robbery.", RIGHT, ""),
    # "down from A% to B%, a fall of P percentage points": 80.1 - 75.0 = 5.1
    ("Confidence was down from 80.1% to 75.0%, a fall of 5.1 percentage points.", RIGHT, ""),
    # "B against A (P% increase)": 523 -> 586 is +12.046% -> 12.0
    ("Knife crime: 586 against 523 (12.0% increase).", RIGHT, ""),
    # 2,860 -> 2,664 is -196/2860 = -6.853% -> 6.9
    ("Vehicle offences were 6.9% lower than last year (2,860 to 2,664).", RIGHT, ""),
    # 2,390 -> 2,262 is -128/2390 = -5.356% -> 5.4
    ("Burglary dropped to 2,262 from 2,390, a fall of 5.4%.", RIGHT, ""),
    # 461 -> 505 is +44/461 = +9.544% -> 9.5
    (
        "Theft from the person: 505, an increase of 9.5% on the 461 recorded in the 12 "
        "months to June 2022.",
        RIGHT,
        "",
    ),
    # "reduced by P per cent from A to B": 356 -> 348 is -8/356 = -2.247% -> 2.2
    ("Robbery fell by 2.2 per cent from 356 to 348.", RIGHT, ""),
    # 8 -> 7 is exactly -12.5%
    ("Offences fell 12.5% from 8 to 7.", RIGHT, ""),
    # an exact tie, 12.5, written to no decimals: 12 (half to even) is right ...
    ("Offences fell 12% from 8 to 7.", RIGHT, ""),
    # ... and so is 13 (half up)
    ("Offences fell 13% from 8 to 7.", RIGHT, ""),
    # rates are rounded: 5.2 -> 5.5 is +0.3/5.2 = +5.769% -> 5.8 ("per 1,000" is no count)
    ("The rate rose from 5.2 to 5.5 per 1,000 population, an increase of 5.8%.", RIGHT, ""),
    # 70% -> 75% is +5 points
    ("Satisfaction rose from 70% to 75%, an increase of 5 percentage points.", RIGHT, ""),
    # ... or, as a percentage of the first, +5/70 = +7.14% -> 7
    ("Satisfaction rose from 70% to 75%, a rise of 7%.", RIGHT, ""),
    # "rose by P per cent, from A to B": 577 -> 598 is +21/577 = +3.640% -> 3.6
    ("Drug trafficking offences rose by 3.6 per cent, from 577 to 598.", RIGHT, ""),
    # "up P% on last year, from A to B": +12.046% -> 12
    ("Knife crime is up 12% on last year, from 523 to 586.", RIGHT, ""),
    # "B ... P% higher than the A": +12.046% -> 12
    ("The 586 offences recorded are 12% higher than the 523 recorded a year before.", RIGHT, ""),
    # "B compared with A, a rise of P%"
    ("Offences totalled 586 compared with 523, a rise of 12%.", RIGHT, ""),
    # 1,000 -> 950 is exactly -5.0%
    ("Offences fell from 1,000 to 950, a reduction of 5.0 per cent.", RIGHT, ""),
    # direction only: 2,577 -> 2,262 fell
    ("Burglary fell sharply from 2,577 to 2,262.", RIGHT, ""),
    # direction only, between percentages
    ("Satisfaction fell from 78.7% to 75.0%.", RIGHT, ""),
    # quarters: Q1 2023/24 is April to June 2023
    ("In April to June 2023 (Quarter 1 2023/24) the force recorded more thefts.", RIGHT, ""),
    ("Quarter 1 2023/24 (April to June 2023)", RIGHT, ""),
    # Q4 2023/24 is January to March of the later year, 2024
    ("Figures for Q4 2023/24 (January \u2013 March 2024) follow.", RIGHT, ""),
    # Q2 2023/24 is July to September 2023
    ("2023-24 Q2 (July to September 2023)", RIGHT, ""),
    # Q3 2023/24 is October to December 2023
    ("Q3 23/24 (Oct \u2013 Dec 2023)", RIGHT, ""),
    # Q4 2022/23 is January to March 2023
    ("Q4 2022/23 (January to March 2023)", RIGHT, ""),
    # --- wrong -------------------------------------------------------------------------
    # DOMAIN.md: 826 -> 802 is -2.906% -> 2.9, not 8.1
    (
        "Burglaries were reduced by 8.1 per cent from 826 to 802.",
        WRONG,
        "826 to 802 is a reduction of 2.9%, not 8.1%",
    ),
    # DOMAIN.md: Q4 23/24 is January to March 2024
    (
        "Q4 23/24 (January \u2013 March 2023)",
        WRONG,
        "Quarter 4 2023/24 is January to March 2024, not January to March 2023",
    ),
    # -42.857% rounds to 42.9 at one decimal, not 42.8
    (
        "Homicides fell from 28 to 16, a reduction of 42.8%.",
        WRONG,
        "28 to 16 is a reduction of 42.9%, not 42.8%",
    ),
    # the right size with the wrong direction word
    (
        "Homicides fell from 28 to 16, an increase of 42.9%.",
        WRONG,
        "28 to 16 is a reduction of 42.9%, not an increase",
    ),
    # 461 -> 505 is +9.544%: both direction and size wrong
    (
        "Theft from the person rose from 461 to 505, a reduction of 8.5%.",
        WRONG,
        "461 to 505 is an increase of 9.5%, not a reduction of 8.5%",
    ),
    # -12.5% exactly: 12.4 is no rounding of it
    ("Offences fell 12.4% from 8 to 7.", WRONG, "8 to 7 is a reduction of 12.5%, not 12.4%"),
    # a direction word alone, wrong: 826 -> 802 fell
    (
        "Offences increased from 826 to 802.",
        WRONG,
        "826 to 802 is a reduction of 2.9%, not an increase",
    ),
    # a sign, wrong
    (
        "Offences went from 826 to 802 (+2.9%).",
        WRONG,
        "826 to 802 is a reduction of 2.9%, not an increase",
    ),
    # 80.1% -> 75.0% is a fall, not a rise
    (
        "Confidence was 75.0%, 5.1 points higher than the 80.1% recorded a year earlier.",
        WRONG,
        "80.1% to 75.0% is a fall of 5.1 percentage points, not a rise",
    ),
    # 80.1% -> 75.0% is -5.1 points, at most -5.2 from unrounded figures: never 5.3
    (
        "Confidence was down from 80.1% to 75.0%, a fall of 5.3 percentage points.",
        WRONG,
        "80.1% to 75.0% is a fall of 5.1 percentage points, not 5.3 percentage points",
    ),
    # 78.7% -> 75.0% is -3.7 points (between -3.6 and -3.8 unrounded), not 4.7
    (
        "Satisfaction was 75.0%, 4.7 percentage points lower than the 78.7% a year earlier.",
        WRONG,
        "78.7% to 75.0% is a fall of 3.7 percentage points, not 4.7 percentage points",
    ),
    # a percentage change from zero is undefined
    (
        "Offences rose from 0 to 5, an increase of 100%.",
        WRONG,
        "a percentage change from 0 is undefined",
    ),
    # Q1 2023/24 is April to June 2023, not 2024
    (
        "Quarter 1 2023/24 (April to June 2024)",
        WRONG,
        "Quarter 1 2023/24 is April to June 2023, not April to June 2024",
    ),
    # Q3 is October to December, not July to September
    (
        "Q3 2023/24 (July to September 2023)",
        WRONG,
        "Quarter 3 2023/24 is October to December 2023, not July to September 2023",
    ),
    # Q4 is January to March 2024
    (
        "Q4 2023/24 (October \u2013 December 2023)",
        WRONG,
        "Quarter 4 2023/24 is January to March 2024, not October to December 2023",
    ),
    # 523 -> 586 rose
    (
        "Knife crime: 586 against 523 (12.0% reduction).",
        WRONG,
        "523 to 586 is an increase of 12.0%, not a reduction",
    ),
    # 6,067 -> 5,779 fell
    (
        "There were 5,779 neighbourhood crimes, a 4.7% increase on the 6,067 recorded the "
        "year before.",
        WRONG,
        "6,067 to 5,779 is a reduction of 4.7%, not an increase",
    ),
    # 70% -> 75%: +4 to +6 points, or +5.7% to +8.6% of the first, never 12
    (
        "Satisfaction rose from 70% to 75%, an increase of 12%.",
        WRONG,
        "70% to 75% is a rise of 5.0 percentage points (an increase of 7.1%), not 12%",
    ),
    # 641 -> 598 is -43/641 = -6.708% -> 6.7
    (
        "Drug offences fell from 641 to 598, a reduction of 7.2%.",
        WRONG,
        "641 to 598 is a reduction of 6.7%, not 7.2%",
    ),
    # 1,000 -> 950 is exactly -5.0%
    (
        "Offences fell from 1,000 to 950, a reduction of 5.1 per cent.",
        WRONG,
        "1,000 to 950 is a reduction of 5.0%, not 5.1%",
    ),
    # 2,000 -> 2,100 is +5%: the message shows one decimal at least
    (
        "Total crime rose by 10% from 2,000 to 2,100.",
        WRONG,
        "2,000 to 2,100 is an increase of 5.0%, not 10%",
    ),
    # 400 -> 420 rose
    (
        "Robbery is down 5% (400 to 420).",
        WRONG,
        "400 to 420 is an increase of 5.0%, not a reduction",
    ),
    # 2,577 -> 2,262 is -315/2577 = -12.223%
    (
        "Burglary rose from 2,577 to 2,262.",
        WRONG,
        "2,577 to 2,262 is a reduction of 12.2%, not an increase",
    ),
    # no change is neither a rise nor a fall
    (
        "Offences stayed level, rising from 500 to 500.",
        WRONG,
        "500 to 500 is no change, not an increase",
    ),
    # --- found, not readable -----------------------------------------------------------
    # a change with no figures beside it
    (
        "Burglary was down (-5.4%) on last year.",
        UNREADABLE,
        "the two figures it compares are not beside it",
    ),
    # approximate
    (
        "Offences rose by about 5% from 400 to 430.",
        UNREADABLE,
        "the figure is approximate or a bound (about)",
    ),
    # a bound
    (
        "Offences rose by more than 5% from 400 to 430.",
        UNREADABLE,
        "the figure is approximate or a bound (more than)",
    ),
    # negated
    ("There was no reduction of 5% in burglary.", UNREADABLE, "the change is negated"),
    # 586 or 40? the later figure is not certain (40 against 523 would be "wrong")
    (
        "Of the 586 offences, 40 were for possession, a 12% increase on the 523 recorded "
        "last year.",
        UNREADABLE,
        "more than one figure could be the one the change describes",
    ),
    # the later figure is in another sentence
    (
        "That is a reduction of 10.0% on the 20 recorded a year before.",
        UNREADABLE,
        "the two figures it compares are not beside it",
    ),
    # a word and a sign that disagree
    (
        "Offences showed a reduction of +5% from 400 to 380.",
        UNREADABLE,
        "its words and its sign disagree on the direction",
    ),
    # points between counts mean nothing
    (
        "Offences fell from 826 to 802, a fall of 2.9 points.",
        UNREADABLE,
        "a change in points between two counts",
    ),
    # four-digit numbers from 1900 to 2099 without a separator are taken for years
    (
        "The count rose from 1995 to 2010, an increase of 0.8%.",
        UNREADABLE,
        "the two figures it compares are not beside it",
    ),
    # a calendar year: calendar or financial quarter?
    (
        "Q1 2023 (January to March 2023)",
        UNREADABLE,
        "a calendar year alone: a calendar or a financial quarter?",
    ),
    # a span of quarters
    (
        "Q1\u2013Q2 2023/24 (April to September 2023)",
        UNREADABLE,
        "the label spans more than one quarter",
    ),
    # twelve months: the window ending with the quarter, perhaps, not its months
    (
        "Q1 2023/24 (July 2022 to June 2023)",
        UNREADABLE,
        "the months span 12, not a quarter (a longer window?)",
    ),
    # not a financial year
    (
        "Q2 2023/25 (July to September 2023)",
        UNREADABLE,
        "2023/25 is not a financial year",
    ),
]

#: Sentences holding no claim: levels, labels without months, shares, bare spans.
NOT_CLAIMS = [
    "75% of domestic abuse victims surveyed were satisfied, from 56 responses.",
    "Police and Crime Measures Quarterly Statement \u2013 Q1 2023/24",
    "In the 12 months to June 2023 there were 0 homicides, lower than the 2 in 2021/22.",
    "Of 586 offences, 70 (12%) involved possession.",
    "The interval runs from 62.3% to 84.5%.",
    "The survey has a 95% confidence interval and uses the 5% level.",
    # a comma does not tie months to a label: here they are the quarter's rolling year
    "For 2023/24 Q1, July 2022 to June 2023 is the headline window.",
]

#: Sentences holding several claims, with the verdict and detail of each, in order.
SEVERAL: list[tuple[str, list[tuple[Verdict, str]]]] = [
    # Essex both ways: -5.1 points and +10.3 points from the same 75.0%
    (
        "Confidence of 75.0% was 5.1 points lower than the 80.1% a year before and 10.3 "
        "points higher than the 64.7% in 2019.",
        [(RIGHT, ""), (RIGHT, "")],
    ),
    # one later figure, two earlier ones: +63/523 = +12.046% and +89/497 = +17.907%
    (
        "In the 12 months to June 2023 the force recorded 586 knife crime offences: an "
        "increase of 12.0% on the 523 recorded in the 12 months to June 2022 and an increase "
        "of 17.9% on the 497 recorded in the 12 months to June 2021.",
        [(RIGHT, ""), (RIGHT, "")],
    ),
    # the same, the second change wrong
    (
        "In the 12 months to June 2023 the force recorded 586 knife crime offences: an "
        "increase of 12.0% on the 523 recorded in the 12 months to June 2022 and an increase "
        "of 19.7% on the 497 recorded in the 12 months to June 2021.",
        [(RIGHT, ""), (WRONG, "497 to 586 is an increase of 17.9%, not 19.7%")],
    ),
    # a direction alone (826 -> 802 fell), then +5/100 = +5%
    (
        "Burglary fell from 826 to 802 and robbery rose by 5% from 100 to 105.",
        [(RIGHT, ""), (RIGHT, "")],
    ),
    # two quarters, the second with the wrong year
    (
        "Q1 2023/24 (April \u2013 June 2023) and Q4 2023/24 (January \u2013 March 2023).",
        [
            (RIGHT, ""),
            (WRONG, "Quarter 4 2023/24 is January to March 2024, not January to March 2023"),
        ],
    ),
    # a change in another clause is not read with the pair before it
    (
        "Thefts rose 5% while burglary fell from 100 to 90.",
        [(UNREADABLE, "the two figures it compares are not beside it"), (RIGHT, "")],
    ),
    # three signed changes, none with figures (as in the Cheshire statement)
    (
        "Burglary (-5.4%), vehicle offences (-6.9%) and robbery (-2.2%) all fell.",
        [(UNREADABLE, "the two figures it compares are not beside it")] * 3,
    ),
]


def verdicts(sentence: str) -> list[tuple[Verdict, str]]:
    """The verdict and detail of every claim the audit finds in ``sentence``."""
    passage = Passage(sentence, (0,), (1,))
    return [check(claim)[1:3] for claim in passage_claims(passage)]


@pytest.mark.parametrize(("sentence", "verdict", "detail"), CORPUS)
def test_corpus_sentence(sentence: str, verdict: Verdict, detail: str) -> None:
    assert verdicts(sentence) == [(verdict, detail)]


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_sentences_without_claims(sentence: str) -> None:
    assert verdicts(sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), SEVERAL)
def test_sentences_with_several_claims(sentence: str, expected: list[tuple[Verdict, str]]) -> None:
    assert verdicts(sentence) == expected


def test_every_wrong_claim_in_the_corpus_is_reported_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole corpus as one statement, a sentence a paragraph: every wrong claim is a
    problem line at its own line, and nothing else is."""
    sentences = [sentence for sentence, _verdict, _detail in CORPUS] + NOT_CLAIMS
    statement = tmp_path / "corpus.txt"
    statement.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    assert main(["audit", str(statement)]) == 1
    lines = capsys.readouterr().out.splitlines()
    expected_lines = [
        2 * index + 1 for index, (_s, verdict, _d) in enumerate(CORPUS) if verdict == WRONG
    ]
    problems = lines[:-1]
    assert [int(line.split(":")[1]) for line in problems] == expected_lines
    for line, (_s, _v, detail) in zip(
        problems, [row for row in CORPUS if row[1] == WRONG], strict=True
    ):
        assert line.endswith(f": {detail}")
    counts = {verdict: sum(row[1] == verdict for row in CORPUS) for verdict in Verdict}
    assert lines[-1] == (
        f"{counts[RIGHT] + counts[WRONG]} claims checked, {counts[WRONG]} wrong, "
        f"{counts[UNREADABLE]} found but not readable"
    )
