"""The ``json`` output format: every figure, machine-readable (``measurekit.figures/1``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from measurekit import hookimpl
from measurekit.measures.base import Measure
from measurekit.model.statement import Figure, MeasureResult, Statement
from measurekit.outputs.base import OutputFormat

SCHEMA = "measurekit.figures/1"


def figure_record(figure: Figure) -> dict[str, Any]:
    """One figure as the schema lays it out: counts as integers, percentages unrounded."""
    return {
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


def measure_record(result: MeasureResult, section: int) -> dict[str, Any]:
    """One measure's applicability (SI 2021/547 para 7A(b)) and notes: why a figure is
    ``[x]``, small survey bases and the like. ``section`` counts sections from 1."""
    return {
        "id": result.measure_id,
        "title": result.title,
        "section": section,
        "applicable": result.applicability.applicable,
        "reason": result.applicability.reason,
        "notes": list(result.notes),
    }


def figures_document(statement: Statement) -> dict[str, Any]:
    """The whole figures document as plain data: the schema's ``statement`` and
    ``figures``, plus ``notice`` (the statement's notice about its data, or null),
    ``sources`` (each source's name, title, format and files) and ``measures`` (each
    measure's applicability and notes)."""
    info = statement.info
    quarter = info.quarter.window
    return {
        "schema": SCHEMA,
        "statement": {
            "force": info.force,
            "period": str(info.quarter),
            "start": str(quarter.start),
            "end": str(quarter.end),
        },
        "notice": info.notice,
        "sources": [
            {
                "name": source.name,
                "title": source.title,
                "format": source.format_name,
                "files": list(source.files),
            }
            for source in info.sources
        ],
        "measures": [
            measure_record(result, number)
            for number, section in enumerate(statement.sections, start=1)
            for result in section.measures
        ],
        "figures": [figure_record(figure) for figure in statement.figures],
    }


class JsonFormat(OutputFormat):
    """The figures file of the interface contract."""

    name = "json"
    extension = ".json"
    description = "every figure as JSON (schema measurekit.figures/1)"

    def render(self, statement: Statement, measures: Mapping[str, Measure]) -> bytes:
        text = json.dumps(figures_document(statement), indent=2, ensure_ascii=False)
        return (text + "\n").encode("utf-8")


@hookimpl
def register_output_formats() -> list[OutputFormat]:
    """JSON figures."""
    return [JsonFormat()]
