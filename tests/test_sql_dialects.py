"""The sql source's queries compile for the scale-out engines (Trino, Spark SQL through
PyHive's hive dialect, SQL Server) as well as DuckDB and PostgreSQL, and each engine's
SQL parses back in that engine's dialect with sqlglot: identifiers quoted, values bound,
a user's query kept whole as a subquery."""

from __future__ import annotations

import re
from typing import Any

import pytest

sqlglot = pytest.importorskip("sqlglot", reason="needs the test extra: pip install -e '.[test]'")
pytest.importorskip("sqlalchemy", reason="needs the sql extra: pip install -e '.[sql]'")

from sqlalchemy.dialects import registry  # noqa: E402
from sqlalchemy.engine import Dialect  # noqa: E402

from measurekit.model.periods import Month, Window  # noqa: E402
from measurekit.sources.sql.options import Shape  # noqa: E402
from measurekit.sources.sql.queries import (  # noqa: E402
    Relation,
    compiled,
    distinct_forces,
    figure_rows,
    grouped,
    probe,
)

#: SQLAlchemy dialect name, the package providing it, sqlglot's name for the engine.
ENGINES = [
    ("trino", "trino", "trino"),
    ("hive", "pyhive", "spark"),
    ("mssql", "sqlalchemy", "tsql"),
    ("postgresql", "sqlalchemy", "postgres"),
    ("duckdb", "duckdb_engine", "duckdb"),
]

HOSTILE = "Kent'; drop table crime_records; --"
HELD = {
    "recorded_date": "Date Recorded",
    "offence_code": "ho code",
    "knife_or_sharp_instrument": "knife",
    "force": "force",
}
COUNTS = {"indicator": "i", "period_end": "p", "value": "v"}
CONDITIONS = {"offence_code": {"1", "4.1"}, "force": {HOSTILE}}
USER_QUERY = "select * from warehouse.crime where note <> 'time: 10:30'"


def dialect(name: str, package: str) -> Dialect:
    pytest.importorskip(package, reason=f"the {name} dialect needs {package} (the test extra)")
    return registry.load(name)()  # type: ignore[no-any-return]


def queries() -> list[tuple[str, Any]]:
    table = Relation(table="warehouse.crime_records")
    query = Relation(query=USER_QUERY + ";")
    window = Window(Month(2022, 7), Month(2023, 6))
    found = []
    for relation in (table, query):
        found += [
            ("probe", probe(relation)),
            ("forces", distinct_forces(relation, "force")),
            ("records", grouped(relation, Shape.RECORDS, HELD, [HOSTILE, None])),
            ("survey", grouped(relation, Shape.SURVEY, {"response_date": "d", "satisfied": "s"})),
            ("counts", grouped(relation, Shape.COUNTS, COUNTS)),
            ("rows", figure_rows(relation, Shape.RECORDS, HELD, window, CONDITIONS)),
        ]
    return found


@pytest.mark.parametrize(("name", "package", "glot"), ENGINES)
def test_queries_compile_and_parse_in_each_engine(name: str, package: str, glot: str) -> None:
    engine = dialect(name, package)
    for what, query in queries():
        sql = compiled(query, engine)
        # A driver's %(name)s placeholder (pyformat) stands in as NULL for sqlglot.
        parsed = sqlglot.parse_one(re.sub(r"%\(\w+\)s", "NULL", sql.text), read=glot)
        assert parsed is not None, (what, sql.text)
        assert "drop table" not in sql.text.lower()  # values are bound, never pasted
        if what in ("records", "rows"):
            assert HOSTILE in sql.parameters.values()
        if USER_QUERY not in sql.text:
            assert "crime_records" in sql.text
        if what == "records":
            lower = sql.text.lower()
            assert "group by" in lower
            assert "count(*)" in lower
            tables = {t.name for t in parsed.find_all(sqlglot.exp.Table)}
            assert tables <= {"crime_records", "crime"}, tables
            # The date column, whose name has a space, is quoted in the engine's own way.
            columns = {c.name for c in parsed.find_all(sqlglot.exp.Column)}
            assert "Date Recorded" in columns


def test_a_users_query_runs_whole_as_a_subquery() -> None:
    relation = Relation(query=USER_QUERY + " ;")
    sql = compiled(grouped(relation, Shape.RECORDS, HELD), dialect("postgresql", "sqlalchemy"))
    assert f"FROM ({USER_QUERY}) AS source" in sql.text
    assert sql.parameters == {}
