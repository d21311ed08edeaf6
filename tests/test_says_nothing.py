"""A statement that says nothing: every current figure ``[x]``. The build succeeds but warns on
stderr, ``check`` says so too, and ``--strict`` makes the warning an error (INTERFACE.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from measurekit.cli.main import main

from .helpers import RECORD_HEADER, records, write_csv
from .hostile import one_line

TWO_SECTIONS = (
    '[[sections]]\nmeasures = ["homicide"]\n[[sections]]\nmeasures = ["neighbourhood_crime"]\n'
)


def statement(folder: Path, period: str, sections: str = TWO_SECTIONS, extra: str = "") -> Path:
    """A statement over records from April 2021 to June 2023: homicides and a burglary."""
    write_csv(
        folder / "crime.csv",
        RECORD_HEADER,
        records(("2021-04-02", "1", 1), ("2022-08-01", "1", 2), ("2023-06-30", "28E", 1)),
    )
    path = folder / "testshire.toml"
    path.write_text(
        f'[statement]\nforce = "Testshire Police"\nperiod = "{period}"\n{extra}\n'
        '[sources.crime]\nformat = "records"\npath = "crime.csv"\n' + sections,
        encoding="utf-8",
    )
    return path


def earlier_output(folder: Path) -> Path:
    output = folder / "out"
    output.mkdir()
    (output / "keep.txt").write_text("earlier\n", encoding="utf-8")
    return output


# homicide has one indicator; neighbourhood crime from records its total and four parts
# (no rates: records carry no population). So six current figures, each [x] for a period
# wholly after the data.
SAYS_NOTHING = (
    "{path}: the statement says nothing: every current figure (6) is [x], not available for "
    "the 12 months to June 2030 (2030/31 Q1); check the period and that the sources cover it"
)


def test_build_writes_the_statement_and_warns_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = statement(tmp_path, "2030/31 Q1")
    output = tmp_path / "out"
    assert main(["build", str(path), "-o", str(output), "-f", "json", "-f", "text"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "measurekit: warning: " + SAYS_NOTHING.format(path=path) + "\n"
    assert sorted(p.name for p in output.iterdir()) == ["testshire.json", "testshire.txt"]
    assert "wrote" in captured.out


def test_strict_build_makes_the_warning_an_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = statement(tmp_path, "2030/31 Q1")
    output = earlier_output(tmp_path)
    assert main(["build", str(path), "-o", str(output), "--strict"]) == 1
    captured = capsys.readouterr()
    assert one_line(captured.err) == (
        "measurekit: error: " + SAYS_NOTHING.format(path=path) + " (an error with --strict)"
    )
    assert captured.out == ""
    assert [p.name for p in output.iterdir()] == ["keep.txt"]
    assert (output / "keep.txt").read_text(encoding="utf-8") == "earlier\n"


def test_strict_build_in_a_child_process(tmp_path: Path) -> None:
    """The whole program, as a user runs it: exit 1, one line, no traceback."""
    from .hostile import fails_in_child

    path = statement(tmp_path, "2030/31 Q1")
    line = fails_in_child(["build", str(path), "-o", str(tmp_path / "out"), "--strict"])
    assert line.endswith("(an error with --strict)")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "period",
    [
        "2023/24 Q1",  # every figure known
        "2021/22 Q4",  # the 12 months to March 2022: one homicide, burglary 0: known
    ],
)
def test_a_statement_with_a_known_current_figure_gives_no_warning(
    period: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = statement(tmp_path, period)
    assert main(["build", str(path), "-o", str(tmp_path / "out"), "-f", "json", "--strict"]) == 0
    assert capsys.readouterr().err == ""


def test_a_current_count_of_zero_is_a_figure_not_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Neighbourhood crime only, in the 12 months to June 2022: the records cover it, and no
    # burglary, vehicle offence, robbery or theft from the person falls in it: all zero.
    path = statement(tmp_path, "2022/23 Q1", '[[sections]]\nmeasures = ["neighbourhood_crime"]\n')
    assert main(["build", str(path), "-o", str(tmp_path / "out"), "-f", "json", "--strict"]) == 0
    assert capsys.readouterr().err == ""


def test_only_measures_not_applicable_gives_no_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = statement(
        tmp_path,
        "2030/31 Q1",
        '[[sections]]\nmeasures = ["cyber_crime"]\n'
        '[measures.cyber_crime]\napplicable = false\nreason = "Measured nationally."\n',
    )
    assert main(["build", str(path), "-o", str(tmp_path / "out"), "-f", "text", "--strict"]) == 0
    assert capsys.readouterr().err == ""


def test_a_survey_with_no_responses_in_the_current_year_says_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The survey runs from July 2021 to June 2023, but every response is from before July
    # 2022: both current percentages (all victims, domestic abuse victims) are [w].
    write_csv(
        tmp_path / "survey.csv",
        ("response_date", "satisfied", "domestic_abuse"),
        [("2021-09-01", "yes", "no"), ("2022-02-01", "no", "yes")],
    )
    path = tmp_path / "survey.toml"
    path.write_text(
        '[statement]\nforce = "Testshire Police"\nperiod = "2023/24 Q1"\n'
        '[sources.survey]\nformat = "survey"\npath = "survey.csv"\n'
        'start = "2021-07"\nend = "2023-06"\n'
        '[[sections]]\nmeasures = ["victim_satisfaction"]\n',
        encoding="utf-8",
    )
    assert main(["build", str(path), "-o", str(tmp_path / "out"), "-f", "json"]) == 0
    assert capsys.readouterr().err == (
        f"measurekit: warning: {path}: the statement says nothing: no current figure has a "
        "value (2 [w]) for the 12 months to June 2023 (2023/24 Q1); check the period and "
        "that the sources cover it\n"
    )


def test_check_says_so_and_strict_check_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = statement(tmp_path, "2030/31 Q1")
    assert main(["check", str(path)]) == 0
    report = capsys.readouterr().out
    assert "warning: statement: " + SAYS_NOTHING.format(path=path) + "\n" in report
    assert report.endswith(", 1 warning\n")
    assert main(["check", str(path), "--strict"]) == 1
    strict = capsys.readouterr().out
    assert "error: statement: " + SAYS_NOTHING.format(path=path) + "\n" in strict
    assert "warning: " not in strict
    assert strict.endswith("1 error, 0 warnings\n")


def test_strict_check_fails_on_any_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A month missing from a source no measure uses is a warning: a counts source with
    # January and March 2019 but not February.
    write_csv(
        tmp_path / "counts.csv",
        ("indicator", "period_end", "value"),
        [("homicide", "2019-01", 1), ("homicide", "2019-03", 1)],
    )
    path = statement(tmp_path, "2023/24 Q1")
    path.write_text(
        path.read_text(encoding="utf-8")
        + '[sources.old]\nformat = "counts"\npath = "counts.csv"\n',
        encoding="utf-8",
    )
    assert main(["check", str(path)]) == 0
    assert "warning: old: homicide: no data for February 2019" in capsys.readouterr().out
    assert main(["check", str(path), "--strict"]) == 1
    assert "error: old: homicide: no data for February 2019" in capsys.readouterr().out


def test_check_reports_an_error_the_build_would_stop_at(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Homicide told to count from a survey: every source reads cleanly, but the build stops.
    write_csv(
        tmp_path / "survey.csv",
        ("response_date", "satisfied", "domestic_abuse"),
        [("2022-09-01", "yes", "no")],
    )
    path = statement(tmp_path, "2023/24 Q1", '[[sections]]\nmeasures = ["homicide"]\n')
    path.write_text(
        path.read_text(encoding="utf-8")
        + '[sources.survey]\nformat = "survey"\npath = "survey.csv"\n'
        '[measures.homicide]\nsource = "survey"\n',
        encoding="utf-8",
    )
    assert main(["check", str(path)]) == 1
    report = capsys.readouterr().out
    assert (
        "error: statement: the build would stop here: source 'survey' (format 'survey') "
        "holds no counts" in report
    )


def test_many_periods_warn_for_the_one_that_says_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = statement(tmp_path, "2023/24 Q1")
    output = tmp_path / "out"
    argv = ["build", str(path), "--period", "2023/24 Q1", "--period", "2030/31 Q1", "-o",
            str(output), "-f", "json"]  # fmt: skip
    assert main(argv) == 0
    captured = capsys.readouterr()
    # The file's own quarter keeps its name; the other is named after the quarter it holds.
    assert sorted(p.name for p in output.iterdir()) == [
        "testshire-2023-24-q1.json",
        "testshire-2030-31-q1.json",
    ]
    assert captured.err == (
        "measurekit: warning: 2030/31 Q1: " + SAYS_NOTHING.format(path=path) + "\n"
    )


def test_many_periods_strict_fails_only_the_one_that_says_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = statement(tmp_path, "2023/24 Q1")
    output = tmp_path / "out"
    argv = ["build", str(path), "--period", "2023/24 Q1", "--period", "2030/31 Q1", "-o",
            str(output), "-f", "json", "--strict"]  # fmt: skip
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert [p.name for p in output.iterdir()] == ["testshire-2023-24-q1.json"]
    assert (
        "FAILED  2030/31 Q1: " + SAYS_NOTHING.format(path=path) + " (an error with --strict)"
        in captured.out
    )
    assert "1 statement built, 1 failed (of 2)" in captured.out
    assert captured.err == ""
