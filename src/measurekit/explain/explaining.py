"""Finding one figure of a statement and the input rows behind it.

The statement is computed as ``build`` computes it, so the figure explained is the figure
printed. Each figure records the questions its sources answered (its
:class:`~measurekit.model.statement.Lookup` objects); each of those sources is asked for the
rows behind its answer, and the rows are checked against the figure before anything is
printed: an explanation that does not add up is an error, never shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

import attrs

from measurekit.build import compute_with_sources
from measurekit.errors import MeasurekitError
from measurekit.model.statement import Figure, Role, Statement, Unit
from measurekit.plugins.guard import instance_of
from measurekit.plugins.manager import Plugins
from measurekit.shared_methods import shared_methods
from measurekit.sources.explanation import Explanation, combined
from measurekit.statement_file import load_statement


@attrs.frozen
@shared_methods
class ExplainedFigure:
    """One figure and what lies behind it: ``explanation`` is None exactly when the figure
    is unknown (``[x]``), and then ``figure.note`` says why. ``base`` is the statement
    file's folder, which printed paths are relative to; ``selections`` say how each source
    picked the rows."""

    figure: Figure
    explanation: Explanation | None
    base: Path
    selections: tuple[str, ...] = ()


def explain_figure(
    statement_path: Path,
    indicator: str,
    role: Role = Role.CURRENT,
    period: str | None = None,
    plugins: Plugins | None = None,
) -> ExplainedFigure:
    """The rows behind ``indicator``'s figure in ``role`` (for ``period``, default the
    statement file's own quarter), with ``plugins`` (default: the installed ones).

    Raises :class:`MeasurekitError` in one line when the statement has no such figure
    (listing the indicators or windows it has), when the figure was not counted from a
    source, when its source cannot list rows, or when the rows do not make the figure.
    """
    plugins = plugins or Plugins.load()
    plan = load_statement(statement_path, plugins, period)
    statement, sources = compute_with_sources(plan, plugins)
    figure = find_figure(statement, indicator, role)
    base = plan.path.parent
    selections = tuple(
        dict.fromkeys(
            f"source {lookup.source!r}: {lookup.selection}" if lookup.selection else lookup.source
            for lookup in figure.lookups
        )
    )
    if figure.value is None:
        return ExplainedFigure(figure, None, base, selections)
    if not figure.lookups:
        raise MeasurekitError(
            f"{indicator}: the {role} figure was worked out by measure {figure.measure!r}, "
            "not read from a source, so it has no rows of its own"
        )
    parts = []
    for lookup in figure.lookups:
        source = sources.get(lookup.source)
        if source is None:  # the lookup names a source of the plan, so this cannot be
            raise MeasurekitError(f"the statement file has no [sources.{lookup.source}]")
        spec = plan.sources[lookup.source]
        plugin = plugins.source_formats[spec.format_name].plugin
        explanation = plugins.call(
            plugin,
            f"source format {spec.format_name!r} (explain)",
            partial(source.explain, lookup.query, lookup.window),
            instance_of(Explanation),
        )
        parts.append(explanation)
    try:
        explanation = combined(parts)
    except ValueError as error:
        raise MeasurekitError(f"{indicator}: {error}") from None
    check_adds_up(figure, explanation)
    return ExplainedFigure(figure, explanation, base, selections)


def find_figure(statement: Statement, indicator: str, role: Role) -> Figure:
    """The statement's count or percentage figure of ``indicator`` in ``role`` (a rate is
    worked out from the count, so the count is the figure with rows behind it)."""
    figures = [
        figure
        for figure in statement.figures
        if figure.indicator.id == indicator and figure.unit is not Unit.RATE
    ]
    if not figures:
        known = sorted({figure.indicator.id for figure in statement.figures})
        raise MeasurekitError(
            f"the statement has no figure for indicator {indicator!r}; it has "
            + (", ".join(known) if known else "no figures at all")
        )
    for figure in figures:
        if figure.role is role:
            return figure
    roles = ", ".join(dict.fromkeys(str(figure.role) for figure in figures))
    raise MeasurekitError(f"{indicator} has no {role} figure in this statement; it has {roles}")


def check_adds_up(figure: Figure, explanation: Explanation) -> None:
    """Raise :class:`MeasurekitError` unless ``explanation``'s rows make ``figure`` (see
    :mod:`measurekit.sources.explanation` for what each way of counting must give)."""
    rows = len(explanation.rows)
    label = f"{figure.indicator.id} ({figure.role}, {figure.window.label})"
    problem = None
    if explanation.counted == "rows" and not (rows == explanation.value == figure.value):
        problem = f"{rows:,} rows were found, but the figure is {figure.value}"
    elif explanation.counted == "values":
        total = sum(_value_cells(explanation))
        if not total == explanation.value == figure.value:
            problem = f"the rows' values add up to {total:,}, but the figure is {figure.value}"
    elif explanation.counted == "responses":
        if rows != figure.base:
            problem = f"{rows:,} responses were found, but the figure is based on {figure.base}"
        elif figure.unit is Unit.PERCENT and (
            rows == 0 or explanation.value / rows * 100 != figure.value
        ):
            problem = f"{explanation.value:,} of {rows:,} responses do not give {figure.value}%"
    elif explanation.counted == "cells" and explanation.value != figure.value:
        problem = f"the cells give {explanation.value:,}, but the figure is {figure.value}"
    if problem:
        raise MeasurekitError(f"{label}: the explanation does not add up: {problem}")


def _value_cells(explanation: Explanation) -> Sequence[int]:
    at = explanation.columns.index("value") if "value" in explanation.columns else None
    if at is None:
        return [0]
    return [int(row.cells[at]) for row in explanation.rows]
