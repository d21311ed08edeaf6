"""The data-quality report of ``measurekit check``: what each source covers and what is odd.

Errors (a source that cannot be read) make the check fail; warnings (a gap in a series)
are reported but do not.
"""

from __future__ import annotations

from enum import StrEnum
from itertools import pairwise

import attrs

from measurekit.errors import MeasurekitError
from measurekit.periods import Month
from measurekit.plugins import Plugins
from measurekit.statement_file import StatementPlan


class Level(StrEnum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Finding:
    """One line of the report about one source."""

    level: Level
    source: str
    message: str


@attrs.frozen
class QualityReport:
    """Every finding, in source order."""

    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        """Whether any finding is an error."""
        return any(finding.level is Level.ERROR for finding in self.findings)

    def as_text(self) -> str:
        """The report as lines of text, one per finding, ending with a summary line."""
        lines = [f"{f.level}: {f.source}: {f.message}" for f in self.findings]
        errors = sum(f.level is Level.ERROR for f in self.findings)
        warnings = sum(f.level is Level.WARNING for f in self.findings)
        lines.append(
            f"{errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}"
        )
        return "\n".join(lines)


def month_runs(months: list[Month]) -> list[tuple[Month, Month]]:
    """Consecutive runs in sorted ``months``: ``[(start, end), ...]``."""
    runs: list[tuple[Month, Month]] = []
    for month in sorted(set(months)):
        if runs and runs[-1][1] + 1 == month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


def quality_report(plan: StatementPlan, plugins: Plugins) -> QualityReport:
    """Open every source of ``plan`` and report its coverage and gaps."""
    findings: list[Finding] = []
    for name, spec in plan.sources.items():
        try:
            source = plugins.source_format(spec.format_name).open(spec)
        except MeasurekitError as error:
            findings.append(Finding(Level.ERROR, name, str(error)))
            continue
        for indicator, months in source.coverage().items():
            runs = month_runs(months)
            if not runs:
                continue
            covered = f"{runs[0][0].label} to {runs[-1][1].label}"
            findings.append(Finding(Level.INFO, name, f"{indicator}: {covered}"))
            for (_, end), (start, _) in pairwise(runs):
                gap = (
                    f"{(end + 1).label}"
                    if start - 1 == end + 1
                    else f"{(end + 1).label} to {(start - 1).label}"
                )
                findings.append(Finding(Level.WARNING, name, f"{indicator}: no data for {gap}"))
    return QualityReport(tuple(findings))
