"""What a data source is: something that answers counts (and tallies) for windows.

A source format (``counts``, ``records``, ``survey``, ...) is registered by a plugin through
the ``register_source_formats`` hook. The statement file names a format for each source;
the format opens the files and returns a :class:`Source`, which measures then query.
"""

from __future__ import annotations

import abc
import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from measurekit.errors import InputError, Location
from measurekit.measures.offence_codes import offence_codes
from measurekit.measures.wording import join_words
from measurekit.model.markers import Marker
from measurekit.model.periods import Month, Window
from measurekit.shared_methods import shared_methods
from measurekit.sources.provenance import InputFile

if TYPE_CHECKING:  # loaded by ``measurekit explain``, not by a build
    from measurekit.sources.explanation import Explanation


@attrs.frozen
@shared_methods
class RecordFlag:
    """A condition on one column of a record, declared by the measure that needs it.

    ``value`` is True or False for a yes/no column (``knife_or_sharp_instrument``), or the
    set of values a categorical column may hold (``firearm_type`` in handgun, rifle,
    shotgun), in lower case. The core knows no column by name: a source compares the
    column it holds under that name, and answers ``Unavailable`` for a column it lacks.
    """

    column: str
    value: bool | frozenset[str]

    def admits(self, held: bool | str) -> bool:
        """Whether a record holding ``held`` in the column satisfies the condition."""
        if isinstance(self.value, bool):
            return held is self.value
        return isinstance(held, str) and held in self.value


@attrs.frozen
@shared_methods
class RecordFilter:
    """Which recorded offences count towards an indicator.

    ``offence_codes`` None places no condition on the code; each of ``flags`` must hold.
    Codes match **exactly**: ``"56"`` counts records coded ``56``, not ``56A`` or ``56B``.
    An entry ending in ``*`` counts the code and its sub-codes deliberately: ``"56*"``
    counts ``56``, ``56A`` and ``56B`` (a letter or a point continues a code; a digit
    does not, so ``"5*"`` never counts ``56``). Codes are normalised (stripped, upper case)
    on construction; a malformed one (``"5*6"``, blank) is a :class:`ValueError`.
    Record-level sources apply it; sources of ready-made counts ignore it and look the
    indicator up by id.
    """

    offence_codes: frozenset[str] | None = attrs.field(
        default=None, converter=attrs.converters.optional(offence_codes)
    )
    flags: tuple[RecordFlag, ...] = ()

    def flag(self, column: str) -> RecordFlag | None:
        """The condition on ``column``, or None when the filter places none."""
        return next((flag for flag in self.flags if flag.column == column), None)


@attrs.frozen
@shared_methods
class Query:
    """A request for one indicator: its id (for sources of counts) and how to find its
    records (for record-level sources)."""

    indicator: str
    records: RecordFilter | None = None


def code_order(code: str) -> tuple[tuple[int, str], ...]:
    """A key sorting offence codes as people read them: ``4.2`` before ``4.10``, ``8`` before
    ``28E``."""
    return tuple(
        (int(part), "") if part.isdigit() else (-1, part)
        for part in re.findall(r"[0-9]+|[^0-9.]+", code)
    )


def describe_filter(rule: RecordFilter) -> str:
    """A record filter in words: ``"offence codes 1, 4.1 and 4.10, where
    knife_or_sharp_instrument is true"``."""
    if rule.offence_codes is None:
        words = "every offence code"
    else:
        codes = sorted(rule.offence_codes, key=code_order)
        words = ("offence code " if len(codes) == 1 else "offence codes ") + join_words(codes)
    conditions = []
    for flag in rule.flags:
        if isinstance(flag.value, bool):
            conditions.append(f"{flag.column} is {'true' if flag.value else 'false'}")
        else:
            conditions.append(f"{flag.column} is {join_words(sorted(flag.value), 'or')}")
    return words + (f", where {join_words(conditions)}" if conditions else "")


def default_selection(query: Query) -> str:
    """How ``query`` picks its data, in words, for a source that does not say
    (:meth:`Source.describe`): its record filter, or the indicator's id."""
    if query.records is not None and query.records.offence_codes is not None:
        return describe_filter(query.records)
    return f"the figures the source holds for {query.indicator!r}"


@attrs.frozen
@shared_methods
class Count:
    """A source's answer: the count over the window, with any marker (such as ``[r]``,
    revised) the source attaches."""

    value: int
    marker: Marker | None = None
    note: str | None = None


