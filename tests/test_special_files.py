"""Only regular files are read, within stated sizes; errors name a file's line but quote
its content only when it is a data file (see docs/limits.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from measurekit.limits import MAX_LINE_BYTES, MAX_NARRATIVE_BYTES, MAX_STATEMENT_BYTES

from .hostile import fails, fails_in_child, records_statement

POLICE_UK_HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
    "LSOA name,Crime type,Last outcome category,Context"
)
SECRET = "root:$6$Zq8SECRETHASHb4:19000:0:99999:7:::\n"


def police_uk_statement(folder: Path, data: Path) -> Path:
    path = folder / "statement.toml"
    path.write_text(
        '[statement]\nforce = "Cheshire Constabulary"\nperiod = "2025/26 Q3"\n\n'
        f'[sources.crime]\nformat = "police-uk"\npath = "{data.as_posix()}"\n\n'
        '[[sections]]\nmeasures = ["neighbourhood_crime"]\n',
        encoding="utf-8",
    )
    return path


def street_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "police-uk"
    folder.mkdir()
    (folder / "2025-01-cheshire-street.csv").write_text(
        POLICE_UK_HEADER
        + "\nab1,2025-01,Cheshire Constabulary,Cheshire Constabulary,,,,,,Burglary,,\n",
        encoding="utf-8",
    )
    return folder


# --- FIFOs and devices: refused at once, never waited on or read without end ----------


def test_a_statement_file_that_is_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "statement.toml")
    line = fails_in_child(["build", str(tmp_path / "statement.toml")], cwd=tmp_path)
    assert "statement.toml: is a FIFO (named pipe), not a regular file" in line


def test_building_dev_zero(tmp_path: Path) -> None:
    line = fails_in_child(["build", "/dev/zero"], cwd=tmp_path)
    assert line == (
        "measurekit: error: /dev/zero: is a device, not a regular file; measurekit reads "
        "only regular files"
    )


def test_checking_dev_zero(tmp_path: Path) -> None:
    assert "/dev/zero: is a device" in fails_in_child(["check", "/dev/zero"], cwd=tmp_path)


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_street_file_that_is_a_fifo_or_a_link_to_dev_zero(tmp_path: Path, kind: str) -> None:
    folder = street_folder(tmp_path)
    odd = folder / "2025-02-cheshire-street.csv"
    if kind == "fifo":
        os.mkfifo(odd)
    else:
        odd.symlink_to("/dev/zero")
    statement = police_uk_statement(tmp_path, folder)
    line = fails_in_child(["build", str(statement), "-o", str(tmp_path / "out")])
    what = "a FIFO (named pipe)" if kind == "fifo" else "a device"
    assert f"2025-02-cheshire-street.csv: is {what}, not a regular file" in line
    assert not (tmp_path / "out").exists()


def test_a_records_file_that_is_a_link_to_dev_zero(tmp_path: Path) -> None:
    (tmp_path / "crime.csv").symlink_to("/dev/zero")
    statement = records_statement(tmp_path)
    line = fails_in_child(["build", str(statement), "-o", str(tmp_path / "out")])
    assert "/dev/zero: is a device, not a regular file" in line  # the link, followed


def test_a_records_xlsx_that_is_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "crime.xlsx")
    statement = records_statement(tmp_path, crime="crime.xlsx")
    line = fails_in_child(["build", str(statement), "-o", str(tmp_path / "out")])
    assert "crime.xlsx: is a FIFO (named pipe), not a regular file" in line


def test_a_narrative_that_is_a_fifo(tmp_path: Path) -> None:
    statement = records_statement(tmp_path)
    os.mkfifo(tmp_path / "homicide.md")
    statement.write_text(
        statement.read_text().replace(
            'measures = ["homicide"]', 'measures = ["homicide"]\nnarrative = "homicide.md"'
        )
    )
    line = fails_in_child(["build", str(statement), "-o", str(tmp_path / "out")])
    assert "narrative: 'homicide.md' is a FIFO (named pipe), not a regular file" in line


def test_an_ons_workbook_that_is_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "ons.xlsx")
    path = tmp_path / "statement.toml"
    path.write_text(
        '[statement]\nforce = "Cheshire"\nperiod = "2023/24 Q1"\n\n'
        '[sources.ons]\nformat = "ons-pfa"\npath = "ons.xlsx"\n\n'
        '[[sections]]\nmeasures = ["neighbourhood_crime"]\n\n'
        '[measures.neighbourhood_crime]\nsource = "ons"\n',
        encoding="utf-8",
    )
    line = fails_in_child(["build", str(path), "-o", str(tmp_path / "out")])
    assert "ons.xlsx: is a FIFO (named pipe), not a regular file" in line


# --- sizes ----------------------------------------------------------------------------


def test_a_statement_file_over_its_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path)
    padding = "# padding\n" * (MAX_STATEMENT_BYTES // 10 + 1)
    statement.write_text(statement.read_text() + padding)
    line = fails(["build", str(statement)], capsys)
    assert f"the statement file is larger than {MAX_STATEMENT_BYTES:,} bytes" in line


def test_a_narrative_over_its_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    statement = records_statement(tmp_path)
    (tmp_path / "homicide.md").write_text(
        "## Force response\n\n" + "Word. " * (MAX_NARRATIVE_BYTES // 6 + 1)
    )
    statement.write_text(
        statement.read_text().replace(
            'measures = ["homicide"]', 'measures = ["homicide"]\nnarrative = "homicide.md"'
        )
    )
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert f"homicide.md: the narrative file is larger than {MAX_NARRATIVE_BYTES:,} bytes" in line


def test_a_records_line_over_its_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    statement = records_statement(tmp_path)
    with (tmp_path / "crime.csv").open("a", encoding="utf-8") as handle:
        handle.write("2023-06-01," + "1" * (MAX_LINE_BYTES + 10) + ",,,,,\n")
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert f"crime.csv, line 5: the line is longer than {MAX_LINE_BYTES:,} characters" in line


@pytest.mark.parametrize("newline", [True, False])
def test_a_police_uk_file_of_one_huge_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], newline: bool
) -> None:
    """One 8 MB line, with and without a line feed at its end: refused at its line, read
    in blocks (never copied whole again for each block, which took quadratic time)."""
    folder = street_folder(tmp_path)
    with (folder / "2025-02-cheshire-street.csv").open("w", encoding="utf-8") as handle:
        handle.write(POLICE_UK_HEADER + "\n")
        handle.write("x" * (8 * MAX_LINE_BYTES) + ("\n" if newline else ""))
    statement = police_uk_statement(tmp_path, folder)
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "2025-02-cheshire-street.csv, line 2: the line is longer than" in line


def test_a_quoted_police_uk_file_with_one_huge_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file with a quote is read by the csv module: its lines are bounded too."""
    folder = street_folder(tmp_path)
    with (folder / "2025-02-cheshire-street.csv").open("w", encoding="utf-8") as handle:
        handle.write('"Crime ID"' + POLICE_UK_HEADER.removeprefix("Crime ID") + "\n")
        handle.write("a," * (2 * MAX_LINE_BYTES) + "\n")
    statement = police_uk_statement(tmp_path, folder)
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "2025-02-cheshire-street.csv, line 2: the line is longer than" in line


