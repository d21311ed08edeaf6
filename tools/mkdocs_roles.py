"""An mkdocs hook: show the docstrings' Sphinx roles as plain code in the API reference.

measurekit's docstrings name other objects as Sphinx does (``:class:`~measurekit.Measure```);
mkdocstrings renders the role's name as text (``:class:Measure``). This drops the role and,
as Sphinx does for a name starting with ``~``, keeps only the last part of a dotted name.
"""

from __future__ import annotations

import re
from typing import Any

ROLE = re.compile(r":(?:class|meth|func|attr|data|mod|exc|obj|const):<code>(~?)([^<]*)</code>")


def _plain(match: re.Match[str]) -> str:
    tilde, name = match.groups()
    return f"<code>{name.rsplit('.', 1)[-1] if tilde else name}</code>"


def on_page_content(html: str, **kwargs: Any) -> str:
    """Called by mkdocs with each page's HTML."""
    return ROLE.sub(_plain, html)
