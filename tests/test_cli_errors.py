"""Bad input: one clear line on stderr, a non-zero exit, and no output file written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from measurekit.cli.main import main

from .helpers import RECORD_HEADER, records, write_csv

GOOD_SOURCE = """
[sources.crime]
format = "records"
path = "crime.csv"

[[sections]]
measures = ["homicide"]
"""


def run_failing(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run the command line expecting failure; return its single stderr line."""
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert err.startswith("measurekit: error: ")
    return err.strip()


@pytest.fixture
def crime_csv(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "crime.csv",
        RECORD_HEADER,
        records(("2022-08-01", "1", 1), ("2020-07-01", "1", 1)),
    )


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        (GOOD_SOURCE + "\n[statement2]\nx = 1\n", "unknown key statement2"),
        (
            GOOD_SOURCE.replace('format = "records"', 'format = "records"\ncolour = "red"'),
            "sources.crime: unknown key colour",
        ),
        (
            GOOD_SOURCE.replace('"crime.csv"', '"nowhere.csv"'),
            "sources.crime.path: 'nowhere.csv' does not exist",
        ),
        (
            GOOD_SOURCE.replace('"homicide"', '"burglary_rate"'),
            "no installed plugin provides measure 'burglary_rate'",
        ),
        (
            GOOD_SOURCE.replace('"records"', '"parquet"'),
            "sources.crime.format: unknown format 'parquet'",
        ),
        (
            GOOD_SOURCE + "\n[measures.homicide]\napplicable = false\n",
            "measures.homicide.reason: a measure marked not applicable needs the reason",
        ),
        (
            GOOD_SOURCE.replace("[sources.crime]", "[sources.other]"),
            "measures.homicide: needs source 'crime'",
        ),
        ("[[sections]]\nmeasures = []\n", "sections[0].measures: list at least one"),
        (GOOD_SOURCE + "\nnot toml at all", "not valid TOML"),
    ],
)
def test_statement_file_errors_name_the_key(
    body: str,
    complaint: str,
    crime_csv: Path,
    statement_dir: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    statement = statement_dir(body)
    line = run_failing(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert str(statement) in line
    assert complaint in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("period", "complaint"),
    [("2023/25 Q1", "statement.period: '2023/25 Q1'"), ("2023/24 Q5", "quarters Q1 to Q4")],
)
def test_bad_periods(
    period: str,
    complaint: str,
    crime_csv: Path,
    statement_dir: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    statement = statement_dir(GOOD_SOURCE, period=period)
    assert complaint in run_failing(["build", str(statement)], capsys)


def test_missing_required_key(
    statement_dir: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = tmp_path / "s.toml"
    statement.write_text('[statement]\nperiod = "2023/24 Q1"\n[[sections]]\nmeasures=["homicide"]')
    assert "statement.force: required field missing" in run_failing(
        ["build", str(statement)], capsys
    )


@pytest.mark.parametrize(
    ("header", "row", "complaint"),
    [
        (["recorded_date"], ["2023-01-01"], "row 1: missing column 'offence_code'"),
        (
            RECORD_HEADER,
            ["2023-02-30", "1", "", "", "", "", ""],
            "row 2, column 'recorded_date': '2023-02-30' is not a date",
        ),
        (
            RECORD_HEADER,
            ["2023-02-01", "1", "maybe", "", "", "", ""],
            "row 2, column 'knife_or_sharp_instrument': 'maybe' is not true/false",
        ),
        (
            RECORD_HEADER,
            ["2023-02-01", "1", "", "bazooka", "", "", ""],
            "row 2, column 'firearm_type': 'bazooka' is not one of",
        ),
    ],
)
def test_bad_records_name_file_row_and_column(
    header: list[str],
    row: list[str],
    complaint: str,
    statement_dir: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = write_csv(tmp_path / "crime.csv", header, [row])
    statement = statement_dir(GOOD_SOURCE)
    line = run_failing(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert f"{data}, {complaint}" in line
    assert not (tmp_path / "out").exists()


def test_non_numeric_count(
    statement_dir: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_csv(
        tmp_path / "counts.csv",
        ["indicator", "period_end", "months", "value"],
        [["homicide", "2023-06", "12", "n/a"]],
    )
    statement = statement_dir(
        GOOD_SOURCE.replace('"records"', '"counts"').replace("crime.csv", "counts.csv")
    )
    line = run_failing(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert f"{data}, row 2, column 'value': 'n/a' is not a whole number" in line
    assert not (tmp_path / "out").exists()


def test_failed_build_leaves_earlier_outputs_as_they_were(
    crime_csv: Path,
    statement_dir: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    statement = statement_dir(GOOD_SOURCE)
    out = tmp_path / "out"
    assert main(["build", str(statement), "-o", str(out)]) == 0
    capsys.readouterr()  # the first build's output (a warning: its figures are all [x])
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    assert {"statement.txt", "statement.md", "statement.json"} <= set(before)
    write_csv(crime_csv, RECORD_HEADER, [["2023-01-01", "", "", "", "", "", ""]])
    assert "column 'offence_code': offence code is blank" in run_failing(
        ["build", str(statement), "-o", str(out)], capsys
    )
    after = {path.name: path.read_bytes() for path in out.iterdir()}
    assert after == before


def test_a_gap_fails_unless_gaps_are_allowed(
    statement_dir: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["homicide", f"2022-{m:02d}", 1, 1] for m in range(7, 13)]
    rows += [["homicide", f"2023-{m:02d}", 1, 1] for m in (1, 2, 4, 5, 6)]  # March missing
    write_csv(tmp_path / "counts.csv", ["indicator", "period_end", "months", "value"], rows)
    body = GOOD_SOURCE.replace('"records"', '"counts"').replace("crime.csv", "counts.csv")
    line = run_failing(["build", str(statement_dir(body)), "-o", str(tmp_path / "o")], capsys)
    assert "homicide: no data for March 2023 in source 'crime' (counts.csv), needed for" in line
    allowed = statement_dir(body, extra_statement="allow_gaps = true\n", name="gaps.toml")
    assert main(["build", str(allowed), "-f", "text", "-o", str(tmp_path / "o")]) == 0
    text = " ".join((tmp_path / "o" / "gaps.txt").read_text().split())
    assert "No count of homicides is available for the 12 months to June 2023" in text
    assert "no figure covers March 2023" in text


def test_unknown_output_format(
    crime_csv: Path, statement_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    line = run_failing(["build", str(statement_dir(GOOD_SOURCE)), "-f", "rtf"], capsys)
    assert "unknown output format 'rtf'" in line


def test_debug_shows_the_traceback(statement_dir: Callable[..., Path], tmp_path: Path) -> None:
    from measurekit.errors import StatementFileError

    with pytest.raises(StatementFileError):
        main(["build", "--debug", str(tmp_path / "missing.toml")])


def test_debug_before_the_command_shows_the_traceback(tmp_path: Path) -> None:
    from measurekit.errors import StatementFileError

    with pytest.raises(StatementFileError):
        main(["--debug", "build", str(tmp_path / "missing.toml")])


def test_outputs_get_ordinary_file_permissions(
    crime_csv: Path, statement_dir: Callable[..., Path], tmp_path: Path
) -> None:
    """Output files are for publishing: readable by others as any new file would be under
    the umask, not owner-only like the temporary files they are written through."""
    import os

    previous = os.umask(0o022)
    try:
        out = tmp_path / "out"
        assert main(["build", str(statement_dir(GOOD_SOURCE)), "-o", str(out)]) == 0
    finally:
        os.umask(previous)
    modes = {path.name: path.stat().st_mode & 0o777 for path in out.iterdir()}
    assert modes
    assert set(modes.values()) == {0o644}, modes


def test_an_output_folder_that_is_a_file_is_one_line(
    crime_csv: Path,
    statement_dir: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder")
    for output in (blocker, blocker / "sub"):
        line = run_failing(["build", str(statement_dir(GOOD_SOURCE)), "-o", str(output)], capsys)
        assert line == (
            f"measurekit: error: {output}: cannot write output: a file is in the way of the "
            "output folder"
        )
    assert blocker.read_text() == "not a folder"


def test_folders_where_files_belong_are_one_line(
    crime_csv: Path,
    statement_dir: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    line = run_failing(["build", str(folder)], capsys)
    assert line.endswith("folder.toml: is a folder; name the statement's .toml file")
    (tmp_path / "data").mkdir()
    statement = statement_dir(GOOD_SOURCE.replace('"crime.csv"', '"data"'))
    line = run_failing(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert line.endswith("data: is a folder; this format reads one file per path")
