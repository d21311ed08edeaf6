"""The xlsx file's parts are what Excel writes: text in a shared-strings table, relationship
targets relative to their part, sheet titles in the built-in "Heading 1" cell style (and
its counterpart in the ods); rebuilt, the same bytes. Read from the zip parts themselves,
with openpyxl, and, where it is installed, with LibreOffice.

(The xlsx accessibility checker made at ONS runs only as a web page, published neither
on PyPI nor on npm, so it cannot be run here; these tests check the parts its crashes
named.)
"""

from __future__ import annotations

import io
import posixpath
import re
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from measurekit.outputs.workbook.model import Column, Line, Number, Sheet, Table, Text, Workbook
from measurekit.outputs.workbook.ods import write_ods
from measurekit.outputs.workbook.xlsx import write_xlsx

from .test_workbook import example_path, render
from .workbook_checks import libreoffice_calc

SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
#: Texts a shared-strings table must carry exactly: white space at either end, a line
#: break, characters XML escapes, a leading "=" (text, never a formula), and non-ASCII.
AWKWARD = (
    "  spaces either side  ",
    "two\nlines",
    "R&D <b> \"quoted\" 'single'",
    "=SUM(A1:A2)",
    "Ynys M\u00f4n \u2013 \u00a35",
)


def _model() -> Workbook:
    names = ("Cover_sheet", "Table_of_contents", "Notes", "Data")
    sheets = [Sheet("Cover_sheet", "Cover title", "About the workbook")]
    for name in names[1:]:
        sheets.append(
            Sheet(
                name,
                f"{name} title",
                f"{name} description",
                lines=(Line("Source: made up for this test."),),
                table=Table(
                    f"{name}_table",
                    (Column("Label"), Column("Value (number)")),
                    tuple((Text(text), Number(index)) for index, text in enumerate(AWKWARD)),
                ),
            )
        )
    return Workbook("Title", "Subject", "Author", tuple(sheets))


@pytest.fixture(scope="module")
def example() -> bytes:
    return render(example_path(), formats=("xlsx",))["xlsx"]


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_every_relationship_target_is_relative_and_names_a_part(example: bytes) -> None:
    parts = _parts(example)
    targets = 0
    for name, data in parts.items():
        if not name.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(name))  # the folder of the part it serves
        for target, mode in re.findall(
            r'<Relationship [^>]*?Target="([^"]*)"(?:[^>]*?TargetMode="([^"]*)")?', data.decode()
        ):
            if mode == "External":
                continue
            targets += 1
            assert not target.startswith("/"), (name, target)
            assert posixpath.normpath(posixpath.join(folder, target)) in parts, (name, target)
    # 20 sheets, their tables and drawings, charts, styles, theme, strings, properties.
    assert targets > 40


def test_text_is_in_a_shared_strings_table_declared_as_excel_declares_it(
    example: bytes,
) -> None:
    parts = _parts(example)
    assert "xl/sharedStrings.xml" in parts
    types = parts["[Content_Types].xml"].decode()
    assert f'PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS_TYPE}"' in types
    relationships = parts["xl/_rels/workbook.xml.rels"].decode()
    assert re.search(r'relationships/sharedStrings" Target="sharedStrings.xml"', relationships)
    table = parts["xl/sharedStrings.xml"].decode()
    count = int(re.search(r'<sst [^>]*count="(\d+)"', table)[1])  # type: ignore[index]
    unique = int(re.search(r'uniqueCount="(\d+)"', table)[1])  # type: ignore[index]
    assert table.count("<si>") == unique
    used = []
    for name, data in parts.items():
        if name.startswith("xl/worksheets/sheet"):
            sheet = data.decode()
            assert "inlineStr" not in sheet, name
            assert "<is>" not in sheet, name
            used += [int(index) for index in re.findall(r't="s"[^>]*><v>(\d+)</v>', sheet)]
    assert len(used) == count
    assert sorted(set(used)) == list(range(unique))  # each text stored once, each used
    # The cover's title, as the statement file gives the force and quarter.
    assert (
        openpyxl.load_workbook(io.BytesIO(example))["Cover_sheet"]["A1"].value
        == "Police and Crime Measures for Cheshire Constabulary, April to June 2023 "
        "(Quarter 1 2023/24)"
    )


def test_awkward_text_comes_back_exactly_and_stays_text() -> None:
    data = write_xlsx(_model())
    book = openpyxl.load_workbook(io.BytesIO(data))
    for name in ("Table_of_contents", "Notes", "Data"):
        cells = [book[name].cell(row, 1) for row in range(5, 5 + len(AWKWARD))]
        assert [cell.value for cell in cells] == list(AWKWARD)
        assert {cell.data_type for cell in cells} == {"s"}
    assert book["Data"]["A8"].quotePrefix  # "=SUM(A1:A2)" is shown as typed
    # Each distinct text once, though three sheets use each.
    table = _parts(data)["xl/sharedStrings.xml"].decode()
    assert table.count("two\nlines") == 1
    assert '<t xml:space="preserve">  spaces either side  </t>' in table


