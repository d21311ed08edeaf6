"""The bundled example and the command line's own behaviour (help, version, module)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import measurekit
from measurekit.cli.main import main


def test_example_writes_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example", "-o", str(tmp_path)]) == 0
    names = {path.name for path in tmp_path.iterdir()}
    assert {
        "cheshire-2023-24-q1.txt",
        "cheshire-2023-24-q1.md",
        "cheshire-2023-24-q1.json",
    } <= names
    assert not [name for name in names if name.startswith(".")], "temporary files left"
    # The figures and wording are checked in test_example.py.


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"measurekit {measurekit.__version__}"
    for command in ("build", "example", "check", "plugins"):
        with pytest.raises(SystemExit) as caught:
            main([command, "--help"])
        assert caught.value.code == 0
        assert "usage: measurekit" in capsys.readouterr().out


def test_usage_error_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["build"])
    assert caught.value.code == 2


def test_python_dash_m_runs_the_same_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "measurekit", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"measurekit {measurekit.__version__}"


def test_import_stays_light() -> None:
    code = (
        "import sys, measurekit, measurekit.plugins.manager; "
        "print(sorted(m for m in ('openpyxl', 'tabulate') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_check_reports_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib import resources

    statement = resources.files("measurekit.example") / "cheshire-2023-24-q1.toml"
    assert main(["check", str(statement)]) == 0
    out = capsys.readouterr().out
    # April 2019 to June 2023: 9 months of 2019, 36 of 2020 to 2022, 6 of 2023.
    assert "crime: records: 51 months, April 2019 to June 2023" in out


def test_a_closed_pipe_ends_quietly() -> None:
    """``measurekit plugins | head -0``: the reader is gone before anything is written."""
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "measurekit", "plugins"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 141
    assert result.stderr == ""
