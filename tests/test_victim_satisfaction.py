"""The victim satisfaction measure on survey data generated with known answers."""

from __future__ import annotations

import json
from pathlib import Path

from measurekit.model.markers import Marker
from measurekit.model.statement import Role, Statement, Unit

from .statement_builder import build, figure, render, repeat, write_csv

HEADER = ("response_date", "satisfied", "domestic_abuse")
#: The survey ran from July 2021 to June 2023, whatever the dates of its first and last
#: responses.
COVERAGE = 'start = "2021-07"\nend = "2023-06"'


def survey_statement(
    tmp_path: Path, rows: list[tuple[str, ...]], source_extra: str = COVERAGE
) -> Statement:
    write_csv(tmp_path / "survey.csv", HEADER, rows)
    return build(
        tmp_path / "s.toml",
        "[statement]\n"
        'force = "Testshire Police"\narea = "Testshire"\nperiod = "2023/24 Q1"\n'
        '[sources.survey]\nformat = "survey"\npath = "survey.csv"\n'
        f"{source_extra}\n"
        '[[sections]]\nmeasures = ["victim_satisfaction"]\n',
    )


def essex_like_rows() -> list[tuple[str, ...]]:
    """Domestic abuse victims: 750 of 1,000 satisfied (75.0%) in the year to June 2023 and
    801 of 1,000 (80.1%) a year earlier; 42 of 56 other victims in each year. The survey
    starts in July 2021, so the year to June 2021 has no result."""
    rows: list[tuple[str, ...]] = []
    rows += repeat(("2023-01-10", "yes", "yes"), 750) + repeat(("2022-09-01", "no", "yes"), 250)
    rows += repeat(("2022-01-10", "yes", "yes"), 801) + repeat(("2021-07-01", "no", "yes"), 199)
    for year in ("2023", "2022"):
        rows += repeat((f"{year}-03-01", "yes", "no"), 42) + repeat(
            (f"{year}-04-01", "no", "no"), 14
        )
    return rows


def test_percentages_are_unrounded_with_their_base(tmp_path: Path) -> None:
    statement = survey_statement(tmp_path, essex_like_rows())
    domestic = figure(statement, "domestic_abuse_satisfaction")
    assert (domestic.unit, domestic.value, domestic.base) == (Unit.PERCENT, 75.0, 1000)
    everyone = figure(statement, "victim_satisfaction")
    # (750 + 42) / (1000 + 56) = 792 / 1056 = 0.75 exactly; a year before 843 / 1056.
    assert (everyone.value, everyone.base) == (75.0, 1056)
    before = figure(statement, "victim_satisfaction", Role.PREVIOUS_YEAR)
    assert before.value == 843 / 1056 * 100
    document = json.loads(render(statement, ["json"])["json"])
    record = next(
        f
        for f in document["figures"]
        if f["indicator"] == "victim_satisfaction" and f["role"] == "previous_year"
    )
    assert (record["value"], record["base"], record["unit"]) == (843 / 1056 * 100, 1056, "percent")


def test_points_change_and_significance_in_words(tmp_path: Path) -> None:
    text = render(survey_statement(tmp_path, essex_like_rows()), ["text"])["text"]
    flat = " ".join(text.split())
    # 75.0 - 80.1 = 5.1 points lower; z = (0.75 - 0.801) / sqrt(0.7755 * 0.2245 * 0.002)
    # = -2.733, so p < 0.05: significant.
    assert (
        "75.0% of domestic abuse victims who completed the survey were satisfied "
        "(750 of 1,000 responses; 95% confidence interval 72.2% to 77.6%)" in flat
    )
    assert (
        "That is 5.1 percentage points lower than the 80.1% (1,000 responses) in the 12 "
        "months to June 2022; the difference is statistically significant at the 5% level"
    ) in flat
    assert "statistically significant" not in flat.split("Measure:")[0]


