"""``measurekit audit`` end to end: output lines, the summary, JSON, exit statuses, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from measurekit.cli import main

STATEMENT = (
    "Quarterly statement\n"  # 1
    "\n"  # 2
    "Homicides fell from 28 to 16, a reduction of 42.9%.\n"  # 3: right (-42.857%)
    "Burglaries were reduced by 8.1 per cent from 826 to 802.\n"  # 4: wrong (-2.906%)
    "Robbery rose by about 5% from 400 to 430.\n"  # 5: not readable (approximate)
    "\n"
    "Q4 23/24 (January \u2013 March 2023)\n"  # 7: wrong year
)


@pytest.fixture
def statement(tmp_path: Path) -> Path:
    path = tmp_path / "statement.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    return path


def test_problems_then_summary_and_exit_1(
    statement: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", str(statement)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f'{statement}:4: "reduced by 8.1 per cent from 826 to 802": '
        "826 to 802 is a reduction of 2.9%, not 8.1%",
        f'{statement}:7: "Q4 23/24 (January \u2013 March 2023)": '
        "Quarter 4 2023/24 is January to March 2024, not January to March 2023",
        "3 claims checked, 2 wrong, 1 found but not readable",
    ]
    assert captured.err == ""


def test_verbose_lists_every_claim(statement: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--verbose", str(statement)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f'{statement}:3: "fell from 28 to 16, a reduction of 42.9%": right'
    assert lines[2] == (
        f'{statement}:5: "rose by about 5% from 400 to 430": not readable: '
        "the figure is approximate or a bound (about)"
    )
    assert len(lines) == 5


def test_no_wrong_claim_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    right = tmp_path / "right.md"
    right.write_text("Robbery fell by 2.2 per cent from 356 to 348.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("Nothing to check here.\n", encoding="utf-8")
    assert main(["audit", str(right), str(empty)]) == 0
    assert capsys.readouterr().out == (
        "1 claim checked, 0 wrong, 0 found but not readable (2 files)\n"
    )


def test_json_report(statement: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--format", "json", str(statement)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == "measurekit.audit/1"
    # right: line 3; wrong: lines 4 and 7; not readable: line 5
    assert report["summary"] == {
        "files": 1,
        "checked": 3,
        "right": 1,
        "wrong": 2,
        "unreadable": 1,
    }
    (audited,) = report["files"]
    assert (audited["path"], audited["kind"], audited["position"]) == (
        str(statement),
        "txt",
        "line",
    )
    claims = audited["claims"]
    assert [(c["position"], c["kind"], c["verdict"]) for c in claims] == [
        (3, "count_change", "right"),
        (4, "count_change", "wrong"),
        (5, "change", "unreadable"),
        (7, "quarter", "wrong"),
    ]
    wrong = claims[1]
    assert wrong["claim"] == "reduced by 8.1 per cent from 826 to 802"
    assert wrong["detail"] == "826 to 802 is a reduction of 2.9%, not 8.1%"
    assert wrong["figures"]["before"] == 826
    assert wrong["figures"]["after"] == 802
    assert wrong["figures"]["claimed"] == 8.1
    assert wrong["figures"]["claimed_unit"] == "percent"
    assert wrong["figures"]["directions"] == ["reduced"]
    assert wrong["figures"]["computed"] == pytest.approx(-2400 / 826)
    assert claims[3]["figures"] == {
        "quarter": 4,
        "financial_year": "2023/24",
        "months": "January to March 2024",
        "claimed_months": "January to March 2023",
    }


@pytest.mark.parametrize(
    ("name", "content", "complaint"),
    [
        ("missing.txt", None, "missing.txt: no such file"),
        ("statement.doc", b"\xd0\xcf\x11\xe0", "cannot audit a .doc file"),
        ("broken.pdf", b"%PDF-1.4 truncated", "not a readable PDF"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_line_and_exit_2(
    tmp_path: Path,
    statement: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
    complaint: str,
) -> None:
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    assert main(["audit", str(statement), str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # no partial report: every file is read first
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"measurekit: error: {bad}: ")
    assert complaint in captured.err
    assert "Traceback" not in captured.err


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "measurekit", "--debug", "audit", str(tmp_path / "none.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" in result.stderr
    assert "no such file" in result.stderr


def test_no_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["audit"])
    assert raised.value.code == 2
    assert "FILE" in capsys.readouterr().err


def test_installed_command_runs(statement: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "measurekit", "audit", str(statement)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "3 claims checked, 2 wrong, 1 found but not readable"
