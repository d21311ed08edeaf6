"""Shorthand markers for tables, as the Analysis Function's guidance on symbols defines them.

Each marker is written in square brackets and explained above any table that uses it.
"""

from __future__ import annotations

from enum import StrEnum


class Marker(StrEnum):
    """A shorthand that stands in a table cell instead of, or beside, a number."""

    BREAK = "[b]"
    CONFIDENTIAL = "[c]"
    ESTIMATED = "[e]"
    LOW = "[low]"
    PROVISIONAL = "[p]"
    REVISED = "[r]"
    LOW_RELIABILITY = "[u]"
    NONE_IN_SURVEY = "[w]"
    NOT_AVAILABLE = "[x]"
    NOT_APPLICABLE = "[z]"

    @property
    def meaning(self) -> str:
        """What the marker means, in the words of the key above a table."""
        return _MEANINGS[self]


_MEANINGS = {
    Marker.BREAK: "break in series",
    Marker.CONFIDENTIAL: "confidential",
    Marker.ESTIMATED: "estimated",
    Marker.LOW: "rounds to zero",
    Marker.PROVISIONAL: "provisional",
    Marker.REVISED: "revised",
    Marker.LOW_RELIABILITY: "low reliability",
    Marker.NONE_IN_SURVEY: "none recorded in survey",
    Marker.NOT_AVAILABLE: "not available",
    Marker.NOT_APPLICABLE: "not applicable",
}
