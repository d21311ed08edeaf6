"""What each command-line command does, apart from parsing its arguments.

Each function prints its report on stdout and returns an exit status; errors are raised as
:class:`~measurekit.errors.MeasurekitError` for the command line to print.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from measurekit.build import compute_statement, render_outputs, write_outputs
from measurekit.errors import MeasurekitError
from measurekit.plugins.guard import ANYTHING, instance_of, optional
from measurekit.plugins.manager import Plugins
from measurekit.sources.base import ForceRef
from measurekit.statement_file import load_statement
from measurekit.statement_warnings import raise_if_strict, statement_warnings
from measurekit.text_rules import terminal_safe

EXAMPLE_STATEMENT = "cheshire-2023-24-q1.toml"


def build(
    statement: Path,
    formats: Sequence[str] | None,
    output: Path,
    period: str | None = None,
    strict: bool = False,
) -> int:
    """Build ``statement`` in ``formats`` (default all) into ``output``; print each
    warning on stderr after writing, or with ``strict`` fail on the first, writing
    nothing."""
    plugins = Plugins.load()
    chosen = _formats(plugins, formats)
    plan = load_statement(statement, plugins, period)
    computed = compute_statement(plan, plugins)
    warnings = statement_warnings(computed, plan.path)
    raise_if_strict(warnings, strict)
    written = write_outputs(render_outputs(computed, plugins, chosen), plugins, output, plan.stem)
    for path in written:
        print(f"wrote {terminal_safe(str(path))}")
    _print_warnings(warnings)
    return 0


def _print_warnings(warnings: Sequence[str]) -> None:
    for warning in warnings:
        print(f"measurekit: warning: {terminal_safe(warning)}", file=sys.stderr)


def build_many(
    statement: Path,
    formats: Sequence[str] | None,
    output: Path,
    periods: Sequence[str | None] = (None,),
    forces: Sequence[str] | None = None,
    all_forces: bool = False,
    strict: bool = False,
) -> int:
    """Build a statement per force and per period: the forces named in ``forces`` (names
    or codes), every force the sources hold when ``all_forces``, or else the statement
    file's own force. Prints what was built and what failed; exits 1 if any failed. Each
    statement's warnings go to stderr, or with ``strict`` fail that statement."""
    # Loaded here, not with the command line: a single build does not need them.
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
        outcomes.extend(build_jobs(jobs, plugins, chosen_formats, output, progress, strict))
    except KeyboardInterrupt:
        progress.finish()
        print(terminal_safe(summary(outcomes, unknown, interrupted=True), keep_newlines=True))
        raise
    progress.finish()
    if chosen is not None:
        for path in write_overviews(outcomes, plugins, chosen_formats, output):
            print(f"wrote {terminal_safe(str(path))}")
    print(terminal_safe(summary(outcomes, unknown), keep_newlines=True))
    _print_warnings([f"{outcome.label}: {warning}" for outcome in outcomes
                     for warning in outcome.warnings])  # fmt: skip
    return 0 if all(outcome.ok for outcome in outcomes) and not unknown else 1


def example(output: Path, formats: Sequence[str] | None) -> int:
    """Build the bundled example statement."""
    from importlib import resources

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


def check(statement: Path, period: str | None = None, strict: bool = False) -> int:
    """Print the data-quality report; exit 1 if it found errors (with ``strict``, its
    warnings are errors)."""
    from measurekit.check.report import quality_report  # only this command needs it

    plugins = Plugins.load()
    plan = load_statement(statement, plugins, period)
    report = quality_report(plan, plugins)
    if strict:
        report = report.strict()
    print(terminal_safe(report.as_text(), keep_newlines=True))
    return 1 if report.has_errors else 0


def list_plugins() -> int:
    """Print each plugin, the distribution and version that installed it, and what it
    provides. A plugin that cannot be loaded is listed as broken, with why, and the others
    are still listed; then the command fails, with a line on stderr for each broken plugin."""
    plugins = Plugins.load(tolerant=True)
    for info in plugins.describe():
        state = " (broken)" if info.broken else ""
        print(terminal_safe(f"{info.label}{state}"))
        for label, names in (
            ("measures", info.measures),
            ("source formats", info.source_formats),
            ("output formats", _with_availability(plugins, info.output_formats)),
            ("hooks", info.hooks),
        ):
            if names:
                print(terminal_safe(f"    {label}: {', '.join(names)}"))
        if info.broken:
            print(terminal_safe(f"    broken: {info.broken}"))
    for error in plugins.broken.values():
        print(f"measurekit: error: {terminal_safe(str(error))}", file=sys.stderr)
    return 1 if plugins.broken else 0


def _with_availability(plugins: Plugins, names: Sequence[str]) -> list[str]:
    """Output format names, each one that cannot be used here marked so with the reason
    (a format whose check itself fails is marked with that failure)."""
    shown = []
    for name in names:
        provided = plugins.output_formats[name]
        try:
            reason = plugins.call(
                provided.plugin, f"output format {name!r}", provided.item.missing,
                optional(instance_of(str)),
            )  # fmt: skip
        except MeasurekitError as error:
            reason = str(error)
        shown.append(f"{name} (unavailable: {reason})" if reason else name)
    return shown


def _formats(plugins: Plugins, formats: Sequence[str] | None) -> list[str]:
    """The formats asked for, each once; by default every installed format that can be
    used here (one whose extra is missing is left out, and ``plugins`` says why)."""
    if not formats:
        return sorted(
            name
            for name, provided in plugins.output_formats.items()
            if plugins.call(
                provided.plugin, f"output format {name!r}", provided.item.available, ANYTHING
            )
        )
    unknown = [name for name in formats if name not in plugins.output_formats]
    if unknown:
        raise MeasurekitError(
            f"unknown output format {unknown[0]!r}; installed formats: "
            f"{', '.join(sorted(plugins.output_formats))}"
        )
    for name in formats:
        provided = plugins.output_formats[name]
        plugins.call(
            provided.plugin, f"output format {name!r}", provided.item.check_available, ANYTHING
        )
    return list(dict.fromkeys(formats))
