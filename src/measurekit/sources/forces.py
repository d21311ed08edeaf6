"""Choosing one force's rows from files that hold several."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from measurekit.errors import InputError, Location
from measurekit.input_files import may_quote
from measurekit.sources.tabular import Row
from measurekit.text_rules import excerpt

FORCE_COLUMN = "force"


def normalise(name: str) -> str:
    """A force name or code folded for comparison: case, spaces and the words
    "Police"/"Constabulary" do not matter."""
    words = name.lower().replace("&", "and").split()
    return " ".join(word for word in words if word not in {"police", "constabulary", "service"})


def select_force(
    rows: Iterable[Row], wanted: tuple[str, ...], explicit: bool, path: Path
) -> Iterator[Row]:
    """The rows of ``rows`` that belong to the wanted force, streamed.

    Rows with a blank or absent ``force`` cell always belong. Rows whose force matches any
    name in ``wanted`` (the force's name or its area) belong. When no row matches, the file
    holds a single force, and the statement file did not name one for the source, that
    force's rows belong (they are held back until the end, the only case that buffers);
    when no row matches otherwise, an error lists the forces present.
    """
    return select_force_by(rows, _force_cell, wanted, explicit, path)


def _force_cell(row: Row) -> str:
    return row.get(FORCE_COLUMN)


T = TypeVar("T")


def select_force_by(
    items: Iterable[T],
    force_of: Callable[[T], str],
    wanted: tuple[str, ...],
    explicit: bool,
    path: Path,
) -> Iterator[T]:
    """:func:`select_force` for rows in any form: ``force_of`` gives an item's ``force``
    cell, stripped (``""`` when blank or absent)."""
    keys = {normalise(name) for name in wanted}
    belongs: dict[str, bool] = {}
    others: set[str] = set()
    held: list[T] = []
    matched = False
    for item in items:
        force = force_of(item)
        if not force:
            yield item
            continue
        ours = belongs.get(force)
        if ours is None:
            ours = normalise(force) in keys
            if len(belongs) < _KNOWN_FORCES:
                belongs[force] = ours
        if ours:
            matched = True
            yield item
            continue
        others.add(force)
        if not matched and not explicit and len(others) == 1:
            held.append(item)
        else:
            held.clear()
    if matched or not others:
        return
    if len(others) == 1 and not explicit:
        yield from held
        return
    held_names = ", ".join(sorted(map(excerpt, others))) if may_quote(path) else "other forces"
    raise InputError(
        f"no rows for force {' or '.join(repr(w) for w in wanted)}; the file holds "
        f'{held_names} (set force = "..." for the source)',
        Location(path, None, FORCE_COLUMN),
    )


#: How many distinct ``force`` cells :func:`select_force_by` remembers the verdict on.
_KNOWN_FORCES = 1024


def forces_in_column(paths: Iterable[Path]) -> list[str] | None:
    """The distinct values of the ``force`` column across ``paths``, sorted; None when no
    file has a force in any row (a single-force extract that cannot name its force)."""
    from measurekit.sources.tabular import read_rows

    found: set[str] = set()
    for path in paths:
        found.update(row.get(FORCE_COLUMN) for row in read_rows(path, (), (FORCE_COLUMN,)))
    found.discard("")
    return sorted(found) or None
