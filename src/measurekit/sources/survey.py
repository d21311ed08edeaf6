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
    outside,
    tally_rows,
    window_total,
)
from measurekit.sources.parsing import boolean, month_of_date
from measurekit.sources.tabular import Row

#: What a response is reduced to: its month, whether satisfied, whether domestic abuse.
ResponseKey = tuple[Month, bool, bool]

SURVEY_COLUMNS = ("response_date", "satisfied")
SURVEY_OPTIONAL = ("domestic_abuse", FORCE_COLUMN)


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


class SurveyFormat(ForceColumnFormat):
    """``format = "survey"``: one row per completed victim survey."""

    name = "survey"
    description = "one row per completed victim survey: date, satisfied, domestic abuse"
    title = "Victim satisfaction survey responses"
    options_type = CoverageOptions

    def open(self, spec: SourceSpec) -> Source:
        tally = tally_rows(spec, SURVEY_COLUMNS, SURVEY_OPTIONAL, RESPONSE_READERS)
        first, last = coverage_months(spec, [key[0] for key in tally], "responses")
        return SurveySource(spec.name, self.name, tally, first, last)


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


@hookimpl
def register_source_formats() -> list[SourceFormat]:
    """Victim survey responses."""
    return [SurveyFormat()]
