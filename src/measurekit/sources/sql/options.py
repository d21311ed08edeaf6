"""A ``sql`` source's own keys, and the standard columns of each shape it may hold."""

from __future__ import annotations

from enum import StrEnum

import attrs

from measurekit.errors import InputError
from measurekit.shared_methods import shared_methods


class Shape(StrEnum):
    """Which standard columns a table or query holds: those of the ``records``, ``counts``
    or ``survey`` file formats."""

    RECORDS = "records"
    COUNTS = "counts"
    SURVEY = "survey"


#: Each shape's columns: the required ones, then the optional ones (``force`` last).
REQUIRED: dict[Shape, tuple[str, ...]] = {
    Shape.RECORDS: ("recorded_date", "offence_code"),
    Shape.COUNTS: ("indicator", "period_end", "value"),
    Shape.SURVEY: ("response_date", "satisfied"),
}
OPTIONAL: dict[Shape, tuple[str, ...]] = {
    Shape.RECORDS: (
        "knife_or_sharp_instrument",
        "firearm_type",
        "firearm_discharged",
        "domestic_abuse",
        "crime_id",
        "force",
    ),
    Shape.COUNTS: ("months", "force"),
    Shape.SURVEY: ("domestic_abuse", "force"),
}
#: The column holding each row's date (records and survey), counted by its month.
DATE_COLUMN: dict[Shape, str | None] = {
    Shape.RECORDS: "recorded_date",
    Shape.COUNTS: None,
    Shape.SURVEY: "response_date",
}


@attrs.frozen
@shared_methods
class SqlOptions:
    """The keys of ``[sources.NAME]`` for ``format = "sql"``.

    Exactly one of ``url`` (a SQLAlchemy URL without a password) and ``url_env`` (the
    environment variable holding the URL), and exactly one of ``table`` (a table or view,
    ``schema.table`` allowed) and ``query`` (a ``select`` of the user's own, run as a
    subquery). ``columns`` maps a standard column of the ``shape`` to the database column
    holding it. ``start`` and ``end`` say which months the data cover, as for ``records``.
    """

    url: str | None = None
    url_env: str | None = None
    table: str | None = None
    query: str | None = None
    shape: str = "records"
    columns: dict[str, str] = attrs.field(factory=dict)
    start: str | None = None
    end: str | None = None

    def checked(self, source: str) -> Shape:
        """The shape, after checking the keys agree; an :class:`InputError` naming the key
        otherwise."""
        prefix = f"sources.{source}"
        if (self.url is None) == (self.url_env is None):
            raise InputError(f"{prefix}: give exactly one of url and url_env")
        if (self.table is None) == (self.query is None):
            raise InputError(f"{prefix}: give exactly one of table and query")
        if self.table is not None and not self.table.strip():
            raise InputError(f"{prefix}.table: blank")
        if self.query is not None and not self.query.strip().rstrip(";").strip():
            raise InputError(f"{prefix}.query: blank")
        try:
            shape = Shape(self.shape)
        except ValueError:
            raise InputError(
                f"{prefix}.shape: {self.shape!r} is not one of {', '.join(s.value for s in Shape)}"
            ) from None
        known = (*REQUIRED[shape], *OPTIONAL[shape])
        for standard, held in self.columns.items():
            if standard not in known:
                raise InputError(
                    f"{prefix}.columns.{standard}: not a column of the {shape} shape "
                    f"(its columns: {', '.join(known)})"
                )
            if not held.strip():
                raise InputError(f"{prefix}.columns.{standard}: blank")
        if shape is Shape.COUNTS and (self.start or self.end):
            raise InputError(f"{prefix}: start and end apply to records and survey shapes")
        return shape
