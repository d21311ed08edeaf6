"""``measurekit explain``: the rows it prints are the rows behind the figure.

Every expectation is worked out here from the input files with nothing but the csv module
(gzip for police.uk, openpyxl for ONS workbooks): which rows fall in a window and match the
indicator's published definition. The figure itself comes from the JSON that ``build``
writes, so the test also holds explain to "the number of rows equals the figure".
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from measurekit.api import (
    Count,
    Explanation,
    InputRow,
    Query,
    Source,
    SourceFormat,
    SourceSpec,
    Window,
    hookimpl,
)
from measurekit.cli import main
from measurekit.errors import MeasurekitError
from measurekit.explain.explaining import explain_figure
from measurekit.model.periods import Month
from measurekit.model.statement import Role
from measurekit.plugins.manager import Plugins

from .ons_tables import DECEMBER_2018, DECEMBER_2019, P1_P2_COLUMNS, ons_table

POLICE_UK = Path(__file__).parent / "data" / "police-uk-cheshire-2025"

#: Home Office offence codes of homicide: murder (1), manslaughter (4.1), infanticide (4.2)
#: and corporate manslaughter (4.10), from the Home Office Counting Rules.
HOMICIDE_CODES = {"1", "4.1", "4.2", "4.10"}
#: The windows of a statement for 2023/24 Q1, as (first day, last day).
WINDOWS = {
    "current": (dt.date(2022, 7, 1), dt.date(2023, 6, 30)),
    "previous_year": (dt.date(2021, 7, 1), dt.date(2022, 6, 30)),
    "two_years_before": (dt.date(2020, 7, 1), dt.date(2021, 6, 30)),
}
TRUE_WORDS = {"true", "yes", "y", "1"}


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(["explain", *arguments])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def parsed(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


def built_figure(tmp_path: Path, statement: Path, indicator: str, role: str) -> Any:
    """The figure's value (and base) as ``build`` writes it in the JSON."""
    out = tmp_path / "built"
    assert main(["build", str(statement), "-f", "json", "-o", str(out)]) == 0
    document = json.loads((out / f"{statement.stem}.json").read_text(encoding="utf-8"))
    (figure,) = [
        f
        for f in document["figures"]
        if f["indicator"] == indicator and f["role"] == role and f["unit"] != "rate"
    ]
    return figure


# --- records ------------------------------------------------------------------------------


def random_records(seed: int, path: Path) -> None:
    """About 1,500 records over three years, in two forces, with codes written as people
    write them (spaces, lower case) and every spelling of a yes/no flag."""
    rng = random.Random(seed)
    codes = ["1", "4.1", "4.2", "4.10", " 4.1", "8N", "28E", "28e", "39", "105A", "4.11"]
    flags = ["", "yes", "no", "TRUE", "false", "Y", "n", "1", "0"]
    start = dt.date(2020, 7, 1)
    rows = []
    for number in range(rng.randint(1200, 1800)):
        day = start + dt.timedelta(days=rng.randrange(1095))
        rows.append(
            [
                day.isoformat(),
                rng.choice(codes),
                rng.choice(flags),
                rng.choice(["", "", "", "handgun", "air"]),
                rng.choice(flags),
                rng.choice(flags),
                f"T{seed}-{number:05d}",
                rng.choice(["Testshire Police", "Testshire Police", "Otherland Police"]),
            ]
        )
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "recorded_date",
                "offence_code",
                "knife_or_sharp_instrument",
                "firearm_type",
                "firearm_discharged",
                "domestic_abuse",
                "crime_id",
                "force",
            ]
        )
        writer.writerows(rows)


def records_statement(folder: Path, seed: int) -> Path:
    (folder / "data").mkdir()
    random_records(seed, folder / "data" / "records.csv")
    path = folder / "testshire.toml"
    path.write_text(
        '[statement]\nforce = "Testshire Police"\narea = "Testshire"\nperiod = "2023/24 Q1"\n\n'
        '[sources.crime]\nformat = "records"\npath = "data/records.csv"\n\n'
        '[[sections]]\nmeasures = ["homicide", "serious_violence"]\n',
        encoding="utf-8",
    )
    return path


def expected_records(path: Path, role: str, keep: Any) -> set[tuple[str, str, str]]:
    """(file, line, crime id) of Testshire's rows in the window that ``keep`` admits."""
    first, last = WINDOWS[role]
    found = set()
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            day = dt.date.fromisoformat(row["recorded_date"])
            if row["force"] == "Testshire Police" and first <= day <= last and keep(row):
                found.add(("data/records.csv", str(line), row["crime_id"]))
    return found


def is_homicide(row: dict[str, str]) -> bool:
    return row["offence_code"].strip().upper() in HOMICIDE_CODES


