"""Counts a measure reads from a second, optional source: figures the force supplies.

Some indicators are not in recorded crime data: hospital admissions, county lines closed,
referrals into drug treatment. A measure lets the statement name a ``counts`` source for
them with its own key (``counts_source``, see :class:`SuppliedCountsOptions`) and shows
each such indicator only when that source holds figures for it.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from measurekit.errors import InputError
from measurekit.measures.base import MeasureContext
from measurekit.measures.sentences import part_sentence
from measurekit.model.statement import Figure, Indicator, Role
from measurekit.shared_methods import shared_methods
from measurekit.sources.base import Query, Source


@attrs.frozen
@shared_methods
class SuppliedCountsOptions:
    """A measure's own key: ``counts_source``, the name of a ``[sources.NAME]`` table
    holding counts supplied by the force (format ``counts``). None: no such figures."""

    counts_source: str | None = None


def supplied_source(context: MeasureContext, name: str | None) -> Source | None:
    """The source called ``name``, opened; None when ``name`` is None.

    Raises :class:`InputError` naming the key when the statement has no such source.
    """
    if name is None:
        return None
    source = context.source_named(name)
    if source is None:
        raise InputError(
            f"measures.{context.measure_id}.counts_source: the statement file has no "
            f"[sources.{name}]"
        )
    return source


def supplied_counts(
    context: MeasureContext, source: Source | None, indicators: Sequence[Indicator]
) -> dict[str, list[Figure]]:
    """Figures in every comparison window for each of ``indicators`` that ``source`` holds,
    keyed by indicator id, in the order given. Indicators the source does not hold are
    left out: they are optional."""
    if source is None:
        return {}
    held = source.coverage()
    counting = context.with_source(source)
    return {
        indicator.id: counting.counts(indicator, Query(indicator.id))
        for indicator in indicators
        if indicator.id in held
    }


def optional_counts(
    context: MeasureContext, indicators: Sequence[Indicator]
) -> dict[str, list[Figure]]:
    """:func:`supplied_counts` of ``indicators`` from the source the measure's
    ``counts_source`` key names (see :class:`SuppliedCountsOptions`); empty when it names
    none."""
    options: SuppliedCountsOptions = context.settings.options or SuppliedCountsOptions()
    return supplied_counts(context, supplied_source(context, options.counts_source), indicators)


def in_order(indicators: Sequence[Indicator], figures: dict[str, list[Figure]]) -> list[Figure]:
    """Every figure of ``figures``, indicator by indicator in the order of ``indicators``."""
    return [figure for indicator in indicators for figure in figures.get(indicator.id, [])]


def supplied_sentences(
    indicators: Sequence[Indicator], figures: dict[str, list[Figure]]
) -> list[str]:
    """A sentence per supplied indicator, its current figure against the year before."""
    sentences = []
    for indicator in indicators:
        if indicator.id not in figures:
            continue
        by_role = {figure.role: figure for figure in figures[indicator.id]}
        sentences.append(
            part_sentence(indicator, by_role[Role.CURRENT], by_role[Role.PREVIOUS_YEAR])
        )
    return sentences
