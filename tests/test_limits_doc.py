"""docs/limits.md states the limits the code applies."""

from __future__ import annotations

from pathlib import Path

from measurekit import limits

PAGE = Path(__file__).parents[1] / "docs" / "limits.md"


def test_the_page_states_each_limit_as_the_code_sets_it() -> None:
    text = " ".join(PAGE.read_text(encoding="utf-8").split())
    assert limits.MAX_STATEMENT_BYTES == limits.MAX_NARRATIVE_BYTES == 1 << 20
    assert "A statement file may be at most 1 MiB, a narrative file at most 1 MiB" in text
    assert limits.MAX_LINE_BYTES == 1 << 20
    assert f"may hold at most {limits.MAX_LINE_BYTES:,} characters besides its line ending" in text
    assert limits.MAX_XLSX_UNPACKED_BYTES == 1 << 30
    assert "unpack to more than 1 GiB" in text
    assert f"at most {limits.MAX_STATEMENT_DEPTH} deep" in text
    assert limits.MAX_AUDITED_BYTES == 64 << 20
    assert "published statements of at most 64 MiB" in text
    assert f"at most {limits.MAX_CELL_CHARS:,} characters" in text
    assert f"from 0 to {limits.MAX_COUNT:,}" in text
    assert 12 * limits.MAX_COUNT * 750 < 2**53  # "sums of thousands of such counts"
    assert f"is 1 to {limits.MAX_MONTHS}" in text
    assert f"the years {limits.FIRST_YEAR} to {limits.LAST_YEAR}" in text
    assert f"cut to {limits.MAX_EXCERPT_CHARS} characters" in text


def test_the_readme_links_the_page() -> None:
    readme = (PAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    assert "(docs/limits.md)" in readme
