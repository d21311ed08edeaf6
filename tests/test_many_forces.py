"""Statements for every force of an ONS edition, built in one run.

Each force's files are checked against ONS's own P1, P2 and P3, read independently
(:mod:`tests.ons_tables`): the right force's counts, ONS's percentage changes, and the
rate per 1,000 population from P3's population.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from measurekit.cli.main import main
from measurekit.many.run import Progress, slug
from measurekit.sources.base import ForceRef

from .ons_tables import JUNE_2018, JUNE_2019, P1_P2_COLUMNS, P3_COLUMNS, ons_table

PARTS = {
    "burglary": "Residential burglary",
    "vehicle_offences": "Vehicle offences",
    # ONS's robbery is all robbery, and is labelled so.
    "robbery": "Robbery (personal and business property)",
    "theft_from_person": "Theft from the person",
}


def statement(tmp_path: Path, *editions: Path) -> Path:
    paths = ", ".join(f'"{path.as_posix()}"' for path in editions)
    path = tmp_path / "pfa.toml"
    path.write_text(
        f"""
[statement]
force = "Cheshire Constabulary"
area = "Cheshire"
commissioner = "A Commissioner"
period = "2019/20 Q1"

[sources.crime]
format = "ons-pfa"
path = [{paths}]

[[sections]]
measures = ["homicide"]

