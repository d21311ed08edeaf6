"""The web page's structure, read back with an HTML parser: what WCAG asks of the markup
(language, landmarks, headings in order, tables with captions and header scopes, notes
linked both ways, every chart named and beside its numbers), escaping, self-containment,
and an office's own template, stylesheet and logo.

The browser's view of the page (axe-core, reflow, JavaScript off) is in
test_publish_browser.py.
"""

from __future__ import annotations

import base64
import itertools
import os
from pathlib import Path

import pytest

from measurekit.errors import MeasurekitError
from measurekit.model.statement import Branding
from measurekit.outputs.publish.page import render_page

from .publish_document import HOSTILE, sample_document

html = pytest.importorskip("lxml.html", reason="lxml comes with the docx extra")

#: A 1x1 PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def parse(text: str) -> html.HtmlElement:
    return html.document_fromstring(text)


@pytest.fixture(scope="module")
def page() -> html.HtmlElement:
    return parse(render_page(sample_document()))


def text_of(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_language_title_and_landmarks(page: html.HtmlElement) -> None:
    assert page.get("lang") == "en-GB"
    assert page.findtext(".//title").startswith("Police and Crime Measures: quarterly statement")
    assert len(page.findall(".//main")) == 1
    assert len(page.findall(".//body/header")) == 1
    assert len(page.findall(".//body/footer")) == 1
    skip = page.find(".//body/a")
    assert skip.get("href") == "#main-content"
    assert page.find(".//main").get("id") == "main-content"


def test_headings_are_in_order_with_one_h1(page: html.HtmlElement) -> None:
    levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels.count(1) == 1
    assert levels[0] == 1
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))
    headings = [text_of(h) for h in page.iter("h2", "h3")]
    assert headings == [
        "Contents",
        "Which measures apply here",
        "Measure: Reduce homicide",
        "Recorded crime levels",
        "Force response",
        "Ongoing focus",
        "Measure: Improve satisfaction",
        "Survey results",
        "Data sources",
        "Notes",
    ]


def test_every_table_has_a_caption_and_scoped_headers(page: html.HtmlElement) -> None:
    tables = page.findall(".//table")
    assert len(tables) == 4  # homicide figures, chart numbers, weapons, satisfaction
    for table in tables:
        assert text_of(table.find("caption"))
        for header in table.iter("th"):
            assert header.get("scope") in {"col", "row"}
        # A wide table scrolls inside a focusable, named region of its own.
        wrapper = table.getparent()
        assert wrapper.get("class").startswith("table-wrap")
        assert wrapper.get("tabindex") == "0"
        assert wrapper.get("aria-labelledby") == table.find("caption").get("id")


def test_figure_cells_are_the_hand_worked_values(page: html.HtmlElement) -> None:
    homicide, _, _, satisfaction = page.findall(".//table")
    rows = [[text_of(cell) for cell in row] for row in homicide.iter("tr")]
    assert rows[0] == [
        "Indicator",
        "Comparison",
        "Period",
        "Figure",
        "Change to current period (%)",
    ]
    assert rows[1][1:] == ["Current", "12 months to June 2023", "16", "[z]"]
    assert rows[2][1:] == ["Previous year", "12 months to June 2022", "28", "-42.9"]
    assert rows[3][1:] == ["Two years before", "12 months to June 2021", "5", "[u]"]
    survey = [[text_of(cell) for cell in row] for row in satisfaction.iter("tr")]
    assert survey[2][3:] == ["80.1%", "40", "65.0 to 89.6", "-5.1"]


def test_notes_are_linked_both_ways(page: html.HtmlElement) -> None:
    ids = {element.get("id") for element in page.iter() if element.get("id")}
    references = page.find_class("note-ref")
    assert references
    for reference in references:
        assert reference.get("href").removeprefix("#") in ids
    notes = page.findall(".//ol[@class='notes']/li")
    assert [note.get("id") for note in notes] == [f"note-{n}" for n in range(1, 6)]
    for note in notes:
        backs = [a.get("href").removeprefix("#") for a in note.iter("a")]
        assert backs, f"{note.get('id')} links back to nothing"
        assert all(back in ids for back in backs)
        number = note.get("id").removeprefix("note-")
        cited = [r.get("id") for r in references if r.get("href") == f"#note-{number}"]
        assert backs == cited


