"""The ``police-uk`` source format: police.uk street-level crime files, as published.

A source is a folder (searched with its sub-folders) or a list of files named
``YYYY-MM-<force>-street.csv`` (``.csv.gz`` too). Each row is one crime as police.uk counts
it; rows are tallied by the month in their ``Month`` column, the force in ``Falls within``
and their ``Crime type``, which ``crime_types.toml`` maps to indicators (the four parts of
neighbourhood crime, drugs, possession of weapons). police.uk's Burglary and Robbery include
offences against businesses, and are labelled so; homicide, firearm offences, knife crime and
drug trafficking cannot be counted from police.uk's categories at all, and may not be
mapped. Anti-social behaviour rows are not crimes and are ignored. A repeated Crime ID is
counted on every row, as police.uk's own totals count it, and reported by ``measurekit
check``.

Statement file keys, besides ``format``, ``path`` and ``force``::

    [sources.crime]
    format = "police-uk"
    path = "data/police-uk/"
    workers = 2                                   # optional: processes to read with
    [sources.crime.crime_types]                   # optional: add or replace mappings
    shoplifting = ["Shoplifting"]
"""

from __future__ import annotations

import pkgutil
import tomllib
from typing import TYPE_CHECKING

import attrs

from measurekit.api import (
    ForceRef,
    IndicatorScope,
    InputError,
    Location,
    PluginError,
    SourceFormat,
    SourceSpec,
    hookimpl,
    shared_methods,
)

if TYPE_CHECKING:  # the readers load when a statement reads police.uk files, not with the plugin
    from measurekit_police_uk.source import PoliceUkSource

__version__ = "0.1.0"

DATA_FILE = "crime_types.toml"


@attrs.frozen
@shared_methods
class CrimeTypes:
    """The plugin's mapping of police.uk crime types, from :data:`DATA_FILE`."""

    indicators: dict[str, frozenset[str]]
    ignored: frozenset[str]
    other: frozenset[str]
    #: What a count from the default mapping covers, where it is wider than the indicator.
    scopes: dict[str, IndicatorScope] = attrs.field(factory=dict)
    #: Indicators no police.uk category can give, with why.
    cannot: dict[str, str] = attrs.field(factory=dict)


def load_crime_types() -> CrimeTypes:
    """Read the plugin's ``crime_types.toml``; a broken file is a :class:`PluginError`."""
    try:
        data = pkgutil.get_data(__name__, DATA_FILE)  # from a folder or a zip file alike
        if data is None:
            raise OSError(f"the loader of {__name__} cannot read data files")
        table = tomllib.loads(data.decode("utf-8"))
        return CrimeTypes(
            {key: frozenset(value) for key, value in table["indicators"].items()},
            frozenset(table["ignored"]["crime_types"]),
            frozenset(table["other"]["crime_types"]),
            {
                key: IndicatorScope(str(value["label"]), str(value["definition"]))
                for key, value in table.get("scopes", {}).items()
            },
            {key: str(value) for key, value in table.get("cannot", {}).items()},
        )
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError) as error:
        raise PluginError(__name__, f"cannot read {DATA_FILE}: {error}") from error


@attrs.frozen
@shared_methods
class PoliceUkOptions:
    """A ``police-uk`` source's own keys.

    ``crime_types`` maps an indicator id to the police.uk crime types it counts, adding to
    or replacing the plugin's defaults. ``workers`` is how many processes read the files
    (default: one per CPU for large folders, otherwise one).
    """

    crime_types: dict[str, list[str]] = attrs.field(factory=dict)
    workers: int | None = None


class PoliceUkFormat(SourceFormat):
    """``format = "police-uk"``: a folder or list of police.uk street-level files."""

    name = "police-uk"
    description = "police.uk street-level crime files (YYYY-MM-<force>-street.csv), as published"
    title = "Street-level crime data published on police.uk"
    options_type = PoliceUkOptions

    def open(self, spec: SourceSpec) -> PoliceUkSource:
        source = self.inspect(spec)
        problems = source.data.problems
        if problems:
            first = problems[0]
            more = source.data.problem_rows - 1
            rows = "row cannot" if more == 1 else "rows cannot"
            extra = f" ({more:,} more {rows} be read; 'measurekit check' lists them)"
            raise InputError(first.message + (extra if more else ""), first.location)
        return source

    def forces(self, spec: SourceSpec) -> list[ForceRef]:
        """The forces the files hold, as ``Falls within`` names them (the read is
        remembered, so opening each force afterwards does not read the files again)."""
        from measurekit_police_uk.folder import find_files, read_files

        options: PoliceUkOptions = spec.options or PoliceUkOptions()
        data = read_files(find_files(spec.paths), options.workers)
        return [ForceRef(name) for name in sorted(data.forces)]

    def inspect(self, spec: SourceSpec) -> PoliceUkSource:
        """Read the files, keeping rows that cannot be read as errors in
        :meth:`PoliceUkSource.diagnostics` instead of raising at the first."""
        from measurekit_police_uk.folder import find_files, read_files
        from measurekit_police_uk.source import PoliceUkSource, choose_forces

        options: PoliceUkOptions = spec.options or PoliceUkOptions()
        where = Location(spec.paths[0] if spec.paths else spec.name)
        if options.workers is not None and options.workers < 1:
            raise InputError(f"sources.{spec.name}.workers: must be 1 or more", where)
        types = load_crime_types()
        indicators = dict(types.indicators)
        scopes = dict(types.scopes)
        for indicator, names in options.crime_types.items():
            if indicator in types.cannot:
                raise InputError(
                    f"sources.{spec.name}.crime_types.{indicator}: police.uk data cannot give "
                    f"{indicator}: {types.cannot[indicator]}; count it from the force's "
                    "recorded crime (format records or counts)",
                    where,
                )
            indicators[indicator] = frozenset(name.strip() for name in names)
            scopes.pop(indicator, None)  # the statement says what its own mapping counts
        data = read_files(find_files(spec.paths), options.workers)
        forces = choose_forces(data, spec.force, spec.force_explicit, where)
        return PoliceUkSource(
            spec.name,
            data,
            forces,
            indicators,
            types.ignored,
            types.other,
            scopes,
            types.cannot,
        )


@hookimpl
def register_source_formats() -> list[SourceFormat]:
    """The police.uk street-level source format."""
    return [PoliceUkFormat()]
