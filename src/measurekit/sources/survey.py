"""The ``survey`` source format: one row per completed victim survey.

Columns: ``response_date`` (``YYYY-MM-DD``), ``satisfied`` (boolean) and ``domestic_abuse``
(boolean, optional; blank is false), and optionally ``force``. A blank ``satisfied`` cell
is an error: counting a missing answer as "not satisfied" would bias the figure. CSV or ``.xlsx``.

The source answers :meth:`~measurekit.sources.base.Source.tally`: of the responses dated in a
window, how many were satisfied. A :class:`~measurekit.sources.base.RecordFlag` on the
``domestic_abuse`` column in ``query.records`` restricts the responses to domestic abuse
victims (true) or to other victims (false); no flag means all victims.
A window that starts before the first month the survey covers, or ends after the last, is
unavailable, never a partial tally. A month with no responses inside the coverage is not a
gap: surveys can legitimately return nothing in a month.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from measurekit import hookimpl
from measurekit.model.periods import Month, Window
from measurekit.sources.base import Query, Source, SourceFormat, SourceSpec, Tally, Unavailable
from measurekit.sources.forces import FORCE_COLUMN
from measurekit.sources.formats import (
    CellReader,
    CoverageOptions,
    ForceColumnFormat,
    TalliedSource,
    coverage_months,
    force_rows,
    outside,
    tally_rows,
    window_total,
)
from measurekit.sources.parsing import boolean, month_of_date
from measurekit.sources.provenance import RowCounter
from measurekit.sources.tabular import Row

if TYPE_CHECKING:  # loaded by ``measurekit explain``, not by a build
    from measurekit.sources.explanation import Explanation

#: What a response is reduced to: its month, whether satisfied, whether domestic abuse.
ResponseKey = tuple[Month, bool, bool]

SURVEY_COLUMNS = ("response_date", "satisfied")
SURVEY_OPTIONAL = ("domestic_abuse", FORCE_COLUMN)
#: The columns ``measurekit explain`` prints for each response, after its file and line.
EXPLAINED = ("response_date", "satisfied", "domestic_abuse")


class SurveySource(TalliedSource[ResponseKey]):
    """Victim survey responses, tallied by month, satisfaction and domestic abuse."""

    covers = "responses"

    def tally(self, query: Query, window: Window) -> Tally | Unavailable:
        unavailable = outside(window, self.first, self.last)
        if unavailable:
            return unavailable
        flags = query.records.flags if query.records is not None else ()
        unknown = [flag.column for flag in flags if flag.column != "domestic_abuse"]
        if unknown:
            return Unavailable(f"survey responses have no column {', '.join(map(repr, unknown))}")
        responses = self.monthly(
            ("responses", flags), lambda key: all(flag.admits(key[2]) for flag in flags)
        )
        satisfied = self.monthly(
            ("satisfied", flags), lambda key: key[1] and all(flag.admits(key[2]) for flag in flags)
        )
        return Tally(window_total(satisfied, window), window_total(responses, window))

    def describe(self, query: Query) -> str:
        flags = query.records.flags if query.records is not None else ()
        if not flags:
            return "every response, satisfied when the satisfied column is true"
        groups = " and ".join(
            f"{flag.column} is {str(flag.value).lower()}"
            for flag in flags
            if isinstance(flag.value, bool)
        )
        return f"responses where {groups}, satisfied when the satisfied column is true"

    def explain(self, query: Query, window: Window) -> Explanation:
        """Every response of the window in the query's group, read again from the files:
        the rows are the responses, the value how many were satisfied."""
        from measurekit.sources.explanation import Explanation, InputRow

        flags = query.records.flags if query.records is not None else ()
        rows = []
        yes = 0
        for row in force_rows(self.opened_from(), SURVEY_COLUMNS, SURVEY_OPTIONAL):
            month, satisfied, domestic = _response_key(row)
            if month in window and all(flag.admits(domestic) for flag in flags):
                yes += satisfied
                rows.append(InputRow(row.path, (str(row.number), *map(row.get, EXPLAINED))))
        return Explanation(("line", *EXPLAINED), tuple(rows), yes, "responses")


class SurveyFormat(ForceColumnFormat):
    """``format = "survey"``: one row per completed victim survey."""

    name = "survey"
    description = "one row per completed victim survey: date, satisfied, domestic abuse"
    title = "Victim satisfaction survey responses"
    options_type = CoverageOptions

    def open(self, spec: SourceSpec) -> Source:
        counter = RowCounter()
        tally = tally_rows(spec, SURVEY_COLUMNS, SURVEY_OPTIONAL, RESPONSE_READERS, counter)
        first, last = coverage_months(spec, [key[0] for key in tally], "responses")
        return SurveySource(spec.name, self.name, tally, first, last, spec, counter.inputs())


def _answer(row: Row, column: str) -> bool:
    if not row.get(column):
        raise row.error(column, "blank; a completed survey needs an answer")
    return boolean(row, column)


#: How a response's cells are read into its :data:`ResponseKey`, in the key's order.
RESPONSE_READERS: tuple[tuple[str, CellReader], ...] = (
    ("response_date", month_of_date),
    ("satisfied", _answer),
    ("domestic_abuse", boolean),
)


def _response_key(row: Row) -> ResponseKey:
    """A whole response's key, read as :data:`RESPONSE_READERS` read it."""
    return cast(ResponseKey, tuple(reader(row, column) for column, reader in RESPONSE_READERS))


@hookimpl
def register_source_formats() -> list[SourceFormat]:
    """Victim survey responses."""
    return [SurveyFormat()]
