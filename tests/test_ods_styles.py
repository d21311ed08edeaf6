"""The ods writer's own XML: the automatic styles it writes are exactly those the document
refers to, text of any kind comes back as written, and the package lists every part."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from measurekit import __version__
from measurekit.outputs.workbook.model import (
    Column,
    Line,
    LineChart,
    Link,
    Number,
    NumberFormat,
    Sheet,
    Table,
    Text,
    Workbook,
)
from measurekit.outputs.workbook.ods import write_ods

from .test_workbook import example_path, render
from .workbook_checks import read_ods

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
#: Attributes through which an element names a style.
REFERENCES = {"style-name", "data-style-name", "parent-style-name", "page-layout-name"}


def references(root: ElementTree.Element) -> set[str]:
    return {
        value
        for element in root.iter()
        for key, value in element.attrib.items()
        if key.rsplit("}", 1)[-1] in REFERENCES
    }


def defined(root: ElementTree.Element, container: str) -> set[str]:
    """The names of the styles in ``container`` (the default style has none)."""
    found = root.find(f"{OFFICE}{container}")
    names = {child.get(f"{STYLE}name") for child in (found if found is not None else [])}
    return {name for name in names if name is not None}


def test_the_automatic_styles_written_are_those_the_document_refers_to() -> None:
    data = render(example_path(), formats=("ods",))["ods"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = ElementTree.fromstring(archive.read("content.xml"))
        styles = ElementTree.fromstring(archive.read("styles.xml"))
    automatic = defined(content, "automatic-styles")
    common = defined(styles, "styles")
    # Every style named resolves, and every automatic style is named somewhere: none unused.
    assert references(content) <= automatic | common
    assert automatic == references(content) - common
    assert defined(styles, "automatic-styles") == references(styles) == {"pm_landscape"}
    # Cells, columns, numbers and the chart frames use dozens of styles.
    assert {"ce_title", "ce_title_above", "ce_count", "N_COUNT", "gr_chart"} <= automatic
    assert len(automatic) > 20


#: Markup characters, quotes, a would-be formula, controls, tab and new lines, characters
#: beyond the Basic Multilingual Plane and a noncharacter.
AWKWARD = "A & B <c> \"d\" 'e' =SUM(A1) \x01\x7f\x9f\u0085 \t\n \U0001f600\U0001fffe end"
#: What a reader finds: controls and noncharacters, which XML cannot hold, as U+FFFD; the rest
#: (tab, new line and NEL included) as written.
READ_BACK = "A & B <c> \"d\" 'e' =SUM(A1) \ufffd\ufffd\ufffd\u0085 \t\n \U0001f600\ufffd end"
ODD_SHEET = "Odd 'quoted' \"name\" & <more>"


def awkward_workbook() -> Workbook:
    table = Table(
        "Awkward_table",
        (Column("Label"), Column("Count (number)"), Column("Link")),
        (
            (Text(AWKWARD), Number(5779), Link(AWKWARD, "Cover_sheet")),
            (Text("plain"), Number(12.25, NumberFormat.ONE_DECIMAL), Text(AWKWARD)),
            (Text("third"), Number(-3), Text("x")),
        ),
    )
    return Workbook(
        title=AWKWARD,
        subject="Subject & more",
        author="Author <office>",
        sheets=(
            Sheet("Cover_sheet", AWKWARD, "Cover", lines=(Line(AWKWARD, link=ODD_SHEET),)),
            Sheet(ODD_SHEET, "Title", AWKWARD, lines=(Line(AWKWARD),), table=table),
            Sheet(
                "Charted",
                "Title",
                "Description",
                table=Table(
                    "Charted_table",
                    (Column("Month"), Column("Count (number)")),
                    (
                        (Text("[x]"), Text("[x]")),
                        (Text(AWKWARD), Number(4)),
                        (Text("b"), Number(5)),
                    ),
                ),
                chart=LineChart(AWKWARD, "x", "y", first_row=1),
            ),
        ),
        keywords=(AWKWARD,),
    )


def test_awkward_text_comes_back_as_written() -> None:
    data = write_ods(awkward_workbook())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, part in parts.items():
        if name.endswith(".xml"):
            ElementTree.fromstring(part)  # well-formed
    book = read_ods(data)
    assert list(book.sheets) == ["Cover_sheet", ODD_SHEET, "Charted"]
    cover, odd = book.sheets["Cover_sheet"], book.sheets[ODD_SHEET]
    assert [row[0].text for row in cover] == [READ_BACK, "Cover", READ_BACK]
    assert [row[0].text for row in odd[:3]] == ["Title", READ_BACK, READ_BACK]
    assert [(cell.value_type, cell.value) for cell in odd[4]] == [
        ("string", READ_BACK),
        ("float", 5779.0),
        ("string", READ_BACK),
    ]
    assert [cell.value for cell in odd[5]] == ["plain", 12.25, READ_BACK]
    assert book.ranges["Awkward_table"] == (
        "'Odd ''quoted'' \"name\" & <more>'.A4:'Odd ''quoted'' \"name\" & <more>'.C7"
    )
    assert book.meta["title"] == READ_BACK
    assert book.meta["initial-creator"] == "Author <office>"
    content = parts["content.xml"].decode()
    assert "xlink:href=\"#'Odd ''quoted'' &quot;name&quot; &amp; &lt;more&gt;'.A1\"" in content
    chart = ElementTree.fromstring(parts["Object 1/content.xml"])
    title = chart.find(".//{*}chart/{*}title/{*}p")
    assert title is not None
    assert title.text == READ_BACK


def test_the_package_lists_every_part_and_stamps_each_alike() -> None:
    data = write_ods(awkward_workbook())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        manifest = ElementTree.fromstring(archive.read("META-INF/manifest.xml"))
        meta = ElementTree.fromstring(archive.read("meta.xml"))
    assert [entry.filename for entry in entries] == [
        "mimetype",
        "styles.xml",
        "content.xml",
        "settings.xml",
        "meta.xml",
        "Object 1/styles.xml",
        "Object 1/content.xml",
        "META-INF/manifest.xml",
    ]
    assert [entry.compress_type for entry in entries] == [zipfile.ZIP_STORED] + [
        zipfile.ZIP_DEFLATED
    ] * 7
    assert {entry.date_time for entry in entries} == {(1980, 1, 1, 0, 0, 0)}
    listed = {
        entry.attrib[f"{MANIFEST}full-path"]: entry.attrib[f"{MANIFEST}media-type"]
        for entry in manifest
    }
    assert listed == {
        "/": "application/vnd.oasis.opendocument.spreadsheet",
        "Object 1/": "application/vnd.oasis.opendocument.chart",
        **{entry.filename: "text/xml" for entry in entries[1:-1]},
    }
    assert meta.findtext(f"{OFFICE}meta/{META}generator") == f"measurekit/{__version__}"
