"""Output file names: after the statement file, and never after a quarter they do not hold.

A statement file ``cheshire-2023-24-q1.toml`` writes ``cheshire-2023-24-q1.md`` and so on.
When the quarter built is not the file's own (``--period "2023/24 Q2"``), the period is part
of the name:

- a stem that already names a quarter (``2023-24-q1``, ``2023_24_Q1``, ``q1-2023-24``) has
  it replaced by the quarter built: ``cheshire-2023-24-q2.md``;
- any other stem has the quarter added: ``pfa.toml`` gives ``pfa-2023-24-q2.md``.

A stem naming a quarter is always renamed to the quarter built, so even a statement file
whose name disagrees with its own ``period`` never writes a file named after a quarter it
does not hold. A many-forces run adds the force (``pfa-cheshire.md``); when it builds several
periods, every file names its period (``pfa-cheshire-2019-20-q1.md``).
"""

from __future__ import annotations

import re

from measurekit.model.periods import FinancialQuarter

#: A financial quarter as part of a file name: year, the next year (two or four digits)
#: and the quarter, in either order, joined by '-', '_', ' ' or nothing, in any case.
_YEAR = r"(?P<start>\d{4})[-_ ]?(?P<end>\d{2}|\d{4})"
_QUARTER_IN_NAME = re.compile(
    rf"(?<![0-9A-Za-z])(?:{_YEAR}[-_ ]?[qQ](?P<quarter>[1-4])"
    rf"|[qQ](?P<quarter2>[1-4])[-_ ]?{_YEAR.replace('start', 'start2').replace('end', 'end2')})"
    r"(?![0-9A-Za-z])"
)


def slug(name: str) -> str:
    """A name as part of a file name: ``"Avon and Somerset"`` -> ``"avon-and-somerset"``,
    ``"2023/24 Q1"`` -> ``"2023-24-q1"``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "force"


def _names_a_quarter(match: re.Match[str]) -> bool:
    """Whether a match is a real financial year (the second year follows the first)."""
    start = int(match.group("start") or match.group("start2"))
    end = match.group("end") or match.group("end2")
    return int(end) == (start + 1 if len(end) == 4 else (start + 1) % 100)


def quarters_named(stem: str) -> list[str]:
    """The quarter labels in ``stem``, as written there."""
    return [match.group(0) for match in _QUARTER_IN_NAME.finditer(stem) if _names_a_quarter(match)]


def output_stem(
    file_stem: str,
    quarter: FinancialQuarter,
    file_quarter: FinancialQuarter | None,
    force: str | None = None,
    every_period: bool = False,
) -> str:
    """The name (without extension) of the files holding ``quarter``'s statement.

    ``file_stem`` is the statement file's name without extension, ``file_quarter`` its own
    ``period`` (None when it cannot be read), ``force`` a force's name for a many-forces
    run, and ``every_period`` whether the run builds several periods, so that every name
    says which.
    """
    period = slug(str(quarter))
    if quarters_named(file_stem):

        def replace(match: re.Match[str]) -> str:
            return period if _names_a_quarter(match) else match.group(0)

        stem = _QUARTER_IN_NAME.sub(replace, file_stem)
        return f"{stem}-{slug(force)}" if force else stem
    stem = f"{file_stem}-{slug(force)}" if force else file_stem
    if every_period or quarter != file_quarter:
        stem = f"{stem}-{period}"
    return stem
