"""Third-party plugins: new measures through the entry-point group, and errors that name
the plugin at fault."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from measurekit import (
    Count,
    Measure,
    MeasureContext,
    MeasureResult,
    OutputFormat,
    Query,
    SectionRenderer,
    SectionRenderers,
    Source,
    SourceFormat,
    SourceSpec,
    StatementDocument,
    Window,
    hookimpl,
)
from measurekit.cli.main import main
from measurekit.document.renderers import NO_RENDERERS
from measurekit.errors import PluginError
from measurekit.plugins.manager import Plugins

from .helpers import RECORD_HEADER, records, write_csv

#: A measure plugin as a third party would write it: its own indicator, offence codes,
#: computation and rendering, and no change to measurekit.
THIRD_PARTY_MODULE = '''
"""Counts arson offences (code 56) and renders its own section."""

from measurekit import Indicator, Measure, MeasureContext, MeasureResult, Paragraph
from measurekit import RecordFilter, SectionRenderer, hookimpl

__version__ = "1.2.3"

ARSON = Indicator("arson", "Arson offences", "arson offence", "arson offences")


class Arson(Measure):
    id = "arson"
    title = "Reduce arson"
    indicators = (ARSON,)

    def record_filter(self, indicator_id):
        return RecordFilter(offence_codes=frozenset({"56"}))

    def compute(self, context: MeasureContext) -> MeasureResult:
        figures = self.count_figures(context, ARSON)
        current = figures[0].value
        return self.result(context, figures, [Paragraph(f"Arson count: {current}.")])

class ArsonText(SectionRenderer):
    output_format = "text"
    measure = "arson"

    def render(self, part, default):
        return "ARSON SECTION\\n\\n" + default(part)


class ArsonMarkdown(SectionRenderer):
    output_format = "markdown"
    measure = "arson"

    def render(self, part, default):
        return "**Arson, rendered by its plugin:**\\n\\n" + default(part)


@hookimpl
def register_measures():
    return [Arson()]


@hookimpl
def register_section_renderers():
    return [ArsonText(), ArsonMarkdown()]
'''


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Install the third-party module above as a distribution with an entry point, the way
    pip would: a module and a ``.dist-info`` folder on ``sys.path``."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "arson_measure.py").write_text(textwrap.dedent(THIRD_PARTY_MODULE))
    info = site / "arson_measure-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: arson-measure\nVersion: 1.2.3\n")
    (info / "entry_points.txt").write_text("[measurekit]\narson = arson_measure\n")
    monkeypatch.syspath_prepend(str(site))
    yield site
    sys.modules.pop("arson_measure", None)


def test_entry_point_plugin_adds_a_measure_with_its_own_rendering(
    installed_plugin: Path, statement_dir: Callable[..., Path], tmp_path: Path
) -> None:
    # Arson: 3 in the current window (July 2022 to June 2023), 1 in the year before.
    write_csv(
        tmp_path / "crime.csv",
        RECORD_HEADER,
        records(
            ("2022-08-01", "56", 2),
            ("2023-06-30", "56", 1),
            ("2021-07-01", "56", 1),
            ("2020-07-01", "1", 1),
        ),
    )
    statement = statement_dir(
        '[sources.crime]\nformat = "records"\npath = "crime.csv"\n'
        '[[sections]]\nmeasures = ["arson", "homicide"]\n'
    )
    out = tmp_path / "out"
    assert main(["build", str(statement), "-o", str(out)]) == 0
    text = (out / "statement.txt").read_text()
    markdown = (out / "statement.md").read_text()
    assert "ARSON SECTION\n\nArson count: 3." in text
    assert "**Arson, rendered by its plugin:**\n\nArson count: 3." in markdown
    # The renderer changed the look, not what the part says: its table is still there,
    # with the change from 1 to 3 given as [u] (counts below 10).
    assert "| Arson offences | Previous year" in markdown
    assert "ARSON SECTION" not in markdown
    assert "rendered by its plugin" not in text
    figures = json.loads((out / "statement.json").read_text())["figures"]
    arson = {f["role"]: f["value"] for f in figures if f["measure"] == "arson"}
    assert arson == {"current": 3, "previous_year": 1, "two_years_before": 0}


def test_plugins_command_lists_the_plugin(
    installed_plugin: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    # Each plugin names the distribution that installed it (as on the package index) and
    # that distribution's version: the fixture's METADATA above, and measurekit's own.
    assert "arson (arson-measure 1.2.3)\n    measures: arson\n    hooks: register_measures" in out
    assert "homicide (pcc-measurekit 0.1.0)" in out
    assert "measurekit.outputs.text (pcc-measurekit 0.1.0)" in out
    assert "source formats: counts, records" in out
    assert "output formats: json" in out


def test_plugin_that_fails_to_import_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    info = site / "broken_plugin-0.1.dist-info"
    info.mkdir(parents=True)
    (site / "broken_plugin.py").write_text("import no_such_module_anywhere\n")
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[measurekit]\nbroken = broken_plugin\n")
    monkeypatch.syspath_prepend(str(site))
    assert main(["plugins"]) == 1
    err = capsys.readouterr().err
    assert "plugin 'broken': importing 'broken_plugin' failed: ModuleNotFoundError" in err
    assert "no_such_module_anywhere" in err
    monkeypatch.setenv("MEASUREKIT_DISABLE_PLUGINS", "broken")
    assert main(["plugins"]) == 0


class RaisingPlugin:
    """Registers a measure whose computation raises."""

    class Exploding(Measure):
        id = "exploding"
        title = "Explode"

        def compute(self, context: MeasureContext) -> MeasureResult:
            raise ZeroDivisionError("division by zero")

    @hookimpl
    def register_measures(self) -> list[Measure]:
        return [self.Exploding()]


class BadLayoutPlugin:
    """Registers a measure that computes but fails to lay out its part."""

    class BadLayout(Measure):
        id = "bad_layout"
        title = "Bad layout"
        needs_source = False

        def compute(self, context: MeasureContext) -> MeasureResult:
            return self.result(context, (), [])

        def section_blocks(self, result: MeasureResult, kit: object) -> list[object]:
            raise KeyError("no such block")

    @hookimpl
    def register_measures(self) -> list[Measure]:
        return [self.BadLayout()]


def test_a_measure_whose_layout_raises_names_its_plugin(
    statement_dir: Callable[..., Path],
) -> None:
    from measurekit.build import compute_statement, render_outputs
    from measurekit.statement_file import load_statement

    plugins = Plugins.load(extra=[BadLayoutPlugin()])
    plan = load_statement(statement_dir('[[sections]]\nmeasures = ["bad_layout"]\n'), plugins)
    statement = compute_statement(plan, plugins)
    with pytest.raises(
        PluginError,
        match=r"plugin 'BadLayoutPlugin': measure 'bad_layout' failed: KeyError: 'no such block'",
    ):
        render_outputs(statement, plugins, ["text"])


class BrokenHookPlugin:
    @hookimpl
    def register_output_formats(self) -> list[object]:
        raise RuntimeError("no formats today")


class DuplicatePlugin:
    @hookimpl
    def register_measures(self) -> list[Measure]:
        return [RaisingPlugin.Exploding()]


def test_a_raising_hook_is_named() -> None:
    with pytest.raises(PluginError) as caught:
        Plugins.load(extra=[BrokenHookPlugin()])
    assert str(caught.value) == (
        "plugin 'BrokenHookPlugin' (in hook register_output_formats): "
        "RuntimeError: no formats today"
    )


def test_two_plugins_with_one_measure_id_are_both_named() -> None:
    with pytest.raises(PluginError) as caught:
        Plugins.load(extra=[RaisingPlugin(), DuplicatePlugin()])
    message = str(caught.value)
    assert "measure 'exploding' is already provided by plugin 'RaisingPlugin'" in message
    assert message.startswith("plugin 'DuplicatePlugin'")


def test_a_measure_that_raises_names_its_plugin(
    statement_dir: Callable[..., Path], tmp_path: Path
) -> None:
    from measurekit.build import compute_statement
    from measurekit.statement_file import load_statement

    write_csv(tmp_path / "crime.csv", RECORD_HEADER, records(("2022-08-01", "1", 1)))
    plugins = Plugins.load(extra=[RaisingPlugin()])
    plan = load_statement(
        statement_dir(
            '[sources.crime]\nformat = "records"\npath = "crime.csv"\n'
            '[[sections]]\nmeasures = ["exploding"]\n'
        ),
        plugins,
    )
    with pytest.raises(
        PluginError,
        match=r"plugin 'RaisingPlugin': measure 'exploding' failed: "
        r"ZeroDivisionError: division by zero",
    ):
        compute_statement(plan, plugins)


def test_every_hook_is_documented_and_tested() -> None:
    """Each hook spec has a contract in its docstring, a heading in docs/hooks.md that
    matches its signature, and is exercised by a test that names it."""
    import inspect

    from measurekit.plugins import hookspecs

    reference = (Path(__file__).parents[1] / "docs" / "hooks.md").read_text()
    tests = "".join(path.read_text() for path in Path(__file__).parent.glob("test_*.py"))
    specs = [
        (name, function)
        for name, function in vars(hookspecs).items()
        if callable(function) and hasattr(function, "measurekit_spec")
    ]
    assert len(specs) >= 3
    for name, function in specs:
        assert ":returns:" in (function.__doc__ or ""), name
        parameters = ", ".join(inspect.signature(function).parameters)
        assert f"## `{name}({parameters})`" in reference, name
        assert f"def {name}(" in tests.replace(f"def {name}(self", f"def {name}("), name


class ExtraFormatsPlugin:
    """A third party's source format (every window counts ``per_month`` a month) and
    output format (figures as CSV), registered without touching the core."""

    import attrs as _attrs

    @_attrs.frozen
    class Options:
        per_month: int

    class Steady(SourceFormat):
        name = "steady"
        options_type = None

        def open(self, spec: SourceSpec) -> Source:
            per_month = spec.options.per_month

            class SteadySource(Source):
                def count(self, query: Query, window: Window) -> Count:
                    return Count(per_month * window.months)

            return SteadySource(spec.name, self.name)

    class FiguresCsv(OutputFormat):
        name = "figures-csv"
        extension = ".csv"

        def render(
            self, document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS
        ) -> bytes:
            lines = ["indicator,role,value"] + [
                f"{row.indicator.id},{row.role},{row.value}" for row in document.figure_rows()
            ]
            return ("\n".join(lines) + "\n").encode()

    Steady.options_type = Options

    @hookimpl
    def register_source_formats(self) -> list[SourceFormat]:
        return [self.Steady()]

    @hookimpl
    def register_output_formats(self) -> list[OutputFormat]:
        return [self.FiguresCsv()]


def test_third_party_source_and_output_formats(
    statement_dir: Callable[..., Path], tmp_path: Path
) -> None:
    from measurekit.build import compute_statement, render_outputs, write_outputs
    from measurekit.statement_file import load_statement

    plugins = Plugins.load(extra=[ExtraFormatsPlugin()])
    plan = load_statement(
        statement_dir(
            '[sources.crime]\nformat = "steady"\npath = "."\nper_month = 2\n'
            '[[sections]]\nmeasures = ["homicide"]\n'
        ),
        plugins,
    )
    statement = compute_statement(plan, plugins)
    # A format with no title of its own is named to readers by the source's key.
    assert [source.title for source in statement.info.sources] == ["Crime data (steady format)"]
    written = write_outputs(
        render_outputs(statement, plugins, ["figures-csv"]), plugins, tmp_path / "out", plan.stem
    )
    assert written == [tmp_path / "out" / "statement.csv"]
    # 2 a month over 12 months is 24 in each window.
    assert written[0].read_text().splitlines() == [
        "indicator,role,value",
        "homicide,current,24",
        "homicide,previous_year,24",
        "homicide,two_years_before,24",
    ]


class WrongRendererPlugin:
    """A text renderer for homicide that returns a number; a Markdown one that raises."""

    class Number(SectionRenderer):
        output_format = "text"
        measure = "homicide"

        def render(self, part: object, default: object) -> object:
            return 42

    class Raising(SectionRenderer):
        output_format = "markdown"
        measure = "homicide"

        def render(self, part: object, default: object) -> object:
            raise ValueError("cannot draw")

    @hookimpl
    def register_section_renderers(self) -> list[SectionRenderer]:
        return [self.Number(), self.Raising()]


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("text", "section renderer for measure 'homicide' returned 42 (int), not str"),
        ("markdown", "section renderer for measure 'homicide' failed: ValueError: cannot draw"),
    ],
)
def test_a_section_renderer_at_fault_is_named(
    output: str, message: str, statement_dir: Callable[..., Path], tmp_path: Path
) -> None:
    from measurekit.build import compute_statement, render_outputs
    from measurekit.statement_file import load_statement

    write_csv(tmp_path / "crime.csv", RECORD_HEADER, records(("2022-08-01", "1", 1)))
    plugins = Plugins.load(extra=[WrongRendererPlugin()])
    plan = load_statement(
        statement_dir(
            '[sources.crime]\nformat = "records"\npath = "crime.csv"\n'
            '[[sections]]\nmeasures = ["homicide"]\n'
        ),
        plugins,
    )
    statement = compute_statement(plan, plugins)
    with pytest.raises(PluginError) as caught:
        render_outputs(statement, plugins, [output])
    assert str(caught.value) == f"plugin 'WrongRendererPlugin': {message}"


def test_the_distribution_name_is_the_installed_one() -> None:
    """measurekit names its distribution (in ``plugins`` and in what to install for an
    extra) as the package index knows it, which is not the import package's name."""
    import importlib.metadata

    from measurekit.__about__ import DISTRIBUTION, __version__

    assert DISTRIBUTION == "pcc-measurekit"
    installed = importlib.metadata.distribution(DISTRIBUTION)
    assert installed.version == __version__
    commands = installed.entry_points.select(group="console_scripts")
    assert [(c.name, c.value) for c in commands] == [("measurekit", "measurekit.__main__:run")]
