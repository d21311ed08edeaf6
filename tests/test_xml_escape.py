"""measurekit's XML escaping is the standard library's, character for character."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given
from hypothesis import strategies as st

from measurekit.outputs import xml_escape

TEXTS = [
    "plain",
    'say "hi"',
    "it's",
    "both \" and '",
    "a & b < c > d",
    "&amp; is already escaped once",
    "line\nfeed\r\ttab",
    "]]> ends a CDATA section",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_element_text_is_escaped_as_saxutils_escapes_it(text: str) -> None:
    assert xml_escape.escape(text) == escape(text)


@pytest.mark.parametrize("text", TEXTS)
def test_attributes_are_quoted_as_saxutils_quotes_them(text: str) -> None:
    assert xml_escape.quoted_attribute(text) == quoteattr(text)


@given(st.text())
def test_any_text_is_escaped_and_quoted_as_saxutils_does_it(text: str) -> None:
    assert xml_escape.escape(text) == escape(text)
    assert xml_escape.quoted_attribute(text) == quoteattr(text)
