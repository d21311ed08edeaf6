"""The public API for plugins: ``measurekit.api``, and nothing else, is what the built-in
plugins import from measurekit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import measurekit.api

PLUGINS = Path(__file__).parents[1] / "plugins"


def measurekit_imports(path: Path) -> list[tuple[int, str]]:
    """Every import of a measurekit module in ``path`` (at any depth), with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            continue
        found += [
            (node.lineno, module)
            for module in modules
            if module == "measurekit" or module.startswith("measurekit.")
        ]
    return sorted(found)


def test_built_in_plugins_import_only_the_public_api() -> None:
    files = sorted(PLUGINS.rglob("*.py"))
    assert len(files) >= 14  # every module of every built-in plugin is looked at
    outside = [
        f"{path.relative_to(PLUGINS)}:{line}: {module}"
        for path in files
        for line, module in measurekit_imports(path)
        if module != "measurekit.api"
    ]
    assert outside == []


def test_the_check_sees_an_import_from_outside_the_api(tmp_path: Path) -> None:
    module = tmp_path / "plugin.py"
    module.write_text(
        "from measurekit.api import Measure\n"
        "def f():\n    from measurekit.sources.formats import matches\n"
        "import measurekit.build\n"
    )
    assert measurekit_imports(module) == [
        (1, "measurekit.api"),
        (3, "measurekit.sources.formats"),
        (4, "measurekit.build"),
    ]


def test_every_public_name_is_there() -> None:
    missing = [name for name in measurekit.api.__all__ if not hasattr(measurekit.api, name)]
    assert missing == []
    # The top-level package's names are all in the plugin API too.
    assert set(measurekit.__all__) - {"__version__"} <= set(measurekit.api.__all__)


def test_survey_statistics_are_there_for_any_plugin() -> None:
    # 42 of 56 satisfied: Wilson 95% interval 62.3% to 84.5% (worked by hand:
    # centre 0.73395, half-width 0.11088).
    interval = measurekit.api.wilson_interval(42, 56)
    assert (round(interval.lower * 100, 1), round(interval.upper * 100, 1)) == (62.3, 84.5)
    # 750 of 1,000 against 801 of 1,000: z = -2.733 by hand, significant at 5%.
    test = measurekit.api.two_proportion_test(750, 1000, 801, 1000)
    assert test.significant
    assert test.z == pytest.approx(-2.733, abs=1e-3)
