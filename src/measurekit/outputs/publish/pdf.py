"""The statement as a tagged PDF: the web page of :mod:`.page`, laid out by WeasyPrint.

WeasyPrint's ``pdf/ua-1`` variant tags the PDF (a structure tree, ``MarkInfo``), sets its
language from ``<html lang>``, its title from ``<title>`` shown as the window title
(``DisplayDocTitle``), makes bookmarks from the headings and embeds the fonts. The page's
print styles add page numbers. The creation date comes from ``SOURCE_DATE_EPOCH`` or the
statement (:func:`.page.document_date`), so the same statement gives the same bytes.
"""

from __future__ import annotations

import logging
from typing import Any

from measurekit.document.nodes import StatementDocument
from measurekit.document.renderers import NO_RENDERERS, SectionRenderers
from measurekit.outputs.publish.page import render_page


def data_only_fetcher() -> Any:
    """WeasyPrint's fetcher, allowed ``data:`` addresses only: the page is self-contained
    (styles and charts inline, the logo a ``data:`` URI), so nothing is ever fetched from
    the network or the disk."""
    from weasyprint import urls

    if hasattr(urls, "URLFetcher"):  # WeasyPrint 66 and later
        return urls.URLFetcher(allowed_protocols={"data"})

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # pragma: no cover - older
        if not url.startswith("data:"):
            raise ValueError(f"a statement page fetches nothing: {url}")
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetch


def render_pdf(document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS) -> bytes:
    """The PDF's bytes."""
    import weasyprint

    page = render_page(document, renderers, pdf=True)
    # The page's screen-only rules (media features, scrolling) are unknown to WeasyPrint,
    # which would warn about each on stderr; they do not apply to print.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        html = weasyprint.HTML(string=page, url_fetcher=data_only_fetcher(), base_url=None)
        data: bytes = html.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    finally:
        logger.setLevel(level)
    return data
