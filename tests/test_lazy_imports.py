"""Building a statement loads only what it uses: the audit's readers and patterns load
when ``measurekit audit`` runs (or a script imports them), not with the command line."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest


def printed_by(code: str) -> str:
    """What ``code`` prints, run in a fresh interpreter (so that nothing is loaded yet)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_command_line_does_not_load_the_audit() -> None:
    code = (
        "import sys, measurekit.cli.main, measurekit.cli.commands\n"
        "print(sorted(name for name in sys.modules if name.startswith('measurekit.audit.')))\n"
    )
    loaded = printed_by(code)
    assert loaded == "['measurekit.audit.command']"


def test_the_audit_names_still_load_when_asked_for() -> None:
    from measurekit import audit

    assert audit.Verdict.__module__ == "measurekit.audit.model"
    assert audit.audit_files.__module__ == "measurekit.audit.auditing"
    assert set(audit.__all__) == set(audit._EXPORTS)


def test_loading_every_plugin_leaves_out_what_only_some_runs_use() -> None:
    """Worker processes and readers of police.uk folders, the ONS workbook reader, the
    data-quality report and the many-forces runner load when a run uses them, not with the
    plugins."""
    optional = (
        "concurrent.futures",
        "ctypes",
        "multiprocessing",
        "measurekit_ons_pfa.edition",
        "measurekit_ons_pfa.source",
        "measurekit_police_uk.folder",
        "measurekit_police_uk.reading",
        "measurekit_police_uk.source",
        "measurekit.check.report",
        "measurekit.many.run",
        "measurekit.sources.sql.connection",
        "measurekit.sources.explanation",
    )
    code = (
        "import sys, measurekit.cli.main, measurekit.cli.commands\n"
        "from measurekit.plugins.manager import Plugins\n"
        "plugins = Plugins.load()\n"
        "assert 'ons_pfa' in {info.name for info in plugins.describe()}\n"
        f"print(sorted(name for name in {optional!r} if name in sys.modules))\n"
    )
    loaded = printed_by(code)
    assert loaded == "[]"


def loaded_by_example(folder: Path, formats: list[str], modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a fresh process loads building a copy of the example (with
    ``measurekit build``, as a user builds a statement of their own) into ``folder`` in
    ``formats``."""
    with resources.as_file(resources.files("measurekit.example")) as example:
        shutil.copytree(example, folder / "example", ignore=shutil.ignore_patterns("__*"))
    statement = str(folder / "example" / "cheshire-2023-24-q1.toml")
    chosen = [argument for name in formats for argument in ("-f", name)]
    code = (
        "import sys\n"
        "from measurekit.cli.main import main\n"
        f"assert main(['build', {statement!r}, '-o', {str(folder / 'out')!r}, *{chosen!r}]) == 0\n"
        f"print(sorted(name for name in {modules!r} if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded: list[str] = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return loaded


def test_writing_the_workbooks_leaves_out_the_network_modules(tmp_path: Path) -> None:
    """``xml.sax.saxutils`` imports ``urllib.request``, and with it ``http.client``,
    ``ssl`` and ``email``; the xlsx and ods writers quote XML themselves, so a build of
    the workbooks loads none of them."""
    network = ("xml.sax.saxutils", "urllib.request", "http.client", "ssl")
    assert loaded_by_example(tmp_path, ["xlsx", "ods"], network) == []


def test_the_word_file_and_the_pdf_leave_out_the_pages_templates_and_the_network(
    tmp_path: Path,
) -> None:
    """The Word file and the PDF take what they draw as the web page does from
    ``measurekit.outputs.publish.content``, so they do not load Jinja2 (the page's
    templates); and they quote XML themselves, as the workbooks do."""
    pytest.importorskip("docx", reason="python-docx comes with the docx extra")
    pytest.importorskip("typst", reason="Typst comes with the pdf extra")
    unused = ("jinja2", "xml.sax.saxutils", "urllib.request", "http.client", "ssl")
    assert loaded_by_example(tmp_path, ["docx", "pdf"], unused) == []


def test_a_json_build_leaves_out_what_only_other_commands_use(tmp_path: Path) -> None:
    """A build of the example in JSON reads two CSV files and writes one file: it loads
    neither what ``measurekit explain`` uses to list a figure's rows nor anything of the
    ``sql`` source format but the format itself; its plugins read their data files with
    ``pkgutil`` (not ``importlib.resources``, which imports ``zipfile`` and more), and no
    workbook is read, so ``zipfile`` stays out."""
    unused = (
        "importlib.resources",
        "zipfile",
        "measurekit.sources.explanation",
        "measurekit.explain.explaining",
        "measurekit.sources.sql.source",
        "measurekit.sources.sql.connection",
    )
    assert loaded_by_example(tmp_path, ["json"], unused) == []


def test_importing_measurekit_loads_nothing_else() -> None:
    script = (
        "import sys, measurekit\n"
        "print(sorted(name for name in sys.modules if name.startswith('measurekit')))\n"
        "print(measurekit.Figure.__module__, measurekit.hookimpl.project_name)\n"
    )
    output = printed_by(script).splitlines()
    assert output == [
        "['measurekit', 'measurekit.__about__', 'measurekit.lazy_exports']",
        "measurekit.model.statement measurekit",
    ]


def test_loading_the_plugins_does_not_import_importlib_metadata() -> None:
    code = (
        "import sys\n"
        "from measurekit.plugins.manager import Plugins\n"
        "plugins = Plugins.load()\n"
        "assert 'homicide' in plugins.measures\n"
        "print(sorted(m for m in ('importlib.metadata', 'email') if m in sys.modules))\n"
    )
    loaded = printed_by(code)
    assert loaded == "[]"
