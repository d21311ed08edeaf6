"""The example's web page and the national overview in a real browser: axe-core finds no
WCAG 2.0, 2.1 or 2.2 A or AA violation at 1280 and 320 pixels wide, the page never scrolls
sideways at 320, nothing outside the file is requested, and every chart and table shows
with JavaScript off.

Needs Chromium, Playwright and npm's axe-core (see tests/browser.py); skips without them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .browser import axe, axe_violations, browser, open_page, sideways_overflow

__all__ = ["axe", "browser"]  # fixtures, used by name

WIDTHS = (1280, 320)


def pages(example_html: Path, national_html: Path) -> dict[str, Path]:
    return {"example": example_html, "index": national_html / "index.html"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("which", ["example", "index"])
def test_no_wcag_violations_and_no_sideways_scroll(
    browser: Any, axe: Path, example_html: Path, national_html: Path, which: str, width: int
) -> None:
    path = pages(example_html, national_html)[which]
    page = open_page(browser, path, width)
    try:
        violations = axe_violations(page, axe)
        assert violations == [], violations
        assert sideways_overflow(page) == 0
        assert page.refused == []
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_figure_shows_with_javascript_off(
    browser: Any, example_html: Path, width: int
) -> None:
    page = open_page(browser, example_html, width, javascript=False)
    try:
        charts = page.locator("svg.chart")
        tables = page.locator("table")
        # The example has a chart per monthly series and a table per measure with figures.
        assert charts.count() >= 3
        assert tables.count() >= charts.count() + 4
        for index in range(charts.count()):
            chart = charts.nth(index)
            chart.scroll_into_view_if_needed()
            box = chart.bounding_box()
            assert box is not None
            assert box["width"] > 250
            assert box["height"] > 140
            assert chart.is_visible()
        for index in range(tables.count()):
            assert tables.nth(index).is_visible()
        # Every figure cell of the page is rendered text a reader can see.
        figures = page.locator("table.figures td.num")
        assert figures.count() > 20
        for index in range(figures.count()):
            assert figures.nth(index).inner_text().strip()
        assert sideways_overflow(page) == 0
    finally:
        page.context.close()
