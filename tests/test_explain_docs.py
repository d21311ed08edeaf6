"""docs/explain.md shows real runs: its console blocks are what explain prints today, on a
copy of the bundled example and on two ONS editions."""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path

import pytest

from measurekit.cli import main

from .ons_tables import DECEMBER_2018, DECEMBER_2019

DOC = Path(__file__).parents[1] / "docs" / "explain.md"


def console_runs(text: str) -> list[tuple[list[str], str, int]]:
    """Each ``$ measurekit explain ...`` in the doc's console blocks: its arguments, what
    it printed (stdout, then stderr) and its exit status (0 unless ``$ echo $?`` says)."""
    runs = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        for command, output, status in re.findall(
            r"^\$ measurekit (explain [^\n]*)\n((?:[^$][^\n]*\n)*)(?:\$ echo \$\?\n(\d+)\n)?",
            block,
            re.MULTILINE,
        ):
            runs.append((command.split(), output, int(status or 0)))
    return runs


def test_the_docs_show_real_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = DOC.read_text(encoding="utf-8")
    with resources.as_file(resources.files("measurekit.example")) as example:
        shutil.copy(example / "cheshire-2023-24-q1.toml", tmp_path)
        shutil.copytree(example / "data", tmp_path / "data")
        shutil.copytree(example / "narrative", tmp_path / "narrative")
    (tmp_path / "ons").mkdir()
    for edition in (DECEMBER_2018, DECEMBER_2019):
        shutil.copy(edition, tmp_path / "ons")
    london = re.search(r"```toml\n(.*?)```", text, re.DOTALL)
    assert london is not None
    (tmp_path / "london.toml").write_text(london.group(1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runs = console_runs(text)
    assert len(runs) == 6
    assert [status for _, _, status in runs] == [0, 0, 0, 0, 0, 1]
    for argv, shown, status in runs:
        assert main(argv) == status
        captured = capsys.readouterr()
        assert captured.out + captured.err == shown, argv
