"""The tagged PDF, read back with pypdf: tags, language, title shown as window title,
bookmarks from the headings, page numbers, embedded fonts, every figure in its text,
citations linked to their notes, text that looks like Typst markup printed as text, a
plugin's own markup for its part, and the same bytes on every build."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pypdf  # a core dependency: measurekit audit reads PDFs with it
import pytest

from measurekit.document.nodes import MeasurePart, Table
from measurekit.document.renderers import SectionRenderer, SectionRenderers
from measurekit.errors import MeasurekitError
from measurekit.model.statement import Branding, Paragraph

from .publish_document import sample_document

pytest.importorskip("typst", reason="Typst comes with the pdf extra: pip install '.[pdf]'")
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


def structure_values(node: Any, key: str) -> list[str]:
    """Each ``key`` entry of the structure tree under ``node``, in reading order."""
    node = node.get_object() if hasattr(node, "get_object") else node
    found = []
    if isinstance(node, dict):
        if key in node:
            found.append(str(node[key]))
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, list) else [kids]:
                found += structure_values(kid, key)
    return found


def structure_types(node: Any) -> list[str]:
    """The structure types (``/H1``, ``/Table``, ...) under ``node``."""
    return structure_values(node, "/S")


def alternative_texts(node: Any) -> list[str]:
    """The alternative texts (``/Alt``) under ``node``."""
    return structure_values(node, "/Alt")


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


def flat_text(data: bytes) -> str:
    """The PDF's text, every run of whitespace one space."""
    return " ".join(" ".join(page.extract_text().split()) for page in reader(data).pages)


#: Text that Typst would read as markup, were it written into the markup as it is: strong
#: and emphasis, a heading, a function call, maths, a label, a reference, a comment, a
#: raw block, an escape, and brackets and a quote that would end a string or a block.
MARKUP_LIKE = (
    "*not bold* _not emphasis_ = Not a heading #heading[Injected] $x^2$ <note-1> @note-1 "
    '// not a comment /* nor this */ `raw` \\u{41} "quoted" ] ) } back\\slash'
)


def test_text_that_looks_like_markup_is_printed_as_text() -> None:
    sample = sample_document()
    section = sample.sections[0]
    part = section.measures[0]
    blocks = list(part.blocks)
    blocks[0] = Paragraph(MARKUP_LIKE)
    blocks[2] = attrs.evolve(blocks[2], title=MARKUP_LIKE)  # the figure table's caption
    extra = blocks[4]
    assert isinstance(extra, Table)
    blocks[4] = attrs.evolve(extra, rows=((MARKUP_LIKE, 1, 2.0), *extra.rows[1:]))  # a cell
    part = attrs.evolve(part, blocks=tuple(blocks))
    document = attrs.evolve(
        sample,
        subtitle=f"Testshire {MARKUP_LIKE}",
        windows_sentence=MARKUP_LIKE,
        sections=(
            attrs.evolve(section, figures_heading=MARKUP_LIKE, measures=(part,)),
            *sample.sections[1:],
        ),
        notes=(*sample.notes[:-1], attrs.evolve(sample.notes[-1], text=MARKUP_LIKE)),
    )
    data = render_pdf(document)
    text = flat_text(data)
    # The line under the title, the sentence, a heading, a paragraph, a caption, a table
    # cell and a note: seven places, each printed as it is.
    assert text.count(MARKUP_LIKE) == 7
    types = structure_types(reader(data).trailer["/Root"]["/StructTreeRoot"])
    assert types.count("/H1") == 1
    assert "Injected" not in [title for _, title in outline_titles(reader(data).outline)]


def internal_link_pages(data: bytes) -> list[int]:
    """The page (counted from 0) each link in the PDF goes to, for links within it."""
    document = reader(data)
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(document.pages)}
    targets = []
    for page in document.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            destination = annotation.get("/Dest")
            if destination is None and "/A" in annotation:
                destination = annotation["/A"].get("/D")
            if isinstance(destination, str) or hasattr(destination, "encode"):
                destination = document.named_destinations[str(destination)].page
            elif destination is not None:
                destination = destination[0]
            if destination is not None:
                targets.append(pages[destination.get_object().indirect_reference.idnum])
    return targets


def test_every_citation_links_to_the_page_of_its_note(pdf: bytes) -> None:
    document = reader(pdf)
    texts = [" ".join(page.extract_text().split()) for page in document.pages]
    citations = sum(text.count("[note ") for text in texts)
    notes_from = next(i for i, text in enumerate(texts) if "Note 1:" in text)
    # Each "[note N]" is a link to the notes (one broken over two lines is two links);
    # the other links are the contents list's, to the headings.
    to_notes = [page for page in internal_link_pages(pdf) if page >= notes_from]
    assert len(to_notes) >= citations > 0


def test_a_logo_is_a_figure_with_its_alternative_text(tmp_path: Path) -> None:
    pixel = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    logo = tmp_path / "logo.png"
    logo.write_bytes(pixel)
    data = render_pdf(sample_document(Branding(logo=logo, logo_alt="Testshire Office logo")))
    root = reader(data).trailer["/Root"]
    assert structure_types(root["/StructTreeRoot"]).count("/Figure") == 2  # logo and chart
    assert "Testshire Office logo" in alternative_texts(root["/StructTreeRoot"])


