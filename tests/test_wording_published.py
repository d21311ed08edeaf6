"""Wording checked against figures published by real forces (see DOMAIN.md).

Each expected phrase was worked out by hand from the published counts, e.g.
(16 - 28) / 28 = -42.857...% -> "a reduction of 42.9%".
"""

from __future__ import annotations

import pytest

from measurekit.measures.wording import change_phrase, points_phrase


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        (28, 16, "a reduction of 42.9%"),  # Lancashire homicides, to March 2020 -> 2022
        (83, 141, "an increase of 69.9%"),  # Lancashire firearms discharges
        (826, 802, "a reduction of 2.9%"),  # the real statement that printed 8.1%
        (30, 20, "a reduction of 33.3%"),  # Nottinghamshire under-25 sharp-object admissions
        (70, 65, "a reduction of 7.1%"),  # Nottinghamshire admissions, all ages
        (523, 586, "an increase of 12.0%"),  # Cheshire knife crime
        (6067, 5779, "a reduction of 4.7%"),  # Cheshire neighbourhood crime
    ],
)
def test_change_phrase_matches_published_figures(
    previous: int, current: int, expected: str
) -> None:
    assert change_phrase(current, previous) == expected


def test_826_to_802_is_not_the_published_8_1_percent() -> None:
    assert "8.1" not in change_phrase(802, 826)


def test_essex_confidence_points_against_previous_year() -> None:
    # 75.0 - 80.1 = -5.1 points.
    assert points_phrase(75.0, 80.1) == "5.1 percentage points lower than"


def test_essex_confidence_points_against_2019() -> None:
    # 75.0 - 64.7 = +10.3 points.
    assert points_phrase(75.0, 64.7) == "10.3 percentage points higher than"