def test_every_chart_is_named_described_and_beside_its_numbers(page: html.HtmlElement) -> None:
    figures = page.findall(".//figure")
    assert len(figures) == 1
    figure = figures[0]
    svg = figure.find(".//svg")
    assert svg.get("role") == "img"
    title = page.get_element_by_id(svg.get("aria-labelledby"))
    assert text_of(title) == "Homicide offences each month, April to June 2023"
    assert text_of(page.get_element_by_id(svg.get("aria-describedby"))).startswith("Homicide")
    assert "lowest 2 in April 2023" in text_of(figure.find("figcaption"))
    numbers = figure.getnext().find("table")
    rows = [[text_of(cell) for cell in row] for row in numbers.iter("tr")]
    assert rows == [
        ["Month", "Homicide offences (number)"],
        ["April 2023", "2"],
        ["May 2023", "[x]"],
        ["June 2023", "1,234"],
    ]


def test_text_from_data_stays_text(page: html.HtmlElement) -> None:
    assert not page.findall(".//script")
    assert not page.findall(".//main//b")
    assert HOSTILE in text_of(page.find(".//main"))


def test_self_contained(page: html.HtmlElement) -> None:
    assert not page.findall(".//link")
    assert not page.findall(".//script")
    for element in page.iter():
        for attribute in ("src", "href"):
            value = element.get(attribute)
            if value is not None:
                assert value.startswith(("#", "data:")), value


def office_files(tmp_path: Path) -> Branding:
    template = tmp_path / "office.html"
    template.write_text(
        '{% extends "measurekit/statement.html" %}\n'
        "{% block publisher %}Testshire Office &amp; Co{% endblock %}\n"
        "{% block footer %}<p>Office footer: {{ document.info.force }}</p>{% endblock %}\n",
        encoding="utf-8",
    )
    css = tmp_path / "office.css"
    css.write_text(".masthead { border-bottom-color: #00703c; }\n", encoding="utf-8")
    logo = tmp_path / "logo.png"
    logo.write_bytes(PIXEL)
    return Branding(template, css, logo, "Testshire Office logo")


def test_an_office_template_stylesheet_and_logo(tmp_path: Path) -> None:
    page = parse(render_page(sample_document(office_files(tmp_path))))
    assert text_of(page.find_class("masthead-name")[0]) == "Testshire Office & Co"
    assert text_of(page.find(".//footer")) == "Office footer: Testshire Constabulary"
    style = page.find(".//style").text
    assert style.index("border-bottom-color: #00703c") > style.index(".masthead {")
    logo = page.find(".//header//img")
    assert logo.get("alt") == "Testshire Office logo"
    assert logo.get("src") == "data:image/png;base64," + base64.b64encode(PIXEL).decode()
    # The rest of the page is the built-in one.
    assert len(page.findall(".//table")) == 4


def test_templates_are_compiled_once_and_again_when_their_file_changes(tmp_path: Path) -> None:
    """Pages drawn in one process share their templates (the web page and the PDF's, a
    page per force), and an office's template edited between two pages is read again."""
    from measurekit.outputs.publish.page import environment

    branding = office_files(tmp_path)
    assert environment(branding) is environment(Branding(branding.template))
    assert environment(None) is environment(Branding(logo=branding.logo))
    assert environment(branding) is not environment(None)

    first = parse(render_page(sample_document(branding)))
    assert text_of(first.find(".//footer")) == "Office footer: Testshire Constabulary"
    assert branding.template is not None
    branding.template.write_text(
        '{% extends "measurekit/statement.html" %}\n'
        "{% block footer %}<p>Edited footer</p>{% endblock %}\n",
        encoding="utf-8",
    )
    later = os.stat(branding.template).st_mtime + 10  # a later time than the first file's
    os.utime(branding.template, (later, later))
    second = parse(render_page(sample_document(branding)))
    assert text_of(second.find(".//footer")) == "Edited footer"


def test_a_broken_office_template_names_its_file_and_line(tmp_path: Path) -> None:
    branding = office_files(tmp_path)
    assert branding.template is not None
    branding.template.write_text('{% extends "measurekit/statement.html" %}\n{% block x %}\n')
    with pytest.raises(MeasurekitError, match=r"office\.html, line 2: template error"):
        render_page(sample_document(branding))


def test_a_stylesheet_cannot_close_the_style_element(tmp_path: Path) -> None:
    branding = office_files(tmp_path)
    assert branding.stylesheet is not None
    branding.stylesheet.write_text("p {}</style><script>alert(1)</script>")
    with pytest.raises(MeasurekitError, match=r"office\.css: a stylesheet may not contain"):
        render_page(sample_document(branding))


