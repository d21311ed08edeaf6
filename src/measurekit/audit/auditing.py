"""Audit documents: read each file, find the claims in every sentence, check each one.

This is the whole audit as a library call; :mod:`~measurekit.audit.command` only adds the
command line around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from measurekit.audit.checking import check
from measurekit.audit.claims import Claim
from measurekit.audit.finding import find_changes
from measurekit.audit.masking import mask
from measurekit.audit.model import AuditReport, Document, FileAudit, Finding, Passage
from measurekit.audit.quarters import find_quarters
from measurekit.audit.readers import read_statement
from measurekit.audit.sentences import sentence_spans


def passage_claims(passage: Passage) -> Iterator[Claim]:
    """Every claim in ``passage``, in the order they start."""
    masked = mask(passage.text)
    claims: list[Claim] = []
    for start, end in sentence_spans(masked):
        sentence = passage.text[start:end]
        claims.extend(find_quarters(sentence, start))
        claims.extend(find_changes(sentence, masked[start:end], start))
    yield from sorted(claims, key=lambda claim: claim.offset)


def audit_document(document: Document) -> FileAudit:
    """The findings in one document read by :func:`~measurekit.audit.readers.read_statement`."""
    findings = []
    for passage in document.passages:
        for claim in passage_claims(passage):
            kind, verdict, detail, figures = check(claim)
            findings.append(
                Finding(
                    passage.position_at(claim.offset), kind, claim.text, verdict, detail, figures
                )
            )
    return FileAudit(document.path, document.kind, document.position_kind, tuple(findings))


def audit_files(paths: Iterable[Path]) -> AuditReport:
    """Audit every file in ``paths``. Every file is read before any is audited, so a file
    that cannot be read stops the audit with its error and nothing is reported."""
    documents = [read_statement(path) for path in paths]
    return AuditReport(tuple(audit_document(document) for document in documents))
