"""Reading a statement file (TOML) into a checked plan of what to build.

The file's shape is fixed by the attrs classes below and structured by one private cattrs
converter that forbids unknown keys. Source formats and measures add keys of their own
through their ``options_type``; those are checked by the same converter. Every error names
the statement file and the key (``sources.crime.path``) it is about.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs
import cattrs

from measurekit.errors import InputError, Location, MeasurekitError, StatementFileError
from measurekit.input_files import not_regular, read_text_limited
from measurekit.limits import MAX_CELL_CHARS, MAX_STATEMENT_BYTES, MAX_STATEMENT_DEPTH
from measurekit.measures.base import MeasureSettings
from measurekit.measures.offence_codes import offence_codes
from measurekit.model.periods import FinancialQuarter, Month, Window
from measurekit.model.statement import Branding, ComparisonWindows, SourceInfo, StatementInfo
from measurekit.output_names import output_stem
from measurekit.plugins.manager import Plugins
from measurekit.shared_methods import shared_methods
from measurekit.sources.base import SourceSpec
from measurekit.text_rules import (
    first_forbidden,
    forbidden_line_message,
    forbidden_message,
    terminal_safe,
)

T = TypeVar("T")

_converter = cattrs.Converter(forbid_extra_keys=True)


def _structure_paths(value: object, _: object) -> str | list[str] | None:
    """``path`` is one path or a list of paths (absent: None, for formats that read no
    files)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise TypeError("expected a path or a list of paths")


_converter.register_structure_hook(str | list[str] | None, _structure_paths)


@attrs.frozen
@shared_methods
class StatementTable:
    """``[statement]``: who publishes, for which quarter."""

    force: str
    period: str
    area: str | None = None
    commissioner: str | None = None
    commissioner_role: str | None = None
    organisation: str | None = None
    baseline: str | None = None
    allow_gaps: bool = False
    published: str | None = None
    contact: str | None = None
    notice: str | None = None


@attrs.frozen
@shared_methods
class SectionTable:
    """``[[sections]]``: the measures a section covers and its narrative file."""

    measures: list[str]
    narrative: str | None = None


@attrs.frozen
@shared_methods
class PublishingTable:
    """``[publishing]``: an office's own look for the html, pdf and docx formats."""

    template: str | None = None
    stylesheet: str | None = None
    logo: str | None = None
    logo_alt: str | None = None


@attrs.frozen
@shared_methods
class StatementFile:
    """The whole file; ``sources`` and ``measures`` tables are checked in a second step,
    once their format or measure is known."""

    statement: StatementTable
    sections: list[SectionTable]
    sources: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    measures: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    publishing: PublishingTable | None = None


@attrs.frozen
@shared_methods
class SourceTable:
    """The keys every ``[sources.NAME]`` table may have; others belong to its format."""

    format: str
    path: str | list[str] | None = None
    force: str | None = None
    title: str | None = None


@attrs.frozen
@shared_methods
class MeasureTable:
    """The keys every ``[measures.ID]`` table may have; others belong to the measure."""

    source: str | None = None
    baseline: str | None = None
    applicable: bool = True
    reason: str | None = None
    offence_codes: dict[str, list[str]] = attrs.field(factory=dict)


@attrs.frozen
@shared_methods
class SectionPlan:
    """A section to build: its measure ids and narrative file, if any."""

    measures: tuple[str, ...]
    narrative: Path | None


@attrs.frozen
@shared_methods
class StatementPlan:
    """A statement file checked against the installed plugins: ready to build."""

    path: Path
    info: StatementInfo
    sources: Mapping[str, SourceSpec]
    sections: tuple[SectionPlan, ...]
    measures: Mapping[str, MeasureSettings]
    allow_gaps: bool
    #: The file's own ``[statement].period`` (None when ``--period`` replaced one that
    #: cannot be read); ``info.quarter`` is the quarter built.
    file_quarter: FinancialQuarter | None = None

    @property
    def stem(self) -> str:
        """The output files' name without extension: the statement file's, with the quarter
        built in it when that is not the file's own (:mod:`measurekit.output_names`)."""
        return output_stem(self.path.stem, self.info.quarter, self.file_quarter)


