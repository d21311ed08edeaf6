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