def has_knife(row: dict[str, str]) -> bool:
    return row["knife_or_sharp_instrument"].strip().lower() in TRUE_WORDS


@pytest.mark.parametrize("seed", [11, 12])
@pytest.mark.parametrize(
    ("indicator", "keep"), [("homicide", is_homicide), ("knife_crime", has_knife)]
)
@pytest.mark.parametrize("role", ["current", "previous_year", "two_years_before"])
def test_records_rows_are_the_records_counted_by_hand(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    seed: int,
    indicator: str,
    keep: Any,
    role: str,
) -> None:
    statement = records_statement(tmp_path, seed)
    status, out, err = run(capsys, str(statement), indicator, "--role", role)
    assert status == 0, err
    rows = parsed(out)
    expected = expected_records(tmp_path / "data" / "records.csv", role, keep)
    assert {(r["file"], r["line"], r["crime_id"]) for r in rows} == expected
    assert len(rows) == len(expected)  # no row twice
    assert len(rows) == built_figure(tmp_path, statement, indicator, role)["value"]
    assert out.splitlines()[0] == (
        "file,line,crime_id,recorded_date,offence_code,knife_or_sharp_instrument,"
        "firearm_type,firearm_discharged,domestic_abuse"
    )


def test_each_printed_row_is_the_line_of_the_file_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path, 5)
    _, out, _ = run(capsys, str(statement), "homicide")
    lines = (tmp_path / "data" / "records.csv").read_text(encoding="utf-8").splitlines()
    for row in parsed(out):
        cells = next(csv.reader([lines[int(row["line"]) - 1]]))
        assert cells[0] == row["recorded_date"]
        assert cells[1].strip() == row["offence_code"]  # cells are printed trimmed
        assert cells[6] == row["crime_id"]


def test_a_figure_shown_as_x_says_why_and_prints_no_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path, 1)
    text = statement.read_text(encoding="utf-8").replace(
        'period = "2023/24 Q1"', 'period = "2023/24 Q1"\nbaseline = "2019-03"'
    )
    statement.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, str(statement), "homicide", "--role", "baseline")
    assert status == 0
    assert out == ""
    assert "[x]" in err
    assert "why: the data start in July 2020" in err


# --- survey -------------------------------------------------------------------------------


