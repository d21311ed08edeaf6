"""Offence codes a measure lists exactly while the data hold their sub-codes.

Codes match exactly (``"56"`` does not count ``56A``), so a force whose records carry only
sub-codes would silently count nothing under a code list written with bare codes. The check
warns when a source holds records whose code continues a listed code with a letter or a
point and that no ``"56*"`` entry or listed sub-code counts.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from measurekit.measures.offence_codes import SUB_CODES, offence_code_matches
from measurekit.model.periods import Month
from measurekit.plugins.manager import Plugins
from measurekit.shared_methods import shared_methods
from measurekit.sources.formats import OFFENCE_CODE_SERIES
from measurekit.statement_file import StatementPlan


@attrs.frozen
@shared_methods
class CodeList:
    """The offence codes one indicator of one measure counts."""

    measure: str
    indicator: str
    codes: frozenset[str]


def code_lists(plan: StatementPlan, plugins: Plugins) -> dict[str, list[CodeList]]:
    """Per source name, the offence codes each applicable measure's indicators count from it
    (the plugin's codes, or the statement's where it replaces them)."""
    lists: dict[str, list[CodeList]] = {}
    for measure_id, settings in plan.measures.items():
        if not settings.applicable:
            continue
        measure = plugins.measure(measure_id)
        source = settings.source or measure.default_source
        for indicator in measure.indicators:
            codes = settings.offence_codes.get(indicator.id)
            if codes is None:
                try:
                    codes = measure.record_filter(indicator.id).offence_codes
                except Exception:  # the build names a failing plugin; the check moves on
                    codes = None
            if codes:
                lists.setdefault(source, []).append(CodeList(measure_id, indicator.id, codes))
    return lists


def held_codes(series: Mapping[str, Mapping[Month, int]]) -> dict[str, int]:
    """Records per offence code, from a source's monthly series (those named
    ``"offence code 56A"``, as record-level sources name them)."""
    return {
        name.removeprefix(OFFENCE_CODE_SERIES): sum(months.values())
        for name, months in series.items()
        if name.startswith(OFFENCE_CODE_SERIES)
    }


def uncounted_sub_codes(listed: CodeList, held: Mapping[str, int]) -> dict[str, tuple[str, int]]:
    """The codes in ``held`` (code to records) that continue one of ``listed``'s exact
    codes with a letter or a point but are not counted: code to (the listed code it
    continues, how many records)."""
    found: dict[str, tuple[str, int]] = {}
    exact = sorted(code for code in listed.codes if not code.endswith(SUB_CODES))
    for code, records in held.items():
        if offence_code_matches(code, listed.codes):
            continue
        for stem in exact:
            if offence_code_matches(code, frozenset({stem + SUB_CODES})):
                found[code] = (stem, records)
                break
    return found


def sub_code_messages(
    lists: list[CodeList], series: Mapping[str, Mapping[Month, int]]
) -> list[str]:
    """A warning per indicator whose exact codes miss sub-codes the data hold, given the
    source's monthly series."""
    held = held_codes(series)
    messages = []
    for listed in lists:
        missed = uncounted_sub_codes(listed, held)
        if not missed:
            continue
        stems = sorted({stem for stem, _ in missed.values()})
        rows = sum(count for _, count in missed.values())
        codes = ", ".join(sorted(missed))
        messages.append(
            f"{listed.measure}: {listed.indicator}: {rows:,} record{'s' if rows != 1 else ''} "
            f"coded {codes} {'are' if rows != 1 else 'is'} not counted: offence codes match "
            f"exactly and it lists {', '.join(repr(stem) for stem in stems)}; to count them, "
            f"list them or write {', '.join(repr(stem + SUB_CODES) for stem in stems)} "
            f"under [measures.{listed.measure}.offence_codes]"
        )
    return messages
