"""Layout of figures the bundled measures never produce: survey percentages with their
responses, revised counts, a measure that does not apply."""

from __future__ import annotations

import io

import openpyxl
import pytest

from measurekit import (
    Applicability,
    ComparisonWindows,
    Figure,
    FinancialQuarter,
    Indicator,
    Measure,
    MeasureContext,
    MeasureResult,
    MonthlyCount,
    MonthlySeries,
    Narrative,
    Paragraph,
    Role,
    Section,
    Statement,
    StatementInfo,
    Unit,
)
from measurekit.document.builder import build_document
from measurekit.model.markers import Marker
from measurekit.outputs.workbook.layout import build_workbook
from measurekit.outputs.workbook.ods import write_ods
from measurekit.outputs.workbook.xlsx import write_xlsx

from .workbook_checks import check_ods, check_xlsx, ods_values, xlsx_values

QUARTER = FinancialQuarter.parse("2023/24 Q1")
WINDOWS = ComparisonWindows.for_quarter(QUARTER)
SATISFIED = Indicator("satisfied", "Victims satisfied", "victim", "victims")
KNIVES = Indicator("knife_crime", "Knife crime offences", "offence", "offences")


class Plain(Measure):
    id = "plain"
    title = "Plain"

    def compute(self, context: MeasureContext) -> MeasureResult:
        raise AssertionError("these tests lay out results made by hand; nothing is computed")


def statement() -> Statement:
    survey = MeasureResult(
        "victim_satisfaction",
        "Improve victim satisfaction",
        Applicability(),
        (
            Figure(
                "victim_satisfaction",
                SATISFIED,
                Role.CURRENT,
                WINDOWS.current,
                Unit.PERCENT,
                75.0,
                base=56,
            ),
            Figure(
                "victim_satisfaction",
                SATISFIED,
                Role.PREVIOUS_YEAR,
                WINDOWS.previous_year,
                Unit.PERCENT,
                None,
                marker=Marker.NOT_AVAILABLE,
                note="the survey began in 2022",
            ),
        ),
        (Paragraph("Three in four victims were satisfied."),),
    )
    knives = MeasureResult(
        "serious_violence",
        "Reduce serious violence",
        Applicability(),
        (
            Figure("serious_violence", KNIVES, Role.CURRENT, WINDOWS.current, Unit.COUNT, 586),
            Figure(
                "serious_violence",
                KNIVES,
                Role.PREVIOUS_YEAR,
                WINDOWS.previous_year,
                Unit.COUNT,
                523,
                marker=Marker.REVISED,
            ),
        ),
        (),
        series=(
            MonthlySeries(
                "serious_violence",
                KNIVES,
                tuple(
                    MonthlyCount(
                        month, 40 + month.month, Marker.PROVISIONAL if month.month == 6 else None
                    )
                    for month in WINDOWS.current
                ),
            ),
        ),
    )
    cyber = MeasureResult(
        "cyber_crime",
        "Tackle cyber crime",
        Applicability(False, "Measured nationally."),
        (),
        (),
    )
    info = StatementInfo("Testshire Police", "Testshire", QUARTER, WINDOWS)
    return Statement(
        info,
        (
            Section((knives, survey), Narrative()),
            Section((cyber,), Narrative((Paragraph("@ cyber"),))),
        ),
    )


def built() -> tuple[bytes, bytes]:
    measures = {
        name: Plain() for name in ("victim_satisfaction", "serious_violence", "cyber_crime")
    }
    workbook = build_workbook(build_document(statement(), measures))
    return write_xlsx(workbook), write_ods(workbook)


def test_mixed_units_get_a_unit_column_responses_and_shorthand() -> None:
    xlsx, ods = built()
    assert check_xlsx(xlsx) == []
    assert check_ods(ods) == []
    assert ods_values(ods) == xlsx_values(xlsx)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx))["Serious_violence_victim_satisfa"]
    table = next(iter(sheet.tables.values()))
    cells = [[cell.value for cell in row] for row in sheet[table.ref]]
    assert cells[0] == [
        "Measure",
        "Indicator",
        "Comparison",
        "Period",
        "Unit",
        "Figure",
        "Responses (number)",
        "95% confidence interval, lower (%)",
        "95% confidence interval, upper (%)",
        "Change to current period",
        "Change unit",
        "Shorthand",
    ]
    knife_current, knife_previous, survey_current, survey_previous = cells[1:]
    assert knife_current[4:] == ["number", 586, *["[z]"] * 5, "none"]
    # 523 to 586: 63 / 523 = 12.0459% (by hand), stored unrounded, shown to 1 dp.
    assert knife_previous[4:7] == ["number", 523, "[z]"]
    assert knife_previous[9] == pytest.approx(12.0459, abs=1e-4)
    assert knife_previous[10:] == ["%", "[r]"]
    # 42 of 56: Wilson 95% interval 62.3 to 84.5 (worked by hand in test_victim_satisfaction).
    assert survey_current[4:7] == ["%", 75.0, 56]
    assert [round(value, 1) for value in survey_current[7:9]] == [62.3, 84.5]
    assert survey_current[9:] == ["[z]", "[z]", "none"]
    assert survey_previous[4:] == ["%", *["[x]"] * 5, "percentage points", "none"]
    value = sheet[table.ref][3][5]
    assert value.number_format == "0.0"
    header_row = int(table.ref.split(":")[0][1:])
    key = [row[0].value for row in sheet.iter_rows(max_row=header_row - 1)]
    assert any(line and "[r] revised" in line and "[x] not available" in line for line in key)


def test_a_measure_that_does_not_apply_shows_z_with_its_reason_in_the_notes() -> None:
    xlsx, _ = built()
    values = xlsx_values(xlsx)
    rows = values["Cyber_crime"]
    assert rows[-2:] == [["Measure", "Figures"], ["Tackle cyber crime", "[z]"]]
    notes = [row[1] for row in values["Notes"][3:]]
    assert (
        "Tackle cyber crime: assessed as not applicable in this area. Measured nationally." in notes
    )


def test_a_monthly_count_with_shorthand_keeps_its_number_and_shows_the_shorthand() -> None:
    xlsx, _ = built()
    rows = xlsx_values(xlsx)["Knife_crime_monthly"]
    header = rows.index(["Month", "Knife crime offences (number)", "Shorthand"])
    assert rows[header + 1] == ["July 2022", 47, "none"]
    assert rows[-1] == ["June 2023", 46, "[p]"]
    assert any(row and row[0] == "Shorthand used in this table: [p] provisional." for row in rows)
