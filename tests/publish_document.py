"""A small statement document built by hand, for the publication formats' tests.

Its figures are chosen so the cells can be worked out by hand: homicides 16 against 28 is
a change of (16 - 28) / 28 = -42.857...%, printed -42.9; 5 two years before is below the
small-count threshold of 10, so that change is [u]. Satisfaction 75.0% of 56 responses
against 80.1% a year before is 75.0 - 80.1 = -5.1 percentage points. Its text carries
markup-like characters that must come out as text.
"""

from __future__ import annotations

from measurekit.document.nodes import (
    ApplicabilityLine,
    Change,
    ChangeUnit,
    Chart,
    ChartPoint,
    ChartSeries,
    FigureRow,
    FigureTable,
    Interval,
    MeasurePart,
    NarrativePart,
    Note,
    NoteList,
    SectionPart,
    ShorthandKey,
    SourceEntry,
    SourceLine,
    SourceRef,
    StatementDocument,
    Table,
)
from measurekit.model.markers import Marker
from measurekit.model.periods import FinancialQuarter, Month
from measurekit.model.statement import (
    Applicability,
    Branding,
    BulletList,
    ComparisonWindows,
    Figure,
    Indicator,
    Paragraph,
    Role,
    SourceInfo,
    StatementInfo,
    Unit,
)

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'
QUARTER = FinancialQuarter.parse("2023/24 Q1")
WINDOWS = ComparisonWindows.for_quarter(QUARTER)
HOMICIDE = Indicator("homicide", "Homicide offences", "homicide", "homicides", "Murder and more.")
SATISFIED = Indicator("satisfaction", "Victims satisfied", "victim", "victims")

NOTES = (
    Note(1, "Figures are for the 12 months to June 2023."),
    Note(2, "Murder and more."),
    Note(3, "Source 'crime' of the statement file: Test records."),
    Note(4, f"The data are constructed. {HOSTILE}"),
    Note(5, "Survey results are estimates."),
)


def figure(
    indicator: Indicator,
    role: Role,
    value: float | None,
    unit: Unit = Unit.COUNT,
    base: int | None = None,
) -> Figure:
    window = WINDOWS.by_role()[role]
    return Figure(indicator.id, indicator, role, window, unit, value, base)


def sample_document(branding: Branding | None = None) -> StatementDocument:
    """Two sections: homicide (counts, a chart with a gap, an extra table) and victim
    satisfaction (survey percentages with intervals and changes in points)."""
    source = SourceLine((SourceRef("crime", "test records", 3),), notice_note=4)
    homicide_rows = (
        FigureRow(
            figure(HOMICIDE, Role.CURRENT, 16), "Homicide offences", "Reduce homicide", notes=(2,)
        ),
        FigureRow(
            figure(HOMICIDE, Role.PREVIOUS_YEAR, 28),
            "Homicide offences",
            "Reduce homicide",
            Change((16 - 28) / 28 * 100, ChangeUnit.PERCENT),
            notes=(2,),
        ),
        FigureRow(
            figure(HOMICIDE, Role.TWO_YEARS_BEFORE, 5),
            "Homicide offences",
            "Reduce homicide",
            Change(None, ChangeUnit.PERCENT, Marker.LOW_RELIABILITY, "small"),
            notes=(2,),
        ),
    )
    homicide_table = FigureTable(
        "Reduce homicide",
        ("homicide",),
        homicide_rows,
        source,
        ShorthandKey((Marker.LOW_RELIABILITY, Marker.NOT_APPLICABLE), ("Small counts.",)),
        (1,),
    )
    chart = Chart(
        title="Homicide offences each month, April to June 2023",
        x_title="Month",
        y_title="Offences recorded (number)",
        series=(
            ChartSeries(
                "Homicide offences",
                (
                    ChartPoint(Month(2023, 4), 2),
                    ChartPoint(Month(2023, 5), None, Marker.NOT_AVAILABLE),
                    ChartPoint(Month(2023, 6), 1234),
                ),
            ),
        ),
        summary="Homicide offences recorded each month: lowest 2 in April 2023.",
        indicator=HOMICIDE,
        measure="homicide",
        source=source,
        definition_note=2,
    )
    extra = Table(
        "Homicides by weapon",
        ("Weapon", "Offences (number)", "Share (%)"),
        (("Knife", 1234, 61.25), ("Other", "[x]", 0.05)),
        source,
        ShorthandKey((Marker.NOT_AVAILABLE,)),
        (1,),
    )
    homicide = MeasurePart(
        "homicide",
        "Reduce homicide",
        "Recorded crime levels",
        Applicability(),
        (
            Paragraph(f"Homicides fell. {HOSTILE}"),
            NoteList((Note(1, NOTES[0].text),)),
            homicide_table,
            chart,
            extra,
        ),
        source="crime",
    )
    satisfaction_rows = (
        FigureRow(
            figure(SATISFIED, Role.CURRENT, 75.0, Unit.PERCENT, 56),
            "Victims satisfied",
            "Improve satisfaction",
            interval=Interval(62.3, 84.5),
        ),
        FigureRow(
            figure(SATISFIED, Role.PREVIOUS_YEAR, 80.1, Unit.PERCENT, 40),
            "Victims satisfied",
            "Improve satisfaction",
            Change(75.0 - 80.1, ChangeUnit.POINTS),
            Interval(65.0, 89.6),
        ),
    )
    satisfaction = MeasurePart(
        "victim_satisfaction",
        "Improve satisfaction",
        "Survey results",
        Applicability(),
        (
            FigureTable(
                "Improve satisfaction",
                ("victim_satisfaction",),
                satisfaction_rows,
                SourceLine(()),
                None,
                (5,),
            ),
        ),
    )
    info = StatementInfo(
        force="Testshire Constabulary",
        area="Testshire",
        quarter=QUARTER,
        windows=WINDOWS,
        commissioner="A Commissioner",
        organisation="Office of the PCC for Testshire",
        published="2023-08-01",
        notice=f"The data are constructed. {HOSTILE}",
        sources=(SourceInfo("crime", "test records", "records", ("crime.csv",)),),
        branding=branding,
    )
    return StatementDocument(
        info=info,
        title="Police and Crime Measures: quarterly statement",
        subtitle="Testshire Constabulary, April to June 2023 (Quarter 1 2023/24)",
        windows_sentence="Figures are for the 12 months to June 2023.",
        applicability=(
            ApplicabilityLine("homicide", "Reduce homicide", True),
            ApplicabilityLine("victim_satisfaction", "Improve satisfaction", False, "No survey."),
        ),
        sections=(
            SectionPart(
                1,
                "Reduce homicide",
                "Recorded crime levels",
                (homicide,),
                (
                    NarrativePart("Force response", (Paragraph("We acted."),)),
                    NarrativePart("Ongoing focus", (BulletList(("One", f"Two {HOSTILE}")),)),
                ),
            ),
            SectionPart(2, "Improve satisfaction", "Survey results", (satisfaction,)),
        ),
        sources=(SourceEntry("crime", "test records", "records", ("crime.csv",), 3),),
        notes=NOTES,
        commissioner="A Commissioner, Police and Crime Commissioner for Testshire",
        published="2023-08-01",
        notice=f"The data are constructed. {HOSTILE}",
        notice_note=4,
    )
