"""Labels that say what the data count: ONS's and police.uk's robbery is all robbery, police.uk's
burglary includes businesses, and police.uk's categories cannot give homicide, firearm
offences, knife crime or drug trafficking at all."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from measurekit.cli.main import main

from .helpers import RECORD_HEADER, records, write_csv
from .hostile import one_line
from .ons_tables import JUNE_2018, JUNE_2019, P1_P2_COLUMNS, ons_table

ROOT = Path(__file__).parents[1]
POLICE_UK = Path(__file__).parent / "data" / "police-uk-cheshire-2025"
ALL_ROBBERY = "Robbery (personal and business property)"
PERSONAL_ROBBERY = "Robbery of personal property"
CANNOT = ("homicide", "firearm_offences", "firearm_discharges", "knife_crime", "drug_trafficking")


def build(folder: Path, source: str, period: str, measures: str, *formats: str) -> Path:
    """Build a statement with one ``crime`` source (TOML lines) in ``formats``; the output
    folder."""
    path = folder / "statement.toml"
    path.write_text(
        f'[statement]\nforce = "Cheshire Constabulary"\narea = "Cheshire"\nperiod = "{period}"\n'
        f"[sources.crime]\n{source}\n[[sections]]\nmeasures = [{measures}]\n",
        encoding="utf-8",
    )
    output = folder / "out"
    argv = ["build", str(path), "-o", str(output)]
    for name in formats:
        argv += ["-f", name]
    assert main(argv) == 0
    return output


def table_rows(markdown: str, label: str) -> list[list[str]]:
    """The cells of each Markdown table row whose first cell is ``label``."""
    rows = []
    for line in markdown.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] == label:
            rows.append(cells)
    return rows


def test_ons_robbery_is_labelled_and_caveated_as_all_robbery(tmp_path: Path) -> None:
    source = f'format = "ons-pfa"\npath = ["{JUNE_2018.as_posix()}", "{JUNE_2019.as_posix()}"]'
    output = build(tmp_path, source, "2019/20 Q1", '"neighbourhood_crime"', "markdown", "text",
                   "xlsx")  # fmt: skip
    markdown = (output / "statement.md").read_text(encoding="utf-8")
    text = (output / "statement.txt").read_text(encoding="utf-8")
    # The value is ONS's Robbery column for Cheshire (E23000006), read from the workbook.
    printed = ons_table(JUNE_2019, "Table P1", P1_P2_COLUMNS)[0]["E23000006"]["robbery"]
    [current, *_] = table_rows(markdown, ALL_ROBBERY)
    assert current[1:4] == ["Current", "12 months to June 2019", f"{printed:,}"]
    for drawn in (markdown, text):
        flat = " ".join(drawn.split())  # text wraps its lines
        assert PERSONAL_ROBBERY not in flat
        assert f"{ALL_ROBBERY}: {printed:,}, " in flat
        assert f"{ALL_ROBBERY}: All robbery, of business as well as personal property" in flat
        # The total says it includes what its robbery part includes.
        assert (
            "Neighbourhood crime (total): The sum of residential burglary, vehicle offences, "
            f"robbery and theft from the person as the source counts them, so the total "
            f"includes all that {ALL_ROBBERY.lower()} covers." in flat
        )
    workbook = openpyxl.load_workbook(output / "statement.xlsx", read_only=True)
    cells = [
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    assert not any(PERSONAL_ROBBERY in cell for cell in cells)
    assert any(cell.startswith(ALL_ROBBERY) for cell in cells)
    assert any("of business as well as personal property" in cell for cell in cells)


def test_records_count_robbery_of_personal_property_as_labelled(tmp_path: Path) -> None:
    # 34A is robbery of business property, 34B of personal property: only 34B is counted.
    write_csv(
        tmp_path / "crime.csv",
        RECORD_HEADER,
        records(
            ("2022-08-01", "34B", 3),
            ("2022-09-01", "34A", 5),
            ("2021-04-01", "39", 1),
            ("2023-06-30", "39", 1),
        ),
    )
    output = build(
        tmp_path, 'format = "records"\npath = "crime.csv"', "2023/24 Q1",
        '"neighbourhood_crime"', "markdown",
    )  # fmt: skip
    markdown = (output / "statement.md").read_text(encoding="utf-8")
    [current, *_] = table_rows(markdown, PERSONAL_ROBBERY)
    assert current[3] == "3"
    assert ALL_ROBBERY not in markdown
    assert "business" not in markdown


def test_police_uk_burglary_and_robbery_say_they_include_businesses(tmp_path: Path) -> None:
    source = f'format = "police-uk"\npath = "{POLICE_UK.as_posix()}"'
    output = build(tmp_path, source, "2025/26 Q3", '"neighbourhood_crime"', "markdown")
    markdown = (output / "statement.md").read_text(encoding="utf-8")
    assert table_rows(markdown, "Burglary (residential and business)")
    assert table_rows(markdown, ALL_ROBBERY)
    assert not table_rows(markdown, PERSONAL_ROBBERY)
    assert not table_rows(markdown, "Residential burglary")
    flat = " ".join(markdown.split())
    assert "Burglary (residential and business): All burglary as police.uk's Burglary" in flat
    assert f"{ALL_ROBBERY}: All robbery as police.uk's Robbery category counts it" in flat
    assert "so the total includes all that burglary (residential and business) and " in flat


@pytest.mark.parametrize(
    ("measures", "indicator", "reason"),
    [
        ('"homicide"', "Homicide offences", "police.uk has no homicide category"),
        (
            '"serious_violence"',
            "Offences involving a handgun, rifle or shotgun",
            "police.uk has no firearm category and no firearm flag",
        ),
        (
            '"serious_violence"',
            "Knife or sharp instrument offences",
            "police.uk has no knife or sharp instrument flag",
        ),
        (
            '"drugs_supply"',
            "Drug trafficking offences",
            "police.uk's 'Drugs' category mixes possession with trafficking and supply",
        ),
    ],
)
def test_police_uk_cannot_give_these_and_says_why(
    measures: str, indicator: str, reason: str, tmp_path: Path
) -> None:
    source = f'format = "police-uk"\npath = "{POLICE_UK.as_posix()}"'
    output = build(tmp_path, source, "2025/26 Q3", measures, "markdown")
    markdown = (output / "statement.md").read_text(encoding="utf-8")
    rows = table_rows(markdown, indicator)
    assert len(rows) == 3
    assert all(row[3] == "[x]" for row in rows)
    assert reason in " ".join(markdown.split())
    assert "map one with" not in markdown


@pytest.mark.parametrize("indicator", CANNOT)
def test_mapping_what_police_uk_cannot_give_is_refused(
    indicator: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "statement.toml"
    path.write_text(
        '[statement]\nforce = "Cheshire Constabulary"\nperiod = "2025/26 Q3"\n'
        f'[sources.crime]\nformat = "police-uk"\npath = "{POLICE_UK.as_posix()}"\n'
        f'[sources.crime.crime_types]\n{indicator} = ["Violence and sexual offences"]\n'
        '[[sections]]\nmeasures = ["homicide"]\n',
        encoding="utf-8",
    )
    output = tmp_path / "out"
    assert main(["build", str(path), "-o", str(output)]) == 1
    line = one_line(capsys.readouterr().err)
    assert f"sources.crime.crime_types.{indicator}: police.uk data cannot give {indicator}: " in (
        line
    )
    assert line.endswith("count it from the force's recorded crime (format records or counts)")
    assert not output.exists()
    # check reports it as an error too, and writes nothing.
    assert main(["check", str(path)]) == 1
    assert f"sources.crime.crime_types.{indicator}" in capsys.readouterr().out


def test_docs_say_plainly_what_police_uk_cannot_fill() -> None:
    police_uk = (ROOT / "docs" / "police-uk.md").read_text(encoding="utf-8")
    formats = (ROOT / "docs" / "data-formats.md").read_text(encoding="utf-8")
    can = police_uk[police_uk.index("## What police.uk can and cannot fill") :]
    for measure in ("homicide", "serious_violence", "drugs_supply", "victim_satisfaction"):
        [row] = [line for line in can.splitlines() if line.startswith(f"| `{measure}`")]
        assert "**no**" in row, row
    table = formats[formats.index("## Which measures each source can fill") :]
    for indicator in ("homicide", "firearm_offences", "knife_crime", "drug_trafficking"):
        [row] = [line for line in table.splitlines() if f"`{indicator}`" in line and "|" in line]
        assert row.rstrip(" |").split("|")[-1].strip().startswith("**no**"), row


def test_nothing_suggests_mapping_police_uk_types_to_what_they_cannot_give() -> None:
    """No doc, README or plugin file maps homicide, firearms, knife crime or drug trafficking
    to a police.uk crime type (a line such as ``knife_crime = ["Possession of weapons"]``)."""
    police_types = (
        "Violence and sexual offences|Possession of weapons|Drugs|Robbery|Other crime|"
        "Public order|Criminal damage and arson"
    )
    mapping = re.compile(rf"\b({'|'.join(CANNOT)})\s*=\s*\[[^\]]*\"({police_types})\"")
    files = [
        *(ROOT / "docs").glob("*.md"),
        ROOT / "README.md",
        *(ROOT / "plugins" / "measurekit_police_uk").iterdir(),
    ]
    for path in files:
        if path.is_file():
            assert not mapping.search(path.read_text(encoding="utf-8")), path
