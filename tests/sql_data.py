"""Random records and survey responses written as CSV, as DuckDB tables (with other column
names and real types) and as Parquet, for the sql and Parquet tests."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from measurekit.cli.main import main

from .helpers import RECORD_HEADER, write_csv

duckdb = pytest.importorskip("duckdb", reason="the sql tests need DuckDB: pip install -e '.[sql]'")
pytest.importorskip("sqlalchemy", reason="the sql tests need SQLAlchemy: pip install -e '.[sql]'")
pytest.importorskip(
    "duckdb_engine", reason="the sql tests need duckdb-engine: pip install -e '.[sql]'"
)

#: Codes of every national measure's indicators, in the spellings files use, and others.
CODES = ("1", "4.1", "4.10", "28E", "28f", " 28G", "34B", "39", "45", "126", "92A", "8N", "105A")
YES = ("yes", "Y", "true", "1", "TRUE")
NO = ("", "no", "N", "false", "0")
FIREARMS = ("", "", "", "handgun", "Rifle", "shotgun", "air", "imitation", "other")
FIRST_DAY = dt.date(2019, 4, 1)
LAST_DAY = dt.date(2023, 6, 30)
SURVEY_FIRST = dt.date(2021, 7, 1)

SURVEY_HEADER = ["response_date", "satisfied", "domestic_abuse", "force"]
FORCED_RECORD_HEADER = [*RECORD_HEADER, "force"]

#: The records table's names for the standard columns (the statement maps them back).
RENAMED = {
    "recorded_date": "date_recorded",
    "offence_code": "ho_offence_code",
    "knife_or_sharp_instrument": "knife_flag",
    "firearm_type": "gun",
    "firearm_discharged": "fired",
    "domestic_abuse": "Domestic Abuse",
    "crime_id": "crime_ref",
    "force": "force_name",
}

SECTIONS = """
[[sections]]
measures = ["homicide"]
[[sections]]
measures = ["serious_violence", "drugs_supply"]
[[sections]]
measures = ["neighbourhood_crime"]
[[sections]]
measures = ["victim_satisfaction"]
"""


def _day(rng: random.Random, first: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((LAST_DAY - first).days + 1))


def random_records(seed: int, count: int, forces: Sequence[str] = ("",)) -> list[list[str]]:
    """``count`` records in the records format's columns plus ``force``, every spelling a
    file may use; each force has a record on the first and last day, so each covers the
    same months."""
    rng = random.Random(seed)
    rows = []
    for force in forces:
        for day in (FIRST_DAY, LAST_DAY):
            rows.append([day.isoformat(), "8N", "", "", "", "", "", force])
    for number in range(count):
        rows.append(
            [
                _day(rng, FIRST_DAY).isoformat(),
                rng.choice(CODES),
                rng.choice(YES if rng.random() < 0.2 else NO),
                rng.choice(FIREARMS),
                rng.choice(YES if rng.random() < 0.3 else NO),
                rng.choice(YES if rng.random() < 0.25 else NO),
                f"R{number:07d}",
                rng.choice(forces),
            ]
        )
    return rows


def random_responses(seed: int, count: int, forces: Sequence[str] = ("",)) -> list[list[str]]:
    """``count`` survey responses (satisfied is never blank)."""
    rng = random.Random(seed)
    rows = [[SURVEY_FIRST.isoformat(), "yes", "no", force] for force in forces]
    rows += [[LAST_DAY.isoformat(), "no", "yes", force] for force in forces]
    for _ in range(count):
        rows.append(
            [
                _day(rng, SURVEY_FIRST).isoformat(),
                rng.choice(("yes", "no", "Y", "n", "true", "0")),
                rng.choice(YES if rng.random() < 0.3 else NO),
                rng.choice(forces),
            ]
        )
    return rows


def is_yes(text: str) -> bool:
    """The records format's reading of a yes/no cell, worked out here independently."""
    return text.strip().lower() in {"yes", "y", "true", "1"}


def write_duckdb(
    path: Path, records: list[list[str]], responses: list[list[str]] | None = None
) -> Path:
    """A DuckDB file with ``crime_records`` (renamed columns; a DATE column for the date and
    a BOOLEAN one for domestic abuse, read by :func:`is_yes`; the rest text as written) and
    ``survey_responses`` (a DATE column ``answered``, the rest text)."""
    staging = path.with_suffix(".staging.csv")
    write_csv(staging, FORCED_RECORD_HEADER, [[*r[:5], is_yes(r[5]), *r[6:]] for r in records])
    connection = duckdb.connect(str(path))
    columns = ", ".join(
        {
            "recorded_date": 'cast(recorded_date as date) as "date_recorded"',
            "domestic_abuse": 'cast(domestic_abuse as boolean) as "Domestic Abuse"',
        }.get(name, f'coalesce("{name}", \'\') as "{RENAMED[name]}"')
        for name in FORCED_RECORD_HEADER
    )
    connection.execute(
        f"create table crime_records as select {columns} "
        "from read_csv(?, all_varchar=true, header=true)",
        [str(staging)],
    )
    if responses is not None:
        write_csv(staging, SURVEY_HEADER, responses)
        connection.execute(
            "create table survey_responses as select cast(response_date as date) as answered, "
            "coalesce(satisfied, '') as satisfied, coalesce(domestic_abuse, '') as "
            "domestic_abuse, coalesce(force, '') as force "
            "from read_csv(?, all_varchar=true, header=true)",
            [str(staging)],
        )
    connection.close()
    staging.unlink()
    return path


def write_parquet(csv_path: Path, parquet_path: Path, dates: Sequence[str] = ()) -> Path:
    """The CSV file copied to Parquet, every column text except ``dates`` (DATE)."""
    connection = duckdb.connect(":memory:")
    relation = connection.read_csv(str(csv_path), all_varchar=True, header=True)
    select = ", ".join(
        f'cast("{name}" as date) as "{name}"' if name in dates else f'"{name}"'
        for name in relation.columns
    )
    connection.execute(
        f"copy (select {select} from read_csv(?, all_varchar=true, header=true)) "
        f"to '{parquet_path}' (format parquet)",
        [str(csv_path)],
    )
    connection.close()
    return parquet_path


def write_csv_records(path: Path, records: list[list[str]]) -> Path:
    """The records as a records CSV file (with a force column)."""
    return write_csv(path, FORCED_RECORD_HEADER, records)


def statement(folder: Path, sources: str, force: str = "Testshire Police") -> Path:
    """A statement file for 2023/24 Q1 with every crime measure, and victim satisfaction
    when ``sources`` has a survey source."""
    sections = SECTIONS
    if "[sources.survey]" not in sources:
        sections = sections.replace('[[sections]]\nmeasures = ["victim_satisfaction"]\n', "")
    path = folder / "statement.toml"
    path.write_text(
        f'[statement]\nforce = "{force}"\narea = "Testshire"\nperiod = "2023/24 Q1"\n'
        f'baseline = "2020-03"\n\n{sources}\n{sections}',
        encoding="utf-8",
    )
    return path


def figures(path: Path, *options: str) -> list[dict[str, Any]]:
    """Build ``path`` as JSON; its figures."""
    out = path.parent / f"out-{path.stem}"
    assert main(["build", str(path), "-f", "json", "-o", str(out), *options]) == 0
    document = json.loads((out / f"{path.stem}.json").read_text(encoding="utf-8"))
    return list(document["figures"])


def figure(found: list[dict[str, Any]], indicator: str, role: str = "current") -> Any:
    """The value of one figure."""
    [match] = [f for f in found if f["indicator"] == indicator and f["role"] == role]
    return match["value"]
