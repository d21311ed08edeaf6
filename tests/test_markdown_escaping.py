"""Text from data or the statement file is text in the Markdown output, never markup.

The Markdown is read back with markdown-it-py (a CommonMark parser) and its HTML checked:
no script element, no link, no heading but the statement's own, and the hostile text
still there to read, as text.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from measurekit.outputs.markdown import escape, escape_inline

from .helpers import RECORD_HEADER, records, write_csv
from .statement_builder import build, render

SCRIPT = "<script>alert(1)</script>"
LINK = "[click me](javascript:alert(1))"
HOSTILE = f"Testshire {SCRIPT} {LINK} *loud* `code` | pipe"


def html_of(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_escaped_text_reads_as_itself() -> None:
    for text in (SCRIPT, LINK, "# Owned", "1. first", "> quote", "- item", "a_b*c*", "[r]"):
        html = html_of(escape(text))
        assert "<script" not in html
        assert "<a " not in html
        assert not re.search(r"<(h\d|ol|ul|blockquote)", html), text
    # Shorthand in a table cell stays readable as it is.
    assert escape_inline("12[r]") == "12[r]"
    assert escape_inline("a|b") == r"a\|b"


def test_hostile_text_in_the_statement_file_and_data_is_not_markup(tmp_path: Path) -> None:
    data = tmp_path / "evil [x](javascript:alert(1)).csv"
    write_csv(data, RECORD_HEADER, records(("2022-08-01", "1", 2), ("2021-08-01", "1", 3)))
    statement = build(
        tmp_path / "s.toml",
        "[statement]\n"
        f"force = {HOSTILE!r}\n"
        "area = 'Testshire'\n"
        "period = '2023/24 Q1'\n"
        f"commissioner = {SCRIPT!r}\n"
        "notice = '''Constructed data.\n# Owned\n<img src=x onerror=alert(1)>'''\n"
        "[sources.crime]\nformat = 'records'\n"
        f"path = {data.name!r}\n"
        "[[sections]]\nmeasures = ['homicide', 'cyber_crime']\n"
        "[measures.cyber_crime]\napplicable = false\n"
        f"reason = '''Measured nationally.\n# Owned too\n{LINK}'''\n",
    )
    markdown = render(statement, ["markdown"])["markdown"]
    html = html_of(markdown)
    assert "<script" not in html
    assert "<img" not in html
    assert "<a " not in html
    assert "javascript:alert(1)" in html  # the text is there, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert re.findall(r"<h1>", html) == ["<h1>"]
    headings = re.findall(r"<h\d>(.*?)</h\d>", html)
    assert "Owned" not in " ".join(headings)
    assert not any(heading.startswith("Owned") for heading in headings)
    # The notice and the reason are each one paragraph, their line breaks now spaces.
    assert "Constructed data. # Owned &lt;img src=x onerror=alert(1)&gt;" in html
    assert "<em>" not in html
    assert "<code>" not in html
