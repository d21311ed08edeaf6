"""The starter folder ``measurekit init DIR`` writes: a statement file for a made-up force,
narrative files with the two headings, small invented data in the records, survey and
counts formats, and a README saying what to replace. It builds and checks clean as it is.

The data are made by ``tools/make_starter_data.py``; the files are copied as they are.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from measurekit.errors import MeasurekitError

#: The starter's statement file, in the folder ``init`` writes.
STATEMENT = "statement.toml"
#: The starter's files, as paths inside the folder (and inside this package).
FILES = (
    "README.md",
    STATEMENT,
    "data/crime-records.csv",
    "data/victim-survey.csv",
    "data/force-counts.csv",
    "narrative/homicide.md",
    "narrative/serious-violence.md",
    "narrative/neighbourhood-crime.md",
    "narrative/victim-satisfaction.md",
    "narrative/cyber-crime.md",
)


def write_starter(folder: Path) -> list[Path]:
    """Write the starter into ``folder``, which must not exist or be empty; return the files
    written.

    The folder appears whole or not at all: the files are written into a temporary folder
    beside it, which is then renamed. An existing file is never overwritten: a folder that
    holds anything is a :class:`MeasurekitError`.
    """
    if folder.exists() and not folder.is_dir():
        raise MeasurekitError(f"{folder}: exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise MeasurekitError(
            f"{folder}: the folder is not empty; init writes only into a new or empty folder"
        )
    parent = folder.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=parent))
    except OSError as error:
        raise MeasurekitError(f"{folder}: cannot create the folder: {error.strerror}") from error
    try:
        root = resources.files(__name__)
        for name in FILES:
            _copy(root.joinpath(*name.split("/")), staging / name)
        staging.chmod(0o777 & ~_umask())
        if folder.is_dir():
            folder.rmdir()
        os.replace(staging, folder)
    except OSError as error:
        raise MeasurekitError(f"{folder}: cannot write the starter: {error}") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / name for name in FILES]


def _copy(source: Traversable, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
