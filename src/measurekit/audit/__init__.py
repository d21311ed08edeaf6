"""Audit a published statement: find the claims its sentences make and check each one.

``measurekit audit FILE...`` reads a statement however it was made (plain text, Markdown,
HTML, Word ``.docx`` or PDF) and checks three kinds of claim against their own numbers:

- a change between two counts, given as a percentage ("a reduction of 42.9% on the 28"):
  the percentage, at the precision it is written with, and its direction word;
- a change between two percentages, given in percentage points ("5.1 points lower than
  80.1%"): the difference and its direction;
- a financial quarter with its months ("Q4 2023/24 (January to March 2024)"): the months
  and the calendar year of each.

Precision comes first: a claim whose figures cannot be read with confidence is counted as
found but not readable, never reported as wrong. The parts, each with one job:

- :mod:`~measurekit.audit.readers`: each file kind into numbered passages of text
  (a line of a text, Markdown or HTML file, a paragraph of a Word file, a page of a PDF);
- :mod:`~measurekit.audit.masking` and :mod:`~measurekit.audit.sentences`: keep dates and
  periods from being read as counts, and split passages into sentences;
- :mod:`~measurekit.audit.finding` (changes) and :mod:`~measurekit.audit.quarters`
  (quarter labels): what each sentence claims;
- :mod:`~measurekit.audit.checking`: the verdict on each claim;
- :mod:`~measurekit.audit.report`: the text and JSON reports;
- :mod:`~measurekit.audit.command`: the ``audit`` command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from measurekit.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from measurekit.audit.auditing import audit_document, audit_files
    from measurekit.audit.model import AuditReport, ClaimKind, FileAudit, Finding, Verdict

#: Where each name below is defined: loaded when first used, so that the ``measurekit``
#: command (which imports :mod:`~measurekit.audit.command` for its arguments) does not
#: load the audit's readers and patterns to build a statement.
_EXPORTS = {
    "AuditReport": "measurekit.audit.model",
    "ClaimKind": "measurekit.audit.model",
    "FileAudit": "measurekit.audit.model",
    "Finding": "measurekit.audit.model",
    "Verdict": "measurekit.audit.model",
    "audit_document": "measurekit.audit.auditing",
    "audit_files": "measurekit.audit.auditing",
}


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)


__all__ = [
    "AuditReport",
    "ClaimKind",
    "FileAudit",
    "Finding",
    "Verdict",
    "audit_document",
    "audit_files",
]
