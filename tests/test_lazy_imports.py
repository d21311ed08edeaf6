"""Building a statement loads only what it uses: the audit's readers and patterns load
when ``measurekit audit`` runs (or a script imports them), not with the command line."""

from __future__ import annotations

import subprocess
import sys


def test_the_command_line_does_not_load_the_audit() -> None:
    code = (
        "import sys, measurekit.cli.main, measurekit.cli.commands\n"
        "print(sorted(name for name in sys.modules if name.startswith('measurekit.audit.')))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "['measurekit.audit.command']"


def test_the_audit_names_still_load_when_asked_for() -> None:
    from measurekit import audit

    assert audit.Verdict.__module__ == "measurekit.audit.model"
    assert audit.audit_files.__module__ == "measurekit.audit.auditing"
    assert set(audit.__all__) == set(audit._EXPORTS)
