"""Plugins that misbehave are named: one guard for every call into a plugin.

Each third-party plugin here is installed as pip would install it (a module and a
``.dist-info`` folder with an entry point), then the real command line runs. Every case
must end as one line on stderr naming the plugin, exit 1, no traceback, and leave the
output folder as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from measurekit.cli.main import main
from measurekit.errors import PluginError
from measurekit.plugins.manager import Plugins

from .helpers import RECORD_HEADER, records, write_csv
from .hostile import one_line

#: The start of every third-party module below.
PREAMBLE = """
import sys
from measurekit import (
    Indicator, Measure, MeasureContext, MeasureResult, MeasurekitError, OutputFormat,
    Paragraph, RecordFilter, SectionRenderer, Source, SourceFormat, hookimpl,
)

ARSON = Indicator("arson", "Arson offences", "arson offence", "arson offences")


class Arson(Measure):
    id = "arson"
    title = "Reduce arson"
    indicators = (ARSON,)

    def record_filter(self, indicator_id):
        return RecordFilter(offence_codes=frozenset({"56"}))

    def compute(self, context):
        figures = self.count_figures(context, ARSON)
        return self.result(context, figures, [Paragraph("Arson.")])
"""

Install = Callable[..., Path]


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Install]:
    """``install(body, name="rogue", module="rogue_plugin", dist="rogue-plugin")``: put a
    third-party plugin on ``sys.path`` with an entry point ``name`` in group measurekit."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    modules: list[str] = []

    def make(
        body: str, name: str = "rogue", module: str = "rogue_plugin", dist: str = "rogue-plugin"
    ) -> Path:
        (site / f"{module}.py").write_text(PREAMBLE + textwrap.dedent(body), encoding="utf-8")
        info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(
            f"[measurekit]\n{name} = {module}\n", encoding="utf-8"
        )
        modules.append(module)
        return site

    yield make
    for module in modules:
        sys.modules.pop(module, None)


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A homicide statement over a small records file, and an output folder already
    holding an earlier build's text file, which no failed run may touch."""
    write_csv(
        tmp_path / "crime.csv",
        RECORD_HEADER,
        records(("2022-08-01", "1", 2), ("2023-06-30", "56", 1), ("2021-07-01", "1", 1)),
    )
    statement = tmp_path / "statement.toml"
    statement.write_text(
        '[statement]\nforce = "Testshire Police"\nperiod = "2023/24 Q1"\n'
        '[sources.crime]\nformat = "records"\npath = "crime.csv"\n'
        '[[sections]]\nmeasures = ["homicide"]\n',
        encoding="utf-8",
    )
    output = tmp_path / "out"
    output.mkdir()
    (output / "statement.txt").write_text("an earlier statement\n", encoding="utf-8")
    return statement, output


def untouched(output: Path) -> None:
    """The output folder holds only the earlier file, unchanged."""
    assert [path.name for path in output.iterdir()] == ["statement.txt"]
    assert (output / "statement.txt").read_text(encoding="utf-8") == "an earlier statement\n"


def build_fails(built: tuple[Path, Path], capsys: pytest.CaptureFixture[str], *more: str) -> str:
    statement, output = built
    status = main(["build", str(statement), "-o", str(output), "-f", "text", *more])
    captured = capsys.readouterr()
    assert status == 1, captured
    untouched(output)
    return one_line(captured.err)


# --- what a register hook returns ----------------------------------------------------------


