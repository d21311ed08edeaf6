"""Computing a statement from a plan, and writing it in several formats without loss.

:func:`compute_statement` opens the sources the measures use, lets each measure compute its
result and assembles the sections. :func:`write_outputs` renders every format in memory
first and only then writes the files, as one set (:mod:`measurekit.output_set`), so a
failure leaves no partial file and earlier outputs as they were.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import cast

import attrs

from measurekit.document.builder import build_document
from measurekit.document.nodes import SectionBlock, StatementDocument
from measurekit.errors import PluginError
from measurekit.measures.base import MeasureContext
from measurekit.model.statement import (
    InputRecord,
    MeasureResult,
    Narrative,
    Section,
    SourceInfo,
    Statement,
)
from measurekit.narrative import read_narrative
from measurekit.output_set import write_output_set
from measurekit.plugins.guard import ANYTHING, Expect, instance_of, list_of, shown
from measurekit.plugins.guarded_source import GuardedSource
from measurekit.plugins.manager import Plugins
from measurekit.sources.base import Source
from measurekit.sources.provenance import InputFile, files_of
from measurekit.statement_file import StatementPlan

#: What :meth:`Source.inputs` must return: the files the source read.
INPUT_FILES: Expect[list[InputFile]] = list_of(InputFile, "InputFile")

#: What a measure's layout must return.
SECTION_BLOCKS: Expect[list[SectionBlock]] = list_of(
    cast("type[SectionBlock]", SectionBlock), "document block"
)


class SourceCache:
    """Opens each source of a plan at most once, when first needed."""

    def __init__(self, plan: StatementPlan, plugins: Plugins) -> None:
        self._plan = plan
        self._plugins = plugins
        self._opened: dict[str, Source] = {}

    def get(self, name: str) -> Source | None:
        """The opened source called ``name``, or None when the plan has none by that name."""
        if name not in self._plan.sources:
            return None
        if name not in self._opened:
            spec = self._plan.sources[name]
            source_format = self._plugins.source_format(spec.format_name)
            plugin = self._plugins.source_formats[spec.format_name].plugin
            opened = self._plugins.call(
                plugin,
                f"source format {spec.format_name!r}",
                partial(source_format.open, spec),
                instance_of(Source),
            )
            # Its answers name its own plugin when they fail, not the measure asking.
            self._opened[name] = GuardedSource(opened, self._plugins, plugin)
        return self._opened[name]

    def inputs(self, name: str) -> tuple[InputFile, ...]:
        """The files source ``name`` read, with digests and rows; for a source that does
        not say, the files its paths name, with digests and no row counts; for a source no
        measure used, none (it was not read, and a folder of it may hold files that were
        never meant to be)."""
        source = self._opened.get(name)
        if source is None:
            return ()
        spec = self._plan.sources[name]
        plugin = self._plugins.source_formats[spec.format_name].plugin
        found = self._plugins.call(
            plugin, f"source format {spec.format_name!r}", source.inputs, INPUT_FILES
        )
        if found:
            return tuple(found)
        return files_of(self._plan.sources[name].paths)


def compute_statement(plan: StatementPlan, plugins: Plugins) -> Statement:
    """Every measure's result, in the plan's sections and order; the statement's sources
    list every file read, with its digest and rows."""
    statement, _ = compute_with_sources(plan, plugins)
    return statement


def compute_with_sources(plan: StatementPlan, plugins: Plugins) -> tuple[Statement, SourceCache]:
    """:func:`compute_statement`, with the sources it opened (for ``measurekit explain``)."""
    sources = SourceCache(plan, plugins)
    sections = []
    for section in plan.sections:
        results = tuple(
            compute_measure(plan, plugins, sources, measure_id) for measure_id in section.measures
        )
        narrative = read_narrative(section.narrative) if section.narrative else Narrative()
        sections.append(Section(results, narrative))
    base = plan.path.parent
    info = attrs.evolve(
        plan.info,
        sources=tuple(
            _with_inputs(source, sources.inputs(source.name), base) for source in plan.info.sources
        ),
    )
    return Statement(info, tuple(sections)), sources


def display_path(path: Path, base: Path) -> str:
    """``path`` as outputs print it: relative to ``base`` (the statement file's folder),
    with ``/`` between folders; absolute where no relative path exists."""
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive
        return path.as_posix()


def _with_inputs(source: SourceInfo, inputs: Sequence[InputFile], base: Path) -> SourceInfo:
    records = tuple(
        InputRecord(display_path(item.path, base), item.sha256, item.rows) for item in inputs
    )
    return attrs.evolve(source, inputs=records)


def compute_measure(
    plan: StatementPlan, plugins: Plugins, sources: SourceCache, measure_id: str
) -> MeasureResult:
    """One measure's result, with errors from its plugin named as such."""
    measure = plugins.measure(measure_id)
    settings = plan.measures[measure_id]
    source_name = settings.source or measure.default_source
    source = sources.get(source_name)
    windows = plan.info.windows
    if settings.baseline is not None:
        windows = windows.with_baseline(settings.baseline)
    context = MeasureContext(
        measure_id, plan.info, windows, source, settings, plan.allow_gaps, sources.get
    )
    plugin = plugins.plugin_of_measure(measure_id)
    if not settings.applicable and source is None and measure.needs_source:
        # Not applicable and nothing to count from: say so rather than print [x] figures.
        action = partial(measure.not_applicable, context)
    else:
        action = partial(measure.compute, context)
    result = plugins.call(plugin, f"measure {measure_id!r}", action, instance_of(MeasureResult))
    if result.measure_id != measure_id:
        raise PluginError(
            plugin,
            f"measure {measure_id!r} returned the result of measure {shown(result.measure_id)}",
        )
    return result


def build_statement_document(statement: Statement, plugins: Plugins) -> StatementDocument:
    """The statement's format-neutral document, built once for every format; each
    measure's layout runs guarded, naming its plugin in any error."""
    measures = {
        result.measure_id: plugins.measure(result.measure_id) for result in statement.measures
    }

    def guard(
        measure_id: str, action: Callable[[], Sequence[SectionBlock]]
    ) -> Sequence[SectionBlock]:
        plugin = plugins.plugin_of_measure(measure_id)
        return plugins.call(plugin, f"measure {measure_id!r}", action, SECTION_BLOCKS)

    return build_document(statement, measures, guard)


def render_outputs(
    statement: Statement, plugins: Plugins, formats: Sequence[str]
) -> dict[str, bytes]:
    """Each format's file content, by format name, all drawn from one statement document;
    nothing is written."""
    document = build_statement_document(statement, plugins)
    rendered = {}
    for name in formats:
        output = plugins.output_format(name)
        plugin = plugins.output_formats[name].plugin
        what = f"output format {name!r}"
        plugins.call(plugin, what, output.check_available, ANYTHING)
        rendered[name] = plugins.call(
            plugin,
            what,
            partial(output.render, document, plugins.renderers_for(name)),
            instance_of(bytes),
        )
    return rendered


def write_outputs(
    rendered: dict[str, bytes], plugins: Plugins, directory: Path, stem: str
) -> list[Path]:
    """Write each rendered format to ``directory/stem.EXT`` as one set; return the paths.

    See :func:`measurekit.output_set.write_output_set`: every file is staged and flushed
    before the first is renamed into place, so a failure (or an interruption) leaves the
    earlier files as they were and no partial file.
    """
    files = {
        f"{stem}{plugins.output_format(name).extension}": content
        for name, content in rendered.items()
    }
    return write_output_set(files, directory)
