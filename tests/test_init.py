"""``measurekit init DIR``: a starter folder that builds and checks clean as written."""

from __future__ import annotations

import csv
import json
import runpy
import tomllib
from pathlib import Path

import pytest

from measurekit.cli.main import main


@pytest.fixture
def starter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "my-statement"
    assert main(["init", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"measurekit check {folder / 'statement.toml'}" in out
    return folder


def test_init_writes_a_statement_narrative_data_and_a_readme(starter: Path) -> None:
    statement = tomllib.loads((starter / "statement.toml").read_text(encoding="utf-8"))
    formats = {source["format"] for source in statement["sources"].values()}
    assert formats == {"records", "survey", "counts"}
    for source in statement["sources"].values():
        assert (starter / source["path"]).is_file()
    narratives = [starter / section["narrative"] for section in statement["sections"]]
    assert len(narratives) == 5
    for narrative in narratives:
        headings = [
            line
            for line in narrative.read_text(encoding="utf-8").splitlines()
            if line.startswith("#")
        ]
        assert headings == ["## Force response", "## Ongoing focus"]
    readme = (starter / "README.md").read_text(encoding="utf-8")
    assert "What to replace" in readme
    assert "data/crime-records.csv" in readme


def test_the_starter_checks_clean(starter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(starter / "statement.toml")]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("0 errors, 0 warnings")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_starter_builds_from_its_own_data(
    starter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = starter / "output"
    assert main(["build", str(starter / "statement.toml"), "-f", "json", "-o", str(out)]) == 0
    figures = json.loads((out / "statement.json").read_text(encoding="utf-8"))["figures"]
    current = {f["indicator"]: f["value"] for f in figures if f["role"] == "current"}

    # Counted here straight from the starter's CSV files, for July 2022 to June 2023.
    records = [
        row
        for row in _rows(starter / "data" / "crime-records.csv")
        if "2022-07" <= row["recorded_date"][:7] <= "2023-06"
    ]
    assert current["homicide"] == sum(row["offence_code"] in {"1", "4.1"} for row in records)
    assert current["robbery"] == sum(row["offence_code"] == "34B" for row in records)
    assert current["knife_crime"] == sum(
        row["knife_or_sharp_instrument"] == "yes" for row in records
    )
    admissions = [
        int(row["value"])
        for row in _rows(starter / "data" / "force-counts.csv")
        if row["indicator"] == "sharp_object_admissions"
        and "2022-09" <= row["period_end"] <= "2023-06"
    ]
    assert len(admissions) == 4  # four quarters make the year
    assert current["sharp_object_admissions"] == sum(admissions)
    survey = [
        row
        for row in _rows(starter / "data" / "victim-survey.csv")
        if "2022-07" <= row["response_date"][:7] <= "2023-06"
    ]
    satisfied = sum(row["satisfied"] == "yes" for row in survey)
    (overall,) = [
        f
        for f in figures
        if f["role"] == "current"
        and f["unit"] == "percent"
        and f["indicator"] == "victim_satisfaction"
    ]
    assert overall["base"] == len(survey)
    assert overall["value"] == pytest.approx(100 * satisfied / len(survey))


def test_init_writes_into_an_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    assert main(["init", str(folder)]) == 0
    assert (folder / "statement.toml").is_file()


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "statement.toml").write_text("my own work\n", encoding="utf-8")
    assert main(["init", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "not empty" in err
    assert (folder / "statement.toml").read_text(encoding="utf-8") == "my own work\n"
    assert [path.name for path in folder.iterdir()] == ["statement.toml"]
    assert [path.name for path in tmp_path.iterdir()] == ["mine"]  # no staging left behind


def test_the_starter_data_are_what_the_generator_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = Path(__file__).parents[1]
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(root / "tools" / "make_starter_data.py"), run_name="__main__")
    for name in ("crime-records.csv", "victim-survey.csv", "force-counts.csv"):
        made = tmp_path / "src" / "measurekit" / "starter" / "data" / name
        bundled = root / "src" / "measurekit" / "starter" / "data" / name
        assert made.read_bytes() == bundled.read_bytes(), name
