"""Answering a window exactly from pieces of data that each cover a run of months."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from measurekit.model.periods import Month, Window
from measurekit.shared_methods import shared_methods


@attrs.frozen
@shared_methods
class Gap:
    """Why a window cannot be tiled: ``month`` is the first month of it no usable piece
    covers; ``rows`` are the pieces that do hold that month but cannot be used, because
    they run past the window's start or end (a quarter cannot be split into months)."""

    month: Month
    rows: tuple[Window, ...] = ()

    def describe(self, window: Window) -> str:
        """In words: ``"no data for March 2023"``, or which rows hold the month and why
        they do not tile ``window``: ``"the only row holding September 2022 (July to
        September 2022) starts before September 2022, so it cannot be split to fit the 12
        months to August 2023"``."""
        if not self.rows:
            return f"no data for {self.month.label}"
        one = len(self.rows) == 1
        held = " and ".join(row.span_label for row in self.rows)
        edges = []
        if any(row.start < window.start for row in self.rows):
            edges.append(f"start{'s' if one else ''} before {window.start.label}")
        if any(row.end > window.end for row in self.rows):
            edges.append(f"end{'s' if one else ''} after {window.end.label}")
        return (
            f"the only row{'' if one else 's'} holding {self.month.label} ({held}) "
            f"{' or '.join(edges)}, so {'it' if one else 'they'} cannot be split to fit the "
            f"{window.label}"
        )


def tile(window: Window, pieces: Sequence[Window]) -> list[Window] | Gap:
    """Pieces that cover ``window`` exactly, each month once, fewest pieces first.

    Returns the pieces in order, or, when no exact cover exists, a :class:`Gap` naming the
    first month of ``window`` that cannot be covered and the pieces that hold it but run
    past the window's edges. Only pieces lying wholly inside ``window`` are used, so a
    12-month figure never answers a quarter.
    """
    starting: dict[Month, list[Window]] = {}
    for piece in pieces:
        if piece.start in window and piece.end in window:
            starting.setdefault(piece.start, []).append(piece)
    for candidates in starting.values():
        candidates.sort(key=lambda piece: -piece.months)

    reachable: dict[Month, list[Window] | None] = {}

    def cover_from(month: Month) -> list[Window] | None:
        if month > window.end:
            return []
        if month not in reachable:
            reachable[month] = None
            for piece in starting.get(month, []):
                rest = cover_from(piece.end + 1)
                if rest is not None:
                    reachable[month] = [piece, *rest]
                    break
        return reachable[month]

    found = cover_from(window.start)
    if found is not None:
        return found
    covered = {
        month
        for piece in pieces
        if piece.start in window and piece.end in window
        for month in piece
    }
    month = next((month for month in window if month not in covered), window.start)
    crossing = tuple(
        sorted(
            {
                piece
                for piece in pieces
                if month in piece and not (piece.start in window and piece.end in window)
            },
            key=lambda piece: (piece.start, piece.end),
        )
    )
    return Gap(month, crossing)
