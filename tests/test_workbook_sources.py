"""Workbooks built from real published data, for forces other than the example's: ONS's
police force area tables (Dyfed-Powys) and police.uk's street-level files (Cheshire, 2025).

Every layout rule is checked on every sheet of both files, and the figures are checked
against the published tables, read independently of measurekit.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from .ons_tables import JUNE_2018, JUNE_2019, P1_P2_COLUMNS, ons_table
from .test_police_uk import DATA as POLICE_UK
from .test_police_uk import HEADER, raw_rows
from .test_workbook import FORMULA, render, rows_of_table
from .workbook_checks import check_ods, check_xlsx, ods_values, read_ods, xlsx_values

PARTS = ("burglary", "vehicle_offences", "robbery", "theft_from_person")
POLICE_UK_TYPES = {
    "Burglary_monthly": "Burglary",
    "Vehicle_offences_monthly": "Vehicle crime",
    "Robbery_monthly": "Robbery",
    "Theft_from_person_monthly": "Theft from the person",
}
MONTH_NAMES = [calendar.month_name[number] for number in range(1, 13)]


def write_statement(folder: Path, source: str, *sections: str, period: str, **fields: str) -> Path:
    """A statement file in ``folder``: ``fields`` in its ``[statement]`` table (as TOML
    strings), the source ``crime`` given as TOML lines, one section per measure id."""
    lines = ["[statement]", f'period = "{period}"']
    lines += [f"{key} = {json.dumps(value)}" for key, value in fields.items()]
    lines += ["", "[sources.crime]", source]
    for measure in sections:
        lines += ["", "[[sections]]", f'measures = ["{measure}"]']
    path = folder / "statement.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def dyfed_powys_statement(folder: Path) -> Path:
    """Dyfed-Powys, 12 months to June 2019, from two ONS editions."""
    editions = json.dumps([JUNE_2018.as_posix(), JUNE_2019.as_posix()])
    return write_statement(
        folder,
        f'format = "ons-pfa"\npath = {editions}',
        "homicide",
        "neighbourhood_crime",
        period="2019/20 Q1",
        force="Dyfed-Powys Police",
        area="Dyfed-Powys",
        published="1 August 2019",
    )


@pytest.fixture(scope="module")
def dyfed_powys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return render(dyfed_powys_statement(tmp_path_factory.mktemp("ons")))


@pytest.fixture(scope="module")
def police_uk(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("police-uk")
    return render(
        write_statement(
            folder,
            f'format = "police-uk"\npath = "{POLICE_UK.as_posix()}"',
            "neighbourhood_crime",
            period="2025/26 Q3",
            force="Cheshire Constabulary",
            area="Cheshire",
        )
    )


@pytest.mark.parametrize("source", ["dyfed_powys", "police_uk"])
def test_every_layout_rule_holds_on_every_sheet(
    source: str, request: pytest.FixtureRequest
) -> None:
    built: dict[str, bytes] = request.getfixturevalue(source)
    assert check_xlsx(built["xlsx"]) == []
    assert check_ods(built["ods"]) == []
    assert ods_values(built["ods"]) == xlsx_values(built["xlsx"])


def test_a_second_build_gives_the_same_bytes(
    dyfed_powys: dict[str, bytes], police_uk: dict[str, bytes], tmp_path: Path
) -> None:
    # Built again from a statement file in another folder, after other workbooks were
    # written in this process.
    assert render(dyfed_powys_statement(tmp_path)) == dyfed_powys


def test_ons_figures_are_the_published_ones(dyfed_powys: dict[str, bytes]) -> None:
    p1, _ = ons_table(JUNE_2019, "Table P1", P1_P2_COLUMNS)
    [row] = [row for row in p1.values() if str(row["name"]).startswith("Dyfed-Powys")]
    _, homicide = rows_of_table(dyfed_powys["xlsx"], "Homicide")
    assert homicide[0][:2] == ["Homicide offences [note 1]", "Current"]
    assert homicide[0][3] == row["homicide"]
    _, neighbourhood = rows_of_table(dyfed_powys["xlsx"], "Neighbourhood_crime")
    current = {r[0].split(" [")[0]: r[4] for r in neighbourhood if r[1] == "Current"}
    total = sum(int(str(row[part])) for part in PARTS)
    assert current["Neighbourhood crime (total)"] == total
    assert current["Residential burglary"] == row["burglary"]
    # ONS tables give 12-month totals only: no monthly series, so no chart sheets.
    assert not [name for name in xlsx_values(dyfed_powys["xlsx"]) if name.endswith("_monthly")]


def test_police_uk_monthly_tables_count_the_published_rows(
    police_uk: dict[str, bytes],
) -> None:
    by_month: Counter[tuple[str, str]] = Counter()
    for path in sorted(POLICE_UK.glob("*.csv.gz")):
        by_month.update((row[1], row[9]) for row in raw_rows(path))
    for sheet, crime_type in POLICE_UK_TYPES.items():
        _, rows = rows_of_table(police_uk["xlsx"], sheet)
        expected = [
            [f"{name} 2025", by_month[f"2025-{number:02d}", crime_type]]
            for number, name in enumerate(MONTH_NAMES, start=1)
        ]
        assert rows == expected, sheet
    # The data start in January 2025: the earlier windows are [x], never 0.
    _, rows = rows_of_table(police_uk["xlsx"], "Neighbourhood_crime")
    assert {r[3] for r in rows if r[1] != "Current"} == {"[x]"}


def test_narrative_sheet_says_who_wrote_each_part(
    police_uk: dict[str, bytes], dyfed_powys: dict[str, bytes]
) -> None:
    # No narrative file: the only text is measurekit's own account of the figures.
    for built in (police_uk, dyfed_powys):
        source = xlsx_values(built["xlsx"])["Narrative"][2][0]
        assert source.startswith("Source: recorded crime levels, written by measurekit")
        assert "force and the commissioner's office" not in source


# --- formula-like text from the statement file and from data -------------------------------


def assert_stored_as_text(built: dict[str, bytes], text: str) -> None:
    """Every cell holding ``text`` is a string in both files, and neither holds a formula."""
    book = openpyxl.load_workbook(io.BytesIO(built["xlsx"]))
    cells = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and text in cell.value
    ]
    assert cells
    assert {cell.data_type for cell in cells} == {"s"}
    with zipfile.ZipFile(io.BytesIO(built["xlsx"])) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in archive.read(name).decode("utf-8"), name
    ods = read_ods(built["ods"])
    ods_cells = [
        cell for rows in ods.sheets.values() for row in rows for cell in row if text in cell.text
    ]
    assert len(ods_cells) == len(cells)
    assert all(c.value_type == "string" and c.formula is None for c in ods_cells)


def test_formula_as_force_name_in_the_statement_file_is_text(tmp_path: Path) -> None:
    lines = ["indicator,period_end,months,value"]
    lines += [f"homicide,2023-{month:02d},1,{month % 2}" for month in range(1, 7)]
    lines += [f"homicide,2022-{month:02d},1,1" for month in range(1, 13)]
    (tmp_path / "counts.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    built = render(
        write_statement(
            tmp_path,
            'format = "counts"\npath = "counts.csv"',
            "homicide",
            period="2023/24 Q1",
            force=FORMULA,
            area=FORMULA,
            commissioner=FORMULA,
        )
    )
    assert_stored_as_text(built, FORMULA)
    cover = [row[0] for row in xlsx_values(built["xlsx"])["Cover_sheet"] if row]
    assert FORMULA in cover  # the commissioner, alone in its cell
    assert check_xlsx(built["xlsx"]) == []
    assert check_ods(built["ods"]) == []


def test_formula_as_force_name_in_police_uk_data_is_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for month in range(1, 13):
        with (data / f"2025-{month:02d}-x-street.csv").open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER.split(","))
            for number, crime_type in enumerate(["Burglary"] * month + ["Robbery"]):
                writer.writerow(
                    [f"id{month}-{number}", f"2025-{month:02d}", FORMULA, FORMULA, "-2.5",
                     "53.2", "On or near X", "E01000001", "X 001A", crime_type, "", ""]
                )  # fmt: skip
    statement = write_statement(
        tmp_path,
        'format = "police-uk"\npath = "data/"',
        "neighbourhood_crime",
        period="2025/26 Q3",
        force="Testshire Police",
    )
    from measurekit.cli.main import main

    output = tmp_path / "out"
    status = main(
        ["build", str(statement), "--all-forces", "-f", "xlsx", "-f", "ods", "-o", str(output)]
    )
    assert status == 0
    [xlsx] = output.glob("*.xlsx")
    [ods] = output.glob("*.ods")
    built = {"xlsx": xlsx.read_bytes(), "ods": ods.read_bytes()}
    assert_stored_as_text(built, FORMULA)
    _, rows = rows_of_table(built["xlsx"], "Burglary_monthly")
    assert [row[1] for row in rows] == list(range(1, 13))
    assert check_xlsx(built["xlsx"]) == []
    assert check_ods(built["ods"]) == []
