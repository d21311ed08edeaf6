"""The domain model: indicators, figures, narrative, measure results, sections, statements.

All classes are frozen attrs classes: a statement, once computed, is a value. They hold no
serialisation or rendering code; output formats read them.
"""

from __future__ import annotations

import itertools
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from measurekit.model.markers import Marker
from measurekit.model.periods import FinancialQuarter, Month, Window
from measurekit.shared_methods import shared_methods

if TYPE_CHECKING:
    from measurekit.sources.base import Query


class Role(StrEnum):
    """Which comparison a window plays in a statement."""

    CURRENT = "current"
    PREVIOUS_YEAR = "previous_year"
    TWO_YEARS_BEFORE = "two_years_before"
    BASELINE = "baseline"


class Unit(StrEnum):
    """What a figure's value counts."""

    COUNT = "count"
    PERCENT = "percent"
    RATE = "rate"


@attrs.frozen
@shared_methods
class Indicator:
    """Something a measure counts, such as homicide offences.

    ``noun`` and ``plural`` are used in sentences ("1 homicide", "2 homicides"); ``label`` in
    table headings; ``definition``, when given, says in words what is counted (it is printed
    in the notes of a workbook).
    """

    id: str
    label: str
    noun: str
    plural: str
    definition: str | None = None

    def noun_for(self, count: int | None) -> str:
        """The noun agreeing with ``count``: singular for exactly 1, plural otherwise."""
        return self.noun if count == 1 else self.plural


@attrs.frozen
@shared_methods
class ComparisonWindows:
    """The windows a statement compares: the current 12 months, the two years before it,
    and an optional baseline."""

    current: Window
    previous_year: Window
    two_years_before: Window
    baseline: Window | None = None

    @classmethod
    def for_quarter(
        cls, quarter: FinancialQuarter, baseline: Window | None = None
    ) -> ComparisonWindows:
        """The 12 months to the end of ``quarter``, the same window one and two years
        earlier, and ``baseline``."""
        current = quarter.rolling_year()
        return cls(current, current.shifted(-1), current.shifted(-2), baseline)

    def with_baseline(self, baseline: Window | None) -> ComparisonWindows:
        """A copy with another baseline (a measure may choose its own)."""
        return attrs.evolve(self, baseline=baseline)

    def by_role(self) -> dict[Role, Window]:
        """Every window present, keyed by its role, in the order a statement lists them."""
        windows = {
            Role.CURRENT: self.current,
            Role.PREVIOUS_YEAR: self.previous_year,
            Role.TWO_YEARS_BEFORE: self.two_years_before,
        }
        if self.baseline is not None:
            windows[Role.BASELINE] = self.baseline
        return windows


@attrs.frozen
@shared_methods
class Lookup:
    """One question a figure was answered from: ``query`` put to the statement file's
    source ``source`` for ``window``. ``selection`` is how that source picks the
    indicator's data, in its own words ("offence codes 1, 4.1, 4.2"), as
    :meth:`measurekit.Source.describe` gave it."""

    source: str
    query: Query
    window: Window
    selection: str | None = None


@attrs.frozen
@shared_methods
class Figure:
    """One number a statement prints: an indicator's value over one window.

    ``value`` is an int for counts and an unrounded float for percentages and rates; it is
    None exactly when nothing is known, and then ``marker`` says why in shorthand and
    ``note`` in words. ``base`` is the number of responses behind a survey percentage.
    ``lookups`` say which source answered which query for it (several for a figure that
    adds others up; none for a figure no source was asked for); they do not take part in
    comparing figures.
    """

    measure: str
    indicator: Indicator
    role: Role
    window: Window
    unit: Unit
    value: int | float | None
    base: int | None = None
    marker: Marker | None = None
    note: str | None = None
    lookups: tuple[Lookup, ...] = attrs.field(default=(), eq=False)

    def __attrs_post_init__(self) -> None:
        if self.value is None and self.marker is None:
            raise ValueError(f"figure for {self.indicator.id} has no value and no marker")

    @property
    def known(self) -> bool:
        """Whether the figure has a value."""
        return self.value is not None


@attrs.frozen
@shared_methods
class MonthlyCount:
    """An indicator's count in one calendar month, or ``marker`` (``[x]``) when the source
    cannot give it."""

    month: Month
    value: int | None
    marker: Marker | None = None


@attrs.frozen
@shared_methods
class MonthlySeries:
    """An indicator's count month by month, for a chart: consecutive months, oldest first,
    starting and ending with a known count. Months inside it that the source cannot give
    have ``value`` None and a marker."""

    measure: str
    indicator: Indicator
    points: tuple[MonthlyCount, ...] = attrs.field()

    @points.validator
    def _check_points(
        self, attribute: attrs.Attribute[tuple[MonthlyCount, ...]], value: tuple[MonthlyCount, ...]
    ) -> None:
        if not value:
            raise ValueError(f"monthly series for {self.indicator.id} has no months")
        if value[0].value is None or value[-1].value is None:
            raise ValueError(f"monthly series for {self.indicator.id} must start and end known")
        for before, after in itertools.pairwise(value):
            if after.month != before.month + 1:
                raise ValueError(f"monthly series for {self.indicator.id} skips a month")

    @property
    def window(self) -> Window:
        """The months the series covers."""
        return Window(self.points[0].month, self.points[-1].month)


