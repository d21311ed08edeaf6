"""Ready-made counts as a CSV file, a DuckDB table (shape = "counts") and a Parquet file
answer every window alike; a Parquet file's bad cell is named by its row, as in the CSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from measurekit.errors import InputError
from measurekit.model.periods import Month, Window
from measurekit.sources.base import Count, Query, Source, SourceSpec, Unavailable
from measurekit.sources.formats import CountsFormat, RecordsFormat
from measurekit.sources.sql.format import SqlFormat
from measurekit.sources.sql.options import SqlOptions

from .helpers import RECORD_HEADER, write_csv
from .sql_data import duckdb, write_parquet

HEADER = ["indicator", "period_end", "months", "value", "force"]
#: Monthly homicides for 2022/23, a quarterly knife figure and a 12-month burglary figure.
ROWS = [
    *[["homicide", str(Month(2022, 4) + i), "1", str(i % 3), ""] for i in range(12)],
    *[["knife_crime", str(Month(2022, 6) + 3 * q), "3", str(10 + q), ""] for q in range(4)],
    ["burglary", "2023-03", "12", "1,234", ""],
]
WINDOWS = [
    Window(Month(2022, 4), Month(2023, 3)),
    Window(Month(2022, 7), Month(2022, 9)),
    Window(Month(2022, 5), Month(2022, 7)),  # quarters cannot tile it
    Window(Month(2021, 4), Month(2022, 3)),  # before the data
]


@pytest.fixture
def sources(tmp_path: Path) -> list[Source]:
    csv = write_csv(tmp_path / "counts.csv", HEADER, ROWS)
    parquet = write_parquet(csv, tmp_path / "counts.parquet")
    connection = duckdb.connect(str(tmp_path / "counts.duckdb"))
    connection.execute(
        "create table figures (measure varchar, period_end date, months integer, n varchar)"
    )
    connection.executemany(
        "insert into figures values (?, ?, ?, ?)",
        [[r[0], f"{r[1]}-01", int(r[2]), r[3]] for r in ROWS],
    )
    connection.close()
    options = SqlOptions(
        url="duckdb:///counts.duckdb",
        table="figures",
        shape="counts",
        columns={"indicator": "measure", "value": "n"},
    )
    return [
        CountsFormat().open(SourceSpec("counts", "counts", (csv,))),
        CountsFormat().open(SourceSpec("counts", "counts", (parquet,))),
        SqlFormat().open(SourceSpec("counts", "sql", (), options=options, base=tmp_path)),
    ]


def test_every_window_is_answered_alike(sources: list[Source]) -> None:
    answers = [
        [s.count(Query(i), w) for i in ("homicide", "knife_crime", "burglary") for w in WINDOWS]
        for s in sources
    ]
    assert answers[0] == answers[1] == answers[2]
    csv = answers[0]
    # By hand: homicides 0,1,2,0,1,2,... over twelve months is 12; July to September 1+2+0.
    assert csv[0] == Count(12)
    assert csv[1] == Count(3)
    assert csv[4] == Count(10 + 11 + 12 + 13)
    assert csv[5] == Count(11)
    assert isinstance(csv[6], Unavailable)
    assert csv[8] == Count(1234)
    assert isinstance(csv[3], Unavailable)


def test_a_bad_parquet_cell_is_named_by_its_row(tmp_path: Path) -> None:
    rows = [["2023-04-02", "1", "", "", "", "", "a"], ["2023-04-03", "1", "maybe", "", "", "", "b"]]
    csv = write_csv(tmp_path / "records.csv", RECORD_HEADER, rows)
    parquet = write_parquet(csv, tmp_path / "records.parquet", ["recorded_date"])
    found = []
    for path in (csv, parquet):
        with pytest.raises(InputError) as raised:
            RecordsFormat().open(SourceSpec("crime", "records", (path,)))
        error = raised.value
        assert error.location is not None
        assert error.location.path == str(path)
        found.append((error.location.row, error.location.column, error.message))
    assert found[0] == found[1]
    assert found[0] == (
        3,
        "knife_or_sharp_instrument",
        "'maybe' is not true/false, yes/no, y/n or 1/0",
    )


def test_a_file_that_is_not_parquet(tmp_path: Path) -> None:
    path = tmp_path / "records.parquet"
    path.write_text("recorded_date,offence_code\n2023-04-01,1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"records\.parquet: not a readable Parquet file: "):
        RecordsFormat().open(SourceSpec("crime", "records", (path,)))
