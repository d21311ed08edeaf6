"""``measurekit check``: the data-quality report, and the rule that finds unusual months."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from measurekit.check.unusual import unusual_months
from measurekit.cli.main import main
from measurekit.model.periods import Month

from .ons_tables import JUNE_2018, JUNE_2019

DATA = Path(__file__).parent / "data" / "police-uk-cheshire-2025"


def write_statement(tmp_path: Path, source: str, extra: str = "") -> Path:
    path = tmp_path / "statement.toml"
    path.write_text(
        f"""
[statement]
force = "Cheshire Constabulary"
area = "Cheshire"
period = "2025/26 Q3"
{extra}

{source}

[[sections]]
measures = ["neighbourhood_crime"]
""",
        encoding="utf-8",
    )
    return path


def copy_data(tmp_path: Path, skip: str | None = None) -> Path:
    """The twelve Cheshire files in a new folder, without those whose name starts with
    ``skip``."""
    folder = tmp_path / "data"
    folder.mkdir()
    for path in DATA.glob("*.csv.gz"):
        if skip is None or not path.name.startswith(skip):
            shutil.copy(path, folder)
    return folder


def police_uk(folder: Path) -> str:
    return f'[sources.crime]\nformat = "police-uk"\npath = "{folder.as_posix()}"'


def run_check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    status = main(["check", str(path)])
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def series(*values: int) -> dict[Month, int]:
    return {Month(2025, 1) + i: value for i, value in enumerate(values)}


# --- the rule -------------------------------------------------------------------------


def test_the_cheshire_theft_from_the_person_spike_is_unusual() -> None:
    # Theft from the person, Cheshire, January to December 2025, as police.uk publishes it.
    months = series(21, 13, 20, 17, 18, 18, 23, 81, 15, 13, 14, 22)
    [found] = unusual_months(months)
    assert found.month == Month(2025, 8)
    assert found.value == 81
    assert found.median == 18  # the middle of the twelve values, by hand
    assert (found.low, found.high) == (13, 23)


def test_ordinary_variation_is_not_unusual() -> None:
    # Burglary and Robbery in Cheshire, 2025: no month stands out.
    assert unusual_months(series(197, 203, 227, 198, 205, 226, 203, 200, 225, 234, 205, 235)) == []
    assert unusual_months(series(27, 27, 36, 44, 33, 52, 41, 50, 28, 32, 27, 42)) == []


def test_small_counts_are_not_flagged_for_noise() -> None:
    assert unusual_months(series(0, 1, 0, 2, 1, 0, 3, 0)) == []
    assert unusual_months(series(5, 5, 5, 5, 5, 5, 6)) == []


def test_a_drop_is_unusual_too() -> None:
    [found] = unusual_months(series(400, 410, 395, 405, 402, 398, 12, 401))
    assert found.month == Month(2025, 7)


def test_a_short_series_has_no_history_to_judge_by() -> None:
    assert unusual_months(series(10, 11, 90)) == []


# --- the report on the real Cheshire files ----------------------------------------------


def test_check_flags_the_august_spike_yet_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines, _ = run_check(write_statement(tmp_path, police_uk(DATA)), capsys)
    assert status == 0
    spike = [line for line in lines if line.startswith("warning: crime: theft_from_person")]
    assert len(spike) == 1
    assert "81 in August 2025" in spike[0]
    assert "13 to 23" in spike[0]
    assert "counted" in spike[0]
    assert not [line for line in lines if line.startswith("error")]
    assert lines[-1] == "0 errors, 3 warnings"


def test_check_reports_coverage_and_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, lines, _ = run_check(write_statement(tmp_path, police_uk(DATA)), capsys)
    # The six indicators cover the same months: one line, not six.
    assert (
        "info: crime: burglary, robbery, vehicle_offences, theft_from_person, drugs, "
        "possession_of_weapons: 12 months, January 2025 to December 2025"
    ) in lines
    assert sum("12 months, January 2025" in line for line in lines) == 1
    repeats = [line for line in lines if "appears" in line]
    assert len(repeats) == 2
    august = next(line for line in repeats if "2025-08-cheshire-street" in line)
    assert "appears 8 times" in august
    assert "rows 218, 220, 221, 222, 223, 224, 226, 228" in august
    assert any("7,248 rows of 'Anti-social behaviour' ignored" in line for line in lines)


def test_check_with_a_month_missing_fails_naming_the_month(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_data(tmp_path, skip="2025-03")
    status, lines, _ = run_check(write_statement(tmp_path, police_uk(folder)), capsys)
    assert status == 1
    # One missing file is one error, naming every indicator it takes away.
    errors = [line for line in lines if line.startswith("error")]
    assert len(errors) == 1
    assert errors[0].startswith(
        "error: crime: burglary, robbery, vehicle_offences, theft_from_person, drugs, "
        "possession_of_weapons: no data for March 2025"
    )
    assert "12 months to December 2025" in errors[0]
    # check writes nothing
    assert set(tmp_path.iterdir()) == {folder, tmp_path / "statement.toml"}


def test_a_gap_allowed_by_the_statement_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_data(tmp_path, skip="2025-03")
    path = write_statement(tmp_path, police_uk(folder), "allow_gaps = true")
    status, lines, _ = run_check(path, capsys)
    assert status == 0
    assert any(
        line.startswith("warning: crime: burglary, robbery,") and "no data for March 2025" in line
        for line in lines
    )


def test_check_with_a_mangled_header_fails_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_data(tmp_path)
    bad = folder / "2025-04-cheshire-street.csv.gz"
    text = gzip.decompress(bad.read_bytes()).decode("utf-8")
    bad.write_bytes(gzip.compress(text.replace("Falls within", "Falls w1thin", 1).encode()))
    status, lines, _ = run_check(write_statement(tmp_path, police_uk(folder)), capsys)
    assert status == 1
    [error] = [line for line in lines if line.startswith("error")]
    assert str(bad) in error
    assert "'Falls within'" in error


def test_check_lists_each_unreadable_row_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_data(tmp_path)
    bad = folder / "2025-06-cheshire-street.csv.gz"
    lines_of_file = gzip.decompress(bad.read_bytes()).decode("utf-8").split("\n")
    lines_of_file[9] = lines_of_file[9][:40]  # row 10: cut short
    lines_of_file[99] = lines_of_file[99].replace(",2025-06,", ",2025-05,")  # row 100
    bad.write_bytes(gzip.compress("\n".join(lines_of_file).encode()))
    status, lines, _ = run_check(write_statement(tmp_path, police_uk(folder)), capsys)
    assert status == 1
    errors = [line for line in lines if line.startswith("error")]
    assert len(errors) == 2
    assert f"{bad}, row 10" in errors[0]
    assert f"{bad}, row 100, column 'Month'" in errors[1]


def test_check_on_counts_reports_a_needed_gap_as_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        f"{indicator},2025-{month:02d},1,10"
        for indicator in ("burglary", "robbery", "vehicle_offences", "theft_from_person")
        for month in range(1, 13)
        if month != 7
    ]
    (tmp_path / "counts.csv").write_text(
        "indicator,period_end,months,value\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    source = '[sources.crime]\nformat = "counts"\npath = "counts.csv"'
    status, lines, _ = run_check(write_statement(tmp_path, source), capsys)
    assert status == 1
    [error] = [line for line in lines if line.startswith("error")]
    assert error.startswith(
        "error: crime: burglary, robbery, vehicle_offences, theft_from_person: "
        "no data for July 2025"
    )


def test_check_flags_an_unusual_month_in_a_counts_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Burglary steady at 100 to 110 a month, then 300 in May 2025; the other parts steady.
    burglary = [100, 104, 110, 101, 300, 107, 103, 105, 102, 108, 106, 109]
    rows = [f"burglary,2025-{m:02d},1,{v}" for m, v in enumerate(burglary, start=1)]
    rows += [
        f"{indicator},2025-{month:02d},1,20"
        for indicator in ("robbery", "vehicle_offences", "theft_from_person")
        for month in range(1, 13)
    ]
    (tmp_path / "counts.csv").write_text(
        "indicator,period_end,months,value\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    source = '[sources.crime]\nformat = "counts"\npath = "counts.csv"'
    status, lines, _ = run_check(write_statement(tmp_path, source), capsys)
    assert status == 0
    warnings = [line for line in lines if line.startswith("warning")]
    assert len(warnings) == 1
    assert "burglary: 300 in May 2025 is unusual" in warnings[0]
    assert "100 to 110" in warnings[0]


def test_check_on_ons_editions_names_the_indicators_a_window_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The June 2018 edition's P2 prints '-' for homicide (always, at force level) and for
    # residential burglary (classification changes), so neither has a count for the 12
    # months to June 2017; the other indicators' counts follow from P2's changes.
    source = (
        '[sources.crime]\nformat = "ons-pfa"\n'
        f'path = ["{JUNE_2018.as_posix()}", "{JUNE_2019.as_posix()}"]'
    )
    path = write_statement(tmp_path, source)
    text = path.read_text(encoding="utf-8").replace("2025/26 Q3", "2019/20 Q1")
    path.write_text(text, encoding="utf-8")
    status, lines, _ = run_check(path, capsys)
    assert status == 0
    assert (
        "info: crime: outside the data for homicide, burglary, so figures show [x]: "
        "the 12 months to June 2017"
    ) in lines
    assert (
        "info: crime: total_recorded_crime, robbery, vehicle_offences, theft_from_person: "
        "36 months, July 2016 to June 2019"
    ) in lines