@pytest.mark.parametrize(
    ("returned", "described"),
    [
        ('"homicide"', "returned 'homicide' (str), not a list of Measure"),
        ("5", "returned 5 (int), not a list of Measure"),
        ("[object()]", "returned a list whose item 1 is <object object at"),
        ('{"arson": Arson()}', "returned {'arson': <rogue_plugin.Arson object"),
        ("(m for m in [Arson()])", "returned <generator object"),
        ("[Arson(), 'arson']", "returned a list whose item 2 is 'arson' (str), not Measure"),
    ],
)
def test_a_register_hook_returning_the_wrong_type_is_named(
    returned: str,
    described: str,
    install: Install,
    built: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    install(f"\n@hookimpl\ndef register_measures():\n    return {returned}\n")
    line = build_fails(built, capsys)
    assert line.startswith("measurekit: error: plugin 'rogue' (in hook register_measures): ")
    assert described in line


@pytest.mark.parametrize(
    ("hook", "returned", "described"),
    [
        ("register_source_formats", "[Arson()]", "item 1 is <rogue_plugin.Arson"),
        ("register_output_formats", '"text"', "returned 'text' (str), not a list of OutputFormat"),
        ("register_section_renderers", "[None]", "item 1 is None (NoneType), not SectionRenderer"),
    ],
)
def test_every_register_hook_checks_its_items(
    hook: str,
    returned: str,
    described: str,
    install: Install,
    built: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    install(f"\n@hookimpl\ndef {hook}():\n    return {returned}\n")
    line = build_fails(built, capsys)
    assert f"plugin 'rogue' (in hook {hook}): " in line
    assert described in line


@pytest.mark.parametrize(
    ("measure_id", "shown"),
    [("", "''"), ("arson crime", "'arson crime'"), ("../arson", "'../arson'"), ("7" * 65, "'777")],
)
def test_a_measure_id_that_is_not_a_plain_name_is_refused(
    measure_id: str,
    shown: str,
    install: Install,
    built: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    install(
        f"""
class Odd(Arson):
    id = {measure_id!r}

@hookimpl
def register_measures():
    return [Odd()]
"""
    )
    line = build_fails(built, capsys)
    assert f"plugin 'rogue' (in hook register_measures): a measure is named {shown}" in line


def test_a_misspelt_hook_is_an_error_naming_plugin_and_the_hook_meant(
    install: Install, built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    install("\n@hookimpl\ndef register_measure():\n    return [Arson()]\n")
    line = build_fails(built, capsys)
    assert line == (
        "measurekit: error: plugin 'rogue': implements 'register_measure', which is no "
        "measurekit hook; did you mean 'register_measures'?"
    )


def test_an_optional_hook_for_another_program_is_allowed(install: Install) -> None:
    install("\n@hookimpl(optionalhook=True)\ndef some_other_programs_hook():\n    return 1\n")
    plugins = Plugins.load()
    assert "rogue" in [info.name for info in plugins.describe()]


# --- errors inside a plugin ---------------------------------------------------------------


MEASURE_RETURNING = """
class Rogue(Arson):
    def compute(self, context):
        {body}

@hookimpl
def register_measures():
    return [Rogue()]
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            'return "a statement"',
            "plugin 'rogue': measure 'arson' returned 'a statement' (str), not MeasureResult",
        ),
        ("return None", "plugin 'rogue': measure 'arson' returned None (NoneType), not "),
        (
            "sys.exit(3)",
            "plugin 'rogue': measure 'arson' failed: SystemExit: tried to stop measurekit "
            "(exit code 3)",
        ),
        (
            'raise SystemExit("giving up")',
            "plugin 'rogue': measure 'arson' failed: SystemExit: tried to stop measurekit "
            "(exit code 'giving up')",
        ),
        (
            'raise MeasurekitError("the arson register is closed")',
            "plugin 'rogue': measure 'arson': the arson register is closed",
        ),
    ],
)
def test_a_measure_that_misbehaves_is_named(
    body: str,
    expected: str,
    install: Install,
    built: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    install(MEASURE_RETURNING.format(body=body))
    statement, _ = built
    statement.write_text(
        statement.read_text(encoding="utf-8").replace('["homicide"]', '["arson", "homicide"]'),
        encoding="utf-8",
    )
    line = build_fails(built, capsys)
    assert expected in line


def test_a_result_for_another_measure_is_refused(
    install: Install, built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    install(
        """
import attrs

class Rogue(Arson):
    def compute(self, context):
        return attrs.evolve(super().compute(context), measure_id="homicide")

@hookimpl
def register_measures():
    return [Rogue()]
"""
    )
    statement, _ = built
    statement.write_text(
        statement.read_text(encoding="utf-8").replace('["homicide"]', '["arson"]'),
        encoding="utf-8",
    )
    line = build_fails(built, capsys)
    assert line == (
        "measurekit: error: plugin 'rogue': measure 'arson' returned the result of measure "
        "'homicide' (str)"
    )


def test_an_output_format_whose_render_returns_none_is_named(
    install: Install, built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    install(
        """
class Blank(OutputFormat):
    name = "blank"
    extension = ".blank"

    def render(self, document, renderers):
        return None

@hookimpl
def register_output_formats():
    return [Blank()]
"""
    )
    line = build_fails(built, capsys, "-f", "blank")
    assert line == (
        "measurekit: error: plugin 'rogue': output format 'blank' returned None (NoneType), "
        "not bytes"
    )


def test_a_source_format_returning_no_source_is_named_by_build_and_check(
    install: Install,
    built: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    install(
        """
class Hollow(SourceFormat):
    name = "hollow"

    def open(self, spec):
        return "no source here"

@hookimpl
def register_source_formats():
    return [Hollow()]
"""
    )
    statement, _ = built
    statement.write_text(
        statement.read_text(encoding="utf-8").replace('"records"', '"hollow"'), encoding="utf-8"
    )
    line = build_fails(built, capsys)
    expected = "plugin 'rogue': source format 'hollow' returned 'no source here' (str), not Source"
    assert line == f"measurekit: error: {expected}"
    # check goes through the same guard (inspect defaults to open) and reports the source
    # as an error, naming the plugin.
    assert main(["check", str(statement)]) == 1
    report = capsys.readouterr().out
    assert f"error: crime: {expected}" in report


def test_a_source_that_fails_while_a_measure_counts_is_named_not_the_measure(
    install: Install,
    built: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The homicide measure (built in) asks the third party's source for a count; the
    source's ZeroDivisionError is the source's plugin's fault, and the error says so."""
    install(
        """
class Brittle(Source):
    def count(self, query, window):
        return 1 / 0

class BrittleFormat(SourceFormat):
    name = "brittle"

    def open(self, spec):
        return Brittle(spec.name, self.name)

@hookimpl
def register_source_formats():
    return [BrittleFormat()]
"""
    )
    statement, _ = built
    statement.write_text(
        statement.read_text(encoding="utf-8").replace('"records"', '"brittle"'), encoding="utf-8"
    )
    line = build_fails(built, capsys)
    assert line == (
        "measurekit: error: plugin 'rogue': source format 'brittle' (count) failed: "
        "ZeroDivisionError: division by zero"
    )


def test_a_source_format_listing_forces_wrongly_is_named_in_a_many_forces_run(
    install: Install,
    built: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    install(
        """
class Lister(SourceFormat):
    name = "lister"

    def open(self, spec):
        raise AssertionError("not reached")

    def forces(self, spec):
        return "Cheshire"

@hookimpl
def register_source_formats():
    return [Lister()]
"""
    )
    statement, output = built
    statement.write_text(
        statement.read_text(encoding="utf-8").replace('"records"', '"lister"'), encoding="utf-8"
    )
    status = main(["build", str(statement), "--all-forces", "-o", str(output), "-f", "text"])
    captured = capsys.readouterr()
    assert status == 1
    untouched(output)
    assert one_line(captured.err) == (
        "measurekit: error: plugin 'rogue': source format 'lister' listing forces returned "
        "'Cheshire' (str), not a list of ForceRef or None"
    )


def test_a_measure_failing_for_one_force_names_the_plugin_in_the_summary(
    install: Install,
    built: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    install(MEASURE_RETURNING.format(body="sys.exit(0)"))
    statement, output = built
    statement.write_text(
        statement.read_text(encoding="utf-8").replace('["homicide"]', '["arson"]'),
        encoding="utf-8",
    )
    status = main(
        ["build", str(statement), "--period", "2023/24 Q1", "--period", "2023/24 Q2", "-o",
         str(output), "-f", "text"]
    )  # fmt: skip
    captured = capsys.readouterr()
    assert status == 1
    untouched(output)
    failed = [line for line in captured.out.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 2
    assert all("plugin 'rogue': measure 'arson' failed: SystemExit" in line for line in failed)


# --- import, and the plugins command -----------------------------------------------------


def run_child(argv: list[str], site: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command line in a child process with ``site`` on its path."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), *sys.path])}
    return subprocess.run(
        [sys.executable, "-m", "measurekit", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=environment,
        check=False,
    )


def test_system_exit_while_a_plugin_is_imported_is_named(
    install: Install, built: tuple[Path, Path]
) -> None:
    """In a real process: the plugin's ``sys.exit(0)`` would end measurekit silently with
    status 0, as if the build had worked."""
    site = install("\nsys.exit(0)\n")
    statement, output = built
    done = run_child(["build", str(statement), "-o", str(output)], site, statement.parent)
    assert done.returncode == 1, done
    assert one_line(done.stderr) == (
        "measurekit: error: plugin 'rogue': importing 'rogue_plugin' failed: SystemExit: "
        "tried to stop measurekit (exit code 0)"
    )
    untouched(output)
    listing = run_child(["plugins"], site, statement.parent)
    assert listing.returncode == 1
    assert "homicide (pcc-measurekit 0.1.0)\n    measures: homicide\n" in listing.stdout
    assert "rogue (rogue-plugin 1.0) (broken)\n" in listing.stdout
    assert "SystemExit" in one_line(listing.stderr)


def test_plugins_lists_the_others_and_shows_each_broken_one(
    install: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install('\n@hookimpl\ndef register_measures():\n    return "homicide"\n')
    install(
        "\n@hookimpl\ndef register_measures():\n    return [Arson()]\n",
        name="arson",
        module="arson_plugin",
        dist="arson-plugin",
    )
    assert main(["plugins"]) == 1
    captured = capsys.readouterr()
    arson = "arson (arson-plugin 1.0)\n    measures: arson\n    hooks: register_measures\n"
    assert arson in captured.out
    assert "homicide (pcc-measurekit 0.1.0)\n    measures: homicide\n" in captured.out
    assert "output formats: json" in captured.out
    rogue = "rogue (rogue-plugin 1.0) (broken)\n    broken: plugin 'rogue' (in hook register_"
    assert rogue in captured.out
    assert one_line(captured.err).startswith(
        "measurekit: error: plugin 'rogue' (in hook register_measures): returned 'homicide'"
    )


# --- clashes and the override policy ------------------------------------------------------


def test_a_third_party_measure_with_a_built_in_id_is_blamed(
    install: Install, built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    install(
        """
class Homicide(Arson):
    id = "homicide"

@hookimpl
def register_measures():
    return [Homicide()]
"""
    )
    line = build_fails(built, capsys)
    assert line.startswith("measurekit: error: plugin 'rogue' (in hook register_measures): ")
    assert "measure 'homicide' is already provided by measurekit's built-in plugin 'homicide'" in (
        line
    )
    assert "MEASUREKIT_DISABLE_PLUGINS=homicide" in line


def test_an_entry_point_named_like_a_built_in_is_blamed(
    install: Install, built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    install("\n@hookimpl\ndef register_measures():\n    return [Arson()]\n", name="homicide")
    line = build_fails(built, capsys)
    assert line == (
        "measurekit: error: plugin 'homicide': the entry point of rogue-plugin takes the name "
        "of measurekit's built-in plugin 'homicide'; give it another name"
    )


JSON_LOOKALIKE = """
class FakeJson(OutputFormat):
    name = "fake-json"
    extension = {extension!r}

    def render(self, document, renderers):
        return b'{{"fake": true}}'

@hookimpl
def register_output_formats():
    return [FakeJson()]
"""


@pytest.mark.parametrize("extension", [".json", ".JSON"])
def test_an_output_format_taking_the_json_extension_is_refused(
    extension: str,
    install: Install,
    built: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    install(JSON_LOOKALIKE.format(extension=extension))
    line = build_fails(built, capsys)
    assert line == (
        f"measurekit: error: plugin 'rogue' (in hook register_output_formats): output format "
        f"'fake-json' writes '{extension}' files, as output format 'json' of measurekit's "
        "built-in plugin 'measurekit.outputs.json_figures' does, so one would replace the "
        "other's file; a plugin cannot replace a built-in silently: rename yours, or disable "
        "the built-in (set MEASUREKIT_DISABLE_PLUGINS=measurekit.outputs.json_figures) to use "
        "yours in its place"
    )


def test_a_built_in_may_be_replaced_deliberately(
    install: Install,
    built: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    install(JSON_LOOKALIKE.format(extension=".json"))
    monkeypatch.setenv("MEASUREKIT_DISABLE_PLUGINS", "measurekit.outputs.json_figures")
    statement, output = built
    assert main(["build", str(statement), "-o", str(output), "-f", "fake-json"]) == 0
    assert (output / "statement.json").read_bytes() == b'{"fake": true}'


@pytest.mark.parametrize(
    "extension",
    ["", "json", ".", "..", "./x", "/x.md", ".a/b", ".md ", ". md", ".a..b", "." + "x" * 32],
)
def test_an_extension_that_is_not_a_plain_file_name_ending_is_refused(
    extension: str,
    install: Install,
    built: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    install(JSON_LOOKALIKE.format(extension=extension))
    line = build_fails(built, capsys)
    assert line.startswith(
        f"measurekit: error: plugin 'rogue' (in hook register_output_formats): output format "
        f"'fake-json' has extension {extension!r} (str): an extension must be a dot and"
    )


def test_one_plugin_may_not_use_one_extension_twice() -> None:
    from measurekit import OutputFormat, hookimpl

    class Twice:
        class A(OutputFormat):
            name = "a-format"
            extension = ".same"

            def render(self, document: object, renderers: object) -> bytes:
                return b""

        class B(A):
            name = "b-format"

        @hookimpl
        def register_output_formats(self) -> list[OutputFormat]:
            return [self.A(), self.B()]

    with pytest.raises(PluginError) as caught:
        Plugins.load(extra=[Twice()])
    assert str(caught.value) == (
        "plugin 'Twice' (in hook register_output_formats): output format 'b-format' writes "
        "'.same' files, as its output format 'a-format' does"
    )


def test_built_ins_are_collected_first_whatever_the_order_plugins_are_found() -> None:
    plugins = Plugins.load()
    infos = plugins.describe()
    flags = [info.builtin for info in infos]
    assert flags == sorted(flags, reverse=True)
    assert all(info.builtin for info in infos)
    assert plugins.is_builtin("measurekit.outputs.json_figures")
    assert plugins.is_builtin("homicide")


def test_a_section_renderer_returning_none_is_named(
    install: Install, built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    install(
        """
class Nothing(SectionRenderer):
    output_format = "text"
    measure = "homicide"

    def render(self, part, default):
        return None

@hookimpl
def register_section_renderers():
    return [Nothing()]
"""
    )
    line = build_fails(built, capsys)
    assert line == (
        "measurekit: error: plugin 'rogue': section renderer for measure 'homicide' returned "
        "None (NoneType), not str"
    )


FRAGILE_FORMAT = """
class Fragile(OutputFormat):
    name = "fragile"
    extension = ".fragile"

    def missing(self):
        raise RuntimeError("cannot tell")

    def render(self, document, renderers):
        return b"fragile"

@hookimpl
def register_output_formats():
    return [Fragile()]
"""


def test_a_format_whose_availability_check_fails_is_named(
    install: Install, built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    install(FRAGILE_FORMAT)
    statement, output = built
    # Without -f every format is asked whether it can be used here.
    assert main(["build", str(statement), "-o", str(output)]) == 1
    captured = capsys.readouterr()
    untouched(output)
    assert one_line(captured.err) == (
        "measurekit: error: plugin 'rogue': output format 'fragile' failed: RuntimeError: "
        "cannot tell"
    )
    # plugins still lists everything, the format marked with what went wrong.
    assert main(["plugins"]) == 0
    listed = capsys.readouterr().out
    assert (
        "output formats: fragile (unavailable: plugin 'rogue': output format 'fragile' failed: "
        "RuntimeError: cannot tell)" in listed
    )
    assert "homicide (pcc-measurekit 0.1.0)" in listed