[[sections]]
measures = ["neighbourhood_crime"]
""",
        encoding="utf-8",
    )
    return path


def figures(document: dict[str, Any], indicator: str, role: str, unit: str = "count") -> Any:
    [found] = [
        figure
        for figure in document["figures"]
        if figure["indicator"] == indicator and figure["role"] == role and figure["unit"] == unit
    ]
    return found


def change_words(change: float) -> str:
    """ONS's change as measurekit's wording states one."""
    if change == 0:
        return "no change"
    if abs(change) < 0.05:
        return "a change of less than 0.1%"
    return f"a reduction of {-change:.1f}%" if change < 0 else f"an increase of {change:.1f}%"


def test_every_force_built_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "out"
    status = main(
        ["build", str(statement(tmp_path, JUNE_2018, JUNE_2019)), "--all-forces", "-o",
         str(output), "-f", "json", "-f", "markdown"]
    )  # fmt: skip
    report = capsys.readouterr().out
    assert status == 0, report
    assert "43 statements built, 0 failed (of 43)" in report
    assert "built   Cheshire: pfa-cheshire (json, md)" in report.splitlines()
    p1, _ = ons_table(JUNE_2019, "Table P1", P1_P2_COLUMNS)
    p2, _ = ons_table(JUNE_2019, "Table P2", P1_P2_COLUMNS)
    p3, headers = ons_table(JUNE_2019, "Table P3", P3_COLUMNS)
    assert "(mid-2018)" in headers["population"]
    assert len(list(output.glob("*.json"))) == 43
    checked_phrases = 0
    for code, row in p1.items():
        name = str(row["name"]).rstrip("0123456789, ")
        stem = f"pfa-{slug(name)}"
        document = json.loads((output / f"{stem}.json").read_text(encoding="utf-8"))
        markdown = (output / f"{stem}.md").read_text(encoding="utf-8")
        # The force's own statement, with its own counts.
        assert document["statement"]["force"] in {name, "Cheshire Constabulary"}
        assert figures(document, "homicide", "current")["value"] == row["homicide"]
        total = 0
        for indicator, label in PARTS.items():
            current = figures(document, indicator, "current")["value"]
            assert current == row[indicator], (code, indicator)
            total += current
            change = p2[code][indicator]
            previous = figures(document, indicator, "previous_year")["value"]
            if isinstance(change, float | int) and min(current, previous) >= 10:
                line = next(line for line in markdown.splitlines() if line.startswith(label))
                assert change_words(change) in line, (code, indicator, line)
                checked_phrases += 1
        assert figures(document, "neighbourhood_crime", "current")["value"] == total
        # The rate per 1,000 population, from P3's population, agrees with P3's own rates.
        population = p3[code]["population"]
        if p3[code]["burglary"] == "+":
            # City of London: ONS withholds rates for its small resident population.
            assert not [f for f in document["figures"] if f["unit"] == "rate"]
            continue
        rate = figures(document, "neighbourhood_crime", "current", "rate")["value"]
        assert rate == pytest.approx(total / population * 1000, rel=1e-12)
        # ONS divides by the unrounded population but prints it rounded to 100, so its
        # rates agree at the precision a statement prints them, not exactly.
        assert abs(rate - sum(p3[code][part] for part in PARTS)) < 0.005, code
        assert f"mid-2018 population estimate of {population:,}" in markdown
        if isinstance(p2[code]["homicide"], str):
            assert "ONS prints '-'" in markdown
    assert checked_phrases > 150
    # Cheshire's previous-year total adds ONS's revised parts (3,536 + 3,694 + 401 + 625,
    # from the June 2019 edition's P2 and P1) and is marked revised.
    cheshire = json.loads((output / "pfa-cheshire.json").read_text(encoding="utf-8"))
    previous_total = figures(cheshire, "neighbourhood_crime", "previous_year")
    assert previous_total["value"] == 3536 + 3694 + 401 + 625
    assert previous_total["marker"] == "[r]"
    # The statement file's own force keeps its commissioner; other forces do not get it.
    assert "A Commissioner" in (output / "pfa-cheshire.md").read_text(encoding="utf-8")
    assert "A Commissioner" not in (output / "pfa-durham.md").read_text(encoding="utf-8")


def test_chosen_forces_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "out"
    status = main(
        ["build", str(statement(tmp_path, JUNE_2018, JUNE_2019)), "--force", "Cheshire",
         "--force", "E23000013", "-o", str(output), "-f", "json"]
    )  # fmt: skip
    assert status == 0, capsys.readouterr()
    assert sorted(path.name for path in output.iterdir()) == [
        "pfa-cheshire.json",
        "pfa-cleveland.json",
    ]


def test_unknown_force_fails_but_the_others_are_built(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out"
    status = main(
        ["build", str(statement(tmp_path, JUNE_2019)), "--force", "Gotham", "--force",
         "Durham", "-o", str(output), "-f", "json"]
    )  # fmt: skip
    report = capsys.readouterr().out
    assert status == 1
    assert "FAILED  Gotham: no source lists a force of that name or code" in report
    assert [path.name for path in output.iterdir()] == ["pfa-durham.json"]


@pytest.mark.parametrize("forces", [[], ["--all-forces"], ["--force", "Cheshire"]])
def test_edition_with_a_table_missing_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], forces: list[str]
) -> None:
    broken = tmp_path / "june-2019-without-p2.xlsx"
    workbook = openpyxl.load_workbook(JUNE_2019)
    workbook.remove(workbook["Table P2"])
    workbook.save(broken)
    output = tmp_path / "out"
    status = main(
        ["build", str(statement(tmp_path, JUNE_2018, broken)), "-o", str(output), *forces]
    )
    captured = capsys.readouterr()
    error = captured.err + captured.out
    assert status == 1
    assert error.count("\n") == 1, error
    assert str(broken) in error
    assert "no table of percentage changes" in error
    assert not output.exists() or not any(output.iterdir())


@pytest.mark.parametrize(
    ("sheet_name", "value", "says"),
    [
        # Cheshire's robbery change altered from +20.4489% to +20%: 483 / 1.2 = 402.5 is
        # no whole count, so Cheshire's figures cannot be trusted.
        ("Table P2", 20.0, "count of 402.50, not a whole number"),
        # Cheshire's robbery count replaced by text.
        ("Table P1", "n.k.", "found 'n.k.'"),
    ],
)
def test_one_force_with_bad_data_does_not_stop_the_rest(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sheet_name: str,
    value: object,
    says: str,
) -> None:
    altered = tmp_path / "june-2019-altered.xlsx"
    workbook = openpyxl.load_workbook(JUNE_2019)
    sheet = workbook[sheet_name]
    assert sheet["A14"].value == "E23000006"
    assert sheet["L5"].value == "Robbery"
    sheet["L14"] = value
    workbook.save(altered)
    output = tmp_path / "out"
    status = main(
        ["build", str(statement(tmp_path, JUNE_2018, altered)), "--all-forces", "-o",
         str(output), "-f", "json"]
    )  # fmt: skip
    report = capsys.readouterr().out
    assert status == 1
    assert "42 statements built, 1 failed (of 43)" in report
    failure = next(line for line in report.splitlines() if line.startswith("FAILED"))
    assert failure.startswith(f"FAILED  Cheshire: {altered}, row 14, column '{sheet_name}!L'")
    assert says in failure
    assert not (output / "pfa-cheshire.json").exists()
    assert (output / "pfa-cleveland.json").exists()


def test_source_that_cannot_list_forces_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tmp_path / "records.csv"
    records.write_text("recorded_date,offence_code\n2019-05-01,1\n", encoding="utf-8")
    path = tmp_path / "records.toml"
    path.write_text(
        '[statement]\nforce = "Cheshire"\nperiod = "2019/20 Q1"\n'
        '[sources.crime]\nformat = "records"\npath = "records.csv"\n'
        '[[sections]]\nmeasures = ["homicide"]\n',
        encoding="utf-8",
    )
    status = main(["build", str(path), "--all-forces", "-o", str(tmp_path / "out")])
    assert status == 1
    assert "source 'crime' (format 'records') cannot list the forces" in capsys.readouterr().err


class FakeTerminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_shows_only_on_a_terminal() -> None:
    force = ForceRef("Cheshire", "E23000006")  # as a source lists it
    terminal, pipe = FakeTerminal(True), FakeTerminal(False)
    for stream in (terminal, pipe):
        progress = Progress(stream)
        progress(3, 43, force.name)
        progress.finish()
    assert "[3/43] building Cheshire" in terminal.getvalue()
    assert pipe.getvalue() == ""


def test_several_periods_for_chosen_forces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 2018/19 Q1 is the 12 months to June 2018; 2019/20 Q1 the 12 months to June 2019.
    output = tmp_path / "out"
    status = main(
        ["build", str(statement(tmp_path, JUNE_2018, JUNE_2019)), "--force", "Durham",
         "--period", "2018/19 Q1", "--period", "2019/20 Q1", "-o", str(output), "-f", "json"]
    )  # fmt: skip
    assert status == 0, capsys.readouterr()
    printed_2018 = ons_table(JUNE_2018, "Table P1", P1_P2_COLUMNS)[0]["E23000008"]["robbery"]
    printed_2019 = ons_table(JUNE_2019, "Table P1", P1_P2_COLUMNS)[0]["E23000008"]["robbery"]
    change_2019 = ons_table(JUNE_2019, "Table P2", P1_P2_COLUMNS)[0]["E23000008"]["robbery"]
    later = json.loads((output / "pfa-durham-2019-20-q1.json").read_text("utf-8"))
    assert figures(later, "robbery", "current")["value"] == printed_2019
    # For the 12 months to June 2018 the newer edition wins: Durham's robbery as revised
    # (211 / (1 - 0.2355...) = 276), not the 277 first printed.
    earlier = json.loads((output / "pfa-durham-2018-19-q1.json").read_text("utf-8"))
    revised = printed_2019 / (1 + change_2019 / 100)
    assert (printed_2018, round(revised)) == (277, 276)
    assert figures(earlier, "robbery", "current")["value"] == 276
    assert figures(earlier, "robbery", "current")["marker"] == "[r]"
    assert len(list(output.iterdir())) == 2


def test_several_periods_of_the_statement_file_own_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out"
    status = main(
        ["build", str(statement(tmp_path, JUNE_2018, JUNE_2019)), "--period", "2018/19 Q1",
         "--period", "2019/20 Q1", "-o", str(output), "-f", "json"]
    )  # fmt: skip
    assert status == 0, capsys.readouterr()
    assert sorted(path.name for path in output.iterdir()) == [
        "pfa-2018-19-q1.json",
        "pfa-2019-20-q1.json",
    ]


def test_interrupted_run_reports_what_was_built(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class StopAtThird(Progress):
        def __call__(self, number: int, total: int, label: str) -> None:
            if number == 3:
                raise KeyboardInterrupt

    monkeypatch.setattr("measurekit.many.run.Progress", StopAtThird)  # commands imports it per run
    output = tmp_path / "out"
    status = main(
        ["build", str(statement(tmp_path, JUNE_2019)), "--all-forces", "-o", str(output),
         "-f", "json"]
    )  # fmt: skip
    report = capsys.readouterr().out
    assert status == 130
    assert "interrupted: 2 built and 0 failed before it stopped" in report
    assert len(list(output.iterdir())) == 2


def test_forces_named_differently_by_two_sources_are_listed_once() -> None:
    from measurekit.many.run import merge_force

    found: dict[str, ForceRef] = {}
    for force in (
        ForceRef("Cheshire Constabulary"),  # as police.uk names it, without a code
        ForceRef("Cheshire", "E23000006"),  # as ONS names it
        ForceRef("Durham", "E23000008"),
        ForceRef("Durham Constabulary", "E23000008"),
    ):
        merge_force(found, force)
    assert sorted(found.values(), key=lambda force: force.name) == [
        ForceRef("Cheshire Constabulary", "E23000006"),
        ForceRef("Durham", "E23000008"),
    ]