def _own_quarter(text: str) -> FinancialQuarter | None:
    """The file's own period when ``--period`` replaces it, or None if it cannot be read
    (it is not used then, except to name the files)."""
    try:
        return FinancialQuarter.parse(text)
    except (ValueError, MeasurekitError):
        return None


def load_statement(path: Path, plugins: Plugins, period: str | None = None) -> StatementPlan:
    """Read and check the statement file at ``path``.

    ``period`` (``"2023/24 Q1"``) overrides ``[statement].period``. Raises
    :class:`StatementFileError` naming the file and key of the first problem.
    """
    where = Location(path)
    raw = read_statement_toml(path)
    document = _structure(raw, StatementFile, path, "")
    base = path.parent
    table = document.statement
    quarter = _quarter(period, table.period, path)
    file_quarter = quarter if period is None else _own_quarter(table.period)
    baseline = _baseline(table.baseline, path, "statement.baseline")
    info = StatementInfo(
        force=table.force,
        area=table.area or table.force,
        quarter=quarter,
        windows=ComparisonWindows.for_quarter(quarter, baseline),
        commissioner=table.commissioner,
        commissioner_role=table.commissioner_role,
        organisation=table.organisation,
        published=table.published,
        contact=table.contact,
        notice=table.notice,
        branding=_branding(document.publishing, path),
    )
    sources = {
        name: _source_spec(name, raw_source, info, plugins, path)
        for name, raw_source in document.sources.items()
    }
    info = attrs.evolve(
        info,
        sources=tuple(
            _source_info(name, raw_source, sources[name], plugins)
            for name, raw_source in document.sources.items()
        ),
    )
    sections = tuple(
        _section(index, section, plugins, path, base)
        for index, section in enumerate(document.sections)
    )
    if not sections:
        raise StatementFileError("no [[sections]]: a statement needs at least one", where)
    in_sections = [measure for section in sections for measure in section.measures]
    _check_listed_once(sections, path)
    for measure_id in document.measures:
        if measure_id not in in_sections:
            raise StatementFileError(
                f"measures.{measure_id}: the measure is in no [[sections]] entry", where
            )
    measures = {
        measure_id: _measure_settings(
            measure_id, document.measures.get(measure_id, {}), plugins, path
        )
        for measure_id in in_sections
    }
    for measure_id, settings in measures.items():
        measure = plugins.measure(measure_id)
        source = settings.source or measure.default_source
        if source not in sources and settings.applicable and measure.needs_source:
            raise StatementFileError(
                f"measures.{measure_id}: needs source {source!r}, but the file has no "
                f"[sources.{source}] (sources: {', '.join(sources) or 'none'})",
                where,
            )
    return StatementPlan(path, info, sources, sections, measures, table.allow_gaps, file_quarter)


def read_statement_toml(path: Path) -> dict[str, Any]:
    """The statement file at ``path`` parsed as TOML, with every key and text value checked
    against :mod:`measurekit.text_rules` and the file's size and nesting within
    :mod:`measurekit.limits`. Raises :class:`StatementFileError` naming the file, and the
    line or key, of the first problem."""
    where = Location(path)
    if path.is_dir():
        raise StatementFileError("is a folder; name the statement's .toml file", where)
    try:
        text = read_text_limited(path, MAX_STATEMENT_BYTES, "the statement file")
    except InputError as error:
        message = error.message
        if message == "file not found":
            message = "statement file not found"
        raise StatementFileError(message, where) from None
    found = forbidden_line_message(text)
    if found:
        number, problem = found
        line = text.split("\n")[number - 1]
        key = line.partition("=")[0].strip() if "=" in line else ""
        if key and forbidden_message(key) is None:
            problem = f"{key}: {problem}"
        raise StatementFileError(problem, Location(path, number, row_name="line"))
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise StatementFileError(f"not valid TOML: {error}", where) from None
    except RecursionError:
        raise StatementFileError(
            f"not valid TOML here: arrays or tables nest more than {MAX_STATEMENT_DEPTH} deep",
            where,
        ) from None
    _check_values(raw, text, path)
    return raw