def test_the_chart_is_a_figure_described_by_its_title_and_summary(pdf: bytes) -> None:
    root = reader(pdf).trailer["/Root"]
    assert alternative_texts(root["/StructTreeRoot"]) == [
        "Homicide offences each month, April to June 2023. "
        "Homicide offences recorded each month: lowest 2 in April 2023."
    ]


class Boxed(SectionRenderer):
    """Draws the homicide part in a box around the default drawing, in Typst markup."""

    output_format = "pdf"
    measure = "homicide"

    def render(self, part: MeasurePart, default: Callable[[MeasurePart], Any]) -> Any:
        return f'#block(stroke: 1pt, inset: 4pt)[#"Drawn by the plugin."\n{default(part)}]'


def test_a_plugins_section_renderer_gives_markup_around_the_default_drawing(pdf: bytes) -> None:
    renderers = SectionRenderers.for_format("pdf", [("boxed", Boxed())])
    text = flat_text(render_pdf(sample_document(), renderers))
    assert "Drawn by the plugin." in text
    assert "Drawn by the plugin." not in flat_text(pdf)
    # The default drawing is inside the box: the part's figures are all there.
    for cell in ("16", "28", "-42.9", "[u]", "1,234"):
        assert cell in text


class Broken(SectionRenderer):
    output_format = "pdf"
    measure = "homicide"

    def render(self, part: MeasurePart, default: Callable[[MeasurePart], Any]) -> Any:
        return "#block[unclosed"


def test_markup_typst_cannot_read_is_a_one_line_error() -> None:
    renderers = SectionRenderers.for_format("pdf", [("broken", Broken())])
    with pytest.raises(MeasurekitError) as raised:
        render_pdf(sample_document(), renderers)
    message = str(raised.value)
    assert message.startswith("the PDF could not be typeset: ")
    assert "\n" not in message


def test_a_character_no_font_has_is_a_one_line_error_saying_what_to_do() -> None:
    # U+F0000 is in a private use plane no font sets out to cover; PDF/UA forbids printing
    # it as a blank box, so the PDF is refused rather than written with one.
    document = attrs.evolve(sample_document(), windows_sentence="Figures \U000f0000 here.")
    with pytest.raises(MeasurekitError) as raised:
        render_pdf(document)
    message = str(raised.value)
    assert "\n" not in message
    assert "\\u{f0000}" in message  # Typst names it by its code point
    assert "in the text 'Figures \\U000f0000 here.'" in message  # where it is
    assert message.endswith(
        "install one that does, write the text without it, or build without the pdf format"
    )


def test_a_tab_or_line_break_in_a_text_prints_as_a_space() -> None:
    # The web page shows any run of white space as one space; Typst would drop a tab and
    # break the line at a line feed.
    document = attrs.evolve(sample_document(), windows_sentence="one\ttwo\nthree\u2028four")
    assert "one two three four" in flat_text(render_pdf(document))


def test_each_note_links_back_to_where_it_is_cited(pdf: bytes) -> None:
    document = reader(pdf)
    texts = [" ".join(page.extract_text().split()) for page in document.pages]
    notes_from = next(i for i, text in enumerate(texts) if "Note 1:" in text)
    notes = " ".join(texts[notes_from:])
    # Note 2 is cited in each of the three homicide rows and under the chart; note 5 once,
    # under the satisfaction table (see publish_document.py).
    assert "Note 2: Murder and more. Back to where note 2 is cited: 1, 2, 3, 4" in notes
    assert "Note 5: Survey results are estimates. Back to where note 5 is cited" in notes
    back = [page for page in internal_link_pages(pdf) if page < notes_from]
    assert len(back) >= 4 + 1  # at least note 2's four and note 5's one


def test_a_jpeg_logo_named_png_is_typeset_as_a_jpeg(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (4, 2), "#1d70b8").save(logo, format="JPEG")
    data = render_pdf(sample_document(Branding(logo=logo, logo_alt="Testshire Office logo")))
    assert "Testshire Office logo" in alternative_texts(
        reader(data).trailer["/Root"]["/StructTreeRoot"]
    )


class Replaced(SectionRenderer):
    """Draws the homicide part with markup of its own, leaving the default drawing out."""

    output_format = "pdf"
    measure = "homicide"

    def render(self, part: MeasurePart, default: Callable[[MeasurePart], Any]) -> Any:
        default(part)  # drawn, then not used: its citations are not in the PDF
        return '#par[#"The plugin says this instead."]'


def test_a_note_links_back_only_to_citations_the_pdf_holds() -> None:
    renderers = SectionRenderers.for_format("pdf", [("replaced", Replaced())])
    text = flat_text(render_pdf(sample_document(), renderers))
    assert "The plugin says this instead." in text
    # Note 2 is cited only in the homicide part, which the plugin replaced.
    assert "Note 2: Murder and more." in text
    assert "Back to where note 2 is cited" not in text