def test_a_logo_or_stylesheet_too_large_or_not_a_file_is_refused(tmp_path: Path) -> None:
    """Both are read bounded (the logo is inlined in the page): 2 MiB of logo and 1 MiB of
    stylesheet at most, regular files only."""
    branding = office_files(tmp_path)
    assert branding.logo is not None
    assert branding.stylesheet is not None
    branding.logo.write_bytes(PIXEL + b"\0" * (2 * 1024 * 1024))
    with pytest.raises(MeasurekitError, match=r"logo\.png: a logo is larger than 2,097,152"):
        render_page(sample_document(branding))
    branding.logo.write_bytes(PIXEL)
    branding.stylesheet.write_text("p {}\n" * 300_000)
    with pytest.raises(MeasurekitError, match=r"larger than 1,048,576 bytes"):
        render_page(sample_document(branding))
    branding.stylesheet.unlink()
    os.mkfifo(branding.stylesheet)
    with pytest.raises(MeasurekitError, match=r"not a regular file"):
        render_page(sample_document(branding))


#: The first bytes of a JPEG file (the start-of-image marker, then a JFIF segment).
JPEG_START = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"


def test_a_logos_type_is_what_its_bytes_say_not_its_name(tmp_path: Path) -> None:
    branding = Branding(logo=tmp_path / "logo.png", logo_alt="Office")
    assert branding.logo is not None
    branding.logo.write_bytes(JPEG_START + b"rest of the picture")  # a JPEG saved as .png
    page = parse(render_page(sample_document(branding)))
    assert page.find(".//header//img").get("src").startswith("data:image/jpeg;base64,")
    branding.logo.write_bytes(b"GIF89a not a png")
    with pytest.raises(MeasurekitError, match=r"logo\.png: the logo is neither a PNG nor a JPEG"):
        render_page(sample_document(branding))


PUBLISHING = """
[sources.crime]
format = "records"
path = "crime.csv"

[[sections]]
measures = ["homicide"]

[publishing]
{keys}
"""


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ('logo = "missing.png"\nlogo_alt = "x"', "publishing.logo: 'missing.png' is not a file"),
        ('logo = "logo.png"', "publishing.logo_alt: a logo needs its text alternative"),
        ('logo = "crime.csv"\nlogo_alt = "x"', "publishing.logo: a logo must be a PNG or JPEG"),
        ('template = "nope.html"', "publishing.template: 'nope.html' is not a file"),
        ('colour = "red"', "publishing: unknown key colour"),
    ],
)
def test_publishing_keys_are_checked(
    statement_dir: object, tmp_path: Path, keys: str, message: str
) -> None:
    from measurekit.errors import StatementFileError
    from measurekit.plugins.manager import Plugins
    from measurekit.statement_file import load_statement

    from .helpers import RECORD_HEADER, write_csv

    write_csv(tmp_path / "crime.csv", RECORD_HEADER, [])
    (tmp_path / "logo.png").write_bytes(PIXEL)
    path = statement_dir(PUBLISHING.format(keys=keys))  # type: ignore[operator]
    with pytest.raises(StatementFileError, match=message):
        load_statement(path, Plugins.load())


def test_publishing_keys_reach_the_statement(statement_dir: object, tmp_path: Path) -> None:
    from measurekit.plugins.manager import Plugins
    from measurekit.statement_file import load_statement

    from .helpers import RECORD_HEADER, write_csv

    write_csv(tmp_path / "crime.csv", RECORD_HEADER, [])
    (tmp_path / "logo.png").write_bytes(PIXEL)
    keys = 'logo = "logo.png"\nlogo_alt = " The office "'
    plan = load_statement(statement_dir(PUBLISHING.format(keys=keys)), Plugins.load())  # type: ignore[operator]
    assert plan.info.branding == Branding(
        None, None, (tmp_path / "logo.png").resolve(), "The office"
    )


def test_a_plugins_section_renderer_wraps_the_default_drawing() -> None:
    from collections.abc import Callable
    from typing import Any

    from measurekit.document.nodes import MeasurePart
    from measurekit.document.renderers import SectionRenderer, SectionRenderers

    class Boxed(SectionRenderer):
        output_format = "html"
        measure = "homicide"

        def render(self, part: MeasurePart, default: Callable[[MeasurePart], Any]) -> Any:
            return f'<div class="boxed">{default(part)}</div>'

    page = parse(
        render_page(sample_document(), SectionRenderers.for_format("html", [("boxed", Boxed())]))
    )
    [boxed] = page.find_class("boxed")
    assert boxed.find_class("measure-part")[0].get("id") == "part-homicide"
    assert len(boxed.findall(".//table")) == 3  # the part's own tables, drawn by default
    assert not page.find_class("measure-part")[1].find_class("boxed")  # other parts as usual
