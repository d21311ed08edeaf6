"""The sql source on DuckDB, and Parquet files: the same random records as a CSV file, a
DuckDB table with other column names, a user's query over it and a Parquet file give
identical JSON figures, and the figures are the ones worked out here by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from .helpers import write_csv
from .sql_data import (
    RENAMED,
    SURVEY_HEADER,
    figure,
    figures,
    is_yes,
    random_records,
    random_responses,
    statement,
    write_csv_records,
    write_duckdb,
    write_parquet,
)

COLUMNS = "\n".join(f'{standard} = "{held}"' for standard, held in RENAMED.items())


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sql")
    records = random_records(seed=11, count=6000)
    responses = random_responses(seed=12, count=1500)
    write_csv_records(folder / "records.csv", records)
    write_csv(folder / "survey.csv", SURVEY_HEADER, responses)
    write_duckdb(folder / "crime.duckdb", records, responses)
    write_parquet(folder / "records.csv", folder / "records.parquet", ["recorded_date"])
    write_parquet(folder / "survey.csv", folder / "survey.parquet")
    (folder / "records.rows").write_text(repr(records), encoding="utf-8")
    for name in ("table", "query"):
        (folder / name).mkdir()
        (folder / name / "crime.duckdb").symlink_to(folder / "crime.duckdb")
    (folder / "parquet").mkdir()
    for name in ("records.parquet", "survey.parquet"):
        (folder / "parquet" / name).symlink_to(folder / name)
    return folder


CSV = """
[sources.crime]
format = "records"
path = "records.csv"
[sources.survey]
format = "survey"
path = "survey.csv"
"""

TABLE = f"""
[sources.crime]
format = "sql"
url = "duckdb:///crime.duckdb"
table = "crime_records"
[sources.crime.columns]
{COLUMNS}
[sources.survey]
format = "sql"
url = "duckdb:///crime.duckdb"
table = "survey_responses"
shape = "survey"
[sources.survey.columns]
response_date = "answered"
"""

QUERY = """
[sources.crime]
format = "sql"
url = "duckdb:///crime.duckdb"
query = '''
select date_recorded as recorded_date, ho_offence_code as offence_code,
       knife_flag as knife_or_sharp_instrument, gun as firearm_type,
       fired as firearm_discharged, "Domestic Abuse" as domestic_abuse,
       'Time: 00:00' as note
from crime_records;
'''
[sources.survey]
format = "sql"
url = "duckdb:///crime.duckdb"
query = "select answered::date as response_date, satisfied, domestic_abuse from survey_responses"
shape = "survey"
"""

PARQUET = """
[sources.crime]
format = "records"
path = "records.parquet"
[sources.survey]
format = "survey"
path = "survey.parquet"
"""


def test_csv_table_query_and_parquet_give_identical_figures(data: Path) -> None:
    csv = figures(statement(data, CSV))
    assert len(csv) > 40
    assert figures(statement(data / "table", TABLE)) == csv
    assert figures(statement(data / "query", QUERY)) == csv
    assert figures(statement(data / "parquet", PARQUET)) == csv


def test_figures_are_the_records_counted_by_hand(data: Path) -> None:
    records = eval((data / "records.rows").read_text(encoding="utf-8"))  # our own repr
    first, last = dt.date(2022, 7, 1), dt.date(2023, 6, 30)  # the year to 2023/24 Q1

    def counted(test: object) -> int:
        return sum(
            1
            for row in records
            if first <= dt.date.fromisoformat(row[0]) <= last and test(row)  # type: ignore[operator]
        )

    homicide = counted(lambda row: row[1].strip().upper() in {"1", "4.1", "4.2", "4.10"})
    knife = counted(lambda row: is_yes(row[2]))
    burglary = counted(lambda row: row[1].strip().upper() in {"28E", "28F", "28G", "28H"})
    found = figures(statement(data / "table", TABLE))
    assert figure(found, "homicide") == homicide > 0
    assert figure(found, "knife_crime") == knife > 0
    assert figure(found, "burglary") == burglary > 0


def test_only_grouped_rows_travel(tmp_path: Path) -> None:
    """Every statement sent is a count grouped by month and column values, or a probe
    that returns no rows; 20,000 records come back as a few hundred grouped rows."""
    records = random_records(seed=5, count=20_000)
    write_duckdb(tmp_path / "crime.duckdb", records)
    sent: list[str] = []

    def record(*arguments: object) -> None:
        sent.append(str(arguments[2]))  # (connection, cursor, statement, ...)

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", record)
    try:
        path = statement(
            tmp_path,
            f'[sources.crime]\nformat = "sql"\nurl = "duckdb:///crime.duckdb"\n'
            f'table = "crime_records"\n[sources.crime.columns]\n{COLUMNS}\n',
        )
        figures(path)
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", record)
    reading = [text for text in sent if "crime_records" in text]
    assert reading, "no statement read the table"
    for text in reading:
        lower = " ".join(text.lower().split())
        assert ("count(" in lower and "group by" in lower) or "where false" in lower, text
    assert sum("group by" in text.lower() for text in reading) == 2  # forces, then counts


def test_the_rows_behind_a_figure_are_the_ones_it_counts(data: Path) -> None:
    """What ``measurekit explain`` will print for a database: the query for one figure
    (values bound) and its rows, as many as the figure counts."""
    from measurekit.model.periods import Month, Window
    from measurekit.sources.base import Query, RecordFilter, RecordFlag, SourceSpec
    from measurekit.sources.sql.format import SqlFormat
    from measurekit.sources.sql.options import SqlOptions

    options = SqlOptions(url="duckdb:///crime.duckdb", table="crime_records", columns=RENAMED)
    source = SqlFormat().open(SourceSpec("crime", "sql", (), options=options, base=data))
    window = Window(Month(2022, 7), Month(2023, 6))
    codes = frozenset({"28E", "28F", "28G", "28H"})
    knife = RecordFilter(codes, (RecordFlag("knife_or_sharp_instrument", True),))
    for rule in (RecordFilter(codes), knife):
        query = Query("burglary", rule)
        sql = source.figure_sql(query, window)
        assert '"crime_records"."ho_offence_code" IN (' in sql.text
        assert "28f" in sql.parameters.values()  # the raw spelling, bound
        columns, rows = source.figure_rows(query, window)
        assert columns[:2] == ["recorded_date", "offence_code"]
        counted = source.count(query, window)
        assert len(rows) == counted.value > 0  # type: ignore[union-attr]
        assert {row[1].strip().upper() for row in rows} <= codes


def test_explain_prints_the_query_and_the_rows_counted_by_hand(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``measurekit explain`` on a database source: the rows behind the burglary figure,
    as many as counted here from the records, and the SQL it ran, values bound."""
    import csv
    import io

    from measurekit.cli import main

    records = eval((data / "records.rows").read_text(encoding="utf-8"))  # our own repr
    first, last = dt.date(2022, 7, 1), dt.date(2023, 6, 30)  # the year to 2023/24 Q1
    burglary = sorted(
        row[0]
        for row in records
        if first <= dt.date.fromisoformat(row[0]) <= last
        and row[1].strip().upper() in {"28E", "28F", "28G", "28H"}
    )
    path = statement(data / "table", TABLE)
    assert main(["explain", str(path), "burglary"]) == 0
    captured = capsys.readouterr()
    [header, *rows] = list(csv.reader(io.StringIO(captured.out)))
    # The columns INTERFACE gives explain, as for a records file; no line in a database.
    assert header[:5] == ["file", "line", "crime_id", "recorded_date", "offence_code"]
    assert len(rows) == len(burglary) > 0
    assert sorted(row[3] for row in rows) == burglary
    assert {row[1] for row in rows} == {""}
    # Each row names its table and database (not a file path made relative).
    assert {row[0] for row in rows} == {
        f"table 'crime_records' in duckdb:///{(data / 'table' / 'crime.duckdb').as_posix()}"
    }
    assert '"ho_offence_code" IN (' in captured.err


