"""Each file kind the audit reads, and the position it reports a claim at: the line of a
text, Markdown or HTML file, the paragraph of a Word file, the page of a PDF.

Every statement here holds the same wrong claim, "reduced by 8.1 per cent from 826 to
802" (826 to 802 is -24/826 = -2.9%), placed so that its position is known by
construction, often split across lines, runs or markup.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from measurekit.audit import Verdict, audit_files
from measurekit.audit.readers import read_statement
from measurekit.errors import InputError

from .audit_files import paragraph, run, table, write_docx, write_pdf

WRONG_DETAIL = "826 to 802 is a reduction of 2.9%, not 8.1%"


def findings(path: Path) -> list[tuple[int, str, Verdict]]:
    (audit,) = audit_files([path]).files
    return [(finding.position, finding.claim, finding.verdict) for finding in audit.findings]


def test_text_claim_wrapped_across_lines_is_reported_where_it_starts(tmp_path: Path) -> None:
    path = tmp_path / "statement.txt"
    path.write_text(
        "Police and Crime Measures\n"  # 1
        "=========================\n"  # 2: a rule, not part of any sentence
        "\n"  # 3
        "Burglary in the county was\n"  # 4
        "reduced by 8.1 per cent from 826\n"  # 5: the claim starts here
        "to 802 this year.\n"  # 6
        "  - Robbery fell from 356 to 348, a reduction of 2.2%.\n",  # 7: a list item
        encoding="utf-8",
    )
    assert findings(path) == [
        (5, "reduced by 8.1 per cent from 826 to 802", Verdict.WRONG),
        (7, "fell from 356 to 348, a reduction of 2.2%", Verdict.RIGHT),
    ]


def test_text_in_windows_1252_is_read(tmp_path: Path) -> None:
    path = tmp_path / "statement.txt"
    path.write_bytes("Q4 23/24 (January \u2013 March 2023)\n".encode("cp1252"))
    assert findings(path) == [(1, "Q4 23/24 (January \u2013 March 2023)", Verdict.WRONG)]


def test_markdown_markup_is_read_through(tmp_path: Path) -> None:
    path = tmp_path / "statement.md"
    path.write_text(
        "# Knife crime\n"  # 1
        "\n"  # 2
        "Offences were **reduced by 8.1 per cent** from\n"  # 3: emphasis inside the claim
        "[826](https://example.org/2021/22) to 802.\n"  # 4: a link's address is not text
        "\n"  # 5
        "```\n"  # 6: code is not read
        "fell from 28 to 16, a reduction of 1%\n"  # 7
        "```\n"  # 8
        "| Indicator | Change |\n"  # 9: each cell stands alone
        "|:--|--:|\n"  # 10
        "| Burglary from 100 to 90 | (-10.0%) |\n",  # 11: the change is in another cell
        encoding="utf-8",
    )
    assert findings(path) == [
        (3, "reduced by 8.1 per cent from 826 to 802", Verdict.WRONG),
        (11, "(-10.0%)", Verdict.UNREADABLE),
    ]


def test_html_positions_are_source_lines(tmp_path: Path) -> None:
    path = tmp_path / "statement.html"
    path.write_text(
        "<!doctype html>\n"  # 1
        "<html lang='en'><head><title>Q4 23/24 (January &ndash; March 2023)</title>\n"  # 2
        "<script>var x = 'fell from 28 to 16, a reduction of 1%';</script></head>\n"  # 3
        "<body>\n"  # 4
        "<p>Burglary was <em>reduced by 8.1&nbsp;per cent</em>\n"  # 5: the claim starts
        "from 826 to 802.</p>\n"  # 6
        "<table><tr><td>Robbery from 356 to 348</td><td>(-2.2%)</td></tr>\n"  # 7
        "<tr><td>Quarter 1 2023/24 (April to June 2023)</td></tr></table>\n"  # 8
        "</body></html>\n",
        encoding="utf-8",
    )
    assert findings(path) == [
        (5, "reduced by 8.1 per cent from 826 to 802", Verdict.WRONG),
        (7, "(-2.2%)", Verdict.UNREADABLE),
        (8, "Quarter 1 2023/24 (April to June 2023)", Verdict.RIGHT),
    ]


def test_docx_positions_are_paragraphs_with_text(tmp_path: Path) -> None:
    deleted = '<w:del w:id="1" w:author="A"><w:r><w:delText>9.9% </w:delText></w:r></w:del>'
    path = write_docx(
        tmp_path / "statement.docx",
        [
            paragraph(run("Police and Crime Measures")),  # paragraph 1
            paragraph(),  # empty: not counted
            # paragraph 2: the claim's figure split over runs, as Word often stores it
            paragraph(
                run("Burglary was reduced by "), run("8"), run(".1 per cent from 826 to 802.")
            ),
            # paragraph 3: a deleted tracked change is not read (with it, 9.9% is wrong:
            # 356 to 348 is -8/356 = -2.2%)
            paragraph(run("Robbery fell from 356 to 348, a reduction of "), deleted, run("2.2%.")),
            # paragraphs 4 to 7, one per table cell, in reading order
            table([["Indicator", "Change"], ["Knife crime", "586 against 523 (12.0% increase)"]]),
            paragraph(run("Q1 2023/24 (April to June 2024)")),  # paragraph 8
        ],
    )
    assert findings(path) == [
        (2, "reduced by 8.1 per cent from 826 to 802", Verdict.WRONG),
        (3, "fell from 356 to 348, a reduction of 2.2%", Verdict.RIGHT),
        (7, "586 against 523 (12.0% increase)", Verdict.RIGHT),
        (8, "Q1 2023/24 (April to June 2024)", Verdict.WRONG),
    ]


def test_docx_tab_separates_a_label_from_its_months(tmp_path: Path) -> None:
    """A tab ends a sentence (it separates cells in extracted text), so a label and its
    months split by one are not read as a claim."""
    path = write_docx(tmp_path / "s.docx", [paragraph(run("Q1 2023/24\t(April to June 2024)"))])
    assert findings(path) == []


def test_pdf_positions_are_pages(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "statement.pdf",
        [
            ["Police and Crime Measures", "Quarter 1 2023/24 (April to June 2023)"],
            [
                "Knife crime rose from 523 to 586, an increase of 12.0%.",
                "Burglary in the county was reduced by 8.1 per",  # the claim spans two lines
                "cent from 826 to 802.",
            ],
        ],
    )
    assert findings(path) == [
        (1, "Quarter 1 2023/24 (April to June 2023)", Verdict.RIGHT),
        (2, "rose from 523 to 586, an increase of 12.0%", Verdict.RIGHT),
        (2, "reduced by 8.1 per cent from 826 to 802", Verdict.WRONG),
    ]


@pytest.mark.parametrize(
    ("name", "content", "complaint"),
    [
        ("missing.txt", None, "missing.txt: no such file"),
        ("statement.rtf", b"{\\rtf1}", "cannot audit a .rtf file"),
        ("broken.docx", b"not a zip", "not a readable Word document (.docx)"),
        ("broken.pdf", b"%PDF-1.4\nnothing else", "not a readable PDF"),
        ("bytes.txt", b"\x81\x8d\x8f", "not readable as UTF-8 or Windows-1252 text"),
    ],
)
def test_unreadable_files_are_input_errors(
    tmp_path: Path, name: str, content: bytes | None, complaint: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=None) as raised:
        read_statement(path)
    assert complaint in str(raised.value)
    assert str(path) in str(raised.value)


def test_a_pdf_without_text_is_an_error(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [[]])
    with pytest.raises(InputError, match="no text to read"):
        read_statement(path)


def test_a_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_statement(tmp_path)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize(("target", "position"), [("docx", 3), ("pdf", 2)])
def test_documents_written_by_libreoffice(tmp_path: Path, target: str, position: int) -> None:
    """A statement written by a real office program: LibreOffice turns an HTML page into
    a Word file (the claim in its third paragraph) and a PDF (the claim on page 2, after
    a page break)."""
    source = tmp_path / "statement.html"
    source.write_text(
        "<html><body><h1>Police and Crime Measures</h1>"
        "<p>Quarter 1 2023/24 (April to June 2023) saw steady demand.</p>"
        '<p style="page-break-before: always">Burglary was reduced by 8.1 per cent from 826 '
        "to 802.</p></body></html>",
        encoding="utf-8",
    )
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf:writer_web_pdf_Export" if target == "pdf" else "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    found = findings(tmp_path / "out" / f"statement.{target}")
    assert found == [
        (1 if target == "pdf" else 2, "Quarter 1 2023/24 (April to June 2023)", Verdict.RIGHT),
        (position, "reduced by 8.1 per cent from 826 to 802", Verdict.WRONG),
    ]
