"""What each command-line command does, apart from parsing its arguments.

Each function prints its report on stdout and returns an exit status; errors are raised as
:class:`~measurekit.errors.MeasurekitError` for the command line to print.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from measurekit.build import compute_statement, render_outputs, write_outputs
from measurekit.check.report import quality_report
from measurekit.errors import MeasurekitError
from measurekit.many.run import (
    Outcome,
    Progress,
    build_jobs,
    choose_forces,
    listed_forces,
    make_jobs,
    summary,
    write_overviews,
)
from measurekit.plugins.manager import Plugins
from measurekit.sources.base import ForceRef
from measurekit.statement_file import load_statement
from measurekit.text_rules import terminal_safe

EXAMPLE_STATEMENT = "cheshire-2023-24-q1.toml"


def build(
    statement: Path, formats: Sequence[str] | None, output: Path, period: str | None = None
) -> int:
    """Build ``statement`` in ``formats`` (default all) into ``output``."""
    plugins = Plugins.load()
    chosen = _formats(plugins, formats)
    plan = load_statement(statement, plugins, period)
    computed = compute_statement(plan, plugins)
    written = write_outputs(render_outputs(computed, plugins, chosen), plugins, output, plan.stem)
    for path in written:
        print(f"wrote {terminal_safe(str(path))}")
    return 0


def build_many(
    statement: Path,
    formats: Sequence[str] | None,
    output: Path,
    periods: Sequence[str | None] = (None,),
    forces: Sequence[str] | None = None,
    all_forces: bool = False,
) -> int:
    """Build a statement per force and per period: the forces named in ``forces`` (names
    or codes), every force the sources hold when ``all_forces``, or else the statement
    file's own force. Prints what was built and what failed; exits 1 if any failed."""
    plugins = Plugins.load()
    chosen_formats = _formats(plugins, formats)
    plans = [load_statement(statement, plugins, period) for period in periods or (None,)]
    unknown: list[str] = []
    chosen: list[ForceRef] | None = None
    if all_forces or forces:
        chosen = listed_forces(plans[0], plugins)
        if forces:
            chosen, unknown = choose_forces(chosen, forces)
    progress = Progress()
    outcomes: list[Outcome] = []
    try:
        jobs = make_jobs(plans, chosen)
        outcomes.extend(build_jobs(jobs, plugins, chosen_formats, output, progress))
    except KeyboardInterrupt:
        progress.finish()
        print(terminal_safe(summary(outcomes, unknown, interrupted=True), keep_newlines=True))
        raise
    progress.finish()
    if chosen is not None:
        for path in write_overviews(outcomes, plugins, chosen_formats, output):
            print(f"wrote {terminal_safe(str(path))}")
    print(terminal_safe(summary(outcomes, unknown), keep_newlines=True))
    return 0 if all(outcome.ok for outcome in outcomes) and not unknown else 1


def example(output: Path, formats: Sequence[str] | None) -> int:
    """Build the bundled example statement."""
    with resources.as_file(resources.files("measurekit.example") / EXAMPLE_STATEMENT) as path:
        return build(path, formats, output)


def init(folder: Path) -> int:
    """Write the starter folder into ``folder`` and say what to do next."""
    from measurekit.starter import STATEMENT, write_starter

    for path in write_starter(folder):
        print(f"wrote {terminal_safe(str(path))}")
    statement = terminal_safe(str(folder / STATEMENT))
    print(
        f"\nNext: measurekit check {statement}\n      measurekit build {statement}"
        f" -o {terminal_safe(str(folder / 'output'))}\n"
        f"then replace the sample data and narrative ({terminal_safe(str(folder / 'README.md'))}"
        " says what goes where)."
    )
    return 0


def check(statement: Path, period: str | None = None) -> int:
    """Print the data-quality report; exit 1 if it found errors."""
    plugins = Plugins.load()
    plan = load_statement(statement, plugins, period)
    report = quality_report(plan, plugins)
    print(terminal_safe(report.as_text(), keep_newlines=True))
    return 1 if report.has_errors else 0


def list_plugins() -> int:
    """Print each plugin, the distribution and version that installed it, and what it
    provides."""
    plugins = Plugins.load()
    for info in plugins.describe():
        print(terminal_safe(info.label))
        for label, names in (
            ("measures", info.measures),
            ("source formats", info.source_formats),
            ("output formats", _with_availability(plugins, info.output_formats)),
            ("hooks", info.hooks),
        ):
            if names:
                print(f"    {label}: {', '.join(names)}")
    return 0


def _with_availability(plugins: Plugins, names: Sequence[str]) -> list[str]:
    """Output format names, each one that cannot be used here marked so with the reason."""
    shown = []
    for name in names:
        reason = plugins.output_format(name).missing()
        shown.append(f"{name} (unavailable: {reason})" if reason else name)
    return shown


def _formats(plugins: Plugins, formats: Sequence[str] | None) -> list[str]:
    """The formats asked for, each once; by default every installed format that can be
    used here (one whose extra is missing is left out, and ``plugins`` says why)."""
    if not formats:
        return sorted(
            name for name, provided in plugins.output_formats.items() if provided.item.available()
        )
    unknown = [name for name in formats if name not in plugins.output_formats]
    if unknown:
        raise MeasurekitError(
            f"unknown output format {unknown[0]!r}; installed formats: "
            f"{', '.join(sorted(plugins.output_formats))}"
        )
    for name in formats:
        plugins.output_format(name).check_available()
    return list(dict.fromkeys(formats))
