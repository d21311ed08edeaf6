"""The bundled example in the three publication formats: the web page, the PDF and the Word
document show the same figure tables, cell by cell, and agree with the JSON figures."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from measurekit.cli.main import main

html = pytest.importorskip("lxml.html", reason="lxml comes with the docx extra")
docx = pytest.importorskip("docx", reason="python-docx comes with the docx extra")
pytest.importorskip("typst", reason="Typst comes with the pdf extra")
pypdf = pytest.importorskip("pypdf")

STEM = "cheshire-2023-24-q1"
NOTE = re.compile(r"\s*\[note \d+\]")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("publish")
    formats = ["-f", "html", "-f", "pdf", "-f", "docx", "-f", "json"]
    assert main(["example", *formats, "-o", str(output)]) == 0
    return output


def clean(text: str) -> str:
    return NOTE.sub("", " ".join(text.split()))


def html_tables(folder: Path) -> list[list[list[str]]]:
    page = html.document_fromstring((folder / f"{STEM}.html").read_text(encoding="utf-8"))
    return [
        [[clean(cell.text_content()) for cell in row] for row in table.iter("tr")]
        for table in page.iter("table")
    ]


def test_word_tables_are_the_web_pages_tables(built: Path) -> None:
    word = docx.Document(str(built / f"{STEM}.docx"))
    in_word = [[[clean(cell.text) for cell in row.cells] for row in t.rows] for t in word.tables]
    assert in_word == html_tables(built)


def test_every_figure_cell_is_in_the_pdf(built: Path) -> None:
    reader = pypdf.PdfReader(io.BytesIO((built / f"{STEM}.pdf").read_bytes()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for table in html_tables(built):
        for row in table[1:]:
            for cell in row[3:]:  # figures, responses, intervals, changes
                assert cell in text, cell


def test_every_count_in_the_json_is_in_a_figure_table(built: Path) -> None:
    figures: list[dict[str, Any]] = json.loads((built / f"{STEM}.json").read_text())["figures"]
    tables = html_tables(built)
    shown = {
        (row[1], row[3])
        for table in tables
        if table[0][:4] == ["Indicator", "Comparison", "Period", "Figure"]
        for row in table[1:]
    }
    roles = {
        "current": "Current",
        "previous_year": "Previous year",
        "two_years_before": "Two years before",
        "baseline": "Baseline",
    }
    checked = 0
    for figure in figures:
        if figure["unit"] == "count" and figure["value"] is not None:
            marker = figure["marker"] or ""
            assert (roles[figure["role"]], f"{figure['value']:,}{marker}") in shown, figure
            checked += 1
    assert checked >= 30
