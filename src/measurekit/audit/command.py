"""The ``measurekit audit FILE...`` command: its arguments, and running it.

Exit status, as ``grep`` and ``diff`` use theirs: 0 when no claim is wrong, 1 when any
is, 2 when the audit could not be done (a file missing or unreadable, or bad arguments),
so a script can tell a wrong statement from a failed audit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from measurekit.text_rules import terminal_safe

#: Exit statuses: no wrong claim, a wrong claim, the audit could not be done.
EXIT_RIGHT, EXIT_WRONG, EXIT_TROUBLE = 0, 1, 2


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add the ``audit`` sub-command to ``commands``."""
    audit = commands.add_parser(
        "audit",
        parents=[common],
        help="check the figures and quarter labels of any published statement",
        description="Check each claim a statement makes (a percentage change between two "
        "counts, a change in points between two percentages, a quarter label with its "
        "months) against its own numbers. Reads .txt, .md, .html, .docx and .pdf. Prints "
        "one line per wrong claim, FILE:LINE (a Word paragraph, a PDF page), then a "
        "summary. Exit status: 0 none wrong, 1 some wrong, 2 the audit could not be done.",
    )
    audit.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a statement to audit")
    audit.add_argument(
        "-f",
        "--format",
        dest="report_format",
        choices=("text", "json"),
        default="text",
        help="report as text (default) or as JSON (schema measurekit.audit/1)",
    )
    audit.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list every claim found, the right and the unreadable ones too",
    )


def run(arguments: argparse.Namespace) -> int:
    """Audit the files the arguments name, print the report, return the exit status."""
    # Loaded here, not above: building a statement need not load the audit.
    from measurekit.audit.auditing import audit_files
    from measurekit.audit.report import as_json, as_text

    report = audit_files(arguments.files)
    if arguments.report_format == "json":
        sys.stdout.write(as_json(report))
    else:
        # Passages quoted from the files may hold control characters: never send them raw.
        sys.stdout.write(terminal_safe(as_text(report, arguments.verbose), keep_newlines=True))
    return EXIT_WRONG if report.wrong else EXIT_RIGHT
