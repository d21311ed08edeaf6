"""The counts source answers a window only from rows that tile it exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from measurekit.errors import InputError
from measurekit.model.periods import Month, Window
from measurekit.sources.base import Count, Query, SourceSpec, Unavailable
from measurekit.sources.formats import CountsFormat

from .helpers import write_csv

HEADER = ["indicator", "period_end", "months", "value"]
YEAR_TO_JUNE_2023 = Window.ending(Month(2023, 6))


def answer(path: Path, indicator: str, window: Window) -> Count | Unavailable:
    source = CountsFormat().open(SourceSpec("counts", "counts", (path,), ("Testshire",)))
    return source.count(Query(indicator), window)


def monthly(indicator: str, first: Month, values: list[int]) -> list[list[object]]:
    return [[indicator, str(first + i), 1, value] for i, value in enumerate(values)]


def test_twelve_monthly_rows_add_up(tmp_path: Path) -> None:
    values = [3, 0, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]  # sum 44
    path = write_csv(tmp_path / "c.csv", HEADER, monthly("homicide", Month(2022, 7), values))
    assert answer(path, "homicide", YEAR_TO_JUNE_2023) == Count(44)


def test_quarterly_and_yearly_rows(tmp_path: Path) -> None:
    rows = [
        ["knife_crime", "2022-09", 3, 100],
        ["knife_crime", "2022-12", 3, 150],
        ["knife_crime", "2023-03", 3, 120],
        ["knife_crime", "2023-06", 3, 216],  # four quarters: 586
        ["burglary", "2023-06", 12, 2262],
    ]
    path = write_csv(tmp_path / "c.csv", HEADER, rows)
    assert answer(path, "knife_crime", YEAR_TO_JUNE_2023) == Count(586)
    assert answer(path, "burglary", YEAR_TO_JUNE_2023) == Count(2262)
    # A quarter is answered by its own row; a 12-month row never answers a quarter.
    quarter = Window(Month(2023, 4), Month(2023, 6))
    assert answer(path, "knife_crime", quarter) == Count(216)
    assert isinstance(answer(path, "burglary", quarter), Unavailable)


def test_a_missing_month_is_named(tmp_path: Path) -> None:
    rows = monthly("homicide", Month(2022, 7), [1] * 12)
    del rows[7]  # February 2023
    path = write_csv(tmp_path / "c.csv", HEADER, rows)
    result = answer(path, "homicide", YEAR_TO_JUNE_2023)
    assert isinstance(result, Unavailable)
    assert result.missing_month == Month(2023, 2)


def test_a_window_before_the_data_is_not_a_gap(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", HEADER, monthly("homicide", Month(2022, 7), [1] * 12))
    result = answer(path, "homicide", YEAR_TO_JUNE_2023.shifted(-1))
    assert isinstance(result, Unavailable)
    assert result.missing_month is None
    assert result.reason == "the data start in July 2022"


def test_duplicate_rows_are_an_error_naming_both(tmp_path: Path) -> None:
    rows = [["homicide", "2023-06", 1, 1], ["homicide", "2023-06", 1, 2]]
    path = write_csv(tmp_path / "c.csv", HEADER, rows)
    with pytest.raises(InputError, match=r"row 3, column 'period_end'.*first is at row 2"):
        answer(path, "homicide", YEAR_TO_JUNE_2023)


@pytest.mark.parametrize(
    ("row", "column", "complaint"),
    [
        (["homicide", "2023-06", 1, "two"], "value", "'two' is not a whole number"),
        (["homicide", "2023-06", 1, "-1"], "value", "below the smallest"),
        (["homicide", "June 2023", 1, "1"], "period_end", "not a month written YYYY-MM"),
        (["homicide", "2023-06", 0, "1"], "months", "below the smallest"),
    ],
)
def test_bad_cells_name_row_and_column(
    tmp_path: Path, row: list[object], column: str, complaint: str
) -> None:
    path = write_csv(tmp_path / "c.csv", HEADER, [["homicide", "2023-05", 1, 1], row])
    with pytest.raises(InputError) as caught:
        answer(path, "homicide", YEAR_TO_JUNE_2023)
    assert str(caught.value).startswith(f"{path}, row 3, column {column!r}: ")
    assert complaint in str(caught.value)


def test_forces_are_selected_by_name(tmp_path: Path) -> None:
    header = [*HEADER, "force"]
    rows = [
        ["homicide", "2023-06", 12, 7, "Testshire Police"],
        ["homicide", "2023-06", 12, 99, "Otherton Constabulary"],
    ]
    path = write_csv(tmp_path / "c.csv", header, rows)
    assert answer(path, "homicide", YEAR_TO_JUNE_2023) == Count(7)
    with pytest.raises(InputError, match=r"no rows for force 'Nowhere'.*Otherton"):
        CountsFormat().open(SourceSpec("counts", "counts", (path,), ("Nowhere",), True))


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "\ufeffindicator,period_end,months,value\nhomicide,2023-06,12,3\n", encoding="utf-8"
    )
    assert answer(path, "homicide", YEAR_TO_JUNE_2023) == Count(3)


def test_missing_column_is_named(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", ["indicator", "period_end"], [["homicide", "2023-06"]])
    with pytest.raises(InputError, match=r"row 1: missing column 'value'"):
        answer(path, "homicide", YEAR_TO_JUNE_2023)


def test_quarters_that_do_not_line_up_with_the_window_say_why_they_do_not_tile(
    tmp_path: Path,
) -> None:
    # Quarters to September, December, March, June and September; the 12 months to August
    # 2023 (September 2022 to August 2023) start inside the July to September 2022 quarter
    # and end inside the July to September 2023 one, so no set of rows tiles them.
    rows = [
        ["knife_crime", end, 3, 100]
        for end in ("2022-09", "2022-12", "2023-03", "2023-06", "2023-09")
    ]
    path = write_csv(tmp_path / "c.csv", HEADER, rows)
    result = answer(path, "knife_crime", Window.ending(Month(2023, 8)))
    assert isinstance(result, Unavailable)
    # Not "no data for September 2022": that month is in a row; the row cannot be split.
    assert result.reason == (
        "the only row holding September 2022 (July to September 2022) starts before "
        "September 2022, so it cannot be split to fit the 12 months to August 2023"
    )
    assert result.gap == result.reason
