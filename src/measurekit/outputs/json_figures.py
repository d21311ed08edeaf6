"""The ``json`` output format: every figure, machine-readable (``measurekit.figures/1``).

It draws the statement document's figure tables: one record per figure row, in statement
order, with the row's ``interval`` (survey figures) and ``change`` (comparison figures),
unrounded, as the interface's additive fields describe them.
"""

from __future__ import annotations

import json
from typing import Any

from measurekit import hookimpl
from measurekit.document.nodes import (
    Appendix,
    Change,
    FigureRow,
    InputEntry,
    Interval,
    MeasurePart,
    MethodEntry,
    StatementDocument,
)
from measurekit.document.renderers import NO_RENDERERS, SectionRenderers
from measurekit.model.statement import Unit
from measurekit.outputs.base import OutputFormat

SCHEMA = "measurekit.figures/1"


def interval_record(interval: Interval | None) -> dict[str, Any] | None:
    """``{"lower", "upper", "level"}`` in the figure's unit, unrounded; None when unknown."""
    if interval is None:
        return None
    return {"lower": interval.lower, "upper": interval.upper, "level": interval.level}


def change_record(change: Change) -> dict[str, Any]:
    """``{"value", "unit", "marker"}``: the unrounded change, ``percent`` or ``points``,
    and the marker saying why there is none."""
    return {
        "value": change.value,
        "unit": str(change.unit),
        "marker": str(change.marker) if change.marker else None,
    }


def figure_record(row: FigureRow) -> dict[str, Any]:
    """One figure as the schema lays it out: counts as integers, percentages unrounded;
    a survey percentage adds ``interval``, a comparison figure ``change``."""
    figure = row.figure
    record: dict[str, Any] = {
        "measure": figure.measure,
        "indicator": figure.indicator.id,
        "unit": str(figure.unit),
        "role": str(figure.role),
        "window": {
            "start": str(figure.window.start),
            "end": str(figure.window.end),
            "months": figure.window.months,
        },
        "value": figure.value,
        "base": figure.base,
        "marker": str(figure.marker) if figure.marker else None,
    }
    if figure.unit is Unit.PERCENT:
        record["interval"] = interval_record(row.interval)
    if row.change is not None:
        record["change"] = change_record(row.change)
    return record


def measure_record(part: MeasurePart, section: int) -> dict[str, Any]:
    """One measure's applicability (SI 2021/547 para 7A(b)) and notes: why a figure is
    ``[x]``, small survey bases and the like. ``section`` counts sections from 1."""
    return {
        "id": part.measure_id,
        "title": part.title,
        "section": section,
        "applicable": part.applicability.applicable,
        "reason": part.applicability.reason,
        "notes": list(part.notes),
    }


def file_record(item: InputEntry) -> dict[str, Any]:
    """``{"path", "sha256", "rows"}``: a file a source read, its path relative to the
    statement file, its SHA-256 digest and its data rows (null where not a table)."""
    return {"path": item.path, "sha256": item.sha256, "rows": item.rows}


def method_record(entry: MethodEntry) -> dict[str, Any]:
    """How one indicator's figures were made: its definition, how each source selected
    its data, its windows and its sources (the appendix's entry, as data)."""
    return {
        "measure": entry.measure_id,
        "indicator": entry.indicator_id,
        "label": entry.label,
        "definition": entry.definition,
        "selections": list(entry.selections),
        "derived": entry.derived,
        "windows": [
            {
                "role": str(window.role),
                "start": str(window.start),
                "end": str(window.end),
                "months": window.months,
            }
            for window in entry.windows
        ],
        "sources": list(entry.sources),
    }


def methods_record(appendix: Appendix | None) -> dict[str, Any] | None:
    """The appendix "How these figures were made" as data: its title, introduction and
    one record per indicator (the files are under ``sources``)."""
    if appendix is None:
        return None
    return {
        "title": appendix.title,
        "introduction": appendix.introduction,
        "indicators": [method_record(entry) for entry in appendix.methods],
    }


def figures_document(document: StatementDocument) -> dict[str, Any]:
    """The whole figures document as plain data: the schema's ``statement`` and
    ``figures``, plus ``notice`` (the statement's notice about its data, or null),
    ``sources`` (each source's name, title, format and files, each file with its digest
    and rows), ``measures`` (each measure's applicability and notes) and ``methods`` (the
    appendix saying how each indicator's figures were made)."""
    info = document.info
    quarter = info.quarter.window
    inputs = document.appendix.inputs if document.appendix is not None else ()
    return {
        "schema": SCHEMA,
        "statement": {
            "force": info.force,
            "period": str(info.quarter),
            "start": str(quarter.start),
            "end": str(quarter.end),
        },
        "notice": document.notice,
        "sources": [
            {
                "name": source.name,
                "title": source.title,
                "format": source.format_name,
                "files": [file_record(item) for item in inputs if item.source == source.name],
            }
            for source in document.sources
        ],
        "measures": [
            measure_record(part, section.number)
            for section in document.sections
            for part in section.measures
        ],
        "figures": [figure_record(row) for row in document.figure_rows()],
        "methods": methods_record(document.appendix),
    }


class JsonFormat(OutputFormat):
    """The figures file of the interface contract."""

    name = "json"
    extension = ".json"
    description = "every figure as JSON (schema measurekit.figures/1)"

    def render(
        self, document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS
    ) -> bytes:
        text = json.dumps(figures_document(document), indent=2, ensure_ascii=False)
        return (text + "\n").encode("utf-8")


@hookimpl
def register_output_formats() -> list[OutputFormat]:
    """JSON figures."""
    return [JsonFormat()]
