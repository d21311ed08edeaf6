"""An ONS workbook's numbers stay inside what measurekit accepts (docs/limits.md)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from measurekit.errors import InputError
from measurekit.model.periods import Month, Window
from measurekit.plugins.manager import Plugins
from measurekit.sources.base import Count, Query, SourceSpec

from .ons_tables import JUNE_2019

YE_JUNE_2019 = Window(Month(2018, 7), Month(2019, 6))
EDITS = {"E23000006": 1e20, "E23000002": 10**13}  # Cheshire, Cumbria: robbery (P1, L)


def test_counts_beyond_the_largest_are_errors_at_their_cells(tmp_path: Path) -> None:
    """Robbery counts made too large to be counts: asking for one is an error naming the
    workbook, sheet and cell; the force's other counts, and other forces, still answer."""
    edited = tmp_path / "june-2019-edited.xlsx"
    workbook = openpyxl.load_workbook(JUNE_2019)
    sheet = workbook["Table P1"]
    assert sheet["L5"].value == "Robbery"
    rows = {}
    for row in range(1, sheet.max_row + 1):
        code = sheet.cell(row, 1).value
        if code in EDITS:
            sheet.cell(row, 12).value = EDITS[code]
            rows[code] = row
    assert sorted(rows) == sorted(EDITS)
    workbook.save(edited)
    ons = Plugins.load().source_format("ons-pfa")
    for code, value in EDITS.items():
        source = ons.open(SourceSpec("ons", "ons-pfa", (edited,), (code,), True))
        with pytest.raises(InputError) as caught:
            source.count(Query("robbery"), YE_JUNE_2019)
        assert str(caught.value) == (
            f"{edited}, row {rows[code]}, column 'Table P1!L': {value!r} is outside the "
            "numbers measurekit accepts (at most 999,999,999,999)"
        )
        assert isinstance(source.count(Query("burglary"), YE_JUNE_2019), Count)
    lancashire = ons.open(SourceSpec("ons", "ons-pfa", (edited,), ("Lancashire",), True))
    assert isinstance(lancashire.count(Query("robbery"), YE_JUNE_2019), Count)


def test_an_ons_workbook_with_a_broken_sheet(tmp_path: Path) -> None:
    broken = tmp_path / "june-2019-broken.xlsx"
    with zipfile.ZipFile(JUNE_2019) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheets = sorted(name for name in parts if name.startswith("xl/worksheets/sheet"))
    parts[sheets[-1]] = parts[sheets[-1]][: len(parts[sheets[-1]]) // 2]  # cut short
    with zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    ons = Plugins.load().source_format("ons-pfa")
    with pytest.raises(InputError, match=r"not a readable \.xlsx workbook: sheet '") as caught:
        ons.open(SourceSpec("ons", "ons-pfa", (broken,), ("Cheshire",), True))
    assert str(caught.value).startswith(f"{broken}: ")
