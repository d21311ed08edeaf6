"""Home Office offence code lists that measure plugins ship as data files."""

from __future__ import annotations

import tomllib
from importlib import resources

from measurekit.errors import PluginError

DATA_FILE = "offence_codes.toml"


def normalise_offence_code(code: str) -> str:
    """An offence code in canonical form: stripped, letters upper case (``28e`` -> ``28E``)."""
    return code.strip().upper()


def load_offence_codes(package: str, resource: str = DATA_FILE) -> dict[str, frozenset[str]]:
    """The ``[indicators]`` table of ``resource`` in ``package``: indicator id to codes.

    Codes are normalised (stripped, letters upper case). A missing or malformed file is a
    :class:`PluginError` naming the package.
    """
    try:
        text = (resources.files(package) / resource).read_text(encoding="utf-8")
        table = tomllib.loads(text)["indicators"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as error:
        raise PluginError(package, f"cannot read {resource}: {error}") from error
    return {
        indicator: frozenset(normalise_offence_code(str(code)) for code in codes)
        for indicator, codes in table.items()
    }