def _check_values(raw: dict[str, Any], text: str, path: Path) -> None:
    """Every key and text value of ``raw``: no deeper than the limit, no longer than a
    cell holds, no control character or noncharacter (written as a TOML escape, which
    the scan of the raw lines cannot see)."""
    stack: list[tuple[str, object, int]] = [("", raw, 0)]
    while stack:  # depth first, in the file's order
        key, value, depth = stack.pop()
        if depth > MAX_STATEMENT_DEPTH:
            raise StatementFileError(
                f"{key}: arrays or tables nest more than {MAX_STATEMENT_DEPTH} deep",
                Location(path),
            )
        if isinstance(value, dict):
            for name, item in reversed(value.items()):
                child = f"{key}.{name}" if key else str(name)
                _check_text(str(name), child, text, path)
                stack.append((child, item, depth + 1))
        elif isinstance(value, list):
            stack.extend(
                (f"{key}[{index}]", item, depth + 1)
                for index, item in reversed(list(enumerate(value)))
            )
        elif isinstance(value, str):
            _check_text(value, key, text, path)


def _check_text(value: str, key: str, text: str, path: Path) -> None:
    problem = forbidden_message(value)
    if problem is None and len(value) > MAX_CELL_CHARS:
        problem = (
            f"is {len(value):,} characters long; a spreadsheet cell holds at most "
            f"{MAX_CELL_CHARS:,}"
        )
    if problem is None:
        return
    found = first_forbidden(value)
    line = _escape_line(text, found[0]) if found else None
    where = Location(path, line, row_name="line") if line else Location(path)
    raise StatementFileError(f"{terminal_safe(key)}: {problem}", where)


def _escape_line(text: str, character: str) -> int | None:
    """The first line of ``text`` writing ``character`` as a TOML escape (``\\u001b``)."""
    code = ord(character)
    escapes = (f"\\u{code:04x}", f"\\u{code:08x}")  # \U is folded to \u below
    for number, line in enumerate(text.splitlines(), start=1):
        folded = line.lower()
        if any(escape in folded for escape in escapes):
            return number
    return None


def _check_listed_once(sections: Sequence[SectionPlan], path: Path) -> None:
    """A measure may sit in one section only: listed twice, its figures would be printed
    (and computed) twice."""
    seen: dict[str, int] = {}
    for index, section in enumerate(sections):
        for measure_id in section.measures:
            if measure_id in seen:
                first = seen[measure_id]
                where_first = "the same section" if first == index else f"sections[{first}]"
                raise StatementFileError(
                    f"sections[{index}].measures: measure {measure_id!r} is already listed in "
                    f"{where_first}; list each measure once",
                    Location(path),
                )
            seen[measure_id] = index


def _structure(raw: object, kind: type[T], path: Path, prefix: str) -> T:
    try:
        return _converter.structure(raw, kind)
    except Exception as error:
        messages = cattrs.transform_error(error, path=f"$.{prefix}" if prefix else "$")
        message = messages[0] if messages else str(error)
        raise StatementFileError(_readable(message), Location(path)) from None


def _readable(message: str) -> str:
    """cattrs's ``"required field missing @ $.statement.force"`` as ``"statement.force:
    required field missing"``."""
    text, _, where = message.rpartition(" @ ")
    key = where.removeprefix("$").lstrip(".").replace("['", ".").replace("']", "")
    if text.startswith("extra fields found (") and text.endswith(")"):
        names = text.removeprefix("extra fields found (").removesuffix(")")
        text = f"unknown key{'s' if ',' in names else ''} {names}"
    return f"{key}: {text}" if key else text


