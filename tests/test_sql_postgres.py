"""The sql source against a real PostgreSQL server (see ``postgres_server.py``): the
figures equal the CSV build, the server's own statement log shows that only aggregate
queries read the table, ``--all-forces`` asks once, and each failure is one line that
names the source and the database object and never shows the password."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from measurekit.cli.main import main

from .helpers import write_csv
from .postgres_server import PASSWORD, USER, Server, postgres  # noqa: F401 (a fixture)
from .sql_data import (
    SURVEY_HEADER,
    figures,
    is_yes,
    random_records,
    random_responses,
    statement,
    write_csv_records,
)

RECORDS_TABLE = """
create table {name} (
    recorded date, code text, knife text, firearm_type text, fired text,
    domestic_abuse boolean, crime_id text, force text
);
grant select on {name} to analyst;
"""


def load_records(server: Server, name: str, records: list[list[str]]) -> None:
    server.admin(RECORDS_TABLE.format(name=name))
    rows = [
        [dt.date.fromisoformat(r[0]), *r[1:5], is_yes(r[5]), r[6], r[7] or None] for r in records
    ]
    server.admin("", *rows, copy=f"copy {name} from stdin")


COLUMNS = """
recorded_date = "recorded"
offence_code = "code"
knife_or_sharp_instrument = "knife"
firearm_discharged = "fired"
"""


def sources(table: str, survey: bool = True) -> str:
    text = (
        f'[sources.crime]\nformat = "sql"\nurl_env = "MK_TEST_DB"\ntable = "{table}"\n'
        f"[sources.crime.columns]\n{COLUMNS}\n"
    )
    if survey:
        text += (
            '[sources.survey]\nformat = "sql"\nurl_env = "MK_TEST_DB"\n'
            'query = "select * from survey_responses"\nshape = "survey"\n'
        )
    return text


@attrs.frozen
class Loaded:
    """The server with ``crime_records`` and ``survey_responses`` loaded from these rows."""

    server: Server
    records: list[list[str]]
    responses: list[list[str]]


@pytest.fixture(scope="module")
def loaded(postgres: Server) -> Loaded:  # noqa: F811
    records = random_records(seed=21, count=5000)
    responses = random_responses(seed=22, count=1200)
    load_records(postgres, "crime_records", records)
    postgres.admin(
        "create table survey_responses (response_date date, satisfied text, "
        "domestic_abuse text, force text); grant select on survey_responses to analyst;"
    )
    postgres.admin(
        "",
        *[[dt.date.fromisoformat(r[0]), *r[1:3], r[3] or None] for r in responses],
        copy="copy survey_responses from stdin",
    )
    return Loaded(postgres, records, responses)


def test_figures_equal_the_csv_build_and_only_aggregates_reach_the_table(
    loaded: Loaded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "csv").mkdir()
    write_csv_records(tmp_path / "csv" / "records.csv", loaded.records)
    write_csv(tmp_path / "csv" / "survey.csv", SURVEY_HEADER, loaded.responses)
    csv = figures(
        statement(
            tmp_path / "csv",
            '[sources.crime]\nformat = "records"\npath = "records.csv"\n'
            '[sources.survey]\nformat = "survey"\npath = "survey.csv"\n',
        )
    )
    server = loaded.server
    monkeypatch.setenv("MK_TEST_DB", server.url())
    before = len(server.statements())
    assert figures(statement(tmp_path, sources("crime_records"))) == csv
    sent = server.statements()[before:]
    reading = [s for s in sent if re.search(r"crime_records|survey_responses", s)]
    assert len(reading) >= 4, sent
    for text in reading:
        lower = " ".join(text.lower().split())
        aggregate = "count(*)" in lower and "group by" in lower
        assert aggregate or lower.endswith("where false"), text
    # A probe, the forces and one counting query for each source.
    assert sum("group by" in s.lower() for s in reading) == 4


def test_all_forces_ask_once_grouped_by_force(
    postgres: Server,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    forces = ("Kent Police", "Surrey Police", "Sussex Police")
    records = random_records(seed=23, count=3000, forces=forces)
    load_records(postgres, "national_records", records)
    (tmp_path / "csv").mkdir()
    write_csv_records(tmp_path / "csv" / "records.csv", records)
    csv_path = statement(
        tmp_path / "csv", '[sources.crime]\nformat = "records"\npath = "records.csv"\n'
    )
    assert (
        main(["build", str(csv_path), "--all-forces", "-f", "json", "-o", str(tmp_path / "a")]) == 0
    )
    monkeypatch.setenv("MK_TEST_DB", postgres.url())
    sql_path = statement(tmp_path, sources("national_records", survey=False))
    before = len(postgres.statements())
    assert (
        main(["build", str(sql_path), "--all-forces", "-f", "json", "-o", str(tmp_path / "b")]) == 0
    )
    assert "3 statements built, 0 failed (of 3)" in capsys.readouterr().out
    counting = [
        s for s in postgres.statements()[before:]
        if "national_records" in s and "count(*)" in s.lower()
    ]  # fmt: skip
    assert len(counting) == 1, counting
    assert "force" in counting[0].lower().split("group by")[1]
    for slug in ("kent", "surrey", "sussex"):
        built = {
            side: json.loads((tmp_path / side / f"statement-{slug}-police.json").read_text("utf-8"))
            for side in "ab"
        }
        assert built["a"]["figures"] == built["b"]["figures"]
        assert built["b"]["statement"]["force"] == f"{slug.capitalize()} Police"


def error_of(path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    """Build ``path``; the one line on stderr (the build must fail)."""
    assert main(["build", str(path), "-f", "json", "-o", str(path.parent / "out"), *options]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err


def test_wrong_password_is_refused_in_one_line_that_never_shows_it(
    loaded: Loaded,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    wrong = "Wr0ng-Secret-42"
    monkeypatch.setenv("MK_TEST_DB", loaded.server.url(password=wrong))
    path = statement(tmp_path, sources("crime_records", survey=False))
    err = error_of(path, capsys)
    assert "source 'crime'" in err
    assert "refused the credentials" in err
    assert f"{USER}:***@127.0.0.1" in err
    assert wrong not in err
    assert PASSWORD not in err
    # --debug prints the traceback: run the real command line to see all it prints.
    debug = subprocess.run(
        [sys.executable, "-m", "measurekit", "--debug", "build", str(path), "-f", "json",
         "-o", str(tmp_path / "out")],
        capture_output=True, text=True, check=False, env={**os.environ},
    )  # fmt: skip
    assert debug.returncode != 0
    assert "Traceback" in debug.stderr
    assert "refused the credentials" in debug.stderr
    assert wrong not in debug.stderr + debug.stdout


def test_an_unreachable_server_is_one_line(
    loaded: Loaded,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import socket

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("MK_TEST_DB", loaded.server.url(port=port))
    err = error_of(statement(tmp_path, sources("crime_records", survey=False)), capsys)
    assert f"source 'crime': cannot reach the database postgresql+psycopg://{USER}:***@" in err
    assert PASSWORD not in err


def test_missing_table_missing_column_and_text_that_is_not_a_date(
    loaded: Loaded,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MK_TEST_DB", loaded.server.url())
    err = error_of(statement(tmp_path, sources("no_such_records", survey=False)), capsys)
    assert "source 'crime', table 'no_such_records' in postgresql+psycopg://" in err
    assert "no such table" in err

    text = sources("crime_records", survey=False).replace('"code"', '"ho_code"')
    err = error_of(statement(tmp_path, text), capsys)
    assert "table 'crime_records'" in err
    assert "no column 'ho_code' (the offence_code column)" in err

    loaded.server.admin(
        "create table text_dates (recorded text, code text); "
        "insert into text_dates values ('2023-04-02', '1'), ('31/04/2023', '1'); "
        "grant select on text_dates to analyst"
    )
    text = (
        '[sources.crime]\nformat = "sql"\nurl_env = "MK_TEST_DB"\ntable = "text_dates"\n'
        '[sources.crime.columns]\nrecorded_date = "recorded"\noffence_code = "code"\n'
    )
    err = error_of(statement(tmp_path, text), capsys)
    assert "table 'text_dates'" in err
    assert "column 'recorded' (recorded_date) holds values that are not dates" in err
    assert PASSWORD not in err
