"""A plugin is type-checked against measurekit as installed: ``mypy --strict`` passes on the
README's plugin example, as it would for a plugin author (measurekit ships ``py.typed``)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).parents[1] / "README.md"


def _plugin_example() -> str:
    return next(
        block
        for block in re.findall(r"```python\n(.*?)```", README.read_text(), re.DOTALL)
        if "class Arson" in block
    )


def run_mypy_strict(folder: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` on ``targets`` in ``folder``, with this interpreter's packages and
    no project configuration (as in a plugin author's own folder)."""
    pytest.importorskip("mypy", reason="mypy comes with the test extra: pip install -e '.[test]'")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--config-file",
            str(folder / "mypy.ini"),
            *targets,
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_readme_plugin_example_passes_mypy_strict(tmp_path: Path) -> None:
    (tmp_path / "arson_measure.py").write_text(_plugin_example(), encoding="utf-8")
    (tmp_path / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
    result = run_mypy_strict(tmp_path, "arson_measure.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found in 1 source file" in result.stdout


def test_mypy_strict_catches_a_wrong_type_in_a_plugin(tmp_path: Path) -> None:
    """The check above has teeth: measurekit's types reach the plugin, so a measure whose
    ``record_filter`` returns the wrong type fails."""
    wrong = _plugin_example().replace(
        'return RecordFilter(offence_codes=frozenset({"56*"}))', 'return "56*"'
    )
    assert wrong != _plugin_example()
    (tmp_path / "arson_measure.py").write_text(wrong, encoding="utf-8")
    (tmp_path / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
    result = run_mypy_strict(tmp_path, "arson_measure.py")
    assert result.returncode == 1
    assert 'Incompatible return value type (got "str", expected "RecordFilter")' in result.stdout
