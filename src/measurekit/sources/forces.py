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
    rule = ForceRule(wanted, explicit, path)
    held: list[T] = []
    for item in items:
        if rule.admits(force_of(item)):
            yield item
        elif rule.holding:
            held.append(item)
        else:
            held.clear()
    rule.check_some_row_belongs()
    if rule.holding:
        yield from held


class ForceRule:
    """Which of a file's rows belong to the wanted force, by their ``force`` cell: the
    rule of :func:`select_force`, for rows met one at a time or a distinct cell at a time.

    :meth:`admits` says whether a row belongs as it comes; rows of another force that
    :attr:`holding` says to keep may still belong. Once every row of the file has been
    seen, :meth:`check_some_row_belongs` refuses a file none of whose rows belong, and
    :attr:`holding` then says whether the held rows do.
    """

    def __init__(self, wanted: tuple[str, ...], explicit: bool, path: Path) -> None:
        self.wanted = wanted
        self.explicit = explicit
        self.path = path
        self._keys = {normalise(name) for name in wanted}
        self._belongs: dict[str, bool] = {}
        self.matched = False
        self.others: set[str] = set()

    def admits(self, force: str) -> bool:
        """Whether a row whose ``force`` cell (stripped) is ``force`` belongs: a blank cell
        or the wanted force's name. Another force's name is remembered."""
        if not force:
            return True
        ours = self._belongs.get(force)
        if ours is None:
            ours = normalise(force) in self._keys
            if len(self._belongs) < _KNOWN_FORCES:
                self._belongs[force] = ours
        if ours:
            self.matched = True
        else:
            self.others.add(force)
        return ours

    @property
    def holding(self) -> bool:
        """Whether the rows of another force seen so far must be kept: no row has been the
        wanted force's, they are all one other force's, and the statement file did not name
        the force (the file may be that force's own extract). Once the file is read, whether
        those rows belong."""
        return not self.matched and not self.explicit and len(self.others) == 1

    def check_some_row_belongs(self) -> None:
        """Once the file is read: an :class:`InputError` listing the forces present when no
        row of the file belongs (no row of the wanted force, or of no force, and the held
        rows do not belong either)."""
        if self.matched or not self.others or self.holding:
            return
        others = self.others
        held_names = (
            ", ".join(sorted(map(excerpt, others))) if may_quote(self.path) else "other forces"
        )
        raise InputError(
            f"no rows for force {' or '.join(repr(w) for w in self.wanted)}; the file holds "
            f'{held_names} (set force = "..." for the source)',
            Location(self.path, None, FORCE_COLUMN),
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
