"""The national overview page of a many-forces run: ``index.html``.

It links every force's page and compares their current figures in one table per period
(:func:`measurekit.many.overview.comparison`): counts, survey percentages and rates per
1,000 population, as numbers only, with no grading and no colour. It shares the statement
page's frame and stylesheet, and its autoescaping.
"""

from __future__ import annotations

from collections.abc import Sequence

from measurekit.many.overview import OverviewPage, comparison
from measurekit.outputs.publish.content import read_logo
from measurekit.outputs.publish.page import (
    OVERVIEW_TEMPLATE,
    Ids,
    environment,
    render_template,
    stylesheet,
)

TITLE = "Police and Crime Measures: every force's statement"


def render_overview(pages: Sequence[OverviewPage], format_name: str = "html") -> str:
    """The overview page of ``pages``, linking each page's file in ``format_name``."""
    branding = pages[0].statement.info.branding if pages else None
    context = {
        "title": TITLE,
        "tables": comparison(pages),
        "format_name": format_name,
        "publisher": pages[0].statement.info.organisation if pages else None,
        "stylesheet": stylesheet(branding),
        "logo": read_logo(branding),
        "new_id": Ids(),
    }
    return render_template(environment(branding), OVERVIEW_TEMPLATE, context)
