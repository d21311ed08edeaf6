"""The national overview of a many-forces run, checked against ONS's own tables read
independently (:mod:`tests.ons_tables`): one row per force, linking its page, with its
current counts and its rate per 1,000 population from P3's population."""

from __future__ import annotations

from pathlib import Path

import pytest

from measurekit.many.run import slug

from .ons_tables import JUNE_2019, P1_P2_COLUMNS, P3_COLUMNS, ons_table

html = pytest.importorskip("lxml.html", reason="lxml comes with the docx extra")

PARTS = ("burglary", "vehicle_offences", "robbery", "theft_from_person")


def cells(row: html.HtmlElement) -> list[str]:
    return [" ".join(cell.text_content().split()) for cell in row]


def test_index_links_every_force_and_compares_their_current_figures(national_html: Path) -> None:
    page = html.document_fromstring((national_html / "index.html").read_text(encoding="utf-8"))
    assert page.get("lang") == "en-GB"
    [table] = page.findall(".//table")
    assert "12 months to June 2019" in " ".join(table.find("caption").text_content().split())
    headings = cells(table.find("thead/tr"))
    assert headings[0] == "Force"
    homicide = headings.index("Homicide offences (number)")
    rate = headings.index("Neighbourhood crime (total) per 1,000 population")
    total = headings.index("Neighbourhood crime (total) (number)")
    rows = {cells(row)[0]: (row, cells(row)) for row in table.findall("tbody/tr")}
    p1, _ = ons_table(JUNE_2019, "Table P1", P1_P2_COLUMNS)
    p3, _ = ons_table(JUNE_2019, "Table P3", P3_COLUMNS)
    assert len(rows) == len(p1) == 43
    for code, ons in p1.items():
        name = str(ons["name"]).rstrip("0123456789, ")
        row, text = rows[name]
        link = row.find("th/a")
        assert link.get("href") == f"national-{slug(name)}.html"
        assert (national_html / link.get("href")).is_file()
        assert text[homicide] == f"{ons['homicide']:,}"
        neighbourhood = sum(ons[part] for part in PARTS)
        assert text[total] == f"{neighbourhood:,}"
        if p3[code]["burglary"] == "+":  # City of London: ONS gives no rate
            assert text[rate] == "[x]"
        else:
            expected = neighbourhood / p3[code]["population"] * 1000
            assert abs(float(text[rate]) - expected) <= 0.05, (code, text[rate], expected)
    # No grading: numbers only, no colour or icon carries a meaning.
    assert not page.findall(".//img")
    assert not [e for e in page.iter() if e.get("style")]
