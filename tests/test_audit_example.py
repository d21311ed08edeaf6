"""The audit run on statements measurekit writes itself: the bundled example, as text and
as Markdown. measurekit's sentences follow from its figures by construction, so the audit
must find no wrong claim in them; every claim it checks must be right.

What it can and cannot read there, by hand from the example's text:

- checked: the quarter label "April to June 2023 (Quarter 1 2023/24)"; the knife crime,
  drug trafficking and neighbourhood crime sentences ("586 ...: an increase of 12.0% on
  the 523 ... and an increase of 17.9% on the 497"), the second change chained to the
  first with "and"; the four neighbourhood crime parts ("Residential burglary: 2,262, a
  reduction of 5.4% on the 2,390 ...").
- not readable: changes whose later figure is in the sentence before ("That is a
  reduction of 10.0% on the 20 ...", "Against the baseline, this is ..."), and the
  satisfaction changes ("That is 2.1 percentage points lower than the 75.6% ...").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from measurekit.audit import Verdict, audit_files
from measurekit.cli import main


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("example")
    assert main(["example", "-o", str(output), "-f", "text", "-f", "markdown"]) == 0
    return output


@pytest.mark.parametrize("suffix", ["txt", "md"])
def test_the_example_statement_has_no_wrong_claim(example: Path, suffix: str) -> None:
    (audit,) = audit_files([example / f"cheshire-2023-24-q1.{suffix}"]).files
    wrong = [finding for finding in audit.findings if finding.verdict == Verdict.WRONG]
    assert wrong == []
    right = [finding.claim for finding in audit.findings if finding.verdict == Verdict.RIGHT]
    # 1 quarter label + 3 headline sentences of 2 changes each + 4 neighbourhood parts
    assert len(right) == 11
    assert "April to June 2023 (Quarter 1 2023/24)" in right
    assert "an increase of 17.9% on the 497" in right
    assert "2,262, a reduction of 5.4% on the 2,390" in right
    unreadable = [f.claim for f in audit.findings if f.verdict == Verdict.UNREADABLE]
    # firearms: 3 changes after "That is"/"this is"; 3 baseline sentences; 2 satisfaction
    assert len(unreadable) == 8
    assert "2.1 percentage points lower" in unreadable


def test_the_example_from_the_command_line(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(example / "cheshire-2023-24-q1.txt"), str(example / "cheshire-2023-24-q1.md")]
    assert main(["audit", *files]) == 0
    assert capsys.readouterr().out == (
        "22 claims checked, 0 wrong, 16 found but not readable (2 files)\n"
    )
