"""Shared fixtures: small statement folders written into a temporary directory."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

STATEMENT_HEAD = """
[statement]
force = "Testshire Constabulary"
area = "Testshire"
period = "{period}"
"""


@pytest.fixture
def statement_dir(tmp_path: Path) -> Callable[..., Path]:
    """A factory: write a statement file (and optional narrative) into ``tmp_path``.

    ``body`` is the TOML after ``[statement]``; returns the statement file's path.
    """

    def make(
        body: str,
        period: str = "2023/24 Q1",
        name: str = "statement.toml",
        extra_statement: str = "",
    ) -> Path:
        text = STATEMENT_HEAD.format(period=period) + extra_statement + "\n" + body
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return make


# --- built pages for the publication formats' tests (built once per session) ----------

NATIONAL_STATEMENT = """
[statement]
force = "Cheshire Constabulary"
area = "Cheshire"
period = "2019/20 Q1"

[sources.crime]
format = "ons-pfa"
path = ["{june_2018}", "{june_2019}"]

[[sections]]
measures = ["homicide"]

[[sections]]
measures = ["neighbourhood_crime"]
"""


@pytest.fixture(scope="session")
def example_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example built as a web page; its path."""
    from measurekit.cli.main import main

    output = tmp_path_factory.mktemp("example-html")
    assert main(["example", "-f", "html", "-o", str(output)]) == 0
    return output / "cheshire-2023-24-q1.html"


@pytest.fixture(scope="session")
def national_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every force of the ONS June 2019 edition built as web pages; the folder, holding
    ``national-<force>.html`` and ``index.html``."""
    from measurekit.cli.main import main

    from .ons_tables import JUNE_2018, JUNE_2019

    folder = tmp_path_factory.mktemp("national")
    statement = folder / "national.toml"
    statement.write_text(
        NATIONAL_STATEMENT.format(june_2018=JUNE_2018.as_posix(), june_2019=JUNE_2019.as_posix()),
        encoding="utf-8",
    )
    output = folder / "out"
    assert main(["build", str(statement), "--all-forces", "-f", "html", "-o", str(output)]) == 0
    return output