def _parse(parser: Callable[[str], T], text: str, path: Path, key: str) -> T:
    """``parser(text)``, its ``ValueError`` turned into an error naming ``key``."""
    try:
        return parser(text)
    except ValueError as error:
        raise StatementFileError(f"{key}: {error}", Location(path)) from None


def _quarter(asked: str | None, written: str, path: Path) -> FinancialQuarter:
    """The quarter asked for in place of the file's (``--period``), else the file's own
    ``statement.period``; an error names whichever was wrong."""
    if asked is None:
        return _parse(FinancialQuarter.parse, written, path, "statement.period")
    try:
        return FinancialQuarter.parse(asked)
    except ValueError as error:
        raise MeasurekitError(f"the period asked for (--period): {error}") from None


def _baseline(text: str | None, path: Path, key: str) -> Window | None:
    """A baseline written as the last month of its 12 months (``"2020-03"``)."""
    if text is None:
        return None
    return Window.ending(_parse(Month.parse, text, path, key), 12)


def _split(raw: Mapping[str, Any], kind: type[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    names = {field.name for field in attrs.fields(kind)}
    known = {key: value for key, value in raw.items() if key in names}
    extra = {key: value for key, value in raw.items() if key not in names}
    return known, extra


def _options(
    extra: dict[str, Any], options_type: type | None, path: Path, prefix: str, owner: str
) -> Any:
    if options_type is None:
        if extra:
            raise StatementFileError(
                f"{prefix}: unknown key{'s' if len(extra) > 1 else ''} "
                f"{', '.join(sorted(extra))} ({owner} takes none of its own)",
                Location(path),
            )
        return None
    return _structure(extra, options_type, path, prefix)


def _branding(table: PublishingTable | None, path: Path) -> Branding | None:
    """``[publishing]`` with its files resolved and checked: each must exist, the logo must
    be PNG or JPEG and come with its text alternative."""
    if table is None:
        return None
    where = Location(path)

    def existing(key: str, value: str | None) -> Path | None:
        if value is None:
            return None
        resolved = (path.parent / value).resolve()
        if not resolved.is_file():
            raise StatementFileError(f"publishing.{key}: {value!r} is not a file", where)
        return resolved

    logo = existing("logo", table.logo)
    if logo is not None:
        if logo.suffix.lower() not in {".png", ".jpg", ".jpeg"}:
            raise StatementFileError("publishing.logo: a logo must be a PNG or JPEG file", where)
        if not (table.logo_alt or "").strip():
            raise StatementFileError(
                "publishing.logo_alt: a logo needs its text alternative (what it shows, "
                "such as the office's name)",
                where,
            )
    return Branding(
        existing("template", table.template),
        existing("stylesheet", table.stylesheet),
        logo,
        table.logo_alt.strip() if table.logo_alt else None,
    )


def _source_spec(
    name: str, raw: dict[str, Any], info: StatementInfo, plugins: Plugins, path: Path
) -> SourceSpec:
    prefix = f"sources.{name}"
    known, extra = _split(raw, SourceTable)
    table: SourceTable = _structure(known, SourceTable, path, prefix)
    if table.format not in plugins.source_formats:
        raise StatementFileError(
            f"{prefix}.format: unknown format {table.format!r}; installed formats: "
            f"{', '.join(sorted(plugins.source_formats))}",
            Location(path),
        )
    source_format = plugins.source_format(table.format)
    options = _options(extra, source_format.options_type, path, prefix, f"format {table.format!r}")
    if not source_format.reads_files:
        if table.path is not None:
            raise StatementFileError(
                f"{prefix}.path: format {table.format!r} reads no files; remove the key",
                Location(path),
            )
        paths: list[str] = []
    elif table.path is None:
        raise StatementFileError(f"{prefix}.path: required field missing", Location(path))
    else:
        paths = [table.path] if isinstance(table.path, str) else table.path
        if not paths:
            raise StatementFileError(f"{prefix}.path: no file named", Location(path))
    resolved: list[Path] = []
    for item in paths:
        candidate = (path.parent / item).resolve()
        if not candidate.exists():
            raise StatementFileError(f"{prefix}.path: {item!r} does not exist", Location(path))
        if candidate in resolved:
            raise StatementFileError(
                f"{prefix}.path: {item!r} is listed twice; its rows would be counted twice",
                Location(path),
            )
        resolved.append(candidate)
    force = (table.force,) if table.force else tuple(dict.fromkeys((info.force, info.area)))
    return SourceSpec(
        name, table.format, tuple(resolved), force, table.force is not None, options, path.parent
    )


def _source_info(
    name: str, raw: Mapping[str, Any], spec: SourceSpec, plugins: Plugins
) -> SourceInfo:
    """How outputs describe a source to readers: its ``title`` key, else its format's
    ``title`` ("ONS police force area data tables"), else its name and format ("Crime data
    (records format)"). A format's description is written for the people who prepare
    files, not for the statement's readers, so it is never used here."""
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        title = plugins.source_format(spec.format_name).title or (
            f"{name.replace('_', ' ').capitalize()} data ({spec.format_name} format)"
        )
    return SourceInfo(name, title.strip(), spec.format_name, tuple(p.name for p in spec.paths))


def _section(
    index: int, table: SectionTable, plugins: Plugins, path: Path, base: Path
) -> SectionPlan:
    prefix = f"sections[{index}]"
    if not table.measures:
        raise StatementFileError(f"{prefix}.measures: list at least one measure", Location(path))
    for measure_id in table.measures:
        if measure_id not in plugins.measures:
            raise StatementFileError(
                f"{prefix}.measures: no installed plugin provides measure {measure_id!r}; "
                f"installed: {', '.join(sorted(plugins.measures))}",
                Location(path),
            )
    narrative = None
    if table.narrative is not None:
        narrative = (base / table.narrative).resolve()
        problem = not_regular(narrative)
        if problem == "file not found":
            problem = "does not exist"
        if problem:
            raise StatementFileError(
                f"{prefix}.narrative: {table.narrative!r} {problem}", Location(path)
            )
    return SectionPlan(tuple(table.measures), narrative)


def _measure_settings(
    measure_id: str, raw: dict[str, Any], plugins: Plugins, path: Path
) -> MeasureSettings:
    prefix = f"measures.{measure_id}"
    measure = plugins.measure(measure_id)
    known, extra = _split(raw, MeasureTable)
    table: MeasureTable = _structure(known, MeasureTable, path, prefix)
    options = _options(extra, measure.options_type, path, prefix, f"measure {measure_id!r}")
    if not table.applicable and not table.reason:
        raise StatementFileError(
            f"{prefix}.reason: a measure marked not applicable needs the reason "
            "(the law asks for it)",
            Location(path),
        )
    indicator_ids = {indicator.id for indicator in measure.indicators}
    for indicator_id in table.offence_codes:
        if indicator_id not in indicator_ids:
            raise StatementFileError(
                f"{prefix}.offence_codes.{indicator_id}: measure {measure_id!r} has no such "
                f"indicator; it has {', '.join(sorted(indicator_ids))}",
                Location(path),
            )
    codes = {}
    for indicator_id, code_list in table.offence_codes.items():
        try:
            codes[indicator_id] = offence_codes(code_list)
        except ValueError as error:
            raise StatementFileError(
                f"{prefix}.offence_codes.{indicator_id}: {error}", Location(path)
            ) from error
    return MeasureSettings(
        source=table.source,
        baseline=_baseline(table.baseline, path, f"{prefix}.baseline"),
        applicable=table.applicable,
        reason=table.reason,
        offence_codes=codes,
        options=options,
    )
