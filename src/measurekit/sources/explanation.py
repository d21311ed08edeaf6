"""What a source answers when asked which of its input makes up a figure.

A source that can list the input behind a count implements
:meth:`measurekit.Source.explain` and returns an :class:`Explanation`: a table with one
:class:`InputRow` per input row (a recorded offence, a survey response, a row of ready
counts, a cell of a published table) and what those rows make. ``measurekit explain``
prints it as CSV, ``file`` first, then the explanation's ``columns``.

The contract, checked by ``measurekit explain`` (a mismatch is an error, never printed):

- for :attr:`Explanation.counted` ``"rows"`` the number of rows equals the figure;
- for ``"values"`` the rows' ``value`` column adds up to it (ready counts);
- for ``"responses"`` the number of rows equals the figure's number of responses and
  :attr:`Explanation.value` is how many answered positively;
- for ``"cells"`` (published tables) :attr:`Explanation.value` equals the figure, and
  :attr:`Explanation.how` says how the cells give it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import attrs

from measurekit.shared_methods import shared_methods

#: How an explanation's rows make its figure (see the module's contract).
Counted = Literal["rows", "values", "responses", "cells"]


@attrs.frozen
@shared_methods
class InputRow:
    """One row of input behind a figure: the file it is in and its other cells as text,
    one per :attr:`Explanation.columns`. A row that is not in a file (a database's) has
    ``label`` naming where it is instead, printed as it is in the ``file`` column."""

    path: Path
    cells: tuple[str, ...]
    label: str | None = None


@attrs.frozen
@shared_methods
class Explanation:
    """The input behind one figure.

    ``columns`` name the cells of every row after ``file`` (``line``, ``crime_id``, ...);
    ``rows`` are the input rows in file order; ``value`` is what they make (the count, or
    the number answering positively); ``counted`` says how (see the module); ``how`` holds
    sentences saying how the rows were chosen (the query a database ran, the editions a
    revised count comes from).
    """

    columns: tuple[str, ...]
    rows: tuple[InputRow, ...]
    value: int
    counted: Counted = "rows"
    how: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        for row in self.rows:
            if len(row.cells) != len(self.columns):
                raise ValueError(
                    f"an explanation row of {row.label or row.path.name} has "
                    f"{len(row.cells)} cells for {len(self.columns)} columns"
                )


def combined(explanations: Sequence[Explanation]) -> Explanation:
    """Several explanations as one (a figure that adds up others): their rows one after
    another under the columns of all of them, in order of first appearance (a row lacking
    a column has it blank), their values added up. They must be counted the same way."""
    if len(explanations) == 1:
        return explanations[0]
    kinds = {explanation.counted for explanation in explanations}
    if len(kinds) != 1:
        raise ValueError("explanations counted in different ways cannot be combined")
    columns = tuple(
        dict.fromkeys(column for explanation in explanations for column in explanation.columns)
    )
    rows = []
    for explanation in explanations:
        at = {column: index for index, column in enumerate(explanation.columns)}
        for row in explanation.rows:
            cells = tuple(row.cells[at[column]] if column in at else "" for column in columns)
            rows.append(InputRow(row.path, cells, row.label))
    return Explanation(
        columns,
        tuple(rows),
        sum(explanation.value for explanation in explanations),
        kinds.pop(),
        tuple(line for explanation in explanations for line in explanation.how),
    )