def test_small_base_has_a_caveat_and_the_interval(tmp_path: Path) -> None:
    rows = repeat(("2023-01-10", "yes", "yes"), 42) + repeat(("2022-08-10", "no", "yes"), 14)
    statement = survey_statement(tmp_path, rows)
    outputs = render(statement)
    for name in ("text", "markdown"):
        flat = " ".join(outputs[name].split())
        assert "(42 of 56 responses; 95% confidence interval 62.3% to 84.5%)" in flat
        assert "fewer than 100 responses" in flat


def test_no_responses_gives_w_with_a_note_in_every_format(tmp_path: Path) -> None:
    # Only victims of other crimes answered; the survey covers the whole year.
    rows = repeat(("2023-01-10", "yes", "no"), 3)
    statement = survey_statement(tmp_path, rows)
    domestic = figure(statement, "domestic_abuse_satisfaction")
    # [w]: "none recorded in survey" (Analysis Function symbols), not [x].
    assert (domestic.value, domestic.marker, domestic.base) == (None, Marker.NONE_IN_SURVEY, 0)
    outputs = render(statement)
    text = " ".join(outputs["text"].split())
    assert "No domestic abuse victims completed the survey in the 12 months to June 2023" in text
    assert "no survey responses were received in this period" in text
    assert "no survey responses were received" in outputs["markdown"]
    assert "| Domestic abuse victims satisfied | Current" in outputs["markdown"]
    document = json.loads(outputs["json"])
    record = next(
        f
        for f in document["figures"]
        if f["indicator"] == "domestic_abuse_satisfaction" and f["role"] == "current"
    )
    assert (record["value"], record["marker"], record["base"]) == (None, "[w]", 0)
    assert "[w] none recorded in survey" in outputs["markdown"]
    notes = next(m["notes"] for m in document["measures"] if m["id"] == "victim_satisfaction")
    assert any("no survey responses were received" in note for note in notes)


def test_window_before_the_survey_starts_is_x(tmp_path: Path) -> None:
    statement = survey_statement(tmp_path, essex_like_rows())
    earlier = figure(statement, "domestic_abuse_satisfaction", Role.TWO_YEARS_BEFORE)
    assert (earlier.value, earlier.marker, earlier.note) == (
        None,
        Marker.NOT_AVAILABLE,
        "the data start in July 2021",
    )
    text = " ".join(render(statement, ["text"])["text"].split())
    assert "12 months to June 2021: the data start in July 2021." in text


def test_table_gives_responses_intervals_and_changes_in_points() -> None:
    from measurekit_victim_satisfaction import DOMESTIC_ABUSE

    from measurekit.document.figures import (
        change_between,
        survey_interval,
        text_headings,
        text_rows,
    )
    from measurekit.document.nodes import FigureRow, FigureTable, SourceLine
    from measurekit.model.periods import Month, Window
    from measurekit.model.statement import Figure

    now = Window.ending(Month(2023, 6))
    figures = [
        Figure("v", DOMESTIC_ABUSE, Role.CURRENT, now, Unit.PERCENT, 75.0, base=56),
        Figure(
            "v", DOMESTIC_ABUSE, Role.PREVIOUS_YEAR, now.shifted(-1), Unit.PERCENT, 80.0, base=60
        ),
    ]
    rows = tuple(
        FigureRow(f, f.indicator.label, "V", change_between(figures[0], f), survey_interval(f))
        for f in figures
    )
    table = FigureTable("V", ("v",), rows, SourceLine(()))
    assert text_headings(table)[3:] == [
        "Figure",
        "Responses",
        "95% confidence interval (%)",
        "Change to current period (percentage points)",
    ]
    # Wilson, 42 of 56 at 95%: centre 0.73395, half-width 0.11088 -> 62.3 to 84.5.
    # 48 of 60: centre 0.78194, half-width 0.09977 -> 68.2 to 88.2 (worked by hand).
    assert [row[3:] for row in text_rows(table)] == [
        ["75.0%", "56", "62.3 to 84.5", "[z]"],
        ["80.0%", "60", "68.2 to 88.2", "-5.0"],
    ]
