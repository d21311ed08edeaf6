"""Table cells: values, changes and shorthand, checked by hand."""

from __future__ import annotations

from measurekit.document.figures import (
    change_between,
    change_cell,
    current_figures,
    shorthand_key,
    survey_interval,
    value_cell,
)
from measurekit.document.nodes import FigureRow, FigureTable, SourceLine
from measurekit.model.markers import Marker
from measurekit.model.periods import Month, Window
from measurekit.model.statement import Figure, Indicator, Role, Unit

CRIME = Indicator("crime", "Crime", "crime", "crimes")
NOW = Window.ending(Month(2023, 6))


def count(role: Role, value: int | None, years_back: int = 0) -> Figure:
    marker = Marker.NOT_AVAILABLE if value is None else None
    return Figure("m", CRIME, role, NOW.shifted(-years_back), Unit.COUNT, value, marker=marker)


def row(figure: Figure, current: Figure | None = None) -> FigureRow:
    return FigureRow(
        figure,
        figure.indicator.label,
        "M",
        change_between(current, figure),
        survey_interval(figure),
    )


def cell(current: Figure, earlier: Figure) -> str:
    return change_cell(row(earlier, current))


def figures_table_markdown(figures: list[Figure]) -> str:
    from measurekit.outputs.markdown import block_markdown

    current = current_figures(figures)
    rows = tuple(row(f, current.get((f.indicator.id, f.unit))) for f in figures)
    key = shorthand_key(rows, with_changes=True)
    return block_markdown(FigureTable("M", ("m",), rows, SourceLine(()), key))


def test_changes_to_the_current_figure() -> None:
    current = count(Role.CURRENT, 586)
    assert cell(current, count(Role.PREVIOUS_YEAR, 523, 1)) == "12.0"  # 63 / 523
    assert cell(current, count(Role.PREVIOUS_YEAR, 600, 1)) == "-2.3"  # -14 / 600
    assert cell(current, current) == "[z]"
    assert cell(count(Role.CURRENT, 12), count(Role.PREVIOUS_YEAR, 0, 1)) == "[z]"
    assert cell(count(Role.CURRENT, 0), count(Role.PREVIOUS_YEAR, 2, 1)) == "[u]"
    assert cell(current, count(Role.PREVIOUS_YEAR, None, 1)) == "[x]"


def test_a_rate_is_never_compared_with_a_count() -> None:
    # The rate row shares the count's indicator id; its change is [z], and the count's
    # change is still worked out from the counts: (5779 - 6067) / 6067 = -4.7%.
    counts = [count(Role.CURRENT, 5779), count(Role.PREVIOUS_YEAR, 6067, 1)]
    rate = Figure("m", CRIME, Role.CURRENT, NOW, Unit.RATE, 5.1)
    earlier_rate = Figure("m", CRIME, Role.PREVIOUS_YEAR, NOW.shifted(-1), Unit.RATE, 5.4)
    current = current_figures([*counts, rate, earlier_rate])
    assert change_cell(row(counts[1], current[("crime", Unit.COUNT)])) == "-4.7"
    assert change_cell(row(earlier_rate, current[("crime", Unit.RATE)])) == "[z]"


def test_values_and_markers_in_cells() -> None:
    assert value_cell(row(count(Role.CURRENT, 5779))) == "5,779"
    assert value_cell(row(count(Role.CURRENT, None))) == "[x]"
    percent = Figure("m", CRIME, Role.CURRENT, NOW, Unit.PERCENT, 75.0, base=56)
    assert value_cell(row(percent)) == "75.0%"


def test_markdown_table_explains_its_shorthand_above_it() -> None:
    table = figures_table_markdown([count(Role.CURRENT, 10), count(Role.PREVIOUS_YEAR, None, 1)])
    key, _, body = table.partition("\n\n")
    assert key == "Shorthand: [x] not available; [z] not applicable."
    lines = body.splitlines()
    assert lines[0].startswith("| Indicator")
    assert len(lines) == 4
    assert [cell.strip() for cell in lines[3].strip("|").split("|")][3:] == ["[x]", "[x]"]


def test_a_long_heading_wraps_and_is_underlined_in_full() -> None:
    from measurekit.outputs.text import underlined

    title = "Measure: Improve satisfaction among victims, with a particular focus on victims"
    assert underlined(title, "=", width=40).splitlines() == [
        "Measure: Improve satisfaction among",
        "victims, with a particular focus on",
        "victims",
        "=" * 35,
    ]


def test_a_section_mixing_crime_and_survey_measures_names_both_in_its_heading() -> None:
    from measurekit.document.builder import figures_heading
    from measurekit.measures.base import Measure
    from measurekit.model.statement import Applicability, MeasureResult, Narrative, Section

    class Crime(Measure):
        id = "crime"
        title = "Crime"

        def compute(self, context: object) -> MeasureResult:
            raise AssertionError("only the headings are used here; nothing is computed")

    class Survey(Crime):
        id = "survey"
        figures_heading = "Survey results"

    def result(measure_id: str) -> MeasureResult:
        return MeasureResult(measure_id, measure_id, Applicability(), (), ())

    measures: dict[str, Measure] = {"crime": Crime(), "survey": Survey()}
    section = Section((result("crime"), result("survey"), result("crime")), Narrative())
    assert figures_heading(section, measures) == "Recorded crime levels and survey results"
    alone = Section((result("survey"),), Narrative())
    assert figures_heading(alone, measures) == "Survey results"


def test_a_table_with_small_counts_says_why_their_change_is_u() -> None:
    table = figures_table_markdown([count(Role.CURRENT, 0), count(Role.PREVIOUS_YEAR, 2, 1)])
    key = table.partition("\n\n")[0]
    assert key == (
        "Shorthand: [u] low reliability; [z] not applicable. No percentage change is given "
        "where either count is below 10: with counts this small a percentage misleads."
    )
    plain = figures_table_markdown([count(Role.CURRENT, 586), count(Role.PREVIOUS_YEAR, 523, 1)])
    assert plain.partition("\n\n")[0] == "Shorthand: [z] not applicable."
