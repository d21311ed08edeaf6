"""Rates per 1,000 population: the arithmetic, the wording and when a rate is given."""

from __future__ import annotations

import pytest

from measurekit.measures.base import MeasureContext, MeasureSettings
from measurekit.measures.sentences import rate_sentence
from measurekit.measures.wording import rate_per_population, rate_phrase
from measurekit.model.periods import FinancialQuarter, Month, Window
from measurekit.model.statement import (
    ComparisonWindows,
    Figure,
    Indicator,
    Role,
    StatementInfo,
    Unit,
)
from measurekit.sources.base import Population, Source, Unavailable

QUARTER = FinancialQuarter.parse("2019/20 Q1")
WINDOW = Window(Month(2018, 7), Month(2019, 6))
TOTAL = Indicator("neighbourhood_crime", "Neighbourhood crime (total)", "crime", "crimes")


class WithPopulation(Source):
    def population(self, window: Window) -> Population | Unavailable:
        if window == WINDOW:
            return Population(1_059_300, 2018, "ONS tables")
        return Unavailable("no population for that window")


class WithoutPopulation(Source):
    pass


def context(source: Source) -> MeasureContext:
    info = StatementInfo("Cheshire", "Cheshire", QUARTER, ComparisonWindows.for_quarter(QUARTER))
    return MeasureContext("neighbourhood_crime", info, info.windows, source, MeasureSettings())


def count(value: int | None, window: Window = WINDOW) -> Figure:
    from measurekit.model.markers import Marker

    marker = None if value is not None else Marker.NOT_AVAILABLE
    return Figure("neighbourhood_crime", TOTAL, Role.CURRENT, window, Unit.COUNT, value, None,
                  marker)  # fmt: skip


def test_rate_matches_ons_published_rate() -> None:
    # ONS table P3, year ending June 2019: Cheshire's 92,516 offences (P1) over the
    # population printed as 1,059,300 is 87.3369... per 1,000. P3 prints 87.3393..., from
    # the unrounded population: the two agree to the one decimal place a statement shows.
    ours = rate_per_population(92_516, 1_059_300)
    assert ours == pytest.approx(92_516 / 1_059.3)
    assert rate_phrase(ours) == rate_phrase(87.33931165867847) == "87.3 per 1,000 population"


def test_population_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        rate_per_population(5, 0)


def test_rate_figure_states_the_population_and_its_year() -> None:
    rate = context(WithPopulation("ons", "ons-pfa")).rate(count(8_158))
    assert rate is not None
    assert rate.unit is Unit.RATE
    assert rate.value == pytest.approx(8_158 / 1_059_300 * 1000)
    assert rate.indicator.label == "Neighbourhood crime (total) per 1,000 population"
    assert rate.note == "using the mid-2018 population estimate of 1,059,300 (ONS tables)"
    # 8,158 / 1,059.3 = 7.701...
    assert rate_sentence(rate, TOTAL) == (
        "That is 7.7 crimes per 1,000 population in the 12 months to June 2019."
    )


def test_no_rate_without_a_population_or_a_count() -> None:
    assert context(WithoutPopulation("crime", "records")).rate(count(8_158)) is None
    with_population = context(WithPopulation("ons", "ons-pfa"))
    assert with_population.rate(count(None)) is None
    assert with_population.rate(count(10, WINDOW.shifted(-1))) is None


def test_a_total_of_revised_parts_is_marked_revised_and_names_them() -> None:
    from measurekit_neighbourhood_crime import PARTS, NeighbourhoodCrime

    from measurekit.model.markers import Marker

    revised = {"burglary", "robbery"}
    parts = [
        Figure(
            "neighbourhood_crime",
            part,
            Role.CURRENT,
            WINDOW,
            Unit.COUNT,
            value,
            marker=Marker.REVISED if part.id in revised else None,
        )
        for part, value in zip(PARTS, (3205, 3785, 483, 685), strict=True)
    ]
    unused = context(WithoutPopulation("crime", "records"))
    total = NeighbourhoodCrime()._total(unused, Role.CURRENT, parts)
    assert (total.value, total.marker) == (3205 + 3785 + 483 + 685, Marker.REVISED)
    assert total.note == (
        "the sum of its parts, including revised figures for residential burglary and "
        "robbery of personal property"
    )
