"""The ``cyber_crime`` measure: tackle cyber crime.

The national measures for cyber crime (public confidence in the law enforcement response,
and the share of businesses that suffered a breach or attack) come from national surveys, so
a force usually marks the measure not applicable locally, with its reason, under
``[measures.cyber_crime]`` (``applicable = false``, ``reason = "..."``).

The measure needs no data. If the statement names a ``counts`` source for it (``source =
"NAME"``; by default a source called ``counts`` is used when there is one), it also shows any
local figures that source holds: ``cyber_dependent_crime`` (computer misuse offences
reported) and ``online_fraud`` (fraud reported as enabled online).
"""

from __future__ import annotations

from measurekit.api import (
    Block,
    Indicator,
    Measure,
    MeasureContext,
    MeasureResult,
    Paragraph,
    hookimpl,
    in_order,
    not_applicable_sentence,
    supplied_counts,
    supplied_sentences,
)

__version__ = "0.1.0"

LOCAL = (
    Indicator(
        "cyber_dependent_crime",
        "Cyber-dependent crimes reported",
        "cyber-dependent crime",
        "cyber-dependent crimes",
    ),
    Indicator(
        "online_fraud",
        "Online fraud reported",
        "online fraud",
        "online frauds",
    ),
)


class CyberCrime(Measure):
    """Cyber crime: measured nationally, with optional local counts."""

    id = "cyber_crime"
    title = "Tackle cyber crime"
    default_source = "counts"
    needs_source = False
    indicators = LOCAL

    def compute(self, context: MeasureContext) -> MeasureResult:
        local = supplied_counts(context, context.source, LOCAL)
        summary: list[Block] = []
        if not context.settings.applicable:
            summary.append(Paragraph(not_applicable_sentence(context)))
        if local:
            summary.append(
                Paragraph(
                    f"For information, the local figures {context.info.force} supplied are "
                    "below; they are not the national measure."
                )
            )
            summary += [Paragraph(text) for text in supplied_sentences(LOCAL, local)]
        elif context.settings.applicable:
            summary.append(Paragraph("No local figures for cyber crime were supplied."))
        figures = in_order(LOCAL, local)
        return self.result(context, figures, summary)


@hookimpl
def register_measures() -> list[Measure]:
    """The cyber crime measure."""
    return [CyberCrime()]
