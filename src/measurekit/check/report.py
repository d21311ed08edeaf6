"""The data-quality report of ``measurekit check``: what each source covers and what is odd.

For every source of a statement the report gives the months each indicator covers, gaps in
them, records found more than once, monthly counts far outside their own history (see
:mod:`measurekit.check.unusual`), records whose offence code is a sub-code a measure does
not count (:mod:`measurekit.check.codes`) and rows that could not be read, with their file
and line.

Errors make the check fail: a source that cannot be read, a row that cannot be read, or a
gap inside a window the statement needs (the build would stop there). Everything else is a
warning or information, reported without failing: an unusual month is still counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from itertools import pairwise

import attrs

from measurekit.build import compute_statement
from measurekit.check.codes import code_lists, sub_code_messages
from measurekit.check.unusual import unusual_months
from measurekit.errors import MeasurekitError
from measurekit.model.periods import Month, Window
from measurekit.plugins.guard import instance_of
from measurekit.plugins.manager import Plugins
from measurekit.shared_methods import shared_methods
from measurekit.sources.base import Duplicate, Severity, Source, SourceSpec
from measurekit.statement_file import StatementPlan
from measurekit.statement_warnings import statement_warnings

#: How serious a finding is (the same scale sources use for their own diagnostics).
Level = Severity

#: Rows of one duplicate listed before "...".
SHOWN_ROWS = 8


@attrs.frozen
@shared_methods
class Finding:
    """One line of the report about one source."""

    level: Level
    source: str
    message: str


@attrs.frozen
@shared_methods
class QualityReport:
    """Every finding, in source order."""

    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        """Whether any finding is an error."""
        return any(finding.level is Level.ERROR for finding in self.findings)

    def strict(self) -> QualityReport:
        """The report as ``--strict`` reads it: every warning an error."""
        return QualityReport(
            tuple(
                attrs.evolve(finding, level=Level.ERROR)
                if finding.level is Level.WARNING
                else finding
                for finding in self.findings
            )
        )

    def by_level(self, level: Level) -> list[Finding]:
        """The findings of one level, in order."""
        return [finding for finding in self.findings if finding.level is level]

    def as_text(self) -> str:
        """The report as lines of text, one per finding, ending with a summary line."""
        lines = [f"{f.level}: {f.source}: {f.message}" for f in self.findings]
        errors = len(self.by_level(Level.ERROR))
        warnings = len(self.by_level(Level.WARNING))
        lines.append(
            f"{errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}"
        )
        return "\n".join(lines)


def month_runs(months: Iterable[Month]) -> list[tuple[Month, Month]]:
    """Consecutive runs in ``months``: ``[(start, end), ...]``, in order."""
    runs: list[tuple[Month, Month]] = []
    for month in sorted(set(months)):
        if runs and runs[-1][1] + 1 == month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


def quality_report(plan: StatementPlan, plugins: Plugins) -> QualityReport:
    """Open every source of ``plan`` (through :meth:`SourceFormat.inspect`) and report on
    its data; nothing is written."""
    needed = needed_windows(plan, plugins)
    codes = code_lists(plan, plugins)
    findings: list[Finding] = []
    for name, spec in plan.sources.items():
        try:
            source = _inspect(spec, plugins)
        except MeasurekitError as error:
            findings.append(Finding(Level.ERROR, name, str(error)))
            continue
        findings.extend(source_findings(source, needed.get(name, []), plan.allow_gaps))
        if name in codes:
            held = source.counts_by_month()
            findings.extend(
                Finding(Level.WARNING, name, message)
                for message in sub_code_messages(codes[name], held)
            )
    if not any(finding.level is Level.ERROR for finding in findings):
        findings.extend(statement_findings(plan, plugins))
    return QualityReport(tuple(findings))


#: The name findings about the statement as a whole are reported under.
STATEMENT = "statement"


def statement_findings(plan: StatementPlan, plugins: Plugins) -> list[Finding]:
    """The statement computed as a build computes it: its warnings (such as every current
    figure being ``[x]``), or the error that would stop the build."""
    try:
        statement = compute_statement(plan, plugins)
    except MeasurekitError as error:
        return [Finding(Level.ERROR, STATEMENT, f"the build would stop here: {error}")]
    return [
        Finding(Level.WARNING, STATEMENT, warning)
        for warning in statement_warnings(statement, plan.path)
    ]


def _inspect(spec: SourceSpec, plugins: Plugins) -> Source:
    source_format = plugins.source_format(spec.format_name)
    plugin = plugins.source_formats[spec.format_name].plugin
    action = partial(source_format.inspect, spec)
    return plugins.call(plugin, f"source format {spec.format_name!r}", action, instance_of(Source))


def needed_windows(plan: StatementPlan, plugins: Plugins) -> dict[str, list[Window]]:
    """The windows each source must answer for the statement's applicable measures."""
    needed: dict[str, list[Window]] = {}
    for measure_id, settings in plan.measures.items():
        if not settings.applicable:
            continue
        measure = plugins.measure(measure_id)
        windows = plan.info.windows
        if settings.baseline is not None:
            windows = windows.with_baseline(settings.baseline)
        listed = needed.setdefault(settings.source or measure.default_source, [])
        for window in windows.by_role().values():
            if window not in listed:
                listed.append(window)
    return needed


