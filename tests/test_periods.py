"""Financial quarters, months and windows, checked against the calendar by hand."""

from __future__ import annotations

import pytest

from measurekit.model.periods import FinancialQuarter, Month, Window


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023/24 Q1", Month(2023, 4), Month(2023, 6)),
        ("2023/24 Q2", Month(2023, 7), Month(2023, 9)),
        ("2023/24 Q3", Month(2023, 10), Month(2023, 12)),
        # Q4 falls in the later calendar year: the error a real statement made.
        ("2023/24 Q4", Month(2024, 1), Month(2024, 3)),
        ("1999/00 Q4", Month(2000, 1), Month(2000, 3)),
    ],
)
def test_quarter_months(text: str, start: Month, end: Month) -> None:
    window = FinancialQuarter.parse(text).window
    assert (window.start, window.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("2023/25 Q1", "followed by 24"),
        ("2023/24 Q5", "Q1 to Q4"),
        ("2023-24 Q1", "not a financial quarter"),
        ("Q1 2023/24", "not a financial quarter"),
        ("", "not a financial quarter"),
    ],
)
def test_malformed_quarters_are_rejected_with_reason(text: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        FinancialQuarter.parse(text)


def test_quarter_labels_name_the_months() -> None:
    quarter = FinancialQuarter.parse("2023/24 Q1")
    assert quarter.long_label == "April to June 2023 (Quarter 1 2023/24)"
    assert str(quarter) == "2023/24 Q1"
    q4 = FinancialQuarter.parse("2023/24 Q4")
    assert q4.long_label == "January to March 2024 (Quarter 4 2023/24)"


def test_rolling_year_is_the_twelve_months_to_the_quarter_end() -> None:
    window = FinancialQuarter.parse("2023/24 Q1").rolling_year()
    assert (window.start, window.end) == (Month(2022, 7), Month(2023, 6))
    assert window.months == 12
    assert window.label == "12 months to June 2023"
    assert window.span_label == "July 2022 to June 2023"


def test_windows_shift_by_whole_years() -> None:
    current = Window.ending(Month(2023, 6))
    assert current.shifted(-1).label == "12 months to June 2022"
    assert current.shifted(-2) == Window(Month(2020, 7), Month(2021, 6))


def test_quarter_window_labels_itself_as_a_quarter() -> None:
    assert Window(Month(2024, 1), Month(2024, 3)).label == (
        "January to March 2024 (Quarter 4 2023/24)"
    )
    # Three months that are not a financial quarter are named by their months.
    assert Window(Month(2024, 2), Month(2024, 4)).label == "February to April 2024"


def test_month_arithmetic_crosses_years() -> None:
    assert Month(2022, 12) + 1 == Month(2023, 1)
    assert Month(2023, 1) - 13 == Month(2021, 12)
    assert list(Window(Month(2022, 11), Month(2023, 2))) == [
        Month(2022, 11),
        Month(2022, 12),
        Month(2023, 1),
        Month(2023, 2),
    ]


@pytest.mark.parametrize("text", ["2023-13", "2023-00", "23-01", "2023/01"])
def test_bad_months_are_rejected(text: str) -> None:
    with pytest.raises(ValueError, match=repr(text)):
        Month.parse(text)


def test_quarter_containing_a_month() -> None:
    assert str(FinancialQuarter.ending_in(Month(2024, 2))) == "2023/24 Q4"
    assert str(FinancialQuarter.ending_in(Month(2023, 4))) == "2023/24 Q1"
