"""The ``ons-pfa`` source format: ONS "Police force area data tables" workbooks.

``path`` names one workbook, several, or a folder of them (one per quarterly edition). Each
edition gives the counts of its own 12 months and, through its percentage changes, the
revised counts of the 12 months a year earlier; together several editions answer the
comparisons a statement makes. The force is chosen by name (``Cheshire``, or the
statement's force and area) or by ONS area code (``E23000006``).

Indicators: ``total_recorded_crime``, ``homicide``, ``robbery`` (all robbery, of business as
well as personal property, labelled so: see ``source.SCOPES``), ``burglary`` (residential
burglary), ``vehicle_offences``, ``theft_from_person`` and ``knife_crime`` (knife or sharp
instrument offences, selected serious offences). Each source also gives the population of
the force area (P3), so measures can state rates per 1,000 population.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from measurekit.api import (
    ForceRef,
    InputError,
    Location,
    Source,
    SourceFormat,
    SourceSpec,
    hookimpl,
)

if TYPE_CHECKING:  # the readers load when a statement reads ONS tables, not with the plugin
    from .edition import Edition
    from .tables import Area

__version__ = "0.1.0"

_IGNORED_WORDS = {"police", "constabulary", "service", "force"}


def name_key(name: str) -> str:
    """A force or area name folded for matching: case, punctuation, ``&``, the words
    "Police", "Constabulary" and "Service", and ONS's inverted "London, City of" do not
    matter."""
    text = name.lower().replace("&", " and ")
    if ", city of" in text:
        text = "city of " + text.replace(", city of", "")
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(word for word in words if word not in _IGNORED_WORDS)


class OnsPfaFormat(SourceFormat):
    """``format = "ons-pfa"``: the ONS force area workbooks, one per edition."""

    name = "ons-pfa"
    description = "ONS police force area data tables (.xlsx), one or more quarterly editions"
    title = "ONS police force area data tables"

    def __init__(self) -> None:
        # Editions are read once per run however many forces are built from them.
        self._editions: dict[tuple[Path, int, int], Edition | InputError] = {}

    def open(self, spec: SourceSpec) -> Source:
        editions = self.editions(spec)
        area = self._select(spec, editions)
        from .source import OnsPfaSource

        return OnsPfaSource(spec.name, area, editions)

    def forces(self, spec: SourceSpec) -> list[ForceRef]:
        """Every police force area (codes ``E23...`` and ``W15...``) in any edition, named
        as the newest edition names it."""
        found: dict[str, ForceRef] = {}
        for edition in sorted(self.editions(spec), key=lambda e: e.window.end):
            for area in edition.areas.values():
                if area.is_force and area.code:
                    found[area.code] = ForceRef(area.name, area.code)
        return sorted(found.values(), key=lambda force: force.name)

    def editions(self, spec: SourceSpec) -> list[Edition]:
        """The editions in ``spec``'s paths (files, or folders of ``.xlsx`` files), each
        read once; two files for the same 12 months are an error naming both."""
        editions: list[Edition] = []
        by_window: dict[object, Edition] = {}
        for path in _workbooks(spec.paths):
            edition = self._read(path)
            if edition.window in by_window:
                other = by_window[edition.window]
                raise InputError(
                    f"two editions for the year ending {edition.window.end.label}: this file "
                    f"and {other.path}; keep one",
                    Location(path),
                )
            by_window[edition.window] = edition
            editions.append(edition)
        if not editions:
            raise InputError(
                f"sources.{spec.name}: no .xlsx workbook found",
                Location(spec.paths[0] if spec.paths else spec.name),
            )
        return editions

    def _read(self, path: Path) -> Edition:
        status = path.stat()
        key = (path.resolve(), status.st_mtime_ns, status.st_size)
        if key not in self._editions:
            from .edition import read_edition

            try:
                self._editions[key] = read_edition(path)
            except InputError as error:
                self._editions[key] = error
        cached = self._editions[key]
        if isinstance(cached, InputError):
            raise cached
        return cached

    def _select(self, spec: SourceSpec, editions: list[Edition]) -> Area:
        """The area the spec asks for, by code or name; a force area wins over a region of
        the same name ("West Midlands")."""
        wanted_codes = {want.strip().upper() for want in spec.force}
        wanted_names = {name_key(want) for want in spec.force}
        matches: dict[str, Area] = {}
        for edition in sorted(editions, key=lambda e: e.window.end):
            for area in edition.areas.values():
                if (area.code and area.code in wanted_codes) or name_key(area.name) in wanted_names:
                    matches[area.key] = area
        forces = [area for area in matches.values() if area.is_force]
        chosen = forces or list(matches.values())
        if len(chosen) == 1:
            return chosen[0]
        wanted = " or ".join(repr(want) for want in spec.force) or "(none given)"
        where = Location(editions[0].path)
        if not chosen:
            raise InputError(
                f"sources.{spec.name}: no police force area called {wanted} in the ONS "
                f'tables; set force = "..." to a name or area code such as "Cheshire" or '
                '"E23000006"',
                where,
            )
        listed = ", ".join(f"{area.name} ({area.code})" for area in chosen)
        raise InputError(
            f"sources.{spec.name}: {wanted} matches several areas ({listed}); give the area "
            "code as force",
            where,
        )


def _workbooks(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    item
                    for item in path.iterdir()
                    if item.suffix.lower() == ".xlsx" and not item.name.startswith("~$")
                )
            )
        else:
            found.append(path)
    return found


@hookimpl
def register_source_formats() -> list[SourceFormat]:
    """The ONS force area tables."""
    return [OnsPfaFormat()]
