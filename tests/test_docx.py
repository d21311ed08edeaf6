"""The Word document, reopened with python-docx (styles, header rows, alt text,
properties, page numbers, same bytes) and opened by LibreOffice Writer where installed."""

from __future__ import annotations

import io
import itertools
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .publish_document import sample_document

docx = pytest.importorskip("docx", reason="python-docx comes with the docx extra: '.[docx]'")

from docx.oxml.ns import qn  # noqa: E402

from measurekit.outputs.publish.docx import render_docx  # noqa: E402


@pytest.fixture(scope="module")
def data() -> bytes:
    return render_docx(sample_document())


@pytest.fixture(scope="module")
def word(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def test_headings_use_words_own_heading_styles(word: Any) -> None:
    headings = [
        (p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[0] == ("Heading 1", "Police and Crime Measures: quarterly statement")
    assert ("Heading 2", "Measure: Reduce homicide") in headings
    assert ("Heading 3", "Force response") in headings
    assert headings[-1] == ("Heading 2", "Notes")
    levels = [int(name.split()[-1]) for name, _ in headings]
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))


def test_real_tables_with_a_repeating_header_row(word: Any) -> None:
    assert len(word.tables) == 4
    for table in word.tables:
        header = table.rows[0]._tr
        repeat = header.trPr.find(qn("w:tblHeader"))
        assert repeat is not None
        assert repeat.get(qn("w:val")) == "true"
        assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val"))
    homicide = word.tables[0]
    cells = [[cell.text for cell in row.cells] for row in homicide.rows]
    assert cells[0][-1] == "Change to current period (%)"
    assert cells[2][3:] == ["28", "-42.9"]
    assert cells[3][3:] == ["5", "[u]"]
    assert cells[1][0] == "Homicide offences [note 2]"


def test_lists_captions_table_style_and_right_aligned_figures(word: Any) -> None:
    styles = [p.style.name for p in word.paragraphs]
    assert "List Bullet" in styles
    assert styles.count("Caption") == 5  # four tables, one chart
    assert {table.style.name for table in word.tables} == {"Table Grid"}
    homicide = word.tables[0]
    right = docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    for row in homicide.rows:
        alignments = [cell.paragraphs[0].alignment for cell in row.cells]
        assert alignments[:3] == [None, None, None]  # measure, period, window: text
        assert set(alignments[3:]) == {right}  # the figures


def test_every_picture_has_alt_text(word: Any) -> None:
    pictures = list(word.inline_shapes)
    assert len(pictures) == 1
    for picture in pictures:
        description = picture._inline.docPr.get("descr")
        assert description.startswith("Homicide offences each month, April to June 2023. ")
        assert "lowest 2 in April 2023" in description


def test_title_language_and_page_numbers(word: Any) -> None:
    properties = word.core_properties
    assert properties.title.startswith("Police and Crime Measures: quarterly statement: ")
    assert properties.language == "en-GB"
    language = word.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert language.get(qn("w:val")) == "en-GB"
    fields = word.sections[0].footer._element.findall(".//" + qn("w:fldSimple"))
    assert [field.get(qn("w:instr")).strip() for field in fields] == ["PAGE", "NUMPAGES"]


def test_same_bytes_every_build(data: bytes) -> None:
    assert render_docx(sample_document()) == data
    # The sample statement was published 2023-08-01.
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.created.isoformat().startswith("2023-08-01")
    assert properties.modified == properties.created


def test_libreoffice_writer_opens_it(tmp_path: Path, data: bytes) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    source = tmp_path / "statement.docx"
    source.write_bytes(data)
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = tmp_path / "statement.txt"
    assert converted.exists(), result.stderr
    text = " ".join(converted.read_text(encoding="utf-8-sig").split())
    assert "Police and Crime Measures: quarterly statement" in text
    for cell in ("-42.9", "62.3 to 84.5", "1,234", "[note 2]"):
        assert cell in text


def test_a_plugins_section_renderer_adds_to_the_default_drawing() -> None:
    from collections.abc import Callable

    from measurekit.document.nodes import MeasurePart
    from measurekit.document.renderers import SectionRenderer, SectionRenderers

    class Signed(SectionRenderer):
        output_format = "docx"
        measure = "homicide"

        def render(self, part: MeasurePart, default: Callable[[MeasurePart], Any]) -> Any:
            drawn = default(part)
            drawn.document.add_paragraph("Signed off by the homicide team.")
            return drawn

    word = docx.Document(
        io.BytesIO(
            render_docx(
                sample_document(), SectionRenderers.for_format("docx", [("signed", Signed())])
            )
        )
    )
    texts = [p.text for p in word.paragraphs]
    assert texts.index("Signed off by the homicide team.") < texts.index("Force response")


def test_an_office_logo_comes_first_with_its_alt_text(tmp_path: Path) -> None:
    from measurekit.model.statement import Branding

    from .test_html_page import PIXEL

    logo = tmp_path / "logo.png"
    logo.write_bytes(PIXEL)
    branding = Branding(logo=logo, logo_alt="Testshire Office logo")
    word = docx.Document(io.BytesIO(render_docx(sample_document(branding))))
    pictures = list(word.inline_shapes)
    assert len(pictures) == 2
    assert pictures[0]._inline.docPr.get("descr") == "Testshire Office logo"


@pytest.mark.parametrize(
    ("text", "xml"),
    [
        ("", ""),
        ("1,234", "<w:t>1,234</w:t>"),
        ("A & B <c>", "<w:t>A &amp; B &lt;c&gt;</w:t>"),
        (" lead", '<w:t xml:space="preserve"> lead</w:t>'),
        ("trail\u00a0", '<w:t xml:space="preserve">trail\u00a0</w:t>'),
        ("a\tb", "<w:t>a</w:t><w:tab/><w:t>b</w:t>"),
        ("x\r\ny", "<w:t>x</w:t><w:br/><w:br/><w:t>y</w:t>"),
        ("\tend\n", "<w:tab/><w:t>end</w:t><w:br/>"),
    ],
)
def test_run_content_is_written_as_python_docx_writes_a_runs_text(text: str, xml: str) -> None:
    from measurekit.outputs.publish.docx import run_content_xml

    assert run_content_xml(text) == xml


def test_a_tables_rows_are_the_xml_python_docxs_own_calls_make() -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from lxml import etree

    from measurekit.outputs.publish.docx import _table

    headings = ["Area", " Leading", "Tab\there", "A & B <c>", ""]
    rows = [
        ["North", "trailing ", "line\nbreak", "1,234", ""],
        ["South\r\n", "\u00a0", "x", "-42.9", "[u]"],
    ]
    numeric = [False, False, True, True, True]
    ours = docx.Document()
    _table(ours, "A table", headings, rows, numeric)
    # The reference: the table as python-docx's cell, paragraph and run setters make it.
    theirs = docx.Document()
    table = theirs.add_table(rows=1 + len(rows), cols=len(headings))
    header, *body = table.rows
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, heading, right in zip(header.cells, headings, numeric, strict=True):
        cell.text = ""
        paragraph = cell.paragraphs[0]
        paragraph.add_run(heading).bold = True
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row, cells in zip(body, rows, strict=True):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, text, right in zip(row.cells, cells, numeric, strict=True):
            cell.text = text
            if right:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    # The rows and the column grid, as each whole document is written: byte for byte.
    def grid_and_rows(word: Any) -> bytes:
        written = etree.tostring(word.element)
        return written[written.index(b"<w:tblGrid>") : written.index(b"</w:tbl>")]

    assert grid_and_rows(ours) == grid_and_rows(theirs)
    (ours_table,) = ours.tables
    # And read back, the cells say what they were given (a break reads as a line feed).
    texts = [[cell.text for cell in row.cells] for row in ours_table.rows]
    assert texts[0] == headings
    assert texts[2][0] == "South\n\n"


def test_a_row_must_have_a_cell_per_column() -> None:
    from measurekit.outputs.publish.docx import _table

    with pytest.raises(ValueError, match="a row of 1 cells in a table of 2 columns"):
        _table(docx.Document(), "Short row", ["A", "B"], [["only one"]], [False, False])


def _zip_with_times(members: list[tuple[str, bytes, int]], hour: int = 13) -> bytes:
    """A zip file of (name, content, compression) members, each made a minute after the
    last, the first at ``hour`` o'clock."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for minute, (name, content, compression) in enumerate(members):
            member = zipfile.ZipInfo(name, (2024, 5, 17, hour, minute, 8))
            member.compress_type = compression
            member.external_attr = 0o755 << 16
            archive.writestr(member, content)
    return buffer.getvalue()


def test_zip_members_get_one_time_and_mode_whenever_they_were_made() -> None:
    import zipfile

    from measurekit.outputs.publish.docx import ZIP_TIME, fixed_zip

    members = [
        ("[Content_Types].xml", b"<Types/>" * 50, zipfile.ZIP_DEFLATED),
        ("word/media/caf\u00e9.png", bytes(range(256)) * 4, zipfile.ZIP_STORED),
        ("empty", b"", zipfile.ZIP_DEFLATED),
    ]
    fixed = fixed_zip(_zip_with_times(members))
    # The reference: each member written afresh with one time and mode, as promised.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content, _ in members:
            member = zipfile.ZipInfo(name, ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            archive.writestr(member, content)
    assert fixed == buffer.getvalue()
    reopened = zipfile.ZipFile(io.BytesIO(fixed))
    assert reopened.testzip() is None
    assert [(info.filename, info.date_time) for info in reopened.infolist()] == [
        (name, (1980, 1, 1, 0, 0, 0)) for name, _, _ in members
    ]
    assert [reopened.read(name) for name, _, _ in members] == [c for _, c, _ in members]
    # Made at another time, the same members give the same bytes.
    assert fixed_zip(_zip_with_times(members, hour=9)) == fixed
