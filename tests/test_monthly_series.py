"""Monthly counts for charts: asked of the source month by month, trimmed, gaps kept."""

from __future__ import annotations

import pytest

from measurekit import (
    ComparisonWindows,
    Count,
    FinancialQuarter,
    Indicator,
    MeasureContext,
    MeasureSettings,
    Month,
    MonthlyCount,
    MonthlySeries,
    Query,
    Source,
    StatementInfo,
    Unavailable,
    Window,
)
from measurekit.model.markers import Marker

THING = Indicator("thing", "Things", "thing", "things")
QUARTER = FinancialQuarter.parse("2023/24 Q1")


class MonthSource(Source):
    """Answers single months from a dict; anything else it cannot answer."""

    def __init__(self, counts: dict[Month, int]) -> None:
        super().__init__("test", "test")
        self.counts = counts
        self.asked: list[Window] = []

    def count(self, query: Query, window: Window) -> Count | Unavailable:
        self.asked.append(window)
        if window.months == 1 and window.start in self.counts:
            return Count(self.counts[window.start])
        return Unavailable("not held", missing_month=window.start)


def context(source: Source | None) -> MeasureContext:
    windows = ComparisonWindows.for_quarter(QUARTER)
    info = StatementInfo("Force", "Area", QUARTER, windows)
    return MeasureContext("m", info, windows, source, MeasureSettings())


def test_asks_36_single_months_ending_with_the_current_window() -> None:
    source = MonthSource(dict.fromkeys(Window(Month(2020, 1), Month(2023, 12)), 1))
    series = context(source).count_each_month(THING, Query("thing"))
    assert series is not None
    assert [window.months for window in source.asked] == [1] * 36
    assert series.window == Window(Month(2020, 7), Month(2023, 6))


def test_months_before_and_after_the_data_are_left_out_and_gaps_inside_kept() -> None:
    held = {month: month.month for month in Window(Month(2021, 3), Month(2023, 4))}
    del held[Month(2022, 2)]
    series = context(MonthSource(held)).count_each_month(THING, Query("thing"))
    assert series is not None
    assert series.window == Window(Month(2021, 3), Month(2023, 4))
    gap = [point for point in series.points if point.value is None]
    assert gap == [MonthlyCount(Month(2022, 2), None, Marker.NOT_AVAILABLE)]
    assert series.points[0] == MonthlyCount(Month(2021, 3), 3)


def test_no_series_without_monthly_data_or_source() -> None:
    assert context(MonthSource({})).count_each_month(THING, Query("thing")) is None
    assert context(None).count_each_month(THING, Query("thing")) is None


def test_series_must_be_consecutive_and_start_and_end_known() -> None:
    with pytest.raises(ValueError, match="skips"):
        MonthlySeries(
            "m", THING, (MonthlyCount(Month(2023, 1), 1), MonthlyCount(Month(2023, 3), 1))
        )
    with pytest.raises(ValueError, match="start and end"):
        MonthlySeries("m", THING, (MonthlyCount(Month(2023, 1), None, Marker.NOT_AVAILABLE),))
