"""The ``measurekit explain STATEMENT.toml INDICATOR`` command: its arguments, and running it.

The rows go to stdout as CSV, header row first (``file``, then the source's columns), so
they can be piped or saved; what the figure is and how the rows were chosen go to stderr.
Exit status as ``build``'s: 0 when the figure is explained (an ``[x]`` figure included:
stderr says why it is missing and no row is printed), 1 on an error, 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from measurekit.build import display_path
from measurekit.cli.arguments import quarter_option
from measurekit.model.statement import Role, Unit
from measurekit.text_rules import terminal_safe

if TYPE_CHECKING:
    from measurekit.explain.explaining import ExplainedFigure


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add the ``explain`` sub-command to ``commands``."""
    explain = commands.add_parser(
        "explain",
        parents=[common],
        help="list as CSV the input rows behind one figure",
        description="Print as CSV the input rows behind one figure of a statement: for "
        "records, each offence's file, line and crime id; for ready counts, the rows whose "
        "values add up to it; for ONS tables, the workbook, sheet and cell. The number of "
        "rows equals the figure (a survey percentage: its responses). What the figure is "
        "and how the rows were chosen go to stderr; for a figure shown as [x], why it is "
        "missing.",
    )
    explain.add_argument(
        "statement", type=Path, metavar="STATEMENT.toml", help="the statement file"
    )
    explain.add_argument(
        "indicator", metavar="INDICATOR", help="the indicator's id, such as homicide"
    )
    explain.add_argument(
        "--role",
        choices=[str(role) for role in Role],
        default=str(Role.CURRENT),
        help="which window: current (default), previous_year, two_years_before or baseline",
    )
    explain.add_argument(
        "--period", type=quarter_option, metavar='"YYYY/YY QN"', help="financial quarter"
    )


def run(arguments: argparse.Namespace) -> int:
    """Explain the figure the arguments name; print it; return the exit status."""
    from measurekit.explain.explaining import explain_figure  # this command's alone

    explained = explain_figure(
        arguments.statement, arguments.indicator, Role(arguments.role), arguments.period
    )
    write_csv(explained, sys.stdout)
    sys.stderr.write(terminal_safe(commentary(explained), keep_newlines=True))
    return 0


def write_csv(explained: ExplainedFigure, out: TextIO) -> None:
    """The rows as CSV, header first, paths relative to the statement file's folder;
    nothing for an unknown figure."""
    explanation = explained.explanation
    if explanation is None:
        return
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", *explanation.columns])
    for row in explanation.rows:
        where = row.label or display_path(row.path, explained.base)
        writer.writerow([where, *row.cells])


def commentary(explained: ExplainedFigure) -> str:
    """What the figure is, how its rows were chosen and how they make it, as lines."""
    figure = explained.figure
    window = figure.window
    head = (
        f"{figure.indicator.id}, {figure.role} ({window.label}, {window.start} to {window.end}): "
    )
    lines = []
    if figure.value is None:
        marker = figure.marker
        lines.append(f"{head}{marker} {marker.meaning if marker else ''}".rstrip())
        lines.append(f"why: {figure.note or 'the source gives no reason'}")
        lines += [f"asked: {selection}" for selection in explained.selections]
        return "\n".join(lines) + "\n"
    explanation = explained.explanation
    if figure.unit is Unit.PERCENT:
        lines.append(f"{head}{figure.value:.1f}% of {figure.base:,} responses")
    else:
        lines.append(f"{head}{figure.value:,}" + (f" {figure.marker}" if figure.marker else ""))
    lines += [f"selected: {selection}" for selection in explained.selections]
    if explanation is not None:
        lines += [f"how: {line}" for line in explanation.how]
        rows = len(explanation.rows)
        noun = "row" if rows == 1 else "rows"
        if explanation.counted == "values":
            lines.append(f"{rows:,} {noun}; their values add up to {explanation.value:,}")
        elif explanation.counted == "responses":
            lines.append(f"{rows:,} {noun} (responses), {explanation.value:,} answered yes")
        elif explanation.counted == "cells":
            cells = "1 cell gives" if rows == 1 else f"{rows:,} cells give"
            lines.append(f"{cells} {explanation.value:,}")
        else:
            lines.append(f"{rows:,} {noun}")
    return "\n".join(lines) + "\n"
