"""The format-neutral statement document: what a statement says, before any format draws it.

A computed :class:`~measurekit.model.statement.Statement` is turned once into a
:class:`StatementDocument` (by :func:`measurekit.document.builder.build_document`); every
output format walks that one tree and knows nothing about measures or sources. The model is
pandoc's and docutils': readers build one tree, writers only draw it.

Contracts every node keeps:

- Nodes are frozen values. Text in them is plain text (never markup): a writer escapes it
  as its format needs (Markdown, HTML), so text from data or the statement file cannot
  become markup.
- Numbers are unrounded (counts as ``int``, percentages and rates as ``float``); writers
  round for display (one decimal place for percentages, rates and changes).
- Notes are numbered once for the whole document (:attr:`StatementDocument.notes`, in order
  of first citation); a node cites a note by its number, and a writer prints a citation as
  it likes (``[note 3]`` in workbooks).
- A figure table holds every column any format shows. A writer may leave a column out
  only where the table has nothing for it (:meth:`FigureTable.has_responses`, ...); it may
  never print a value the row does not hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

import attrs

from measurekit.model.markers import Marker
from measurekit.model.periods import Month
from measurekit.model.statement import (
    Applicability,
    BulletList,
    Figure,
    Indicator,
    Paragraph,
    Role,
    StatementInfo,
    Unit,
)
from measurekit.shared_methods import shared_methods
from measurekit.text_rules import upper_first

__all__ = [
    "Appendix",
    "ApplicabilityLine",
    "BulletList",
    "Change",
    "ChangeUnit",
    "Chart",
    "ChartPoint",
    "ChartSeries",
    "FigureRow",
    "FigureTable",
    "Heading",
    "InputEntry",
    "Interval",
    "Lead",
    "MeasurePart",
    "MethodEntry",
    "MethodWindow",
    "NarrativePart",
    "Note",
    "NoteList",
    "Paragraph",
    "SectionBlock",
    "SectionPart",
    "ShorthandKey",
    "SourceEntry",
    "SourceLine",
    "SourceRef",
    "StatementDocument",
    "Table",
    "TableCell",
]

#: Words for each comparison, as table cells print them.
ROLE_LABELS = {
    Role.CURRENT: "Current",
    Role.PREVIOUS_YEAR: "Previous year",
    Role.TWO_YEARS_BEFORE: "Two years before",
    Role.BASELINE: "Baseline",
}


# --- prose --------------------------------------------------------------------------------


@attrs.frozen
@shared_methods
class Heading:
    """A heading: level 1 is the statement's title, 2 a part of the statement (a section),
    3 a part of a section ("Recorded crime levels", "Force response")."""

    level: int
    text: str


@attrs.frozen
@shared_methods
class Lead:
    """A line that stands out under the title (the force and the quarter)."""

    text: str


@attrs.frozen
@shared_methods
class Note:
    """A numbered note: caveats, definitions, sources. ``number`` counts from 1 in order of
    first citation across the whole document."""

    number: int
    text: str


@attrs.frozen
@shared_methods
class NoteList:
    """Notes printed together where they apply, such as a measure's caveats under its
    summary (why a figure is ``[x]``, what revised it, which population a rate uses)."""

    notes: tuple[Note, ...]


@attrs.frozen
@shared_methods
class ShorthandKey:
    """The key to the shorthand used in a table, printed above it: each marker with its
    meaning, in :class:`~measurekit.model.markers.Marker` order, then sentences explaining
    why a marker appears (such as why a change is ``[u]``)."""

    markers: tuple[Marker, ...]
    explanations: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """``"[u] low reliability; [z] not applicable. No percentage change is given..."``"""
        key = "; ".join(f"{marker} {marker.meaning}" for marker in self.markers)
        return " ".join([f"{key}.", *self.explanations])


@attrs.frozen
@shared_methods
class SourceRef:
    """A data source named on a source line: its name in the statement file, its title in
    words, and the note describing it (its files)."""

    name: str
    title: str
    note: int


@attrs.frozen
@shared_methods
class SourceLine:
    """Where a table's or chart's figures come from: the sources (none when the statement
    file supplies no data for it) and, when the statement has one, the note holding its
    notice about the data."""

    sources: tuple[SourceRef, ...]
    notice_note: int | None = None


# --- figures ------------------------------------------------------------------------------


class ChangeUnit(StrEnum):
    """What a change is measured in: a percentage of the earlier count, or percentage
    points between two survey percentages."""

    PERCENT = "percent"
    POINTS = "points"


@attrs.frozen
@shared_methods
class Change:
    """The change from a comparison figure to the current figure of the same indicator and
    unit.

    ``value`` is unrounded: for counts the percentage change worked out from the unrounded
    counts, ``(current - earlier) / earlier * 100``; for survey percentages the difference
    in percentage points, ``current - earlier``. It is None exactly when ``marker`` says
    why no change is given: ``[z]`` (a change from zero, or no change for this unit), ``[x]``
    (either figure unknown) or ``[u]`` (counts too small for a percentage to mean much);
    ``reason`` says it in words.
    """

    value: float | None
    unit: ChangeUnit
    marker: Marker | None = None
    reason: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.value is None) == (self.marker is None):
            raise ValueError("a change has either a value or a marker, not both")


@attrs.frozen
@shared_methods
class Interval:
    """A confidence interval in the figure's own unit (percent for survey figures), at
    ``level`` per cent (95)."""

    lower: float
    upper: float
    level: int = 95


@attrs.frozen
@shared_methods
class FigureRow:
    """One row of a figure table: one figure with everything a format may show beside it.

    ``figure`` holds the indicator, role, window, unit, unrounded value, responses
    (``base``) and marker. ``label`` is the row's indicator label (a rate's label says
    "per 1,000 population": rates are rows of their own and never stand in for counts).
    ``change`` is set on every comparison row (never on the current row); ``interval`` on
    every known survey percentage. ``notes`` are the numbers of the notes the row cites
    (the indicator's definition, why the figure is unknown). ``measure_title`` is the
    title of the measure the figure belongs to.
    """

    figure: Figure
    label: str
    measure_title: str
    change: Change | None = None
    interval: Interval | None = None
    notes: tuple[int, ...] = ()

    @property
    def indicator(self) -> Indicator:
        """The figure's indicator."""
        return self.figure.indicator

    @property
    def role(self) -> Role:
        """Which comparison the row is."""
        return self.figure.role

    @property
    def comparison(self) -> str:
        """The comparison in words: ``"Previous year"``."""
        return ROLE_LABELS[self.figure.role]

    @property
    def period(self) -> str:
        """The window in words: ``"12 months to June 2023"``."""
        return self.figure.window.label

    @property
    def unit(self) -> Unit:
        """The figure's unit."""
        return self.figure.unit

    @property
    def value(self) -> int | float | None:
        """The unrounded value, None when unknown."""
        return self.figure.value

    @property
    def responses(self) -> int | None:
        """The number of responses behind a survey percentage; None for other figures and
        where the source cannot say."""
        return self.figure.base

    @property
    def marker(self) -> Marker | None:
        """The figure's shorthand: instead of the value when unknown, beside it (``[r]``)
        when known."""
        return self.figure.marker


@attrs.frozen
@shared_methods
class FigureTable:
    """A table of figures: one :class:`FigureRow` per figure, in order.

    ``measures`` are the ids of the measures whose figures it holds (a workbook may merge
    the tables of one section into one). ``key`` explains every marker in its cells;
    ``source`` says where the figures come from; ``notes`` are the notes that apply to the
    whole table (the windows compared, the nature of recorded crime counts, each measure's
    applicability and caveats).
    """

    title: str
    measures: tuple[str, ...]
    rows: tuple[FigureRow, ...]
    source: SourceLine
    key: ShorthandKey | None = None
    notes: tuple[int, ...] = ()

    def has_responses(self) -> bool:
        """Whether any row is a survey percentage: the table then has columns for
        responses and intervals."""
        return any(row.unit is Unit.PERCENT for row in self.rows)

    def has_changes(self) -> bool:
        """Whether any row is a comparison (a column for changes)."""
        return any(row.change is not None for row in self.rows)

    def units(self) -> tuple[Unit, ...]:
        """The units of the rows, each once, in order of first appearance."""
        return tuple(dict.fromkeys(row.unit for row in self.rows))

    def change_units(self) -> tuple[ChangeUnit, ...]:
        """The units of the rows' changes, each once, in order of first appearance."""
        return tuple(dict.fromkeys(row.change.unit for row in self.rows if row.change))


#: What an extra table's cell holds: text (which may be a marker such as ``"[x]"``), a
#: whole number or an unrounded number shown to one decimal place.
TableCell = str | int | float


@attrs.frozen
@shared_methods
class Table:
    """An extra table a measure lays out beyond its figures: a title, one header row and
    rows of cells, one per heading. Headings give units in round brackets."""

    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    source: SourceLine
    key: ShorthandKey | None = None
    notes: tuple[int, ...] = ()

    def __attrs_post_init__(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.headings):
                raise ValueError(f"table {self.title!r}, row {number}: wrong number of cells")


@attrs.frozen
@shared_methods
class ChartPoint:
    """One point of a chart series: a month, its count, or None with the marker saying why
    the month has no count."""

    month: Month
    value: int | None
    marker: Marker | None = None


@attrs.frozen
@shared_methods
class ChartSeries:
    """A line of a chart: its name and its points, oldest first."""

    name: str
    points: tuple[ChartPoint, ...]


@attrs.frozen
@shared_methods
class Chart:
    """A line chart of counts month by month, with its numbers and a text summary for
    readers who cannot see it.

    ``series`` hold the numbers (a format that draws no chart may print them as a table);
    ``summary`` says in words what the chart shows (its span, lowest, highest and latest
    months). ``indicator`` is what is counted and ``definition_note`` the note defining it,
    if any.
    """

    title: str
    x_title: str
    y_title: str
    series: tuple[ChartSeries, ...]
    summary: str
    indicator: Indicator
    measure: str
    source: SourceLine
    definition_note: int | None = None


#: What a measure's part of a section is made of.
SectionBlock = Paragraph | BulletList | NoteList | ShorthandKey | FigureTable | Table | Chart


# --- parts --------------------------------------------------------------------------------


@attrs.frozen
@shared_methods
class MeasurePart:
    """One measure's part of a section, under the section's figures heading.

    ``blocks`` are what the measure's renderer laid out, in reading order: by default its
    summary paragraphs, a :class:`NoteList` of its caveats, its :class:`FigureTable` and a
    :class:`Chart` per monthly series. ``notes`` are the caveats as text (also in the
    note list); ``source`` is the statement file's source the figures came from;
    ``applicability_note`` the note saying whether the measure applies in the area.
    """

    measure_id: str
    title: str
    figures_heading: str
    applicability: Applicability
    blocks: tuple[SectionBlock, ...]
    notes: tuple[str, ...] = ()
    source: str | None = None
    applicability_note: int | None = None

    def figure_tables(self) -> tuple[FigureTable, ...]:
        """The part's figure tables, in order."""
        return tuple(block for block in self.blocks if isinstance(block, FigureTable))

    def charts(self) -> tuple[Chart, ...]:
        """The part's charts, in order."""
        return tuple(block for block in self.blocks if isinstance(block, Chart))

    def prose(self) -> tuple[Paragraph | BulletList, ...]:
        """The part's summary: its paragraphs and lists, without notes or tables."""
        return tuple(block for block in self.blocks if isinstance(block, Paragraph | BulletList))


@attrs.frozen
@shared_methods
class NarrativePart:
    """A part of a section's authored narrative under its heading ("Force response",
    "Ongoing focus")."""

    heading: str
    blocks: tuple[Paragraph | BulletList, ...]


@attrs.frozen
@shared_methods
class SectionPart:
    """A section of the statement: ``number`` counts from 1; ``title`` joins its measures'
    titles; ``figures_heading`` is the heading over its measures' parts ("Recorded crime
    levels and survey results"); then its measures' parts and its narrative."""

    number: int
    title: str
    figures_heading: str
    measures: tuple[MeasurePart, ...]
    narrative: tuple[NarrativePart, ...] = ()


@attrs.frozen
@shared_methods
class ApplicabilityLine:
    """Whether a measure applies in the area and why not (SI 2021/547 para 7A(b))."""

    measure_id: str
    title: str
    applicable: bool
    reason: str | None = None

    @property
    def text(self) -> str:
        """``"Reduce homicide: applicable."`` or ``"...: not applicable. REASON"``."""
        if self.applicable:
            return f"{self.title}: applicable." + (f" {self.reason}" if self.reason else "")
        return f"{self.title}: not applicable. {self.reason or ''}".strip()


@attrs.frozen
@shared_methods
class SourceEntry:
    """A data source in the statement's list of sources: its name in the statement file,
    its title, its format and its files, and the note describing it."""

    name: str
    title: str
    format_name: str
    files: tuple[str, ...]
    note: int

    @property
    def text(self) -> str:
        """``"Police recorded crime, one row per offence (crime.csv)."``"""
        files = f" ({', '.join(self.files)})" if self.files else ""
        return f"{upper_first(self.title)}{files}."


# --- the appendix: how the figures were made ------------------------------------------


@attrs.frozen
@shared_methods
class MethodWindow:
    """A window an indicator's figures cover, by its role: ``"Current: 12 months to June
    2023 (2022-07 to 2023-06)"``."""

    role: Role
    start: Month
    end: Month
    months: int

    @property
    def comparison(self) -> str:
        """The comparison in words: ``"Previous year"``."""
        return ROLE_LABELS[self.role]

    @property
    def text(self) -> str:
        """``"Current: 12 months to June 2023 (2022-07 to 2023-06)"``."""
        months = "month" if self.months == 1 else "months"
        return (
            f"{self.comparison}: {self.months} {months} to {self.end.label} "
            f"({self.start} to {self.end})"
        )


@attrs.frozen
@shared_methods
class MethodEntry:
    """How one indicator's figures were made, so that an analyst can make them again.

    ``definition`` says what is counted, in words (None when the measure gives none);
    ``selections`` say how each source picked the indicator's data, one line per source
    (``"Source 'crime': offence codes 1, 4.1 and 4.2"``); ``windows`` are the windows its
    figures cover; ``sources`` the statement file's sources it was counted from, whose
    files the appendix lists with their digests; ``derived`` says how a figure that no
    source was asked for was worked out (None when every figure came from a source).
    """

    measure_id: str
    measure_title: str
    indicator_id: str
    label: str
    definition: str | None
    selections: tuple[str, ...]
    windows: tuple[MethodWindow, ...]
    sources: tuple[str, ...]
    derived: str | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        """The entry as lines of text, as every format prints it (a table's cells aside):
        ``"Definition: ..."``, ``"Selected: ..."``, ``"Windows: ..."``, ``"Sources: ..."``."""
        lines = []
        if self.definition:
            lines.append(f"Definition: {self.definition}")
        lines += [f"Selected: {selection}." for selection in self.selections]
        if self.derived:
            lines.append(f"Worked out: {self.derived}")
        lines.append("Windows: " + "; ".join(window.text for window in self.windows) + ".")
        if self.sources:
            lines.append("Sources: " + ", ".join(repr(name) for name in self.sources) + ".")
        return tuple(lines)


@attrs.frozen
@shared_methods
class InputEntry:
    """A file the figures were made from: the source that read it, its path relative to
    the statement file, its SHA-256 digest and its number of data rows (None where it is
    not a table of rows)."""

    source: str
    path: str
    sha256: str
    rows: int | None

    @property
    def text(self) -> str:
        """``"crime: data/crime.csv, 3,120 rows, SHA-256 9f86d0..."``."""
        rows = "" if self.rows is None else f", {self.rows:,} row{'s' if self.rows != 1 else ''}"
        return f"Source {self.source!r}: {self.path}{rows}, SHA-256 {self.sha256}"


@attrs.frozen
@shared_methods
class Appendix:
    """The appendix "How these figures were made": an introduction, one
    :class:`MethodEntry` per indicator (in statement order) and every input file with its
    digest (:class:`InputEntry`). Every format draws it, after the statement."""

    title: str
    introduction: str
    methods: tuple[MethodEntry, ...]
    inputs: tuple[InputEntry, ...]
    inputs_heading: str = "Input files"


@attrs.frozen
@shared_methods
class StatementDocument:
    """A whole statement as a format-neutral document.

    In reading order: ``title`` and ``subtitle`` (the force and the quarter); the
    ``commissioner`` line, ``published`` and ``contact``; the ``windows_sentence`` saying
    which windows the figures compare; the ``notice`` about the data; the ``applicability``
    of every measure; the ``sections``; the ``sources``; and the ``appendix`` saying how
    every figure was made. ``notes`` are every numbered
    note the document cites, in number order. ``info`` is the statement's metadata, for
    formats that need facts rather than words (file properties, JSON).
    """

    info: StatementInfo
    title: str
    subtitle: str
    windows_sentence: str
    applicability: tuple[ApplicabilityLine, ...]
    sections: tuple[SectionPart, ...]
    sources: tuple[SourceEntry, ...] = ()
    notes: tuple[Note, ...] = ()
    commissioner: str | None = None
    published: str | None = None
    contact: str | None = None
    notice: str | None = None
    notice_note: int | None = None
    appendix: Appendix | None = None

    def measure_parts(self) -> Iterator[MeasurePart]:
        """Every measure's part, in statement order."""
        for section in self.sections:
            yield from section.measures

    def figure_tables(self) -> Iterator[FigureTable]:
        """Every figure table, in statement order."""
        for part in self.measure_parts():
            yield from part.figure_tables()

    def figure_rows(self) -> Iterator[FigureRow]:
        """Every figure row of every figure table, in statement order."""
        for table in self.figure_tables():
            yield from table.rows

    def note_text(self, number: int) -> str:
        """The text of note ``number``."""
        return self.notes[number - 1].text
