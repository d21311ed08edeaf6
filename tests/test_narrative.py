"""Authored narrative files: two headings, paragraphs and bullet lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from measurekit.errors import InputError
from measurekit.model.statement import BulletList, Paragraph
from measurekit.narrative import parse_narrative, read_narrative

TEXT = """\
## Force response

First paragraph, which runs
over two lines.

- one point
- another point that
  continues here
* a third

Closing paragraph.

# Ongoing focus

Keep going.
"""


def test_paragraphs_and_lists_under_each_heading() -> None:
    narrative = parse_narrative(TEXT)
    assert narrative.force_response == (
        Paragraph("First paragraph, which runs over two lines."),
        BulletList(("one point", "another point that continues here", "a third")),
        Paragraph("Closing paragraph."),
    )
    assert narrative.ongoing_focus == (Paragraph("Keep going."),)


def test_headings_are_matched_without_regard_to_case() -> None:
    narrative = parse_narrative("### FORCE RESPONSE:\nText.\n")
    assert narrative.force_response == (Paragraph("Text."),)
    assert narrative.ongoing_focus == ()


@pytest.mark.parametrize(
    ("text", "line", "complaint"),
    [
        ("Stray text\n## Force response\n", 1, "text before the first heading"),
        ("## Force response\nA\n## Next steps\nB\n", 3, "unknown heading 'Next steps'"),
        ("## Ongoing focus\nA\n## Ongoing focus\n", 3, "appears twice"),
    ],
)
def test_unknown_structure_is_an_error_with_its_line(text: str, line: int, complaint: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_narrative(text, "n.md")
    assert str(caught.value).startswith(f"n.md, line {line}: ")
    assert complaint in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="narrative file not found"):
        read_narrative(tmp_path / "absent.md")
