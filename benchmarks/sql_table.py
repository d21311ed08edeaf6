"""The sql source over a DuckDB table of millions of rows, against DuckDB's own GROUP BY.

    python benchmarks/sql_table.py make DATABASE [--rows 5000000]
    python benchmarks/sql_table.py measurekit DATABASE
    python benchmarks/sql_table.py duckdb DATABASE

Times are taken after imports (SQLAlchemy's is about a second of its own, paid once per
process). ``make`` writes a DuckDB file holding ``crime_records``: random records over five
years, with the records format's columns. ``measurekit`` opens it as a statement's ``sql`` source
does (one counting query, the grouped rows read into the records tally); ``duckdb`` runs
the plain GROUP BY that anyone would write for the same question (by month, offence code
and the flag columns the measures filter on). Each prints one JSON
line: seconds, peak memory and the number of records counted (equal in both).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import duckdb
from peak import cpu_seconds, peak_mib

from measurekit.sources.base import SourceSpec
from measurekit.sources.sql.format import SqlFormat
from measurekit.sources.sql.options import SqlOptions
from measurekit.sources.sql.source import SqlSource

CODES = ["1", "4.1", "28E", "28F", "34B", "39", "45", "126", "92A", "8N", "105A", "3A"]


def make(path: Path, rows: int) -> None:
    connection = duckdb.connect(str(path))
    codes = ", ".join(f"'{code}'" for code in CODES)
    connection.execute(
        f"""
        create or replace table crime_records as
        select date '2019-04-01' + cast(random() * 1825 as integer) as recorded_date,
               ([{codes}])[1 + cast(floor(random() * {len(CODES)}) as integer)] as offence_code,
               case when random() < 0.05 then 'yes' else '' end as knife_or_sharp_instrument,
               case when random() < 0.01 then 'handgun' else '' end as firearm_type,
               case when random() < 0.005 then 'yes' else 'no' end as firearm_discharged,
               random() < 0.2 as domestic_abuse,
               'R' || cast(i as varchar) as crime_id
        from range({rows}) as t(i)
        """
    )
    connection.close()


def with_measurekit(path: Path) -> int:
    options = SqlOptions(url=f"duckdb:///{path.resolve()}", table="crime_records")
    source = SqlFormat().open(SourceSpec("crime", "sql", (), options=options))
    assert isinstance(source, SqlSource)
    return sum(row.n for row in source.rows)


def with_duckdb(path: Path) -> int:
    connection = duckdb.connect(str(path), read_only=True)
    rows = connection.execute(
        "select year(recorded_date), month(recorded_date), offence_code, "
        "knife_or_sharp_instrument, firearm_type, firearm_discharged, domestic_abuse, count(*) "
        "from crime_records group by all"
    ).fetchall()
    return sum(row[-1] for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["make", "measurekit", "duckdb"])
    parser.add_argument("database", type=Path)
    parser.add_argument("--rows", type=int, default=5_000_000)
    arguments = parser.parse_args()
    if arguments.what == "make":
        make(arguments.database, arguments.rows)
        return
    start, cpu_start = time.perf_counter(), cpu_seconds()
    counted = (with_measurekit if arguments.what == "measurekit" else with_duckdb)(
        arguments.database
    )
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "tool": arguments.what,
                "rows": counted,
                "seconds": round(seconds, 3),
                "cpu_seconds": round(cpu_seconds() - cpu_start, 3),
                **peak_mib(),
            }
        )
    )


if __name__ == "__main__":
    main()
