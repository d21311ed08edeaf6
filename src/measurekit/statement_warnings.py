"""Warnings about a computed statement: things that let it build but that a person must see.

A warning does not stop a build: the files are written and the warning goes to stderr
(``measurekit: warning: ...``); ``check`` reports it among its findings. With ``--strict``
a warning is an error instead: the build writes nothing and exits 1, as for any error.

Today there is one warning: a statement that says nothing, where no current figure of an
applicable measure has a value (every one ``[x]``), as when the period lies outside the
data.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from measurekit.errors import MeasurekitError
from measurekit.model.statement import Role, Statement


class StrictError(MeasurekitError):
    """A warning made an error by ``--strict``."""


def statement_warnings(statement: Statement, path: Path | str) -> list[str]:
    """Each warning about ``statement`` (built from the statement file ``path``), one line
    each, naming the file."""
    current = [
        figure
        for result in statement.measures
        if result.applicability.applicable
        for figure in result.figures
        if figure.role is Role.CURRENT
    ]
    if not current or any(figure.known for figure in current):
        return []
    info = statement.info
    window = info.windows.current.label
    markers = Counter(str(figure.marker) for figure in current)
    if set(markers) == {"[x]"}:
        says = f"every current figure ({len(current)}) is [x], not available"
    else:
        shown = ", ".join(f"{count} {marker}" for marker, count in sorted(markers.items()))
        says = f"no current figure has a value ({shown})"
    return [
        f"{path}: the statement says nothing: {says} for the {window} ({info.quarter}); "
        "check the period and that the sources cover it"
    ]


def raise_if_strict(warnings: list[str], strict: bool) -> None:
    """With ``strict``, the first warning as a :class:`StrictError` (an error)."""
    if strict and warnings:
        raise StrictError(f"{warnings[0]} (an error with --strict)")