def test_survey_rows_are_the_responses_and_give_the_percentage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(7)
    rows = []
    for _ in range(400):
        day = dt.date(2020, 7, 1) + dt.timedelta(days=rng.randrange(1095))
        rows.append([day.isoformat(), rng.choice(["yes", "no", "Y"]), rng.choice(["yes", "no"])])
    with (tmp_path / "survey.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["response_date", "satisfied", "domestic_abuse"], *rows])
    statement = tmp_path / "s.toml"
    statement.write_text(
        '[statement]\nforce = "Testshire Police"\narea = "Testshire"\nperiod = "2023/24 Q1"\n\n'
        '[sources.survey]\nformat = "survey"\npath = "survey.csv"\n\n'
        '[[sections]]\nmeasures = ["victim_satisfaction"]\n',
        encoding="utf-8",
    )
    first, last = WINDOWS["current"]
    in_window = [
        (line, row)
        for line, row in enumerate(rows, start=2)
        if first <= dt.date.fromisoformat(row[0]) <= last and row[2] == "yes"
    ]
    satisfied = sum(row[1] in {"yes", "Y"} for _, row in in_window)
    status, out, err = run(capsys, str(statement), "domestic_abuse_satisfaction")
    assert status == 0, err
    assert [int(r["line"]) for r in parsed(out)] == [line for line, _ in in_window]
    figure = built_figure(tmp_path, statement, "domestic_abuse_satisfaction", "current")
    assert figure["base"] == len(in_window)
    assert figure["value"] == pytest.approx(satisfied / len(in_window) * 100)
    assert f"{satisfied:,} answered yes" in err


# --- counts -------------------------------------------------------------------------------


def test_counts_rows_add_up_to_the_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(3)
    rows = []
    for month in Window(Month(2020, 7), Month(2023, 6)):
        for indicator in ("homicide", "knife_crime"):
            rows.append([indicator, str(month), "1", str(rng.randint(0, 40))])
    rng.shuffle(rows)
    with (tmp_path / "counts.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["indicator", "period_end", "months", "value"], *rows])
    statement = tmp_path / "c.toml"
    statement.write_text(
        '[statement]\nforce = "Testshire Police"\narea = "Testshire"\nperiod = "2023/24 Q1"\n\n'
        '[sources.crime]\nformat = "counts"\npath = "counts.csv"\n\n'
        '[[sections]]\nmeasures = ["homicide"]\n',
        encoding="utf-8",
    )
    months = {f"{year}-{month:02d}" for year, month in [(2022, m) for m in range(7, 13)]} | {
        f"2023-{month:02d}" for month in range(1, 7)
    }
    expected = {
        str(line): int(row[3])
        for line, row in enumerate(rows, start=2)
        if row[0] == "homicide" and row[1] in months
    }
    status, out, err = run(capsys, str(statement), "homicide")
    assert status == 0, err
    printed = {r["line"]: int(r["value"]) for r in parsed(out)}
    assert printed == expected
    assert (
        sum(printed.values()) == built_figure(tmp_path, statement, "homicide", "current")["value"]
    )


# --- police.uk ------------------------------------------------------------------------------


def police_uk_statement(folder: Path) -> Path:
    path = folder / "cheshire.toml"
    path.write_text(
        '[statement]\nforce = "Cheshire Constabulary"\narea = "Cheshire"\n'
        'period = "2025/26 Q3"\n\n'
        f'[sources.crime]\nformat = "police-uk"\npath = "{POLICE_UK.as_posix()}"\n\n'
        '[[sections]]\nmeasures = ["neighbourhood_crime"]\n',
        encoding="utf-8",
    )
    return path


def police_uk_rows(crime_types: set[str]) -> Iterator[tuple[str, str, str]]:
    """(file name, line, Crime ID) of Cheshire's rows of ``crime_types`` in 2025."""
    for path in sorted(POLICE_UK.glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.reader(handle), start=1):
                if (
                    line > 1
                    and row[1].startswith("2025-")
                    and row[3] == "Cheshire Constabulary"
                    and row[9] in crime_types
                ):
                    yield path.name, str(line), row[0]


@pytest.mark.parametrize(
    ("indicator", "crime_types"),
    [
        ("robbery", {"Robbery"}),
        ("theft_from_person", {"Theft from the person"}),
        (
            "neighbourhood_crime",
            {"Burglary", "Robbery", "Vehicle crime", "Theft from the person"},
        ),
    ],
)
def test_police_uk_rows_are_the_rows_of_the_published_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], indicator: str, crime_types: set[str]
) -> None:
    statement = police_uk_statement(tmp_path)
    status, out, err = run(capsys, str(statement), indicator)
    assert status == 0, err
    rows = parsed(out)
    printed = [(Path(r["file"]).name, r["line"], r["crime_id"]) for r in rows]
    expected = sorted(police_uk_rows(crime_types))
    assert sorted(printed) == expected
    assert len(rows) == built_figure(tmp_path, statement, indicator, "current")["value"]
    # A random sample of the rows, looked up in their files: the crime type is one counted.
    sample = random.Random(2).sample(rows, 20)
    for row in sample:
        assert row["crime_type"] in crime_types
        assert row["month"].startswith("2025-")


# --- ONS tables ---------------------------------------------------------------------------


def ons_statement(folder: Path) -> Path:
    paths = json.dumps([DECEMBER_2018.as_posix(), DECEMBER_2019.as_posix()])
    path = folder / "ons.toml"
    path.write_text(
        '[statement]\nforce = "Metropolitan Police"\narea = "London"\nperiod = "2019/20 Q3"\n\n'
        f'[sources.crime]\nformat = "ons-pfa"\npath = {paths}\nforce = "E23000001"\n\n'
        '[[sections]]\nmeasures = ["homicide", "neighbourhood_crime"]\n',
        encoding="utf-8",
    )
    return path


def cell_value(workbook: Path, sheet: str, cell: str) -> object:
    book = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
    try:
        return next(ws for ws in book.worksheets if ws.title.strip() == sheet)[cell].value
    finally:
        book.close()


def test_ons_figure_is_the_cell_it_was_printed_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = ons_statement(tmp_path)
    status, out, err = run(capsys, str(statement), "homicide")
    assert status == 0, err
    (row,) = parsed(out)
    assert Path(row["file"]).name == DECEMBER_2019.name
    assert row["sheet"] == "Table P1"
    p1, _ = ons_table(DECEMBER_2019, "Table P1", P1_P2_COLUMNS)
    printed = p1["E23000001"]["homicide"]
    assert row["cell"].startswith(P1_P2_COLUMNS["homicide"][0])
    assert cell_value(DECEMBER_2019, row["sheet"], row["cell"]) == printed
    assert built_figure(tmp_path, statement, "homicide", "current")["value"] == printed