def test_a_flag_column_the_data_lack_gives_x_with_the_reason(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Data without the knife column cannot say which offences involved a knife: knife
    crime is [x] naming the column, from a table and from a CSV file alike, never 0; and
    explain prints no rows, saying why."""
    import csv
    import io

    from measurekit.cli import main

    source = """
[sources.crime]
format = "sql"
url = "duckdb:///crime.duckdb"
query = "select date_recorded as recorded_date, ho_offence_code as offence_code from crime_records"
"""
    path = statement(data / "query", source)
    found = figures(path)
    assert figure(found, "knife_crime") is None
    assert figure(found, "burglary") > 0  # what needs no knife column is still counted
    capsys.readouterr()  # what the build printed
    assert main(["explain", str(path), "knife_crime"]) == 0
    captured = capsys.readouterr()
    assert list(csv.reader(io.StringIO(captured.out))) == []
    assert "the records have no 'knife_or_sharp_instrument' column" in captured.err
    # The same from a records file whose header has no knife column.
    records = eval((data / "records.rows").read_text(encoding="utf-8"))  # our own repr
    write_csv(
        tmp_path / "records.csv",
        ["recorded_date", "offence_code"],
        [(row[0], row[1]) for row in records],
    )
    csv_source = '[sources.crime]\nformat = "records"\npath = "records.csv"\n'
    found = figures(statement(tmp_path, csv_source))
    assert figure(found, "knife_crime") is None
    assert figure(found, "burglary") > 0
