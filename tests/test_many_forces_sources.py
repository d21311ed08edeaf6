"""Statements for many forces from the record-level and police.uk formats, whose files can
hold several forces."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from measurekit.cli.main import main
from measurekit.model.periods import Month

from .helpers import RECORD_HEADER, write_csv

POLICE_UK_HEADER = [
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
    "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context",
]  # fmt: skip


def statement(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "area.toml"
    path.write_text(
        '[statement]\nforce = "Cheshire Constabulary"\nperiod = "2025/26 Q3"\n'
        f'{source}\n[[sections]]\nmeasures = ["neighbourhood_crime"]\n',
        encoding="utf-8",
    )
    return path


def current_total(path: Path) -> Any:
    document = json.loads(path.read_text(encoding="utf-8"))
    [figure] = [
        f for f in document["figures"]
        if f["indicator"] == "neighbourhood_crime" and f["role"] == "current"
    ]  # fmt: skip
    return document["statement"]["force"], figure["value"]


def two_forces(folder: Path, merseyside_skips: Month | None = None) -> None:
    """A year of police.uk files for two forces: two burglaries a month in Cheshire, three
    robberies a month in Merseyside (whose file for ``merseyside_skips`` is left out)."""
    for index in range(12):  # January to December 2025
        month = Month(2025, 1) + index
        text = str(month)
        cheshire = [[f"c{text}{n}", text, "x", "Cheshire Constabulary", "", "", "", "", "",
                     "Burglary", "", ""] for n in range(2)]  # fmt: skip
        merseyside = [[f"m{text}{n}", text, "x", "Merseyside Police", "", "", "", "", "",
                       "Robbery", "", ""] for n in range(3)]  # fmt: skip
        write_csv(folder / f"{text}-cheshire-street.csv", POLICE_UK_HEADER, cheshire)
        if month != merseyside_skips:
            write_csv(folder / f"{text}-merseyside-street.csv", POLICE_UK_HEADER, merseyside)


def test_police_uk_folder_with_two_forces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "street"
    two_forces(folder)
    path = statement(tmp_path, f'[sources.crime]\nformat = "police-uk"\npath = "{folder}"\n')
    out = tmp_path / "out"
    assert main(["build", str(path), "--all-forces", "-f", "json", "-o", str(out)]) == 0
    assert "2 statements built, 0 failed (of 2)" in capsys.readouterr().out
    # Two burglaries a month in Cheshire, three robberies a month in Merseyside.
    assert current_total(out / "area-cheshire-constabulary.json") == ("Cheshire Constabulary", 24)
    assert current_total(out / "area-merseyside-police.json") == ("Merseyside Police", 36)


def test_a_force_with_a_month_missing_fails_alone_and_gets_no_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "street"
    two_forces(folder, merseyside_skips=Month(2025, 3))
    path = statement(tmp_path, f'[sources.crime]\nformat = "police-uk"\npath = "{folder}"\n')
    out = tmp_path / "out"
    assert main(["build", str(path), "--all-forces", "-f", "json", "-o", str(out)]) == 1
    report = capsys.readouterr().out
    assert "1 statement built, 1 failed (of 2)" in report
    [failure] = [line for line in report.splitlines() if line.startswith("FAILED")]
    assert failure.startswith("FAILED  Merseyside Police: ")
    assert "no data for March 2025" in failure
    assert [item.name for item in out.iterdir()] == ["area-cheshire-constabulary.json"]
    assert current_total(out / "area-cheshire-constabulary.json") == ("Cheshire Constabulary", 24)


def test_records_with_a_force_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    header = [*RECORD_HEADER, "force"]
    rows = [["2025-03-01", "28E", "", "", "", "", "", "Kent"]] * 5
    rows += [["2025-04-01", "39", "", "", "", "", "", "Surrey"]] * 7
    rows += [["2025-01-01", "8N", "", "", "", "", "", "Kent"]]  # sets the start of the data
    rows += [["2025-12-31", "8N", "", "", "", "", "", name] for name in ("Kent", "Surrey")]
    rows += [["2025-01-01", "8N", "", "", "", "", "", "Surrey"]]
    write_csv(tmp_path / "crime.csv", header, rows)
    path = statement(tmp_path, '[sources.crime]\nformat = "records"\npath = "crime.csv"\n')
    out = tmp_path / "out"
    assert main(["build", str(path), "--all-forces", "-f", "json", "-o", str(out)]) == 0
    assert "2 statements built, 0 failed (of 2)" in capsys.readouterr().out
    assert current_total(out / "area-kent.json") == ("Kent", 5)
    assert current_total(out / "area-surrey.json") == ("Surrey", 7)


def test_records_without_a_force_column_cannot_list_forces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_csv(tmp_path / "crime.csv", RECORD_HEADER, [["2025-03-01", "28E", "", "", "", "", ""]])
    path = statement(tmp_path, '[sources.crime]\nformat = "records"\npath = "crime.csv"\n')
    assert main(["build", str(path), "--all-forces", "-o", str(tmp_path / "out")]) == 1
    assert "cannot list the forces it holds" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
