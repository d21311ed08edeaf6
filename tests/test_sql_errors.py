"""A sql source's mistakes, each one line naming the source and the database object."""

from __future__ import annotations

from pathlib import Path

import pytest

from measurekit.cli.main import main

from .sql_data import random_records, statement, write_duckdb


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_duckdb(tmp_path / "crime.duckdb", random_records(seed=3, count=50))
    return tmp_path


def error(folder: Path, source: str, capsys: pytest.CaptureFixture[str]) -> str:
    path = statement(folder, source)
    assert main(["build", str(path), "-f", "json", "-o", str(folder / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert not (folder / "out").exists()
    return err.removeprefix("measurekit: error: ").strip()


def sql(body: str) -> str:
    return f'[sources.crime]\nformat = "sql"\n{body}\n'


COLUMNS = (
    '[sources.crime.columns]\nrecorded_date = "date_recorded"\noffence_code = "ho_offence_code"'
)


def test_a_url_with_a_password_is_refused_without_repeating_it(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = 'url = "postgresql://analyst:Hunter2-Secret@db.example/crime"\ntable = "t"'
    message = error(folder, sql(body), capsys)
    assert message == (
        "sources.crime.url: the URL holds a password, and statement files are shared; put "
        "the URL in an environment variable and name it with url_env instead"
    )
    body = 'url = "postgresql://analyst@db.example/crime?password=Hunter2-Secret"\ntable = "t"'
    assert "name it with url_env" in error(folder, sql(body), capsys)


def test_url_env_must_be_set(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = error(folder, sql('url_env = "MK_NOT_SET_ANYWHERE"\ntable = "t"'), capsys)
    assert (
        message
        == "sources.crime.url_env: the environment variable 'MK_NOT_SET_ANYWHERE' is not set"
    )


def test_keys_that_disagree(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = 'url = "duckdb:///crime.duckdb"'
    assert error(folder, sql(f'{url}\nurl_env = "X"\ntable = "t"'), capsys) == (
        "sources.crime: give exactly one of url and url_env"
    )
    assert error(folder, sql(f'{url}\ntable = "t"\nquery = "select 1"'), capsys) == (
        "sources.crime: give exactly one of table and query"
    )
    assert error(folder, sql(f'{url}\ntable = "t"\nshape = "rows"'), capsys) == (
        "sources.crime.shape: 'rows' is not one of records, counts, survey"
    )
    assert error(
        folder, sql(f'{url}\ntable = "t"\n[sources.crime.columns]\ndate = "d"'), capsys
    ).startswith("sources.crime.columns.date: not a column of the records shape")
    assert "sources.crime.path: format 'sql' reads no files" in error(
        folder, sql(f'{url}\ntable = "t"\npath = "crime.duckdb"'), capsys
    )


def test_a_duckdb_file_that_does_not_exist(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = error(folder, sql('url = "duckdb:///elsewhere.duckdb"\ntable = "t"'), capsys)
    assert message == (
        f"sources.crime.url: the DuckDB file {str(folder / 'elsewhere.duckdb')!r} does not exist"
    )
    assert not (folder / "elsewhere.duckdb").exists()  # DuckDB did not make one


def test_missing_table_column_and_failing_query(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = 'url = "duckdb:///crime.duckdb"'
    where = f"source 'crime', table 'crime_recs' in duckdb:///{folder / 'crime.duckdb'}"
    assert error(folder, sql(f'{url}\ntable = "crime_recs"\n{COLUMNS}'), capsys).startswith(
        f"{where}: no such table in the database ("
    )
    message = error(folder, sql(f'{url}\ntable = "crime_records"'), capsys)
    assert message.startswith(
        f"source 'crime', table 'crime_records' in duckdb:///{folder / 'crime.duckdb'}: "
        "no column 'recorded_date'; it has 'date_recorded', 'ho_offence_code', "
    )
    broken = 'query = "select date_recorded as recorded_date, nonsense from crime_records"'
    message = error(folder, sql(f"{url}\n{broken}"), capsys)
    assert message.startswith(
        f"source 'crime', the query in duckdb:///{folder / 'crime.duckdb'}: the query fails: "
    )
    assert "nonsense" in message


def test_values_the_records_format_would_refuse(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = 'url = "duckdb:///crime.duckdb"'
    query = (
        'query = "select date_recorded as recorded_date, ho_offence_code as offence_code, '
        "case when ho_offence_code = '39' then 'maybe' else '' end as knife "
        'from crime_records"'
    )
    message = error(
        folder,
        sql(f'{url}\n{query}\n[sources.crime.columns]\nknife_or_sharp_instrument = "knife"'),
        capsys,
    )
    assert "column 'knife' (knife_or_sharp_instrument) holds 'maybe' (" in message
    assert message.endswith("which is not true/false, yes/no, y/n or 1/0")
    query = "query = \"select date '2023-04-01' as recorded_date, '' as offence_code\""
    assert error(folder, sql(f"{url}\n{query}"), capsys).endswith(
        "column 'offence_code' holds a blank (1 row), which is not an offence code"
    )
    query = "query = \"select cast(null as date) as recorded_date, '1' as offence_code\""
    assert error(folder, sql(f"{url}\n{query}"), capsys).endswith(
        "column 'recorded_date' is blank in 1 row; every row needs a date"
    )


@pytest.mark.parametrize(
    "query",
    [
        "PASSWORD=Hunter2-Secret",  # any case
        "access_token=Hunter2-Secret",  # Trino's JWT
        "motherduck_token=Hunter2-Secret",
        "odbc_connect=DRIVER%3D%7BODBC%7D%3BUID%3Danalyst%3BPWD%3DHunter2-Secret",
    ],
)
def test_a_url_with_a_token_or_a_password_in_any_key_is_refused(
    folder: Path, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    body = f'url = "duckdb:///crime.duckdb?{query}"\ntable = "crime_records"\n{COLUMNS}'
    message = error(folder, sql(body), capsys)
    assert "name it with url_env" in message
    assert "Hunter2" not in message


@pytest.mark.parametrize(
    "query",
    ["PASSWORD=Hunter2-Secret", "password=Hunter2%40Secret", "access_token=Hunter2-Secret"],
)
def test_secrets_in_url_env_never_reach_the_output(
    folder: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    query: str,
) -> None:
    """DuckDB ignores query keys it does not know, so the source opens; the report that
    names the database shows *** where the secret was, decoded or not."""
    monkeypatch.setenv("MK_SECRET_URL", f"duckdb:///crime.duckdb?{query}")
    body = f'url_env = "MK_SECRET_URL"\ntable = "crime_records"\n{COLUMNS}'
    path = statement(folder, sql(body))
    main(["check", str(path)])
    captured = capsys.readouterr()
    assert "crime.duckdb?" in captured.out  # the database is named, with its keys
    assert "***" in captured.out
    assert "Hunter2" not in captured.out + captured.err
