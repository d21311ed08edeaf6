"""The plugin author's guide's complete plugin package (``examples/arson-plugin``), used as
its author would: built as a wheel, installed into a fresh virtual environment, found by
measurekit there, and used in a build; its own tests and ``mypy --strict`` pass.

The fresh environment sees this environment's packages (measurekit and its dependencies)
through a ``.pth`` file, so nothing is downloaded; the plugin itself is installed only from
its wheel, and pip checks its dependency on the ``pcc-measurekit`` distribution.
``.ci/package`` does the same with measurekit's own wheel from a clean install.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "arson-plugin"
GUIDE = ROOT / "docs" / "plugin-package.md"

# Arson under code 56 and its sub-codes, and criminal damage (58A), which is not arson.
RECORDS = """\
recorded_date,offence_code
2023-06-30,56A
2023-02-01,56B
2022-11-11,56B
2022-05-05,56
2021-01-01,58A
"""
STATEMENT = """\
[statement]
force = "Testshire Police"
period = "2023/24 Q1"

[sources.crime]
format = "records"
path = "crime.csv"
start = "2020-07"
end = "2023-06"

[[sections]]
measures = ["arson", "homicide"]
"""


def _run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Build the example's wheel and install it into a new virtual environment; return
    that environment's python and the copy of the example it was built from."""
    pytest.importorskip(
        "hatchling", reason="hatchling comes with the test extra: pip install -e '.[test]'"
    )
    work = tmp_path_factory.mktemp("plugin")
    source = work / "arson-plugin"
    shutil.copytree(
        EXAMPLE, source, ignore=shutil.ignore_patterns(".*", "__pycache__", "*.egg-info")
    )
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-w",
        work / "dist",
        source,
    )
    (wheel,) = (work / "dist").glob("*.whl")
    assert wheel.name == "pcc_measurekit_arson-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {
        "measurekit_arson/__init__.py",
        "measurekit_arson/offence_codes.toml",
        "measurekit_arson/py.typed",
    } <= names

    venv = work / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    site = Path(
        _run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        ).stdout.strip()
    )
    here = sysconfig.get_paths()["purelib"]
    (site / "_test_packages.pth").write_text(f"import site; site.addsitedir({here!r})\n")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-index", wheel)
    return python, source


def test_the_installed_plugin_is_listed_with_its_distribution(
    fresh_python: tuple[Path, Path],
) -> None:
    python, _ = fresh_python
    listed = _run(python, "-m", "measurekit", "plugins").stdout
    assert "arson (pcc-measurekit-arson 0.1.0)\n    measures: arson\n" in listed


def test_the_installed_plugin_counts_arson_in_a_build(
    fresh_python: tuple[Path, Path], tmp_path: Path
) -> None:
    python, _ = fresh_python
    (tmp_path / "crime.csv").write_text(RECORDS, encoding="utf-8")
    (tmp_path / "statement.toml").write_text(STATEMENT, encoding="utf-8")
    _run(python, "-m", "measurekit", "build", "statement.toml", "-f", "json", cwd=tmp_path)
    figures = json.loads((tmp_path / "output" / "statement.json").read_text())["figures"]
    arson = {f["role"]: f["value"] for f in figures if f["measure"] == "arson"}
    # July 2022 to June 2023: 56A, 56B, 56B; July 2021 to June 2022: 56; 58A is not arson.
    assert arson == {"current": 3, "previous_year": 1, "two_years_before": 0}


def test_the_plugins_own_tests_pass_where_it_is_installed(
    fresh_python: tuple[Path, Path],
) -> None:
    python, source = fresh_python
    result = _run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=source)
    assert "2 passed" in result.stdout


def test_the_plugin_passes_mypy_strict_against_the_installed_measurekit(
    fresh_python: tuple[Path, Path],
) -> None:
    pytest.importorskip("mypy", reason="mypy comes with the test extra: pip install -e '.[test]'")
    python, source = fresh_python
    result = _run(python, "-m", "mypy", "--no-incremental", cwd=source)
    assert "Success: no issues found in 2 source files" in result.stdout


def test_the_guide_shows_every_file_of_the_package_as_it_is() -> None:
    """docs/plugin-package.md quotes each file of the package whole, so the guide is the
    package that the tests above build."""
    guide = GUIDE.read_text(encoding="utf-8")
    blocks = {block.strip() for block in re.findall(r"```[a-z]*\n(.*?)```", guide, re.DOTALL)}
    files = sorted(
        path
        for path in EXAMPLE.rglob("*")
        if path.is_file()
        and path.suffix != ".typed"
        and not any(
            part.startswith(".") or part == "__pycache__" or part.endswith(".egg-info")
            for part in path.relative_to(EXAMPLE).parts
        )
    )
    assert {path.name for path in files} == {
        "pyproject.toml",
        "README.md",
        "__init__.py",
        "offence_codes.toml",
        "test_arson.py",
    }
    for path in files:
        text = path.read_text(encoding="utf-8").strip()
        if path.name == "README.md":
            assert path.relative_to(EXAMPLE).as_posix() in guide
            continue
        assert text in blocks, f"{path.relative_to(ROOT)} is not quoted whole in {GUIDE.name}"