def test_a_revised_ons_count_names_the_two_cells_it_is_worked_out_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = ons_statement(tmp_path)
    status, out, err = run(capsys, str(statement), "robbery", "--role", "previous_year")
    assert status == 0, err
    count, change = parsed(out)
    assert (count["holds"], change["holds"]) == ("count", "percentage change")
    assert (count["sheet"], change["sheet"]) == ("Table P1", "Table P2")
    now = cell_value(DECEMBER_2019, count["sheet"], count["cell"])
    percent = cell_value(DECEMBER_2019, change["sheet"], change["cell"])
    assert isinstance(now, int | float)
    assert isinstance(percent, int | float)
    p1, _ = ons_table(DECEMBER_2019, "Table P1", P1_P2_COLUMNS)
    p2, _ = ons_table(DECEMBER_2019, "Table P2", P1_P2_COLUMNS)
    assert (now, percent) == (p1["E23000001"]["robbery"], p2["E23000001"]["robbery"])
    previous = round(now / (1 + percent / 100))
    assert built_figure(tmp_path, statement, "robbery", "previous_year")["value"] == previous
    assert "worked out as the count divided by (1 + change / 100)" in err


# --- errors and third-party sources -------------------------------------------------------


def test_an_unknown_indicator_lists_the_valid_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path, 1)
    status, out, err = run(capsys, str(statement), "burglary")
    assert status == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "no figure for indicator 'burglary'; it has firearm_discharges, firearm_offences" in err
    assert "homicide" in err


def test_a_window_the_statement_lacks_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path, 1)
    status, _, err = run(capsys, str(statement), "homicide", "--role", "baseline")
    assert status == 1
    assert err == (
        "measurekit: error: homicide has no baseline figure in this statement; it has "
        "current, previous_year, two_years_before\n"
    )


def test_a_bad_role_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    statement = records_statement(tmp_path, 1)
    with pytest.raises(SystemExit) as stopped:
        main(["explain", str(statement), "homicide", "--role", "last_year"])
    assert stopped.value.code == 2


class TallySheetSource(Source):
    """A third party's source of counts: five offences in every month, in one sheet."""

    def __init__(self, name: str, path: Path, explains: bool) -> None:
        super().__init__(name, "tally-sheet")
        self.path = path
        self.explains = explains

    def count(self, query: Query, window: Window) -> Count:
        return Count(5 * window.months)

    def explain(self, query: Query, window: Window) -> Explanation:
        if not self.explains:
            return super().explain(query, window)
        rows = tuple(
            InputRow(self.path, (str(month), str(n))) for month in window for n in range(1, 6)
        )
        return Explanation(("month", "tick"), rows, len(rows))


def tally_sheet_plugin(explains: bool) -> object:
    class TallySheetFormat(SourceFormat):
        name = "tally-sheet"

        def open(self, spec: SourceSpec) -> Source:
            return TallySheetSource(spec.name, spec.paths[0], explains)

    class Plugin:
        @hookimpl
        def register_source_formats(self) -> list[SourceFormat]:
            return [TallySheetFormat()]

    return Plugin()


@pytest.mark.parametrize("explains", [True, False])
def test_a_third_party_source_explains_through_the_hook_or_says_it_cannot(
    tmp_path: Path, explains: bool
) -> None:
    (tmp_path / "ticks.txt").write_text("|||||\n", encoding="utf-8")
    statement = tmp_path / "t.toml"
    statement.write_text(
        '[statement]\nforce = "Testshire Police"\narea = "Testshire"\nperiod = "2023/24 Q1"\n\n'
        '[sources.crime]\nformat = "tally-sheet"\npath = "ticks.txt"\n\n'
        '[[sections]]\nmeasures = ["homicide"]\n',
        encoding="utf-8",
    )
    plugins = Plugins.load(extra=[tally_sheet_plugin(explains)])
    if not explains:
        with pytest.raises(MeasurekitError, match="cannot list the rows behind its figures"):
            explain_figure(statement, "homicide", plugins=plugins)
        return
    explained = explain_figure(statement, "homicide", Role.PREVIOUS_YEAR, plugins=plugins)
    assert explained.figure.value == 60
    assert explained.explanation is not None
    assert len(explained.explanation.rows) == 60


def test_period_explains_another_quarters_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path, 21)
    status, out, err = run(capsys, str(statement), "knife_crime", "--period", "2022/23 Q4")
    assert status == 0, err
    first, last = dt.date(2022, 4, 1), dt.date(2023, 3, 31)
    expected = set()
    with (tmp_path / "data" / "records.csv").open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            day = dt.date.fromisoformat(row["recorded_date"])
            if row["force"] == "Testshire Police" and first <= day <= last and has_knife(row):
                expected.add(str(line))
    assert {row["line"] for row in parsed(out)} == expected
    assert "12 months to March 2023, 2022-04 to 2023-03" in err


def test_a_period_that_is_not_a_quarter_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = records_statement(tmp_path, 21)
    with pytest.raises(SystemExit) as stopped:
        main(["explain", str(statement), "knife_crime", "--period", "2022/23 Q5"])
    assert stopped.value.code == 2  # as for build and check: the option is wrong, not the file
    assert "argument --period" in capsys.readouterr().err
