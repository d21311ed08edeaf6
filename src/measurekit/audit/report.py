"""The audit's reports: text for people, JSON for programs.

**Text.** One line per wrong claim, ``FILE:N: "<the claim>": <what the numbers give>``
(N is a line, or a Word paragraph, or a PDF page), then one summary line. With
``verbose`` every claim is listed, each line saying its verdict.

**JSON** (schema ``measurekit.audit/1``)::

    {"schema": "measurekit.audit/1",
     "summary": {"files": 1, "checked": 3, "right": 2, "wrong": 1, "unreadable": 4},
     "files": [{"path": "statement.txt", "kind": "txt", "position": "line",
                "claims": [{"position": 3, "kind": "count_change",
                            "claim": "reduced by 8.1 per cent from 826 to 802",
                            "verdict": "wrong",
                            "detail": "826 to 802 is a reduction of 2.9%, not 8.1%",
                            "figures": {...}}]}]}

Every claim found is listed, whatever its verdict. ``kind`` is ``count_change``,
``percent_change``, ``direction``, ``quarter`` or ``change`` (a change whose figures
were not read); ``verdict`` is ``right``, ``wrong`` or ``unreadable``; ``detail`` is
empty for a right claim. ``figures`` holds what was read and worked out: for a change
``before``, ``after``, ``figures_unit`` (``count`` or ``percent``), ``claimed``,
``claimed_unit`` (``percent``, ``points`` or null), ``directions`` (the words and signs)
and ``computed`` (the exact change from the figures as written: a percentage for counts,
points for percentages); for a quarter ``quarter``, ``financial_year``, ``months`` (what
the quarter is) and ``claimed_months``. Unread claims have no figures.
"""

from __future__ import annotations

import json
from typing import Any

from measurekit.audit.model import AuditReport, Verdict

SCHEMA = "measurekit.audit/1"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary_line(report: AuditReport) -> str:
    """ "12 claims checked, 1 wrong, 4 found but not readable (2 files)"."""
    files = f" ({_plural(len(report.files), 'file')})" if len(report.files) != 1 else ""
    return (
        f"{_plural(report.checked, 'claim')} checked, {report.wrong} wrong, "
        f"{report.unreadable} found but not readable{files}"
    )


def as_text(report: AuditReport, verbose: bool = False) -> str:
    """The report for people: the wrong claims (or, ``verbose``, every claim), then the
    summary line."""
    lines = []
    for audit in report.files:
        for finding in audit.findings:
            where = f'{audit.path}:{finding.position}: "{finding.claim}"'
            if finding.verdict == Verdict.WRONG:
                lines.append(f"{where}: {finding.detail}")
            elif verbose and finding.verdict == Verdict.RIGHT:
                lines.append(f"{where}: right")
            elif verbose:
                lines.append(f"{where}: not readable: {finding.detail}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def as_json(report: AuditReport) -> str:
    """The report for programs, as described in this module's docstring."""
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "summary": {
            "files": len(report.files),
            "checked": report.checked,
            "right": report.count(Verdict.RIGHT),
            "wrong": report.wrong,
            "unreadable": report.unreadable,
        },
        "files": [
            {
                "path": audit.path,
                "kind": audit.kind,
                "position": str(audit.position_kind),
                "claims": [
                    {
                        "position": finding.position,
                        "kind": str(finding.kind),
                        "claim": finding.claim,
                        "verdict": str(finding.verdict),
                        "detail": finding.detail,
                        "figures": finding.figures,
                    }
                    for finding in audit.findings
                ],
            }
            for audit in report.files
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
