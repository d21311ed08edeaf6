"""The ``ons-pfa`` source against ONS's own tables, for every force.

Expected values come from the workbooks themselves, read cell by cell in
:mod:`tests.ons_tables` (not through measurekit's parser): current counts from P1, and
ONS's own percentage changes from P2, which measurekit's counts must reproduce to one
decimal place wherever P2 prints a number.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from measurekit_ons_pfa.source import OnsPfaSource
from measurekit_ons_pfa.tables import strip_footnotes

from measurekit.errors import InputError
from measurekit.model.markers import Marker
from measurekit.model.periods import Month, Window
from measurekit.plugins.manager import Plugins
from measurekit.sources.base import Count, Query, SourceFormat, SourceSpec, Unavailable

from .ons_tables import (
    ALL_EDITIONS,
    DECEMBER_2018,
    DECEMBER_2019,
    JUNE_2018,
    JUNE_2019,
    MARCH_2018,
    MARCH_2019,
    P1_P2_COLUMNS,
    SEPTEMBER_2018,
    SEPTEMBER_2019,
    ons_table,
)

YE_MARCH_2019 = Window(Month(2018, 4), Month(2019, 3))
YE_JUNE_2019 = Window(Month(2018, 7), Month(2019, 6))
YE_SEPTEMBER_2019 = Window(Month(2018, 10), Month(2019, 9))
YE_DECEMBER_2019 = Window(Month(2019, 1), Month(2019, 12))


@pytest.fixture(scope="module")
def ons_format() -> SourceFormat:
    return Plugins.load().source_format("ons-pfa")


def open_force(
    ons_format: SourceFormat, force: str, paths: tuple[Path, ...] = ALL_EDITIONS
) -> OnsPfaSource:
    spec = SourceSpec("ons", "ons-pfa", paths, (force,), True)
    source = ons_format.open(spec)
    assert isinstance(source, OnsPfaSource)
    return source


def one_decimal(value: float) -> str:
    return f"{value:.1f}"


@pytest.mark.parametrize(
    ("older", "newer", "window"),
    [
        (MARCH_2018, MARCH_2019, YE_MARCH_2019),
        (JUNE_2018, JUNE_2019, YE_JUNE_2019),
        (SEPTEMBER_2018, SEPTEMBER_2019, YE_SEPTEMBER_2019),
        (DECEMBER_2018, DECEMBER_2019, YE_DECEMBER_2019),
    ],
    ids=["march", "june", "september", "december"],
)
def test_every_force_agrees_with_ons_p1_and_p2(
    ons_format: SourceFormat, older: Path, newer: Path, window: Window
) -> None:
    p1_new, _ = ons_table(newer, "Table P1", P1_P2_COLUMNS)
    p2_new, _ = ons_table(newer, "Table P2", P1_P2_COLUMNS)
    p1_old, _ = ons_table(older, "Table P1", P1_P2_COLUMNS)
    assert len(p1_new) == 43
    numbers = dashes = revised = symbols = 0
    for code in p1_new:
        source = open_force(ons_format, code)
        for indicator in P1_P2_COLUMNS:
            current = source.count(Query(indicator), window)
            printed = p1_new[code][indicator]
            previous = source.count(Query(indicator), window.shifted(-1))
            change = p2_new[code][indicator]
            if not isinstance(printed, int):
                # Greater Manchester in the September and December 2019 editions: '..'.
                symbols += 1
                assert isinstance(current, Unavailable), (code, indicator, current)
                assert f"ONS prints '{printed}'" in current.reason
                assert not isinstance(change, int | float)
                continue
            assert isinstance(current, Count), (code, indicator, current)
            assert current.value == printed, (code, indicator)
            if isinstance(change, int | float):
                numbers += 1
                assert isinstance(previous, Count), (code, indicator, previous)
                ours = (current.value - previous.value) / previous.value * 100
                assert one_decimal(ours) == one_decimal(change), (code, indicator)
                first_published = p1_old[code][indicator]
                if previous.value != first_published:
                    revised += 1
                    assert previous.marker is Marker.REVISED, (code, indicator)
                    assert f"first published as {first_published:,}" in (previous.note or "")
                else:
                    assert previous.marker is None, (code, indicator)
            else:
                dashes += 1
                why = previous.reason if isinstance(previous, Unavailable) else previous.note
                assert why is not None, (code, indicator)
                assert f"ONS prints '{change}'" in why, (code, indicator, why)
                if change == "-":
                    assert "fewer than 50" in why, (code, indicator, why)
    # Both kinds of cell occur, and ONS revised many previous-year counts.
    assert numbers > 200
    assert dashes > 30
    assert revised > 50
    assert symbols == (6 if newer in (SEPTEMBER_2019, DECEMBER_2019) else 0)


def test_revised_count_follows_from_p2_and_p1(ons_format: SourceFormat) -> None:
    # Cheshire robbery: 483 in the year ending June 2019 with ONS's change of +20.4488...%,
    # so the year before was 483 / 1.204488... = 401, not the 405 first published.
    source = open_force(ons_format, "Cheshire Constabulary")
    previous = source.count(Query("robbery"), YE_JUNE_2019.shifted(-1))
    assert previous == Count(
        401,
        Marker.REVISED,
        "revised: 401 in the ONS year ending June 2019 edition (worked out from its "
        "percentage change); first published as 405 in the year ending June 2018 edition",
    )


def test_suppressed_change_keeps_first_published_count_and_says_why(
    ons_format: SourceFormat,
) -> None:
    # ONS prints '-' for Cheshire's homicide change; the June 2018 edition printed 19.
    source = open_force(ons_format, "E23000006")
    previous = source.count(Query("homicide"), YE_JUNE_2019.shifted(-1))
    assert isinstance(previous, Count)
    assert previous.value == 19
    assert previous.marker is None
    assert "a later revision is not known" in (previous.note or "")


def test_windows_the_editions_do_not_hold_are_unavailable(ons_format: SourceFormat) -> None:
    source = open_force(ons_format, "Cheshire")
    to_may = source.count(Query("robbery"), Window.ending(Month(2019, 5), 12))
    assert isinstance(to_may, Unavailable)
    assert to_may.missing_month is None
    assert "no ONS edition read covers the 12 months to May 2019" in to_may.reason
    quarter = source.count(Query("robbery"), Window(Month(2019, 4), Month(2019, 6)))
    assert isinstance(quarter, Unavailable)
    assert "12-month figures only" in quarter.reason
    drugs = source.count(Query("drug_trafficking"), YE_JUNE_2019)
    assert isinstance(drugs, Unavailable)


def test_knife_crime_comes_from_the_knife_tables(ons_format: SourceFormat) -> None:
    # P4 of the June 2019 edition: Cheshire 365 selected offences involving a knife; its
    # P5 gives 413 for July 2017 to June 2018, as the June 2018 edition's P4 printed.
    source = open_force(ons_format, "Cheshire")
    assert source.count(Query("knife_crime"), YE_JUNE_2019) == Count(365)
    assert source.count(Query("knife_crime"), YE_JUNE_2019.shifted(-1)) == Count(413)


@pytest.mark.parametrize(
    ("wanted", "code"),
    [
        ("Cheshire Constabulary", "E23000006"),
        ("e23000006", "E23000006"),
        ("West Midlands Police", "E23000014"),  # the force, not the region of that name
        ("City of London Police", "E23000034"),  # ONS writes "London, City of"
        ("Devon & Cornwall Police", "E23000035"),
    ],
)
def test_force_selected_by_name_or_code(ons_format: SourceFormat, wanted: str, code: str) -> None:
    assert open_force(ons_format, wanted, (JUNE_2019,)).area.code == code


def test_unknown_force_is_an_error_naming_the_file(ons_format: SourceFormat) -> None:
    with pytest.raises(InputError, match="no police force area called 'Gotham'") as caught:
        open_force(ons_format, "Gotham", (JUNE_2019,))
    assert JUNE_2019.name in str(caught.value)


def test_forces_lists_the_43_police_force_areas(ons_format: SourceFormat) -> None:
    spec = SourceSpec("ons", "ons-pfa", (JUNE_2019,))
    forces = ons_format.forces(spec)
    assert forces is not None
    assert len(forces) == 43
    assert {force.code[:3] for force in forces if force.code} == {"E23", "W15"}
    cheshire = next(force for force in forces if force.code == "E23000006")
    assert cheshire.name == "Cheshire"  # "Cheshire7" in P1, footnote removed


def test_two_files_for_the_same_edition_are_an_error(
    ons_format: SourceFormat, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(JUNE_2019.read_bytes())
    with pytest.raises(InputError, match="two editions for the year ending June 2019"):
        open_force(ons_format, "Cheshire", (JUNE_2019, copy))


def test_missing_table_is_an_error_naming_the_file(
    ons_format: SourceFormat, tmp_path: Path
) -> None:
    import openpyxl

    broken = tmp_path / "no-p2.xlsx"
    workbook = openpyxl.load_workbook(JUNE_2019)
    workbook.remove(workbook["Table P2"])
    workbook.save(broken)
    with pytest.raises(InputError, match="no table of percentage changes") as caught:
        open_force(ons_format, "Cheshire", (broken,))
    assert str(broken) in str(caught.value)


@pytest.mark.parametrize(
    ("printed", "clean"),
    [
        ("Cheshire7", "Cheshire"),
        ("North West 7,8", "North West"),
        ("ENGLAND AND WALES7,8", "ENGLAND AND WALES"),
        ("Homicide5,6", "Homicide"),
        ("Total recorded crime (excluding fraud3)", "Total recorded crime (excluding fraud)"),
        ("Residential burglary\n(households)6,8", "Residential burglary (households)"),
        ("London, City of", "London, City of"),
        ("Population figures\n (mid-2018)3", "Population figures (mid-2018)"),
    ],
)
def test_footnote_digits_are_stripped(printed: str, clean: str) -> None:
    assert strip_footnotes(printed) == clean


def test_knife_count_revised_in_a_later_edition_is_marked(ons_format: SourceFormat) -> None:
    # Northumbria revised its knife crime returns (note 7 of the June 2019 edition's P4):
    # the June 2018 edition's P4 printed 288 for July 2017 to June 2018 (cell C12); the
    # June 2019 edition's P5 prints 823 for the same 12 months (cell U14).
    source = open_force(ons_format, "Northumbria")
    previous = source.count(Query("knife_crime"), YE_JUNE_2019.shifted(-1))
    assert isinstance(previous, Count)
    assert (previous.value, previous.marker) == (823, Marker.REVISED)
    assert "first published as 288 in the year ending June 2018 edition" in (previous.note or "")


def test_period_from_the_title_when_the_notes_sheet_is_gone(
    ons_format: SourceFormat, tmp_path: Path
) -> None:
    import openpyxl

    # Without its Notes sheet, the June 2018 edition's period comes from P1's title,
    # "... year ending June 181,2": June 2018 with footnotes 1 and 2.
    no_notes = tmp_path / "june-2018-no-notes.xlsx"
    workbook = openpyxl.load_workbook(JUNE_2018)
    workbook.remove(workbook["Notes"])
    workbook.save(no_notes)
    source = open_force(ons_format, "Cheshire", (no_notes,))
    [edition] = source.editions
    assert edition.window == Window(Month(2017, 7), Month(2018, 6))
    # P1 of that edition, cell L14: Cheshire robbery 405.
    assert source.count(Query("robbery"), edition.window) == Count(405)


def test_columns_are_found_by_header_not_position(ons_format: SourceFormat, tmp_path: Path) -> None:
    import openpyxl

    # A column inserted before the figures in P1 and P2 moves every column one place.
    moved = tmp_path / "june-2019-moved.xlsx"
    workbook = openpyxl.load_workbook(JUNE_2019)
    for name in ("Table P1", "Table P2"):
        workbook[name].insert_cols(3)
    workbook.save(moved)
    source = open_force(ons_format, "Cheshire", (moved,))
    assert source.count(Query("robbery"), YE_JUNE_2019) == Count(483)
    assert source.count(Query("robbery"), YE_JUNE_2019.shifted(-1)) == Count(401)


def test_renamed_column_is_an_error_naming_file_and_sheet(
    ons_format: SourceFormat, tmp_path: Path
) -> None:
    import openpyxl

    renamed = tmp_path / "june-2019-renamed.xlsx"
    workbook = openpyxl.load_workbook(JUNE_2019)
    sheet = workbook["Table P1"]
    assert sheet["L5"].value == "Robbery"
    sheet["L5"] = "Robbery of business property"
    workbook.save(renamed)
    with pytest.raises(InputError) as caught:
        open_force(ons_format, "Cheshire", (renamed,))
    assert str(caught.value) == (f"{renamed}: sheet 'Table P1' has no column headed 'robbery'")


def test_a_dash_is_explained_by_the_column_note_and_the_symbol_note_apart(
    ons_format: SourceFormat,
) -> None:
    # The June 2018 edition's P2 prints '-' for residential burglary (header
    # "Residental burglary4"): its note 4 says why (classification changes from April
    # 2017), and the sheet's note on '-' gives the general meaning (base fewer than 50).
    source = open_force(ons_format, "Cheshire", (JUNE_2018,))
    answer = source.count(Query("burglary"), YE_JUNE_2019.shifted(-2))
    assert isinstance(answer, Unavailable)
    assert "ONS prints '-'; its note on this column says: Figures for residential burglary" in (
        answer.reason
    )
    assert "classification changes" in answer.reason
    assert answer.reason.endswith(
        "its note on '-' says: '-' indicates that the base number is fewer than 50"
    )