def source_findings(source: Source, needed: Sequence[Window], allow_gaps: bool) -> list[Finding]:
    """Everything the report says about one opened source."""
    name = source.name
    findings = [
        Finding(diagnostic.severity, name, str(diagnostic)) for diagnostic in source.diagnostics()
    ]
    findings.extend(coverage_findings(name, source.coverage(), needed, allow_gaps))
    findings.extend(Finding(Level.WARNING, name, duplicate_message(d)) for d in source.duplicates())
    findings.extend(unusual_findings(name, source.counts_by_month()))
    return findings


def coverage_findings(
    name: str, coverage: Mapping[str, list[Month]], needed: Sequence[Window], allow_gaps: bool
) -> list[Finding]:
    """Months covered per indicator, each gap (an error when a needed window contains it
    and the statement does not allow gaps), and needed windows outside the data.

    Indicators covering exactly the same months share one line (a police.uk month missing
    from the folder is one finding, not one per crime type).
    """
    findings: list[Finding] = []
    outside: dict[Window, list[str]] = {}
    groups: dict[tuple[Month, ...], list[str]] = {}
    for indicator, months in coverage.items():
        groups.setdefault(tuple(sorted(set(months))), []).append(indicator)
    for covered_months, indicators in groups.items():
        which = ", ".join(indicators)
        runs = month_runs(covered_months)
        if not runs:
            findings.append(Finding(Level.WARNING, name, f"{which}: no data at all"))
            continue
        first, last = runs[0][0], runs[-1][1]
        covered = f"{first.label} to {last.label}" if first != last else first.label
        count = len(covered_months)
        findings.append(Finding(Level.INFO, name, f"{which}: {count} months, {covered}"))
        for (_, end), (start, _) in pairwise(runs):
            gap = Window(end + 1, start - 1)
            findings.append(_gap_finding(name, which, gap, needed, allow_gaps))
        for window in needed:
            if window.start < first or window.end > last:
                outside.setdefault(window, []).extend(indicators)
    findings.extend(_outside_findings(name, outside, len(coverage)))
    return findings


def _outside_findings(
    name: str, outside: Mapping[Window, list[str]], indicators: int
) -> list[Finding]:
    """One line per set of indicators about the needed windows that reach outside their
    data (naming the indicators unless it is all of them)."""
    by_indicators: dict[tuple[str, ...], list[Window]] = {}
    for window in sorted(outside):
        by_indicators.setdefault(tuple(outside[window]), []).append(window)
    findings = []
    for which, windows in by_indicators.items():
        labels = "; ".join(f"the {window.label}" for window in windows)
        scope = "" if len(which) == indicators else f" for {', '.join(which)}"
        findings.append(
            Finding(Level.INFO, name, f"outside the data{scope}, so figures show [x]: {labels}")
        )
    return findings


def _gap_finding(
    name: str, indicator: str, gap: Window, needed: Sequence[Window], allow_gaps: bool
) -> Finding:
    missing = gap.span_label
    hit = [w for w in needed if any(month in w for month in gap)]
    if not hit:
        return Finding(Level.WARNING, name, f"{indicator}: no data for {missing}")
    windows = ", ".join(w.label for w in hit)
    if allow_gaps:
        return Finding(
            Level.WARNING,
            name,
            f"{indicator}: no data for {missing}; the {windows} will show [x] (gaps allowed)",
        )
    return Finding(
        Level.ERROR,
        name,
        f"{indicator}: no data for {missing}, needed for the {windows}; supply it, or set "
        "allow_gaps = true under [statement] to show [x]",
    )


def duplicate_message(duplicate: Duplicate) -> str:
    """One line about a record found more than once."""
    rows = ", ".join(str(row) for row in duplicate.rows[:SHOWN_ROWS])
    if len(duplicate.rows) > SHOWN_ROWS:
        rows += ", ..."
    about = f" ({duplicate.note})" if duplicate.note else ""
    treatment = (
        "every copy is counted, as the publisher's totals count them"
        if duplicate.counted
        else "counted once"
    )
    return (
        f"{duplicate.key}{about} appears {len(duplicate.rows)} times in {duplicate.path}, "
        f"rows {rows}: {treatment}"
    )


def unusual_findings(name: str, series: Mapping[str, Mapping[Month, int]]) -> list[Finding]:
    """A warning for each month far outside its indicator's own history."""
    findings = []
    for indicator, by_month in series.items():
        for unusual in unusual_months(by_month):
            direction = "above" if unusual.value > unusual.median else "below"
            findings.append(
                Finding(
                    Level.WARNING,
                    name,
                    f"{indicator}: {unusual.value:,} in {unusual.month.label} is unusual, far "
                    f"{direction} its usual {unusual.low:,} to {unusual.high:,} a month "
                    f"(median {unusual.median:g}); it is counted as published: check it is real",
                )
            )
    return findings
