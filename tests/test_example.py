"""The bundled example reproduces every figure of the published Cheshire statement for
Quarter 1 2023/24 (figures as listed in DOMAIN.md and the issue), in the reference's order."""

from __future__ import annotations

import json
import runpy
from pathlib import Path
from typing import Any

import pytest

from measurekit.cli.main import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("example")
    assert main(["example", "-o", str(folder)]) == 0
    stem = "cheshire-2023-24-q1"
    return {
        "json": json.loads((folder / f"{stem}.json").read_text(encoding="utf-8")),
        "text": " ".join((folder / f"{stem}.txt").read_text(encoding="utf-8").split()),
        "markdown": (folder / f"{stem}.md").read_text(encoding="utf-8"),
    }


def value(document: dict[str, Any], indicator: str, role: str) -> Any:
    matches = [f for f in document["figures"] if f["indicator"] == indicator and f["role"] == role]
    assert len(matches) == 1, (indicator, role)
    return matches[0]


@pytest.mark.parametrize(
    ("indicator", "role", "expected"),
    [
        ("homicide", "current", 0),
        ("homicide", "previous_year", 2),
        ("homicide", "two_years_before", 9),
        ("firearm_offences", "current", 18),
        ("firearm_discharges", "current", 4),
        ("firearm_offences", "previous_year", 20),
        ("firearm_discharges", "previous_year", 2),
        ("firearm_offences", "two_years_before", 30),
        ("firearm_discharges", "two_years_before", 12),
        ("knife_crime", "current", 586),
        ("knife_crime", "previous_year", 523),
        ("neighbourhood_crime", "current", 5779),
        ("neighbourhood_crime", "previous_year", 6067),
    ],
)
def test_published_counts(
    outputs: dict[str, Any], indicator: str, role: str, expected: int
) -> None:
    assert value(outputs["json"], indicator, role)["value"] == expected


@pytest.mark.parametrize(
    ("indicator", "low", "high"),
    [
        # Published changes rounded to one decimal place: -5.4%, -6.9%, -2.2%, +9.5%.
        ("burglary", -5.45, -5.35),
        ("vehicle_offences", -6.95, -6.85),
        ("robbery", -2.25, -2.15),
        ("theft_from_person", 9.45, 9.55),
    ],
)
def test_published_neighbourhood_changes(
    outputs: dict[str, Any], indicator: str, low: float, high: float
) -> None:
    now = value(outputs["json"], indicator, "current")["value"]
    before = value(outputs["json"], indicator, "previous_year")["value"]
    assert low <= (now - before) / before * 100 < high


def test_domestic_abuse_satisfaction(outputs: dict[str, Any]) -> None:
    record = value(outputs["json"], "domestic_abuse_satisfaction", "current")
    assert (record["value"], record["base"], record["unit"]) == (75.0, 56, "percent")
    assert record["window"] == {"start": "2022-07", "end": "2023-06", "months": 12}


def test_windows_in_the_json(outputs: dict[str, Any]) -> None:
    assert value(outputs["json"], "homicide", "previous_year")["window"] == {
        "start": "2021-07",
        "end": "2022-06",
        "months": 12,
    }
    assert outputs["json"]["statement"]["period"] == "2023/24 Q1"


def test_cyber_crime_not_applicable_with_reason(outputs: dict[str, Any]) -> None:
    cyber = next(m for m in outputs["json"]["measures"] if m["id"] == "cyber_crime")
    assert cyber["applicable"] is False
    assert "national" in cyber["reason"]
    assert "Tackle cyber crime: not applicable." in outputs["text"]


def test_sections_follow_the_reference_order(outputs: dict[str, Any]) -> None:
    headings = [
        line.removeprefix("## Measure: ")
        for line in outputs["markdown"].splitlines()
        if line.startswith("## Measure: ")
    ]
    assert headings == [
        "Reduce murder and other homicide",
        "Reduce serious violence; Disrupt drugs supply and county lines",
        "Reduce neighbourhood crime",
        "Improve satisfaction among victims, with a particular focus on victims of domestic abuse",
        "Tackle cyber crime",
    ]


@pytest.mark.parametrize("name", ["text", "markdown"])
def test_text_and_markdown_state_figures_with_their_windows(
    outputs: dict[str, Any], name: str
) -> None:
    words = " ".join(outputs[name].split())
    for phrase in (
        "In the 12 months to June 2023, Cheshire Constabulary recorded 0 homicides: fewer "
        "than the 2 recorded in the 12 months to June 2022 and fewer than the 9 recorded in "
        "the 12 months to June 2021.",
        "In the 12 months to June 2023, Cheshire Constabulary recorded 18 offences involving "
        "a handgun, rifle or shotgun; the firearm was discharged in 4 of them.",
        "the 20 recorded in the 12 months to June 2022 (2 discharged)",
        "the 30 recorded in the 12 months to June 2021 (12 discharged)",
        "recorded 586 knife or sharp instrument offences: an increase of 12.0% on the 523 "
        "recorded in the 12 months to June 2022",
        "recorded 5,779 neighbourhood crimes: a reduction of 4.7% on the 6,067 recorded in "
        "the 12 months to June 2022",
        "a reduction of 5.4% on the 2,390",
        "a reduction of 6.9% on the 2,860",
        "a reduction of 2.2% on the 356",
        "an increase of 9.5% on the 461",
        "In the 12 months to June 2023, 75.0% of domestic abuse victims who completed the "
        "survey were satisfied (42 of 56 responses;",
        "fewer than 100 responses",
    ):
        assert phrase in words, phrase


