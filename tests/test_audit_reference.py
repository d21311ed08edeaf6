"""The audit of a real published statement: Cheshire's for Quarter 1 2023/24.

The file is the text extracted from the published statement (see tests/data/audit/README.md),
stray HTML tags and all. Read by hand, it makes these claims; every one the audit finds is
asserted below, with why.

Checked, and right:

- line 21: "586 knife crime offences, a 12% increase on the 523 recorded in 2021/22".
  +63/523 = +12.046%, which rounds to 12 at the claim's precision (no decimals).
- line 28: "5779 overall 'neighbourhood' crimes, a 4.7% reduction on the 6067 recorded
  in the same period ending 2022". -288/6067 = -4.747%, which rounds to 4.7. (The counts
  are written without thousands separators; 5779 and 6067 cannot be years.)

Found, but not readable (counted, not checked):

- line 28: burglary "(-5.4%)", vehicle offences "(-6.9%)", robbery "(-2.2%)"; and line 31:
  theft from the person "(+9.5%)". Each is a signed change with no counts beside it, so
  there is nothing to check it against. (In measurekit's own example, built from the
  same published figures, they are 2,390 to 2,262, 2,860 to 2,664, 356 to 348 and 461 to
  505, and each rounds to its figure; but this statement does not give them.)

Not claims, and rightly not counted:

- line 10, "Q1 **2023/24**": a quarter label without months, nothing to check.
- line 13, "0 homicides, lower than the same period for 2021/22 (2) and than for 2020/21
  (9)": a comparison of counts with no percentage and no "from ... to ...".
- line 19, "18 offences ... This is a decrease on the 20 offences recorded with 2
  discharges in 2021/22 ...": no percentage; the direction is carried by "This is" across a
  sentence, which the audit does not read.
- line 38, "75% of DA victims surveyed were satisfied": a level, not a change.

So the statement has no wrong claim the audit can see: 2 checked, 0 wrong, 4 not readable,
and the audit exits 0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from measurekit.audit import ClaimKind, Verdict, audit_files
from measurekit.cli import main

REFERENCE = Path(__file__).parent / "data" / "audit" / "cheshire-measures-statement-q1-2023-24.txt"

EXPECTED = [
    (
        21,
        ClaimKind.COUNT_CHANGE,
        "586 knife crime offences, a 12% increase on the 523",
        Verdict.RIGHT,
    ),
    (
        28,
        ClaimKind.COUNT_CHANGE,
        "5779 overall 'neighbourhood' crimes, a 4.7% reduction on the 6067",
        Verdict.RIGHT,
    ),
    (28, ClaimKind.CHANGE, "(-5.4%)", Verdict.UNREADABLE),
    (28, ClaimKind.CHANGE, "(-6.9%)", Verdict.UNREADABLE),
    (28, ClaimKind.CHANGE, "(-2.2%)", Verdict.UNREADABLE),
    (31, ClaimKind.CHANGE, "(+9.5%)", Verdict.UNREADABLE),
]


def test_every_finding_in_the_reference_statement() -> None:
    report = audit_files([REFERENCE])
    (audit,) = report.files
    found = [
        (finding.position, finding.kind, finding.claim, finding.verdict)
        for finding in audit.findings
    ]
    assert found == EXPECTED
    assert (report.checked, report.wrong, report.unreadable) == (2, 0, 4)


def test_the_checked_claims_carry_their_figures() -> None:
    (audit,) = audit_files([REFERENCE]).files
    knife, neighbourhood = audit.findings[:2]
    assert (knife.figures["before"], knife.figures["after"]) == (523, 586)
    assert knife.figures["computed"] == pytest.approx(100 * 63 / 523)
    assert (neighbourhood.figures["before"], neighbourhood.figures["after"]) == (6067, 5779)
    assert neighbourhood.figures["computed"] == pytest.approx(-100 * 288 / 6067)


def test_the_reference_statement_from_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["audit", str(REFERENCE)]) == 0
    assert capsys.readouterr().out == "2 claims checked, 0 wrong, 4 found but not readable\n"
    assert main(["audit", "--format", "json", str(REFERENCE)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"] == {
        "files": 1,
        "checked": 2,
        "right": 2,
        "wrong": 0,
        "unreadable": 4,
    }


def test_a_wrong_quarter_label_in_the_reference_is_reported_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reference's own title, given the months another published statement got
    wrong: the audit reports it at line 10, and the rest of the file is unchanged."""
    lines = REFERENCE.read_text(encoding="utf-8").splitlines()
    assert lines[9].endswith("Q1 **2023/24**")
    lines[9] = (
        "Police and Crime Measures Quarterly Statement \u2013 Q4 23/24 (January \u2013 March 2023)"
    )
    changed = tmp_path / "changed.txt"
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["audit", str(changed)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f'{changed}:10: "Q4 23/24 (January \u2013 March 2023)": Quarter 4 2023/24 is January '
        "to March 2024, not January to March 2023",
        "3 claims checked, 1 wrong, 4 found but not readable",
    ]