def test_a_narrative_linked_to_a_file_not_named_as_text_is_not_quoted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "elsewhere" / "server_config"
    config.parent.mkdir()
    config.write_text("# Listen on port 22 with the secret key at /root/key\nPort 22\n")
    statement = records_statement(tmp_path)
    (tmp_path / "homicide.md").symlink_to(config)
    statement.write_text(
        statement.read_text().replace(
            'measures = ["homicide"]', 'measures = ["homicide"]\nnarrative = "homicide.md"'
        )
    )
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "line 1: unknown heading; use 'Force response'" in line
    assert "secret" not in line


def test_a_police_uk_header_of_one_huge_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = street_folder(tmp_path)
    (folder / "2025-02-cheshire-street.csv").write_text("y" * (2 * MAX_LINE_BYTES))
    statement = police_uk_statement(tmp_path, folder)
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "2025-02-cheshire-street.csv, line 1: the line is longer than" in line


# --- what an error may quote ----------------------------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "shadow"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


def test_a_street_file_linked_to_a_secret_is_named_not_quoted(
    tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = street_folder(tmp_path)
    (folder / "2025-02-cheshire-street.csv").symlink_to(secret)
    statement = police_uk_statement(tmp_path, folder)
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "2025-02-cheshire-street.csv, row 1" in line
    assert "SECRET" not in line
    assert "root:" not in line


def test_a_records_file_linked_to_a_secret_is_named_not_quoted(
    tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "crime.csv").symlink_to(secret)
    statement = records_statement(tmp_path)
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    # The path was resolved when the statement file was read: the file is named as it is.
    assert "elsewhere/shadow, row 1: missing columns 'recorded_date', 'offence_code'" in line
    assert "SECRET" not in line
    assert "root:" not in line


def test_a_records_cell_from_a_file_not_named_as_data_is_not_quoted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same bad cell is quoted from ``crime.csv`` but not from ``crime.dat``."""
    for name in ("crime.csv", "crime.dat"):
        folder = tmp_path / name.replace(".", "-")
        (folder).mkdir()
        (folder / name).write_text(
            "recorded_date,offence_code\n2023-06-01,1\n2023-06-02,1\nhunter2-secret,1\n"
        )
        statement = records_statement(folder, crime=name)
        line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
        assert f"{name}, row 4, column 'recorded_date'" in line
        assert ("'hunter2-secret' is not a date" in line) == (name == "crime.csv")
        assert ("the cell is not a date" in line) == (name == "crime.dat")


def test_a_long_bad_cell_is_quoted_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path)
    with (tmp_path / "crime.csv").open("a", encoding="utf-8") as handle:
        handle.write("2023-06-01," + "7" * 500 + ",,,,,\n")  # not a date: too long
        handle.write("2023-06-01,1,maybe" + "!" * 500 + ",,,,\n")
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "row 6, column 'knife_or_sharp_instrument'" in line
    assert "'maybe" + "!" * 55 + "'... is not true/false" in line


def test_a_damaged_gzip_street_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "police-uk"
    folder.mkdir()
    source = Path(__file__).parent / "data" / "police-uk-cheshire-2025"
    damaged = bytearray((source / "2025-01-cheshire-street.csv.gz").read_bytes())
    for index in range(2000, 2400):
        damaged[index] ^= 0x55
    (folder / "2025-01-cheshire-street.csv.gz").write_bytes(bytes(damaged))
    statement = police_uk_statement(tmp_path, folder)
    line = fails(["build", str(statement), "-o", str(tmp_path / "out")], capsys)
    assert "2025-01-cheshire-street.csv.gz: cannot read the file: Error -3" in line


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_auditing_a_fifo_or_a_link_to_dev_zero(tmp_path: Path, kind: str) -> None:
    odd = tmp_path / "statement.txt"
    if kind == "fifo":
        os.mkfifo(odd)
    else:
        odd.symlink_to("/dev/zero")
    done = subprocess.run(
        [sys.executable, "-m", "measurekit", "audit", str(odd)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2  # audit's exit status for trouble (1 means a wrong claim)
    what = "a FIFO (named pipe)" if kind == "fifo" else "a device"
    assert done.stderr == (
        f"measurekit: error: {odd}: is {what}, not a regular file; measurekit reads only "
        "regular files\n"
    )


def test_auditing_a_file_over_its_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from measurekit import limits
    from measurekit.cli.main import main

    monkeypatch.setattr(limits, "MAX_AUDITED_BYTES", 100)
    (tmp_path / "s.txt").write_text("In the 12 months to June 2023 ... " * 4)
    assert main(["audit", str(tmp_path / "s.txt")]) == 2
    assert "the file is larger than 100 bytes, the most audit reads" in capsys.readouterr().err
