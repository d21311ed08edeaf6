"""The ``json`` output format: every figure, machine-readable (``measurekit.figures/1``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from measurekit import hookimpl
from measurekit.measures import Measure
from measurekit.model import Figure, Statement
from measurekit.outputs import OutputFormat

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


def figures_document(statement: Statement) -> dict[str, Any]:
    """The whole figures document as plain data."""
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
