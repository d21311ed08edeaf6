"""police.uk is written in lower case, as the site writes itself, even where a source's
title starts a list item or a sentence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from measurekit.cli.main import main
from measurekit.text_rules import upper_first

from .helpers import RECORD_HEADER, records, write_csv


@pytest.mark.parametrize(
    ("text", "started"),
    [
        ("police.uk street-level files", "police.uk street-level files"),
        ("gov.uk tables", "gov.uk tables"),
        ("crime records", "Crime records"),
        ("e.g. crime records", "E.g. crime records"),
        ("ONS tables", "ONS tables"),
        ("", ""),
    ],
)
def test_a_name_written_in_lower_case_keeps_it(text: str, started: str) -> None:
    assert upper_first(text) == started


def test_a_police_uk_title_stays_lower_case_in_every_format(
    statement_dir: Callable[..., Path], tmp_path: Path
) -> None:
    write_csv(tmp_path / "crime.csv", RECORD_HEADER, records(("2023-06-01", "1", 1)))
    statement = statement_dir(
        '[sources.crime]\nformat = "records"\npath = "crime.csv"\n'
        'title = "police.uk records, downloaded by hand"\n'
        '[[sections]]\nmeasures = ["homicide"]\n'
    )
    out = tmp_path / "out"
    assert main(["build", str(statement), "-f", "text", "-f", "markdown", "-f", "html",
                 "-o", str(out)]) == 0  # fmt: skip
    for name in ("statement.txt", "statement.md", "statement.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert "police.uk records, downloaded by hand" in text, name
        assert "Police.uk" not in text, name