def test_example_files_say_the_data_are_constructed(outputs: dict[str, Any]) -> None:
    example = ROOT / "src" / "measurekit" / "example"
    assert "constructed" in (example / "data" / "README.md").read_text(encoding="utf-8")
    assert "constructed" in (example / "cheshire-2023-24-q1.toml").read_text(encoding="utf-8")
    # ... and so does every statement built from them, not just the workbook.
    notice = (
        "About the data: The crime records and victim survey responses behind this example "
        "are constructed, not real"
    )
    assert notice in " ".join(outputs["text"].split())
    assert notice in " ".join(outputs["markdown"].split())
    assert outputs["json"]["notice"].startswith("The crime records and victim survey responses")


def test_every_format_says_which_measures_apply(outputs: dict[str, Any]) -> None:
    markdown = " ".join(outputs["markdown"].split())
    for document in (outputs["text"], markdown):
        assert "Reduce murder and other homicide: applicable." in document
        assert "Tackle cyber crime: not applicable. The Home Office tracks cyber crime" in document
    applies = {m["id"]: m["applicable"] for m in outputs["json"]["measures"]}
    assert applies == {
        "homicide": True,
        "serious_violence": True,
        "drugs_supply": True,
        "neighbourhood_crime": True,
        "victim_satisfaction": True,
        "cyber_crime": False,
    }


def test_survey_figures_are_headed_as_survey_results(outputs: dict[str, Any]) -> None:
    markdown = outputs["markdown"]
    satisfaction = markdown.split("## Measure: Improve satisfaction")[1].split("\n## ")[0]
    assert "### Survey results" in satisfaction
    assert "Recorded crime levels" not in satisfaction
    assert markdown.count("### Recorded crime levels") == 4  # the other four sections


def test_data_sources_are_named(outputs: dict[str, Any]) -> None:
    listed = outputs["markdown"].split("## Data sources\n\n")[1].split("\n\n## ")[0]
    sources = listed.splitlines()
    assert sources == [
        "- Constructed recorded crime records for this example (crime-records.csv).",
        "- Constructed victim survey responses for this example (victim-survey.csv).",
    ]
    assert [[f["path"] for f in s["files"]] for s in outputs["json"]["sources"]] == [
        ["data/crime-records.csv"],
        ["data/victim-survey.csv"],
    ]


def test_generator_reproduces_the_bundled_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(ROOT / "tools" / "make_example_data.py"), run_name="__main__")
    for name in ("crime-records.csv", "victim-survey.csv"):
        made = tmp_path / "src" / "measurekit" / "example" / "data" / name
        bundled = ROOT / "src" / "measurekit" / "example" / "data" / name
        assert made.read_bytes() == bundled.read_bytes(), name


def test_figure_objects_keep_the_interface_keys(outputs: dict[str, Any]) -> None:
    keys = {"measure", "indicator", "unit", "role", "window", "value", "base", "marker"}
    # The additive fields: "interval" on survey percentages, "change" on comparisons.
    for record in outputs["json"]["figures"]:
        additive = {"change"} if record["role"] != "current" else set()
        if record["unit"] == "percent":
            additive.add("interval")
        assert set(record) == keys | additive, record
    assert [m["id"] for m in outputs["json"]["measures"]] == [
        "homicide",
        "serious_violence",
        "drugs_supply",
        "neighbourhood_crime",
        "victim_satisfaction",
        "cyber_crime",
    ]


def test_a_source_without_a_title_is_named_for_readers(tmp_path: Path) -> None:
    from .statement_builder import RECORD_HEADER, build, record, render, statement_toml, write_csv

    write_csv(tmp_path / "r.csv", RECORD_HEADER, [record("2020-07-01", code="1")])
    body = (
        '[sources.crime]\nformat = "records"\npath = "r.csv"\n'
        '[[sections]]\nmeasures = ["homicide"]\n'
    )
    statement = build(tmp_path / "s.toml", statement_toml(body))
    markdown = render(statement, ["markdown"])["markdown"]
    # The records format tells readers what its data are, whatever the source's key.
    assert (
        "## Data sources\n\n- Records of crimes recorded by the force (r.csv).\n\n"
        "## How these figures were made\n"
    ) in markdown