@attrs.frozen
@shared_methods
class IndicatorScope:
    """What a source's figures for an indicator really count, where that is not what the
    measure's indicator defines: ONS's robbery is all robbery, of business as well as
    personal property, while the neighbourhood crime measure means robbery of personal
    property. ``label`` stands in tables in place of the indicator's label, and
    ``definition`` in the notes in place of its definition, so a figure never claims to
    count something narrower than the data hold."""

    label: str
    definition: str


@attrs.frozen
@shared_methods
class Tally:
    """A survey source's answer: ``yes`` of ``responses`` answered positively."""

    yes: int
    responses: int


@attrs.frozen
@shared_methods
class Unavailable:
    """The source cannot answer the window, and why.

    ``missing_month`` is set when the window lies inside the data but a month of it is
    missing: the build then fails unless the statement allows gaps. Otherwise (the window
    starts before the data, or the publisher suppressed the figure) the figure is shown as
    ``[x]`` with ``reason`` as its note.
    """

    reason: str
    missing_month: Month | None = None
    marker: Marker = Marker.NOT_AVAILABLE
    #: What the failed build's error says is missing, when it is more than "no data for
    #: MONTH" (such as quarterly rows that cannot be split to fit the window).
    gap: str | None = None


Answer = Count | Unavailable


@attrs.frozen
@shared_methods
class Population:
    """The resident population of a force area, as an estimate for the middle of ``year``
    (ONS mid-year estimates), used to turn counts into rates per 1,000 population.

    ``source`` says where the estimate was read, for notes ("ONS force area tables, year
    ending June 2019 edition").
    """

    value: int
    year: int
    source: str | None = None

    @property
    def label(self) -> str:
        """E.g. ``"mid-2018 population estimate of 1,059,300"``."""
        return f"mid-{self.year} population estimate of {self.value:,}"


@attrs.frozen
@shared_methods
class ForceRef:
    """A force that a source holding several forces can answer for.

    ``code`` is the ONS area code where the source knows it (``E23000006``); ``name`` is the
    force's name as the source writes it (``Cheshire``).
    """

    name: str
    code: str | None = None

    @property
    def selectors(self) -> tuple[str, ...]:
        """What to put in :attr:`SourceSpec.force` to select this force: the code first."""
        return (self.code, self.name) if self.code else (self.name,)


