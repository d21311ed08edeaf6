"""Reading ONS's own tables P1, P2 and P3 in tests, independently of measurekit's parser.

Cells are looked up by sheet name, area code (column A) and column letter; the letters are
the same in all eight test editions, and :func:`ons_table` checks each one against the
header text printed above it, so a wrong letter fails loudly rather than silently.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import column_index_from_string

DATA = Path(__file__).parent / "data" / "ons-pfa"
JUNE_2018 = DATA / "policeforceareadatatablesyearendingjune2018corrected.xlsx"
JUNE_2019 = DATA / "policeforceareatablesyearendingjune2019.xlsx"
DECEMBER_2018 = DATA / "policeforceareatablesyearendingdecember2018.xlsx"
DECEMBER_2019 = DATA / "pfatablesdec19.xlsx"
MARCH_2018 = DATA / "policeforceareatablesyearendingmarch2018v2.xlsx"
MARCH_2019 = DATA / "policeforceareatablesyeendingmarch2019.xlsx"
SEPTEMBER_2018 = DATA / "policeforceareatablesyearendingsep18corrected.xlsx"
SEPTEMBER_2019 = DATA / "policeforceareatablesyearendingseptember2019.xlsx"
ALL_EDITIONS = (
    MARCH_2018,
    JUNE_2018,
    SEPTEMBER_2018,
    DECEMBER_2018,
    MARCH_2019,
    JUNE_2019,
    SEPTEMBER_2019,
    DECEMBER_2019,
)

#: Column letters of P1 and P2, with the start of the header printed above each.
P1_P2_COLUMNS = {
    "total_recorded_crime": ("C", "Total recorded crime"),
    "homicide": ("F", "Homicide"),
    "robbery": ("L", "Robbery"),
    "burglary": ("O", "Resid"),
    "vehicle_offences": ("Q", "Vehicle offences"),
    "theft_from_person": ("R", "Theft from the person"),
}
#: Column letters of P3: population, then rates per 1,000 of the four neighbourhood parts.
P3_COLUMNS = {
    "population": ("C", "Population figures"),
    "robbery": ("O", "Robbery"),
    "burglary": ("R", "Residential burglary"),
    "vehicle_offences": ("U", "Vehicle offences"),
    "theft_from_person": ("V", "Theft from the person"),
}


def ons_table(
    path: Path, sheet_name: str, columns: dict[str, tuple[str, str]]
) -> tuple[dict[str, dict[str, object]], dict[str, str]]:
    """``{area code: {key: cell}}`` for police force areas (codes E23/W15) in the sheet
    whose name, stripped, is ``sheet_name``, plus each column's header text."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = next(ws for ws in workbook.worksheets if ws.title.strip() == sheet_name)
        rows = list(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()
    headers: dict[str, str] = {}
    for key, (letter, words) in columns.items():
        index = column_index_from_string(letter) - 1
        text = " ".join(str(row[index]) for row in rows[3:5] if row[index] is not None)
        assert text.startswith(words), f"{path.name} {sheet_name} {letter}: {text!r}"
        headers[key] = text
    table: dict[str, dict[str, object]] = {}
    for row in rows:
        # An area code is 9 characters; P2 of the March 2019 edition glues footnote
        # digits to some ("E230000118" is Hampshire, E23000011, with note 8).
        code = row[0][:9] if isinstance(row[0], str) else None
        if code is not None and code[:3] in {"E23", "W15"}:
            table[code] = {
                key: row[column_index_from_string(letter) - 1]
                for key, (letter, _) in columns.items()
            }
            table[code]["name"] = row[1]
    assert len(table) == 43, f"{path.name} {sheet_name}: {len(table)} police force areas"
    return table, headers
