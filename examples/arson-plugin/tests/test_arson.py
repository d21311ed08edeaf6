"""The plugin as a user meets it: installed, found by measurekit, counting arson."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

STATEMENT = """\
[statement]
force = "Testshire Police"
period = "2023/24 Q1"

[sources.crime]
format = "records"
path = "crime.csv"
start = "2020-07"
end = "2023-06"

[[sections]]
measures = ["arson"]
"""

# Two arson offences in the 12 months to June 2023 (56A and 56B), one the year before
# (56), none the year before that; criminal damage (58A) is not arson.
RECORDS = """\
recorded_date,offence_code
2023-01-10,56A
2023-05-02,56B
2022-03-15,56
2022-04-01,58A
"""


def test_measurekit_lists_the_plugin() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "measurekit", "plugins"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "arson (pcc-measurekit-arson 0.1.0)\n    measures: arson" in listed


def test_a_statement_counts_arson_and_its_sub_codes(tmp_path: Path) -> None:
    (tmp_path / "statement.toml").write_text(STATEMENT, encoding="utf-8")
    (tmp_path / "crime.csv").write_text(RECORDS, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "measurekit", "build", "statement.toml", "-f", "json"],
        cwd=tmp_path,
        check=True,
    )
    figures = json.loads((tmp_path / "output" / "statement.json").read_text())["figures"]
    counts = {figure["role"]: figure["value"] for figure in figures}
    assert counts == {"current": 2, "previous_year": 1, "two_years_before": 0}
