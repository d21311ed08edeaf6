"""Helpers for tests that build whole statements from small generated files."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from measurekit.build import compute_statement, render_outputs
from measurekit.model.statement import Figure, Role, Statement
from measurekit.plugins.manager import Plugins
from measurekit.statement_file import load_statement

from .helpers import RECORD_HEADER, write_csv

__all__ = [
    "RECORD_HEADER",
    "build",
    "figure",
    "has_figure",
    "record",
    "render",
    "repeat",
    "write_csv",
]


def record(
    date: str,
    code: str = "8N",
    knife: str = "",
    firearm: str = "",
    discharged: str = "",
    domestic: str = "",
) -> tuple[str, ...]:
    """One row of a records file (columns as ``RECORD_HEADER``; no crime id)."""
    return (date, code, knife, firearm, discharged, domestic, "")


def repeat(row: tuple[str, ...], times: int) -> list[tuple[str, ...]]:
    """``row`` ``times`` times."""
    return [row] * times


def statement_toml(body: str, period: str = "2023/24 Q1", extra: str = "") -> str:
    """A statement file for Testshire: ``[statement]`` then ``body``."""
    return (
        "[statement]\n"
        'force = "Testshire Police"\n'
        'area = "Testshire"\n'
        f'period = "{period}"\n'
        f"{extra}\n"
        f"{body}"
    )


def build(path: Path, text: str) -> Statement:
    """Write ``text`` to ``path`` and compute the statement it describes."""
    path.write_text(text, encoding="utf-8")
    plugins = Plugins.load()
    return compute_statement(load_statement(path, plugins), plugins)


def render(
    statement: Statement, formats: Iterable[str] = ("text", "markdown", "json")
) -> Mapping[str, str]:
    """Each format's output as text."""
    rendered = render_outputs(statement, Plugins.load(), list(formats))
    return {name: content.decode("utf-8") for name, content in rendered.items()}


def figure(statement: Statement, indicator: str, role: Role = Role.CURRENT) -> Figure:
    """The statement's figure for ``indicator`` in ``role``."""
    for candidate in statement.figures:
        if candidate.indicator.id == indicator and candidate.role == role:
            return candidate
    raise AssertionError(f"no figure for {indicator} {role}")


def has_figure(statement: Statement, indicator: str) -> bool:
    """Whether the statement has any figure for ``indicator``."""
    return any(candidate.indicator.id == indicator for candidate in statement.figures)
