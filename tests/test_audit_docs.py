"""docs/audit.md shows real runs: its console blocks are what the audit prints today."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from measurekit.cli import main

DOC = Path(__file__).parents[1] / "docs" / "audit.md"
REFERENCE = Path(__file__).parent / "data" / "audit" / "cheshire-measures-statement-q1-2023-24.txt"


def console_runs(text: str) -> list[tuple[list[str], str]]:
    """Each ``$ measurekit audit ...`` command in the doc's console blocks, with its output."""
    runs = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        for command, output in re.findall(
            r"^\$ measurekit (audit [^\n]*)\n((?:[^$][^\n]*\n)*)", block, re.MULTILINE
        ):
            runs.append((command.split(), output))
    return runs


def test_the_docs_show_real_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = DOC.read_text(encoding="utf-8")
    corpus = re.search(r"```text\n(.*?)```", text, re.DOTALL)
    assert corpus is not None
    (tmp_path / "corpus.txt").write_text(corpus.group(1), encoding="utf-8")
    shutil.copy(REFERENCE, tmp_path / "cheshire.txt")
    monkeypatch.chdir(tmp_path)
    runs = [run for run in console_runs(text) if "ex/" not in " ".join(run[0])]
    assert len(runs) == 2
    statuses = [int(status) for status in re.findall(r"^\$ echo \$\?\n(\d)$", text, re.M)]
    assert statuses == [1, 0]
    for (argv, shown), status in zip(runs, statuses, strict=True):
        assert shown
        assert main(argv) == status
        assert capsys.readouterr().out == shown
