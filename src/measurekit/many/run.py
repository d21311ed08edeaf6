"""Building one statement per force (and per period) from one statement file.

The statement file is the template: its sections, narrative and measure settings apply to
every force. Every source must be able to list its forces (:meth:`SourceFormat.forces`);
for each force the sources are re-pointed at it, and the statement is computed, rendered
and written exactly as a single build is, so each force's files are written atomically and
only when its statement is complete. One force's failure is recorded and the others go on.
Several periods may be built in the same run, each force once per period.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

import attrs

from measurekit.build import compute_statement, render_outputs, write_outputs
from measurekit.errors import MeasurekitError
from measurekit.many.overview import OverviewPage
from measurekit.model.statement import Statement
from measurekit.output_names import output_stem
from measurekit.output_names import slug as slug  # re-exported: file names of forces
from measurekit.plugins.guard import instance_of, list_of, optional
from measurekit.plugins.manager import Plugins
from measurekit.shared_methods import shared_methods
from measurekit.sources.base import ForceRef
from measurekit.sources.forces import normalise
from measurekit.statement_file import StatementPlan
from measurekit.statement_warnings import raise_if_strict, statement_warnings


@attrs.frozen
@shared_methods
class Job:
    """One statement to build: the plan, the force to point its sources at (None: the
    statement file's own), the file stem and the label used in progress and summary."""

    plan: StatementPlan
    force: ForceRef | None
    stem: str
    label: str


@attrs.frozen
@shared_methods
class Outcome:
    """What happened for one job: the files written, or the error that stopped it."""

    label: str
    written: tuple[Path, ...] = ()
    error: str | None = None
    #: Warnings about the statement built (see :mod:`measurekit.statement_warnings`).
    warnings: tuple[str, ...] = ()
    #: The statement built, for the run's overview (None when the job failed).
    statement: Statement | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def ok(self) -> bool:
        """Whether the statement was built and written."""
        return self.error is None


def listed_forces(plan: StatementPlan, plugins: Plugins) -> list[ForceRef]:
    """Every force any source of ``plan`` holds, sorted by name; sources naming the same
    force (by code, or by name once "Police" and "Constabulary" are set aside) give it once.

    Raises :class:`MeasurekitError` naming a source whose format cannot list its forces:
    such a source would give the same figures to every force.
    """
    if not plan.sources:
        raise MeasurekitError(f"{plan.path}: the statement has no sources to list forces from")
    found: dict[str, ForceRef] = {}
    for name, spec in plan.sources.items():
        source_format = plugins.source_format(spec.format_name)
        plugin = plugins.source_formats[spec.format_name].plugin
        forces: list[ForceRef] | None = plugins.call(
            plugin,
            f"source format {spec.format_name!r} listing forces",
            partial(source_format.forces, spec),
            optional(list_of(ForceRef)),
        )
        if forces is None:
            raise MeasurekitError(
                f"{plan.path}: source {name!r} (format {spec.format_name!r}) cannot list the "
                "forces it holds, so it cannot be used to build statements for many forces"
            )
        for force in forces:
            merge_force(found, force)
    return sorted(found.values(), key=lambda force: force.name)


def merge_force(found: dict[str, ForceRef], force: ForceRef) -> None:
    """Add ``force`` to ``found`` (keyed by folded name), merging it with a force already
    there under the same code or name, so that two sources naming one force differently
    ("Cheshire" with its code, "Cheshire Constabulary" without) give one statement."""
    key = normalise(force.name)
    same = next(
        (
            existing_key
            for existing_key, existing in found.items()
            if existing_key == key or (force.code and existing.code == force.code)
        ),
        None,
    )
    if same is None:
        found[key] = force
    elif found[same].code is None and force.code is not None:
        found[same] = attrs.evolve(found[same], code=force.code)


def choose_forces(
    available: Sequence[ForceRef], wanted: Sequence[str]
) -> tuple[list[ForceRef], list[str]]:
    """The forces of ``available`` that ``wanted`` names (by area code or name), in the
    order asked, and the names that match none."""
    chosen: list[ForceRef] = []
    unknown: list[str] = []
    for want in wanted:
        key = normalise(want)
        matches = [
            force
            for force in available
            if (force.code and force.code.upper() == want.strip().upper())
            or normalise(force.name) == key
        ]
        if matches:
            chosen.extend(force for force in matches if force not in chosen)
        else:
            unknown.append(want)
    return chosen, unknown


def plan_for_force(plan: StatementPlan, force: ForceRef) -> StatementPlan:
    """``plan`` with every source selecting ``force``.

    For a force other than the statement file's own (its force or area by name, or a
    force code a source names explicitly), the statement names the force as the source
    does and leaves out the commissioner and contact details, which belong to the
    statement file's own force.
    """
    sources = {
        name: attrs.evolve(spec, force=force.selectors, force_explicit=True)
        for name, spec in plan.sources.items()
    }
    info = plan.info
    own = {normalise(info.force), normalise(info.area)}
    named = {want.upper() for spec in plan.sources.values() if spec.force_explicit
             for want in spec.force}  # fmt: skip
    if normalise(force.name) not in own and (force.code or "").upper() not in named:
        info = attrs.evolve(
            info,
            force=force.name,
            area=force.name,
            commissioner=None,
            commissioner_role=None,
            organisation=None,
            contact=None,
        )
    return attrs.evolve(plan, info=info, sources=sources)


def make_jobs(plans: Sequence[StatementPlan], forces: Sequence[ForceRef] | None) -> list[Job]:
    """A job per force (or just the statement file's own force, when ``forces`` is None)
    and per plan, one plan per period. Files are named ``<stem>-<force>.<ext>``, each
    naming its period when there are several periods or the period is not the file's own
    (``-2019-20-q1``; see :func:`measurekit.output_names.output_stem`)."""
    several = len(plans) > 1
    jobs = []
    for plan in plans:
        period = str(plan.info.quarter)
        name = partial(
            output_stem, plan.path.stem, plan.info.quarter, plan.file_quarter, every_period=several
        )
        if forces is None:
            jobs.append(Job(plan, None, name(), period))
            continue
        for force in forces:
            label = f"{force.name}, {period}" if several else force.name
            jobs.append(Job(plan, force, name(force.name), label))
    return jobs


def build_jobs(
    jobs: Sequence[Job],
    plugins: Plugins,
    formats: Sequence[str],
    output: Path,
    progress: Callable[[int, int, str], None] | None = None,
    strict: bool = False,
) -> Iterator[Outcome]:
    """Build, render and write each job's statement as ``output/<stem>.<ext>``, yielding
    each job's outcome as it finishes.

    A :class:`MeasurekitError` in one job is recorded in its outcome and the next job is
    built; nothing is written for a job that failed, and each job's files are written
    atomically, as a single build's are. A job's warnings are kept in its outcome; with
    ``strict`` a warning fails the job instead.
    """
    for number, job in enumerate(jobs, start=1):
        if progress is not None:
            progress(number, len(jobs), job.label)
        try:
            plan = plan_for_force(job.plan, job.force) if job.force else job.plan
            statement = compute_statement(plan, plugins)
            warnings = statement_warnings(statement, plan.path)
            raise_if_strict(warnings, strict)
            rendered = render_outputs(statement, plugins, formats)
            written = write_outputs(rendered, plugins, output, job.stem)
        except MeasurekitError as error:
            yield Outcome(job.label, error=str(error))
        else:
            yield Outcome(job.label, tuple(written), statement=statement, warnings=tuple(warnings))


def write_overviews(
    outcomes: Sequence[Outcome], plugins: Plugins, formats: Sequence[str], output: Path
) -> list[Path]:
    """Each format's overview of the statements built (``index.html`` for ``html``),
    written atomically into ``output``; the paths written (none when no format draws an
    overview or nothing was built)."""
    pages = []
    for outcome in outcomes:
        if outcome.ok and outcome.statement is not None:
            files = {
                name: path.name
                for name in formats
                for path in outcome.written
                if path.name.endswith(plugins.output_format(name).extension)
            }
            pages.append(OverviewPage(outcome.label, outcome.statement, files))
    if not pages:
        return []
    rendered = {}
    for name in formats:
        output_format = plugins.output_format(name)
        plugin = plugins.output_formats[name].plugin
        data = plugins.call(
            plugin,
            f"output format {name!r} drawing the overview",
            partial(output_format.overview, pages),
            optional(instance_of(bytes)),
        )
        if data is not None:
            rendered[name] = data
    return write_outputs(rendered, plugins, output, OVERVIEW_STEM) if rendered else []


#: The file name (without extension) of a many-forces run's overview.
OVERVIEW_STEM = "index"


class Progress:
    """A one-line progress display on a terminal: ``[3/43] Cheshire``, rewritten in place.

    Shows nothing when ``stream`` is not a terminal, so logs and pipes stay clean.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.active = self.stream.isatty()
        self._shown = False

    def __call__(self, number: int, total: int, label: str) -> None:
        if self.active:
            self.stream.write(f"\r\033[K[{number}/{total}] building {label}")
            self.stream.flush()
            self._shown = True

    def finish(self) -> None:
        """Clear the progress line."""
        if self.active and self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def files_written(paths: Sequence[Path]) -> str:
    """File names for the summary, one stem with its extensions where the files share it:
    ``pfa-cheshire (json, md, txt)``; otherwise the names, comma-separated."""
    stems = {path.name.split(".", 1)[0] for path in paths}
    if len(stems) == 1 and all("." in path.name for path in paths):
        extensions = ", ".join(path.name.split(".", 1)[1] for path in paths)
        return f"{stems.pop()} ({extensions})"
    return ", ".join(path.name for path in paths)


def summary(
    outcomes: Sequence[Outcome], unknown: Sequence[str] = (), interrupted: bool = False
) -> str:
    """What was built and what failed and why, one line each, ending with the totals (and
    saying so when the run was interrupted before the end)."""
    lines = []
    for outcome in outcomes:
        if outcome.ok:
            lines.append(f"built   {outcome.label}: {files_written(outcome.written)}")
    for outcome in outcomes:
        if not outcome.ok:
            lines.append(f"FAILED  {outcome.label}: {outcome.error}")
    for name in unknown:
        lines.append(f"FAILED  {name}: no source lists a force of that name or code")
    built = sum(outcome.ok for outcome in outcomes)
    failed = len(outcomes) - built + len(unknown)
    if interrupted:
        lines.append(f"interrupted: {built} built and {failed} failed before it stopped")
    else:
        lines.append(
            f"{built} statement{'s' if built != 1 else ''} built, {failed} failed "
            f"(of {len(outcomes) + len(unknown)})"
        )
    return "\n".join(lines)
