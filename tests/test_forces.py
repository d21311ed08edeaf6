"""Selecting one force's rows from a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from measurekit.errors import InputError
from measurekit.sources.forces import normalise, select_force
from measurekit.sources.tabular import Row

PATH = Path("data.csv")


def rows(*forces: str) -> list[Row]:
    return [Row(PATH, n, {"force": force}) for n, force in enumerate(forces, start=2)]


def numbers(selected: object) -> list[int]:
    return [row.number for row in selected]  # type: ignore[attr-defined]


def test_names_match_without_police_or_constabulary() -> None:
    assert normalise("Cheshire Constabulary") == normalise("cheshire") == "cheshire"
    assert normalise("Avon & Somerset Police") == "avon and somerset"


def test_matching_and_blank_rows_are_kept() -> None:
    selected = select_force(rows("Cheshire", "", "Merseyside", "cheshire police"),
                            ("Cheshire Constabulary",), False, PATH)  # fmt: skip
    assert numbers(selected) == [2, 3, 5]


def test_a_single_other_force_is_taken_when_none_was_named() -> None:
    assert numbers(select_force(rows("Kent", "Kent"), ("Cheshire",), False, PATH)) == [2, 3]
    with pytest.raises(InputError, match="no rows for force 'Cheshire'; the file holds 'Kent'"):
        list(select_force(rows("Kent", "Kent"), ("Cheshire",), True, PATH))


def test_several_other_forces_are_an_error_listing_them() -> None:
    with pytest.raises(InputError, match="the file holds 'Kent', 'Surrey'"):
        list(select_force(rows("Kent", "Surrey"), ("Cheshire",), False, PATH))
