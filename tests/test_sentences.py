"""Sentences and notes about figures, including figures the data cannot give."""

from __future__ import annotations

import attrs

from measurekit.measures.base import figure_notes
from measurekit.measures.sentences import baseline_sentence, comparison_clause, trend_sentences
from measurekit.model.markers import Marker
from measurekit.model.periods import Month, Window
from measurekit.model.statement import Figure, Indicator, Role, Unit

HOMICIDE = Indicator("homicide", "Homicide offences", "homicide", "homicides")
KNIFE = Indicator("knife", "Knife offences", "knife offence", "knife offences")
NOW = Window.ending(Month(2023, 6))
BASELINE = Window.ending(Month(2020, 3))
WINDOWS = {
    Role.CURRENT: NOW,
    Role.PREVIOUS_YEAR: NOW.shifted(-1),
    Role.TWO_YEARS_BEFORE: NOW.shifted(-2),
    Role.BASELINE: BASELINE,
}


def count(indicator: Indicator, role: Role, value: int | None, note: str | None = None) -> Figure:
    marker = Marker.NOT_AVAILABLE if value is None else None
    return Figure("m", indicator, role, WINDOWS[role], Unit.COUNT, value, marker=marker, note=note)


def test_a_missing_comparison_is_its_own_sentence() -> None:
    figures = [
        count(HOMICIDE, Role.CURRENT, 3),
        count(HOMICIDE, Role.PREVIOUS_YEAR, 5),
        count(HOMICIDE, Role.TWO_YEARS_BEFORE, None, "the data start in July 2021"),
        count(HOMICIDE, Role.BASELINE, None, "the data start in July 2021"),
    ]
    assert trend_sentences("Testshire Police", HOMICIDE, figures) == (
        "In the 12 months to June 2023, Testshire Police recorded 3 homicides: fewer than "
        "the 5 recorded in the 12 months to June 2022. There is no figure to compare with "
        "for the 12 months to June 2021. There is no figure for the baseline, the 12 months "
        "to March 2020, to compare with."
    )


def test_an_unknown_current_figure_is_said_once() -> None:
    figures = [
        count(HOMICIDE, Role.CURRENT, None, "no figure covers March 2023"),
        count(HOMICIDE, Role.PREVIOUS_YEAR, 1),
        count(HOMICIDE, Role.TWO_YEARS_BEFORE, 4),
    ]
    assert trend_sentences("Testshire Police", HOMICIDE, figures) == (
        "No count of homicides is available for the 12 months to June 2023."
    )
    # A clause against a known earlier figure still agrees in number.
    assert comparison_clause(figures[0], figures[1]) == (
        "against 1 recorded in the 12 months to June 2022"
    )
    assert baseline_sentence(figures[0], count(HOMICIDE, Role.BASELINE, 7)) is None


def test_notes_sharing_a_reason_are_merged_without_overclaiming() -> None:
    late = "the data start in July 2021"
    figures = [
        count(HOMICIDE, Role.TWO_YEARS_BEFORE, None, late),
        count(HOMICIDE, Role.BASELINE, None, late),
        count(KNIFE, Role.TWO_YEARS_BEFORE, None, late),
        count(KNIFE, Role.BASELINE, None, late),
        count(KNIFE, Role.PREVIOUS_YEAR, None, "no figure covers March 2022"),
    ]
    assert figure_notes(figures) == [
        "Homicide offences and knife offences, 12 months to June 2021 and 12 months to "
        "March 2020: the data start in July 2021.",
        "Knife offences, 12 months to June 2022: no figure covers March 2022.",
    ]
    # Same reason, different windows: a clause per indicator, never a cross product.
    uneven = [figures[0], figures[3]]
    assert figure_notes(uneven) == [
        "Homicide offences, 12 months to June 2021; Knife offences, 12 months to March "
        "2020: the data start in July 2021."
    ]


def test_a_baseline_that_is_the_previous_year_is_named_once() -> None:
    # Baseline = the 12 months to June 2022, the previous year's window.
    baseline = Figure("m", HOMICIDE, Role.BASELINE, NOW.shifted(-1), Unit.COUNT, 5)
    figures = [
        count(HOMICIDE, Role.CURRENT, 3),
        count(HOMICIDE, Role.PREVIOUS_YEAR, 5),
        count(HOMICIDE, Role.TWO_YEARS_BEFORE, None, "the data start in July 2021"),
        baseline,
    ]
    text = trend_sentences("Testshire Police", HOMICIDE, figures)
    assert text.count("12 months to June 2022") == 2  # the comparison, then the baseline
    assert text.endswith("The baseline is the 12 months to June 2022, compared above.")
    unknown = attrs.evolve(baseline, value=None, marker=Marker.NOT_AVAILABLE, note="late")
    late = [*figures[:1], count(HOMICIDE, Role.PREVIOUS_YEAR, None, "late"), figures[2], unknown]
    sentence = trend_sentences("Testshire Police", HOMICIDE, late)
    # Not "...for the 12 months to June 2022 or the 12 months to June 2022".
    assert "the 12 months to June 2022 or the 12 months to June 2022" not in sentence
    assert sentence.count("12 months to June 2022") == 2


def test_the_survey_names_a_baseline_equal_to_the_previous_year_once() -> None:
    from measurekit_victim_satisfaction import ALL_VICTIMS, group_sentences

    def share(role: Role, window: Window, value: float | None) -> Figure:
        marker = None if value is not None else Marker.NOT_AVAILABLE
        base = 200 if value is not None else None
        return Figure("v", ALL_VICTIMS, role, window, Unit.PERCENT, value, base, marker, "late")

    previous = NOW.shifted(-1)
    for value in (80.0, None):
        by_role = {
            Role.CURRENT: share(Role.CURRENT, NOW, 75.0),
            Role.PREVIOUS_YEAR: share(Role.PREVIOUS_YEAR, previous, value),
            Role.BASELINE: share(Role.BASELINE, previous, value),
        }
        text = " ".join(group_sentences(ALL_VICTIMS, by_role))
        assert "the 12 months to June 2022 or the 12 months to June 2022" not in text
        assert "The baseline is the 12 months to June 2022, compared above." in text
