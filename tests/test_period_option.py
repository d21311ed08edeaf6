"""A wrong ``--period`` is reported as the option's value, never as the statement file's
``statement.period`` key (which may be right)."""

from __future__ import annotations

from pathlib import Path

import pytest

from measurekit.cli.main import main
from measurekit.errors import MeasurekitError, StatementFileError
from measurekit.plugins.manager import Plugins
from measurekit.statement_file import load_statement

from .hostile import records_statement


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize(
    ("period", "complaint"),
    [
        ("2023 Q1", "'2023 Q1' is not a financial quarter written like '2023/24 Q1'"),
        ("2023/24 Q5", "quarters Q1 to Q4"),
    ],
)
def test_a_wrong_period_option_is_a_usage_error_about_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, period: str, complaint: str
) -> None:
    statement = records_statement(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        main([command, str(statement), "--period", period])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    last = err.strip().splitlines()[-1]
    assert last.startswith(f"measurekit {command}: error: argument --period: ")
    assert complaint in last
    assert "statement.period" not in err
    assert "statement.toml" not in err
    assert not (tmp_path / "output").exists()


def test_load_statement_names_the_period_it_was_given(tmp_path: Path) -> None:
    statement = records_statement(tmp_path)
    with pytest.raises(MeasurekitError) as raised:
        load_statement(statement, Plugins.load(), "2023/25 Q1")
    assert not isinstance(raised.value, StatementFileError)
    assert str(raised.value).startswith("the period asked for (--period): '2023/25 Q1'")


def test_a_wrong_period_in_the_file_still_names_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path)
    statement.write_text(statement.read_text().replace("2023/24 Q1", "2023/24 Q7"))
    assert main(["check", str(statement)]) == 1
    err = capsys.readouterr().err
    assert "statement.toml: statement.period: '2023/24 Q7'" in err
    # A right --period replaces the file's own, so the file's wrong one is never read.
    assert main(["check", str(statement), "--period", "2023/24 Q1"]) == 0
