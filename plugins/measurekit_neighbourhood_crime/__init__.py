"""The ``neighbourhood_crime`` measure: reduce neighbourhood crime.

Neighbourhood crime is the sum of four parts: residential burglary, vehicle offences,
robbery of personal property and theft from the person. The measure reports the total and
each part, each against the same 12 months a year earlier (and the other comparisons in
its table). Where the source gives the area's population, the total is also stated as a
rate per 1,000 population, naming the population estimate used.
"""

from __future__ import annotations

import attrs

from measurekit.api import (
    Figure,
    Indicator,
    Marker,
    Measure,
    MeasureContext,
    MeasureResult,
    MonthlyCount,
    MonthlySeries,
    Paragraph,
    Query,
    Role,
    Unit,
    Window,
    hookimpl,
    join_words,
    load_offence_codes,
    part_sentence,
    rate_sentence,
    trend_sentences,
)

__version__ = "0.1.0"

TOTAL = Indicator(
    "neighbourhood_crime",
    "Neighbourhood crime (total)",
    "neighbourhood crime",
    "neighbourhood crimes",
    "The sum of residential burglary, vehicle offences, robbery of personal property and "
    "theft from the person recorded by the police.",
)
PARTS = (
    Indicator(
        "burglary",
        "Residential burglary",
        "residential burglary",
        "residential burglaries",
        "Burglary of a home, including attempts and aggravated burglary.",
    ),
    Indicator(
        "vehicle_offences",
        "Vehicle offences",
        "vehicle offence",
        "vehicle offences",
        "Theft of or from a vehicle, interfering with a vehicle and aggravated vehicle taking.",
    ),
    Indicator(
        "robbery",
        "Robbery of personal property",
        "robbery",
        "robberies",
        "Robbery of property from a person, not from a business.",
    ),
    Indicator(
        "theft_from_person",
        "Theft from the person",
        "theft from the person",
        "thefts from the person",
        "Theft of property carried by a person, such as pickpocketing, without force.",
    ),
)


class NeighbourhoodCrime(Measure):
    """Residential burglary, vehicle offences, robbery and theft from the person."""

    id = "neighbourhood_crime"
    title = "Reduce neighbourhood crime"
    indicators = (TOTAL, *PARTS)
    default_offence_codes = load_offence_codes(__name__)

    def compute(self, context: MeasureContext) -> MeasureResult:
        parts = {indicator.id: self.count_figures(context, indicator) for indicator in PARTS}
        total = _total_as_counted([figures[0].indicator for figures in parts.values()])
        totals = [
            self._total(context, role, [figures[i] for figures in parts.values()], total)
            for i, role in enumerate(context.windows.by_role())
        ]
        summary = [Paragraph(trend_sentences(context.info.force, TOTAL, totals))]
        rates = [rate for figure in totals if (rate := context.rate(figure)) is not None]
        current_rate = next((rate for rate in rates if rate.role is Role.CURRENT), None)
        if current_rate is not None and (sentence := rate_sentence(current_rate, TOTAL)):
            summary.append(Paragraph(sentence))
        for indicator in PARTS:
            by_role = {figure.role: figure for figure in parts[indicator.id]}
            current = by_role[Role.CURRENT]
            # The part as its source counts it: "Robbery (personal and business property)"
            # where the source cannot give robbery of personal property alone.
            summary.append(
                Paragraph(part_sentence(current.indicator, current, by_role[Role.PREVIOUS_YEAR]))
            )
        figures = totals + rates + [figure for figures in parts.values() for figure in figures]
        part_series = [self.chart_series(context, indicator) for indicator in PARTS]
        return self.result(
            context, figures, summary, series=[_total_series(self.id, part_series), *part_series]
        )

    def _total(
        self, context: MeasureContext, role: Role, parts: list[Figure], total: Indicator = TOTAL
    ) -> Figure:
        """The sum of the parts when all are known; else the source's own total; else
        ``[x]`` naming the missing parts. ``total`` is the total's indicator as the parts
        are counted (see :func:`_total_as_counted`)."""
        window = parts[0].window
        if all(part.value is not None for part in parts):
            summed = sum(int(part.value or 0) for part in parts)
            revised = [p.indicator.label.lower() for p in parts if p.marker is Marker.REVISED]
            if revised:
                note = f"the sum of its parts, including revised figures for {join_words(revised)}"
                return Figure(
                    self.id,
                    total,
                    role,
                    window,
                    Unit.COUNT,
                    summed,
                    marker=Marker.REVISED,
                    note=note,
                )
            return Figure(self.id, total, role, window, Unit.COUNT, summed)
        own = context.count(total, Query(TOTAL.id), role, window)
        if own.value is not None:
            return own
        missing = ", ".join(part.indicator.label.lower() for part in parts if part.value is None)
        return context.unavailable(total, role, window, Unit.COUNT, f"no figure for {missing}")


def _total_as_counted(parts: list[Indicator]) -> Indicator:
    """The total's indicator, its definition saying which parts the source counts more
    widely than the measure means (ONS's robbery is all robbery): the total is no more
    than the sum of what was counted."""
    wider = [part for part, meant in zip(parts, PARTS, strict=True) if part.label != meant.label]
    if not wider:
        return TOTAL
    labels = join_words([part.label[:1].lower() + part.label[1:] for part in wider])
    covers = "covers" if len(wider) == 1 else "cover"
    return attrs.evolve(
        TOTAL,
        definition="The sum of residential burglary, vehicle offences, robbery and theft from "
        f"the person as the source counts them, so the total includes all that {labels} "
        f"{covers}.",
    )


def _total_series(measure: str, parts: list[MonthlySeries | None]) -> MonthlySeries | None:
    """The monthly total over the months every part covers; a month where any part is
    ``[x]`` is ``[x]`` in the total. None when a part has no series."""
    known = [series for series in parts if series is not None]
    if not known or len(known) != len(parts):
        return None
    start = max(series.window.start for series in known)
    end = min(series.window.end for series in known)
    if end < start:
        return None
    by_month = [{point.month: point for point in series.points} for series in known]
    points = []
    for month in Window(start, end):
        values = [points_by_month[month].value for points_by_month in by_month]
        if any(value is None for value in values):
            points.append(MonthlyCount(month, None, Marker.NOT_AVAILABLE))
        else:
            points.append(MonthlyCount(month, sum(int(value or 0) for value in values)))
    known_at = [index for index, point in enumerate(points) if point.value is not None]
    if not known_at:
        return None
    return MonthlySeries(measure, TOTAL, tuple(points[known_at[0] : known_at[-1] + 1]))


@hookimpl
def register_measures() -> list[Measure]:
    """The neighbourhood crime measure."""
    return [NeighbourhoodCrime()]
