"""Home Office offence codes: how a measure's codes match a record's, and the code lists
that measure plugins ship as data files.

A code matches **exactly**: ``"56"`` counts records coded ``56`` and nothing else, not
``56A`` or ``56B``. A code's sub-codes are counted only when asked for, with the prefix
form ``"56*"``: the code itself and every code that continues it with a letter or a point
(``56A``, ``56B``, ``4.10`` under ``"4*"``), never with another digit (``"5*"`` does not
count ``56``). Codes compare after :func:`normalise_offence_code`, so case and surrounding
spaces never matter.
"""

from __future__ import annotations

import functools
import pkgutil
import tomllib
from collections.abc import Iterable

from measurekit.errors import PluginError

DATA_FILE = "offence_codes.toml"
#: Ends a code that stands for itself and its sub-codes: ``"56*"``.
SUB_CODES = "*"


def normalise_offence_code(code: str) -> str:
    """An offence code in canonical form: stripped, letters upper case (``28e`` -> ``28E``)."""
    return code.strip().upper()


def offence_code_problem(code: str) -> str | None:
    """Why ``code`` cannot be a measure's offence code, or None when it can.

    A code is not blank; ``*`` may appear only once, at the end, after a code
    (``"56*"``).
    """
    text = normalise_offence_code(code)
    if not text:
        return "an offence code is blank"
    stem = text.removesuffix(SUB_CODES)
    if not stem:
        return f"{code!r} has no code before '*'; write the code whose sub-codes count, as in '56*'"
    if SUB_CODES in stem:
        return f"{code!r}: '*' may only end a code, as in '56*' (the code and its sub-codes)"
    return None


def offence_codes(codes: Iterable[str]) -> frozenset[str]:
    """``codes`` normalised, each checked with :func:`offence_code_problem`; a
    :class:`ValueError` states the first problem."""
    normalised = []
    for code in codes:
        problem = offence_code_problem(str(code))
        if problem:
            raise ValueError(problem)
        normalised.append(normalise_offence_code(str(code)))
    return frozenset(normalised)


def offence_code_matches(code: str, codes: frozenset[str]) -> bool:
    """Whether a record coded ``code`` (normalised) is counted by ``codes``: it is one of
    them exactly, or continues a ``"NN*"`` entry's code with a letter or a point."""
    exact, stems = _split(codes)
    if code in exact:
        return True
    return any(
        code.startswith(stem) and len(code) > len(stem) and not code[len(stem)].isdigit()
        for stem in stems
    )


@functools.lru_cache(maxsize=256)
def _split(codes: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """``codes`` as the exact codes (each ``"NN*"`` entry's own code among them) and the
    stems whose sub-codes count."""
    stems = tuple(sorted(code[:-1] for code in codes if code.endswith(SUB_CODES)))
    exact = frozenset(code for code in codes if not code.endswith(SUB_CODES)) | set(stems)
    return exact, stems


def _package_text(package: str, resource: str) -> str:
    """The text of the file ``resource`` in ``package``, in a folder or a zip file alike.

    The package's loader reads it (``pkgutil.get_data``), which costs a run nothing more;
    ``importlib.resources`` imports ``zipfile`` and a dozen modules besides, so it is asked
    only for a namespace package (no ``__init__.py``), whose loader reads no files.
    """
    data = pkgutil.get_data(package, resource)
    if data is None:
        from importlib import resources

        return (resources.files(package) / resource).read_text(encoding="utf-8")
    return data.decode("utf-8")


def load_offence_codes(package: str, resource: str = DATA_FILE) -> dict[str, frozenset[str]]:
    """The ``[indicators]`` table of ``resource`` in ``package``: indicator id to codes.

    Codes are normalised (stripped, letters upper case) and match exactly; an entry such
    as ``"56*"`` also counts the code's sub-codes (see the module's docstring). A missing
    or malformed file, or a code such as ``"5*6"``, is a :class:`PluginError` naming the
    package; so is a package that cannot be imported or holds no files.
    """
    try:
        table = tomllib.loads(_package_text(package, resource)).get("indicators")
        if not isinstance(table, dict):
            raise ValueError("it has no [indicators] table")
        found = {}
        for indicator, codes in table.items():
            if not isinstance(codes, list):
                raise ValueError(f"indicators.{indicator} is not a list of codes")
            found[indicator] = offence_codes(codes)
        return found
    except (ImportError, OSError, TypeError, ValueError) as error:
        # (tomllib.TOMLDecodeError and UnicodeDecodeError are ValueErrors; TypeError is
        # a module that is not a package.)
        raise PluginError(package, f"cannot read {resource}: {error}") from error