def test_rebuilt_the_same_bytes() -> None:
    assert write_xlsx(_model()) == write_xlsx(_model())
    assert write_ods(_model()) == write_ods(_model())


def _cell_style_names(data: bytes) -> dict[str, dict[str, str]]:
    """Each sheet's A1 cell style, as styles.xml names it: the cell's format (``s``) points
    at a cellXfs entry, whose ``xfId`` is the cell style's."""
    parts = _parts(data)
    styles = parts["xl/styles.xml"].decode()
    formats = re.search(r"<cellXfs [^>]*>(.*?)</cellXfs>", styles, re.S)[1]  # type: ignore[index]
    style_of_format = [int(xf) for xf in re.findall(r'<xf [^>]*?xfId="(\d+)"', formats)]
    named = {
        int(found["xf"]): {"name": found["name"], "builtinId": found["id"] or ""}
        for found in re.finditer(
            r'<cellStyle name="(?P<name>[^"]*)" xfId="(?P<xf>\d+)"(?: builtinId="(?P<id>\d+)")?',
            styles,
        )
    }
    found = {}
    for name, sheet in parts.items():
        if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
            a1 = re.search(r'<c r="A1" s="(\d+)"', sheet.decode())
            assert a1 is not None, name
            found[name] = named[style_of_format[int(a1[1])]]
    return found


def test_every_title_cell_is_in_the_built_in_heading_1_style(example: bytes) -> None:
    styles = _cell_style_names(example)
    # The example's 20 sheets: the cover, contents, notes, a table per figure and chart,
    # the narrative, and the appendix's Methods and Input_files.
    assert len(styles) == 20
    assert all(style == {"name": "Heading 1", "builtinId": "16"} for style in styles.values())
    book = openpyxl.load_workbook(io.BytesIO(example))
    assert {sheet["A1"].style for sheet in book.worksheets} == {"Heading 1"}
    assert {sheet["A2"].style for sheet in book.worksheets} == {"Normal"}
    # Still Arial, 16 point, bold.
    font = book["Notes"]["A1"].font
    assert (font.name, font.sz, font.b) == ("Arial", 16, True)


def _ods_title_styles(data: bytes) -> tuple[set[str], str]:
    """The parent styles of each sheet's first cell's style, and the styles part."""
    parts = _parts(data)
    content, styles = parts["content.xml"].decode(), parts["styles.xml"].decode()
    first_cells = re.findall(
        r"<table:table [^>]*>(?:<table:table-column[^>]*/>)*<table:table-row[^>]*>"
        r'<table:table-cell [^>]*?table:style-name="([^"]+)"',
        content,
    )
    parents = set()
    for style in first_cells:
        found = re.search(rf'<style:style style:name="{style}"[^>]*>', content)
        assert found is not None
        parent = re.search(r'style:parent-style-name="([^"]+)"', found[0])
        parents.add(parent[1] if parent else "")
    return parents, styles


def test_every_ods_title_cell_is_in_the_heading_1_cell_style() -> None:
    data = render(example_path(), formats=("ods",))["ods"]
    parents, styles = _ods_title_styles(data)
    assert parents == {"Heading_20_1"}
    assert re.search(
        r'<style:style style:name="Heading_20_1" style:display-name="Heading 1" '
        r'style:family="table-cell"',
        styles,
    )


def test_libreoffice_reads_the_titles_as_heading_1(tmp_path: Path) -> None:
    """LibreOffice reads A1 of our xlsx as Excel's built-in Heading 1 and of our ods as
    its own Heading 1, and says so in the files it saves."""
    soffice = libreoffice_calc()
    built = render(example_path(), formats=("xlsx", "ods"))
    (tmp_path / "ours.xlsx").write_bytes(built["xlsx"])
    (tmp_path / "ours-ods.ods").write_bytes(built["ods"])
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    for source, target in (("ours.xlsx", "ods"), ("ours-ods.ods", "xlsx")):
        subprocess.run(
            [
                soffice,
                profile,
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(tmp_path / "out"),
                str(tmp_path / source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    parents, _ = _ods_title_styles((tmp_path / "out" / "ours.ods").read_bytes())
    assert parents == {"Excel_20_Built-in_20_Heading_20_1"}
    saved = _cell_style_names((tmp_path / "out" / "ours-ods.xlsx").read_bytes())
    assert {style["name"] for style in saved.values()} == {"Heading 1"}
