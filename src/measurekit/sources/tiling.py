"""Answering a window exactly from pieces of data that each cover a run of months."""

from __future__ import annotations

from collections.abc import Sequence

from measurekit.model.periods import Month, Window


def tile(window: Window, pieces: Sequence[Window]) -> list[Window] | Month:
    """Pieces that cover ``window`` exactly, each month once, fewest pieces first.

    Returns the pieces in order, or, when no exact cover exists, the first month of
    ``window`` that cannot be covered (the month a user must supply). Only pieces lying
    wholly inside ``window`` are used, so a 12-month figure never answers a quarter.
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
    return next((month for month in window if month not in covered), window.start)
