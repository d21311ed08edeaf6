"""Applicability (SI 2021/547 para 7A(b)) and missing data, in every output format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from measurekit.cli.main import main
from measurekit.model.markers import Marker
from measurekit.model.statement import Role

from .statement_builder import (
    RECORD_HEADER,
    build,
    figure,
    record,
    render,
    statement_toml,
    write_csv,
)

REASON = "homicide is reported by the regional unit, not by this force"


def flat(text: str) -> str:
    return " ".join(text.split())


def test_not_applicable_measure_without_data_builds_and_says_why(tmp_path: Path) -> None:
    body = f"""
[[sections]]
measures = ["homicide"]

[[sections]]
measures = ["cyber_crime"]

[measures.homicide]
applicable = false
reason = "{REASON}"

[measures.cyber_crime]
applicable = false
reason = "measured nationally by two surveys"
"""
    statement = build(tmp_path / "s.toml", statement_toml(body))
    assert statement.figures == ()
    outputs = render(statement)
    for name in ("text", "markdown"):
        words = flat(outputs[name])
        assert f"Reduce murder and other homicide: not applicable. {REASON}" in words
        assert "This measure is not applicable in Testshire. Homicide is reported by" in words
        assert "Tackle cyber crime: not applicable. measured nationally by two surveys" in words
        assert "This measure is not applicable in Testshire. Measured nationally" in words
    document = json.loads(outputs["json"])
    assert document["figures"] == []
    assert [(m["id"], m["applicable"], m["reason"]) for m in document["measures"]] == [
        ("homicide", False, REASON),
        ("cyber_crime", False, "measured nationally by two surveys"),
    ]


def test_applicable_measures_are_listed_as_applicable_in_every_format(tmp_path: Path) -> None:
    write_csv(tmp_path / "r.csv", RECORD_HEADER, [record("2019-01-01"), record("2023-06-30")])
    body = (
        '[sources.crime]\nformat = "records"\npath = "r.csv"\n'
        '[[sections]]\nmeasures = ["homicide"]\n'
    )
    outputs = render(build(tmp_path / "s.toml", statement_toml(body)))
    assert "Reduce murder and other homicide: applicable." in outputs["text"]
    assert "- Reduce murder and other homicide: applicable." in outputs["markdown"]
    document = json.loads(outputs["json"])
    assert document["measures"][0]["applicable"] is True


def test_cyber_crime_shows_local_counts_when_supplied(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "c.csv",
        ("indicator", "period_end", "months", "value"),
        [
            ("cyber_dependent_crime", "2023-06", 12, 412),
            ("cyber_dependent_crime", "2022-06", 12, 400),
        ],
    )
    body = """
[sources.counts]
format = "counts"
path = "c.csv"

[[sections]]
measures = ["cyber_crime"]

[measures.cyber_crime]
applicable = false
reason = "measured nationally"
"""
    statement = build(tmp_path / "s.toml", statement_toml(body))
    assert figure(statement, "cyber_dependent_crime").value == 412
    words = flat(render(statement, ["text"])["text"])
    assert "This measure is not applicable in Testshire. Measured nationally." in words
    # 412 against 400: +3.0%.
    assert "Cyber-dependent crimes reported: 412, an increase of 3.0% on the 400 recorded" in words


def gap_statement(tmp_path: Path, allow_gaps: bool) -> Path:
    """Monthly homicide counts from July 2020 to June 2023 with March 2022 missing."""
    rows = []
    month = (2020, 7)
    while month <= (2023, 6):
        if month != (2022, 3):
            rows.append(("homicide", f"{month[0]}-{month[1]:02d}", 1, 1))
        month = (month[0] + 1, 1) if month[1] == 12 else (month[0], month[1] + 1)
    write_csv(tmp_path / "counts.csv", ("indicator", "period_end", "months", "value"), rows)
    body = (
        '[sources.crime]\nformat = "counts"\npath = "counts.csv"\n'
        '[[sections]]\nmeasures = ["homicide"]\n'
    )
    extra = "allow_gaps = true" if allow_gaps else ""
    path = tmp_path / "gaps.toml"
    path.write_text(statement_toml(body, extra=extra), encoding="utf-8")
    return path


def test_gap_allowed_gives_x_with_a_note_in_every_format(tmp_path: Path) -> None:
    path = gap_statement(tmp_path, allow_gaps=True)
    assert main(["build", str(path), "-o", str(tmp_path / "out")]) == 0
    text = flat((tmp_path / "out" / "gaps.txt").read_text(encoding="utf-8"))
    markdown = (tmp_path / "out" / "gaps.md").read_text(encoding="utf-8")
    document = json.loads((tmp_path / "out" / "gaps.json").read_text(encoding="utf-8"))
    assert "Homicide offences, 12 months to June 2022: no figure covers March 2022." in text
    assert "no figure covers March 2022" in markdown
    assert re.search(
        r"\|\s*Homicide offences\s*\|\s*Previous year\s*\|\s*12 months to June 2022\s*\|\s*\[x\]",
        markdown,
    )
    previous = next(f for f in document["figures"] if f["role"] == "previous_year")
    assert (previous["value"], previous["marker"]) == (None, "[x]")
    current = next(f for f in document["figures"] if f["role"] == "current")
    assert current["value"] == 12
    assert any("March 2022" in note for note in document["measures"][0]["notes"])


def test_gap_not_allowed_fails_without_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = gap_statement(tmp_path, allow_gaps=False)
    assert main(["build", str(path), "-o", str(tmp_path / "out")]) == 1
    assert "no data for March 2022" in capsys.readouterr().err
    assert not (tmp_path / "out" / "gaps.json").exists()


def test_window_before_the_data_start_is_x_in_every_format(tmp_path: Path) -> None:
    # Records from July 2021: the year to June 2021 and the baseline cannot be counted.
    write_csv(
        tmp_path / "r.csv",
        RECORD_HEADER,
        [record("2021-07-01", code="1"), record("2023-06-30", knife="yes")],
    )
    body = (
        '[sources.crime]\nformat = "records"\npath = "r.csv"\n'
        '[[sections]]\nmeasures = ["homicide", "serious_violence"]\n'
    )
    statement = build(tmp_path / "s.toml", statement_toml(body, extra='baseline = "2020-03"'))
    earlier = figure(statement, "knife_crime", Role.TWO_YEARS_BEFORE)
    assert (earlier.value, earlier.marker) == (None, Marker.NOT_AVAILABLE)
    assert figure(statement, "homicide", Role.PREVIOUS_YEAR).value == 1
    outputs = render(statement)
    # Every serious violence indicator lacks the same two windows for the same reason:
    # one note says so, instead of one note per indicator and window.
    note = (
        "Offences involving a handgun, rifle or shotgun, of which the firearm was discharged "
        "and knife or sharp instrument offences, 12 months to June 2021 and 12 months to "
        "March 2020: the data start in July 2021."
    )
    assert note in flat(outputs["text"])
    assert note in flat(outputs["markdown"])
    document = json.loads(outputs["json"])
    notes = next(m["notes"] for m in document["measures"] if m["id"] == "serious_violence")
    assert notes == [note]
    assert flat(outputs["text"]).count("the data start in July 2021") == 2  # two measures
    assert (
        "recorded 1 knife or sharp instrument offence: none were recorded in the 12 "
        "months to June 2022. There is no figure to compare with for the 12 months to June "
        "2021. There is no figure for the baseline, the 12 months to March 2020, to compare "
        "with." in flat(outputs["text"])
    )
