"""Output file names (INTERFACE.md): after the statement file's stem, and when ``--period``
asks for another quarter than the file's own, with the period in the name, so no file is
ever named after a quarter it does not hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from measurekit.cli.main import main
from measurekit.model.periods import FinancialQuarter
from measurekit.output_names import output_stem, quarters_named

from .helpers import RECORD_HEADER, records, write_csv
from .ons_tables import JUNE_2018, JUNE_2019

Q1 = FinancialQuarter.parse("2023/24 Q1")
Q2 = FinancialQuarter.parse("2023/24 Q2")


@pytest.mark.parametrize(
    ("stem", "quarter", "own", "expected"),
    [
        # The file's own quarter: its own name.
        ("cheshire-2023-24-q1", Q1, Q1, "cheshire-2023-24-q1"),
        ("statement", Q1, Q1, "statement"),
        # Another quarter: the quarter in the name is replaced, in any spelling of it.
        ("cheshire-2023-24-q1", Q2, Q1, "cheshire-2023-24-q2"),
        ("Cheshire_2023_24_Q1", Q2, Q1, "Cheshire_2023-24-q2"),
        ("cheshire-q1-2023-24", Q2, Q1, "cheshire-2023-24-q2"),
        ("cheshire 2023-2024 q1", Q2, Q1, "cheshire 2023-24-q2"),
        ("q1-2023-24", Q2, Q1, "2023-24-q2"),
        # No quarter in the name: the quarter is added.
        ("statement", Q2, Q1, "statement-2023-24-q2"),
        ("pfa", Q2, None, "pfa-2023-24-q2"),
        # Not a financial year (2023 is not followed by 25), and a quarter glued to other
        # text: not a quarter label, so the period is added.
        ("plan-2023-25-q1", Q2, Q1, "plan-2023-25-q1-2023-24-q2"),
        ("x2023-24-q1", Q2, Q1, "x2023-24-q1-2023-24-q2"),
        ("2023-24-q12", Q2, Q1, "2023-24-q12-2023-24-q2"),
        # A file named after another quarter than its own period: named for what it holds.
        ("cheshire-2023-24-q1", Q2, Q2, "cheshire-2023-24-q2"),
    ],
)
def test_output_stem(
    stem: str, quarter: FinancialQuarter, own: FinancialQuarter | None, expected: str
) -> None:
    assert output_stem(stem, quarter, own) == expected


def test_forces_and_several_periods() -> None:
    assert output_stem("pfa", Q1, Q1, "Avon and Somerset") == "pfa-avon-and-somerset"
    assert output_stem("pfa", Q1, Q1, "Durham", every_period=True) == "pfa-durham-2023-24-q1"
    assert output_stem("pfa", Q2, Q1, "Durham") == "pfa-durham-2023-24-q2"
    assert output_stem("pfa-2023-24-q1", Q2, Q1, "Durham") == "pfa-2023-24-q2-durham"
    assert output_stem("pfa-2023-24-q1", Q1, Q1, "Durham", every_period=True) == (
        "pfa-2023-24-q1-durham"
    )


def test_quarters_named() -> None:
    assert quarters_named("a-2019-20-q4-and-q1-2020-21") == ["2019-20-q4", "q1-2020-21"]
    assert quarters_named("cheshire") == []
    assert quarters_named("2019-21-q4") == []


def records_statement(folder: Path, name: str, period: str = "2023/24 Q1") -> Path:
    """A homicide statement over records covering April 2020 to December 2023."""
    write_csv(
        folder / "crime.csv",
        RECORD_HEADER,
        records(("2020-04-01", "1", 1), ("2023-05-10", "1", 2), ("2023-12-31", "1", 1)),
    )
    path = folder / f"{name}.toml"
    path.write_text(
        f'[statement]\nforce = "Cheshire Constabulary"\nperiod = "{period}"\n'
        '[sources.crime]\nformat = "records"\npath = "crime.csv"\n'
        '[[sections]]\nmeasures = ["homicide"]\n',
        encoding="utf-8",
    )
    return path


def held(path: Path) -> tuple[str, int]:
    """The period a JSON figures file holds and its current homicide count."""
    document = json.loads(path.read_text(encoding="utf-8"))
    [current] = [f for f in document["figures"] if f["role"] == "current"]
    return document["statement"]["period"], current["value"]


def test_another_quarter_never_overwrites_the_files_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = records_statement(tmp_path, "cheshire-2023-24-q1")
    output = tmp_path / "out"
    assert main(["build", str(path), "-o", str(output), "-f", "json", "-f", "text"]) == 0
    first = {p.name: p.read_bytes() for p in output.iterdir()}
    assert sorted(first) == ["cheshire-2023-24-q1.json", "cheshire-2023-24-q1.txt"]
    assert (
        main(["build", str(path), "-o", str(output), "-f", "json", "--period", "2023/24 Q2"]) == 0
    )
    assert "wrote " + str(output / "cheshire-2023-24-q2.json") in capsys.readouterr().out
    # Q1's files are as they were; Q2's file holds Q2: the 12 months to June 2023 hold two
    # homicides (May 2023), the 12 months to September 2023 the same two.
    assert {p.name: p.read_bytes() for p in output.iterdir() if "q1" in p.name} == first
    assert held(output / "cheshire-2023-24-q1.json") == ("2023/24 Q1", 2)
    assert held(output / "cheshire-2023-24-q2.json") == ("2023/24 Q2", 2)
    # Q3 (12 months to December 2023) also counts the homicide of 31 December.
    assert (
        main(["build", str(path), "-o", str(output), "-f", "json", "--period", "2023/24 Q3"]) == 0
    )
    assert held(output / "cheshire-2023-24-q3.json") == ("2023/24 Q3", 3)
    assert held(output / "cheshire-2023-24-q1.json") == ("2023/24 Q1", 2)


def test_asking_for_the_files_own_quarter_keeps_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = records_statement(tmp_path, "statement")
    output = tmp_path / "out"
    assert (
        main(["build", str(path), "-o", str(output), "-f", "json", "--period", "2023/24 Q1"]) == 0
    )
    assert [p.name for p in output.iterdir()] == ["statement.json"]
    assert (
        main(["build", str(path), "-o", str(output), "-f", "json", "--period", "2023/24 Q3"]) == 0
    )
    assert sorted(p.name for p in output.iterdir()) == [
        "statement-2023-24-q3.json",
        "statement.json",
    ]
    assert held(output / "statement.json") == ("2023/24 Q1", 2)
    assert held(output / "statement-2023-24-q3.json") == ("2023/24 Q3", 3)


def test_a_file_named_after_another_quarter_is_named_for_what_it_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = records_statement(tmp_path, "cheshire-2023-24-q1", period="2023/24 Q3")
    output = tmp_path / "out"
    assert main(["build", str(path), "-o", str(output), "-f", "json"]) == 0
    assert [p.name for p in output.iterdir()] == ["cheshire-2023-24-q3.json"]
    assert held(output / "cheshire-2023-24-q3.json") == ("2023/24 Q3", 3)


def test_several_periods_from_a_file_named_after_a_quarter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = records_statement(tmp_path, "cheshire-2023-24-q1")
    output = tmp_path / "out"
    argv = ["build", str(path), "-o", str(output), "-f", "json", "--period", "2023/24 Q1",
            "--period", "2023/24 Q3"]  # fmt: skip
    assert main(argv) == 0
    assert sorted(p.name for p in output.iterdir()) == [
        "cheshire-2023-24-q1.json",
        "cheshire-2023-24-q3.json",
    ]
    assert held(output / "cheshire-2023-24-q3.json") == ("2023/24 Q3", 3)


def ons_statement(folder: Path, name: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(
        '[statement]\nforce = "Cheshire Constabulary"\nperiod = "2019/20 Q1"\n'
        f'[sources.crime]\nformat = "ons-pfa"\npath = ["{JUNE_2018.as_posix()}", '
        f'"{JUNE_2019.as_posix()}"]\n'
        '[[sections]]\nmeasures = ["homicide"]\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pfa-2019-20-q1", "pfa-2018-19-q1-durham.json"),
        ("pfa", "pfa-durham-2018-19-q1.json"),
    ],
)
def test_a_many_forces_run_for_another_quarter(
    name: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ons_statement(tmp_path, name)
    output = tmp_path / "out"
    argv = ["build", str(path), "--force", "Durham", "--period", "2018/19 Q1", "-o",
            str(output), "-f", "json"]  # fmt: skip
    assert main(argv) == 0, capsys.readouterr()
    assert [p.name for p in output.iterdir()] == [expected]
    document = json.loads((output / expected).read_text(encoding="utf-8"))
    assert document["statement"]["period"] == "2018/19 Q1"
    assert document["statement"]["force"] == "Durham"
