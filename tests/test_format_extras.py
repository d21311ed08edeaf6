"""Formats that need an extra: listed as unavailable without it, a one-line error naming
the extra when asked for, and left out of the default formats. The missing packages are
simulated by blocking their import."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from measurekit.cli.main import main
from measurekit.outputs import base


@pytest.fixture
def without_typst(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make ``import typst`` fail as it does where the pdf extra is not installed."""
    monkeypatch.setitem(sys.modules, "typst", None)
    base._import_problem.cache_clear()
    yield
    base._import_problem.cache_clear()


INSTALL = "install it with: pip install 'pcc-measurekit[pdf]'"


def test_asking_for_pdf_without_its_extra_is_one_line(
    without_typst: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["example", "-f", "html", "-f", "pdf", "-o", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("measurekit: error: output format 'pdf' is not available: ")
    assert "'typst', which is not installed" in error
    assert INSTALL in error
    assert list(tmp_path.iterdir()) == []  # nothing written, not even the html


def test_plugins_lists_it_as_unavailable(
    without_typst: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    [line] = [line for line in out.splitlines() if "output formats: html" in line]
    assert "pdf (unavailable: needs the Python package 'typst'" in line
    assert INSTALL in line


def test_default_formats_leave_it_out(
    without_typst: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["example", "-o", str(tmp_path)]) == 0
    suffixes = {path.suffix for path in tmp_path.iterdir()}
    assert ".html" in suffixes
    assert ".md" in suffixes
    assert ".pdf" not in suffixes


def test_a_format_with_its_extra_is_available() -> None:
    pytest.importorskip("docx", reason="python-docx comes with the docx extra")
    pytest.importorskip("PIL", reason="Pillow comes with the docx extra")
    from measurekit.outputs.publish.formats import DocxFormat, HtmlFormat

    base._import_problem.cache_clear()
    assert DocxFormat().missing() is None
    assert HtmlFormat().available()
