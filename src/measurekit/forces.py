"""Choosing one force's rows from files that hold several."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from measurekit.errors import InputError, Location
from measurekit.tabular import Row

FORCE_COLUMN = "force"


def normalise(name: str) -> str:
    """A force name or code folded for comparison: case, spaces and the words
    "Police"/"Constabulary" do not matter."""
    words = name.lower().replace("&", "and").split()
    return " ".join(word for word in words if word not in {"police", "constabulary", "service"})


def select_force(
    rows: Iterable[Row], wanted: tuple[str, ...], explicit: bool, path: Path
) -> Iterator[Row]:
    """The rows of ``rows`` that belong to the wanted force.

    Rows with a blank or absent ``force`` cell always belong. When the file holds a single
    force and the statement file did not name one for the source, every row belongs; when
    it holds several, rows whose force matches any name in ``wanted`` (the force's name or
    its area) belong, and an error lists the forces present if none match.
    """
    keys = {normalise(name) for name in wanted}
    seen: set[str] = set()
    kept: list[Row] = []
    others: list[Row] = []
    for row in rows:
        force = row.get(FORCE_COLUMN)
        if not force or normalise(force) in keys:
            kept.append(row)
        else:
            seen.add(force)
            others.append(row)
    matched = any(row.get(FORCE_COLUMN) for row in kept)
    if not matched and len(seen) == 1 and not explicit:
        kept.extend(others)
        kept.sort(key=lambda row: row.number)
    elif not matched and seen:
        raise InputError(
            f"no rows for force {' or '.join(repr(w) for w in wanted)}; the file holds "
            f'{", ".join(sorted(repr(s) for s in seen))} (set force = "..." for the source)',
            Location(path, None, FORCE_COLUMN),
        )
    yield from kept