class Severity(StrEnum):
    """How serious something a source reports about its own data is.

    An error means the data cannot be used as it is (a build from it would fail); a warning
    means it can, but a person should look; info is for the record.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
@shared_methods
class Diagnostic:
    """Something a source noticed about its data while reading it, with where it applies."""

    severity: Severity
    message: str
    location: Location | None = None

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


@attrs.frozen
@shared_methods
class Duplicate:
    """A record that appears more than once in a source.

    ``key`` is what repeats (such as a Crime ID), ``rows`` where it appears in ``path``;
    ``counted`` says whether the source counts every copy (as police.uk's own totals do)
    or only one.
    """

    key: str
    path: Path
    rows: tuple[int, ...]
    counted: bool = True
    note: str | None = None


class Source(abc.ABC):
    """An opened data source. Implementations override what they can answer."""

    #: The source's name in the statement file (``[sources.NAME]``) and its format.
    name: str
    format_name: str

    def __init__(self, name: str, format_name: str) -> None:
        self.name = name
        self.format_name = format_name

    def count(self, query: Query, window: Window) -> Answer:
        """How many of ``query``'s indicator fall in ``window``.

        Returns :class:`Count` when the data tiles the window exactly, otherwise
        :class:`Unavailable`; never a partial count.
        """
        raise InputError(
            f"source {self.name!r} (format {self.format_name!r}) holds no counts; "
            "name a source of crime data for this measure"
        )

    def tally(self, query: Query, window: Window) -> Tally | Unavailable:
        """How many survey responses in ``window`` answered positively, of how many.

        ``query.indicator`` names the question and the group (such as domestic abuse
        victims), as the source format documents.
        """
        raise InputError(
            f"source {self.name!r} (format {self.format_name!r}) holds no survey responses; "
            "name a survey source for this measure"
        )

    def coverage(self) -> Mapping[str, list[Month]]:
        """The months each indicator has data for, for the data-quality report."""
        return {}

    def scope(self, indicator: str) -> IndicatorScope | None:
        """What this source's counts of ``indicator`` really cover, when that differs from
        what measures mean by it (see :class:`IndicatorScope`); None when it is the same."""
        return None

    def population(self, window: Window) -> Population | Unavailable:
        """The population to divide counts over ``window`` by, for rates per 1,000.

        Sources that carry no population answer :class:`Unavailable`; rates are then simply
        not given.
        """
        return Unavailable(f"source {self.name!r} holds no population figures")

    def counts_by_month(self) -> Mapping[str, Mapping[Month, int]]:
        """Each indicator's count month by month, for every month the source covers
        (a covered month with no records is 0), for the data-quality report's search for
        unusual values. Sources without monthly figures return an empty mapping."""
        return {}

    def duplicates(self) -> Sequence[Duplicate]:
        """Records the source found more than once, and whether it counts each copy."""
        return ()

    def diagnostics(self) -> Sequence[Diagnostic]:
        """What the source noticed while reading: rows it could not read (errors, when
        opened by :meth:`SourceFormat.inspect`), oddities (warnings) and facts (info)."""
        return ()

    # --- provenance (optional) --------------------------------------------------------

    def inputs(self) -> Sequence[InputFile]:
        """Every file the source read, in the order read, with its SHA-256 digest and its
        number of data rows (see :func:`measurekit.sources.provenance.input_file`).

        Empty by default: the statement then lists the files its ``path`` names, with
        their digests and no row counts. A source over a database lists none.

        .. versionadded:: 0.4
        """
        return ()

    def describe(self, query: Query) -> str | None:
        """How this source picks ``query``'s data, in words for the appendix "How these
        figures were made": ``"offence codes 1, 4.1, 4.2"``, ``"crime type
        'Burglary'"``, ``"rows with indicator 'homicide'"``. None (the default) lets the
        statement say it from the query itself.

        .. versionadded:: 0.4
        """
        return None

    def explain(self, query: Query, window: Window) -> Explanation:
        """The input rows behind the count (or tally) of ``query`` over ``window``, for
        ``measurekit explain``; see :mod:`measurekit.sources.explanation` for what the
        rows must add up to. Called only for a window the source answered with a figure.

        The default raises :class:`InputError`: the source cannot list its rows.

        .. versionadded:: 0.4
        """
        raise InputError(
            f"source {self.name!r} (format {self.format_name!r}) cannot list the rows "
            "behind its figures"
        )


@attrs.frozen
@shared_methods
class SourceSpec:
    """A source as the statement file describes it, with paths already resolved.

    ``force`` is the force to select from files holding several, and ``force_explicit``
    says whether the statement file named it (otherwise it is the statement's own force or
    area). ``options`` holds the format's own settings, structured into its
    ``options_type``. ``base`` is the folder of the statement file, against which a
    format resolves relative paths held in its own keys (a DuckDB file in a ``sql``
    source's ``url``); None when the spec was made by hand.
    """

    name: str
    format_name: str
    paths: tuple[Path, ...]
    force: tuple[str, ...] = ()
    force_explicit: bool = False
    options: Any = None
    base: Path | None = None


class SourceFormat(abc.ABC):
    """A kind of data file that measurekit can read."""

    #: The name used as ``format = "..."`` in the statement file.
    name: ClassVar[str]
    #: One line for ``measurekit plugins``.
    description: ClassVar[str] = ""
    #: What a statement's readers are told the data are, in its list of sources
    #: ("ONS police force area data tables"); None to name the source by its key.
    title: ClassVar[str | None] = None
    #: An attrs class for the format's own keys in ``[sources.NAME]``, or None for none.
    options_type: ClassVar[type | None] = None
    #: Whether the source reads files named by ``path`` (required then); a format that
    #: reads elsewhere (a database) sets it False, and ``path`` is then refused.
    reads_files: ClassVar[bool] = True

    @abc.abstractmethod
    def open(self, spec: SourceSpec) -> Source:
        """Read and validate the files in ``spec``; raise :class:`InputError` naming the
        file, row and column of the first problem."""

    def forces(self, spec: SourceSpec) -> list[ForceRef] | None:
        """The forces the files in ``spec`` hold, for building one statement per force.

        None (the default) means the format cannot list them, so its sources cannot take
        part in a build for many forces. A format that returns a list must open a source for
        any listed force when ``spec.force`` is set to that force's
        :attr:`ForceRef.selectors` with ``force_explicit`` true.
        """
        return None

    def inspect(self, spec: SourceSpec) -> Source:
        """Open ``spec`` for the data-quality report.

        A format that can carry on past unreadable rows overrides this to return a source
        whose :meth:`Source.diagnostics` lists every such row as an error, instead of
        raising at the first; problems with whole files still raise. By default, the same
        as :meth:`open`.
        """
        return self.open(spec)