@attrs.frozen
@shared_methods
class InputRecord:
    """A file a source read, as outputs print it: its path relative to the statement
    file's folder (``/`` between folders), SHA-256 digest and number of data rows (None
    where the file is not a table of rows)."""

    path: str
    sha256: str
    rows: int | None = None


@attrs.frozen
@shared_methods
class SourceInfo:
    """A data source as a reader of the statement should know it: its name in the statement
    file, a title in words, its format and the names of its files; once the statement is
    computed, ``inputs`` lists every file read with its digest and rows."""

    name: str
    title: str
    format_name: str
    files: tuple[str, ...] = ()
    inputs: tuple[InputRecord, ...] = ()


@attrs.frozen
@shared_methods
class Applicability:
    """Whether a measure applies in the force area, and why (SI 2021/547 para 7A(b))."""

    applicable: bool = True
    reason: str | None = None


@attrs.frozen
@shared_methods
class Paragraph:
    """A paragraph of prose."""

    text: str


@attrs.frozen
@shared_methods
class BulletList:
    """A list of short points, in order."""

    items: tuple[str, ...]


Block = Paragraph | BulletList


@attrs.frozen
@shared_methods
class Narrative:
    """The authored text of a section: what the force did, and what it will keep doing."""

    force_response: tuple[Block, ...] = ()
    ongoing_focus: tuple[Block, ...] = ()


@attrs.frozen
@shared_methods
class MeasureResult:
    """What one measure contributes to a statement: its figures and its own summary.

    ``summary`` is the prose under the section's figures heading ("Recorded crime
    levels"), written by the measure plugin from ``figures``; ``notes`` are caveats (why a
    figure is ``[x]``, what revised it) shown with it, one per distinct reason.
    ``series`` holds monthly counts of count indicators, for charts; ``source`` names the
    statement file's source the figures came from (None when the measure used none).
    """

    measure_id: str
    title: str
    applicability: Applicability
    figures: tuple[Figure, ...]
    summary: tuple[Block, ...]
    notes: tuple[str, ...] = ()
    series: tuple[MonthlySeries, ...] = ()
    source: str | None = None

    def figure(self, indicator_id: str, role: Role) -> Figure | None:
        """The figure for ``indicator_id`` in ``role``, or None when the measure has none."""
        for figure in self.figures:
            if figure.indicator.id == indicator_id and figure.role == role:
                return figure
        return None


@attrs.frozen
@shared_methods
class Section:
    """A part of the statement covering one or more measures, with its narrative."""

    measures: tuple[MeasureResult, ...]
    narrative: Narrative

    @property
    def title(self) -> str:
        """The section's heading: its measures' titles."""
        return "; ".join(result.title for result in self.measures)


@attrs.frozen
@shared_methods
class Branding:
    """An office's own look for the publication formats, from the statement file's
    ``[publishing]`` table: a page template in place of the built-in one, a stylesheet
    added after the built-in styles, and a logo (PNG or JPEG) with its text alternative.
    Paths are absolute; the formats read the files when they render."""

    template: Path | None = None
    stylesheet: Path | None = None
    logo: Path | None = None
    logo_alt: str | None = None


@attrs.frozen
@shared_methods
class StatementInfo:
    """Who the statement is from and what it covers.

    ``published`` is the publication date as the statement file gives it; ``notice`` a
    statement about the data every output must carry (such as "the data are constructed");
    ``sources`` the statement file's sources, in its order; ``branding`` the office's own
    look for the publication formats, if it gives one.
    """

    force: str
    area: str
    quarter: FinancialQuarter
    windows: ComparisonWindows
    commissioner: str | None = None
    commissioner_role: str | None = None
    organisation: str | None = None
    published: str | None = None
    contact: str | None = None
    notice: str | None = None
    sources: tuple[SourceInfo, ...] = ()
    branding: Branding | None = None


@attrs.frozen
@shared_methods
class Statement:
    """A complete statement, ready for any output format."""

    info: StatementInfo
    sections: tuple[Section, ...]

    @property
    def measures(self) -> tuple[MeasureResult, ...]:
        """Every measure's result, in statement order."""
        return tuple(result for section in self.sections for result in section.measures)

    @property
    def figures(self) -> tuple[Figure, ...]:
        """Every figure, in statement order."""
        return tuple(figure for result in self.measures for figure in result.figures)
