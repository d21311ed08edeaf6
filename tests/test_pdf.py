"""The tagged PDF, read back with pypdf: tags, language, title shown as window title,
bookmarks from the headings, page numbers, embedded fonts, every figure in its text, and
the same bytes on every build."""

from __future__ import annotations

import io
from typing import Any

import pypdf  # a core dependency: measurekit audit reads PDFs with it
import pytest

from .publish_document import sample_document

pytest.importorskip(
    "weasyprint", reason="WeasyPrint comes with the pdf extra: pip install '.[pdf]'"
)
from measurekit.outputs.publish.pdf import render_pdf


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_pdf(sample_document())


def reader(data: bytes) -> Any:
    return pypdf.PdfReader(io.BytesIO(data))


def outline_titles(items: list[Any], depth: int = 0) -> list[tuple[int, str]]:
    titles = []
    for item in items:
        if isinstance(item, list):
            titles += outline_titles(item, depth + 1)
        else:
            titles.append((depth, item.title))
    return titles


def structure_types(node: Any) -> list[str]:
    node = node.get_object() if hasattr(node, "get_object") else node
    found = []
    if isinstance(node, dict):
        if "/S" in node:
            found.append(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, list) else [kids]:
                found += structure_types(kid)
    return found


def test_tagged_with_language_title_and_window_title(pdf: bytes) -> None:
    document = reader(pdf)
    root = document.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert document.metadata.title == (
        "Police and Crime Measures: quarterly statement: Testshire Constabulary, "
        "April to June 2023 (Quarter 1 2023/24)"
    )
    types = structure_types(root["/StructTreeRoot"])
    assert types.count("/H1") == 1
    assert "/Table" in types
    assert "/TH" in types
    assert types.count("/Figure") == 1  # the chart, with its title as alternative text


def test_bookmarks_follow_the_headings(pdf: bytes) -> None:
    titles = outline_titles(reader(pdf).outline)
    assert titles[0] == (0, "Police and Crime Measures: quarterly statement")
    assert (1, "Measure: Reduce homicide") in titles
    assert (2, "Force response") in titles
    assert titles[-1] == (1, "Notes")


def test_every_figure_and_page_number_is_in_the_text(pdf: bytes) -> None:
    document = reader(pdf)
    text = " ".join(" ".join(page.extract_text().split()) for page in document.pages)
    for cell in ("16", "28", "-42.9", "[u]", "75.0%", "80.1%", "62.3 to 84.5", "-5.1", "1,234"):
        assert cell in text
    pages = len(document.pages)
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in text


def test_fonts_are_embedded(pdf: bytes) -> None:
    fonts = []
    for page in reader(pdf).pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            fonts.append(font.get_object())
    assert fonts
    for font in fonts:
        descendants = font.get("/DescendantFonts")
        described = descendants[0].get_object() if descendants else font
        descriptor = described["/FontDescriptor"]
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]


def test_same_bytes_every_build_and_dated_from_the_statement(pdf: bytes) -> None:
    assert render_pdf(sample_document()) == pdf
    # The sample statement was published 2023-08-01.
    assert reader(pdf).metadata["/CreationDate"].startswith("D:20230801")


def test_source_date_epoch_sets_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 November 2023, 22:13 UTC
    assert reader(render_pdf(sample_document())).metadata["/CreationDate"].startswith("D:20231114")
