"""police.uk folders read by DuckDB give what measurekit's own reader gives: the same
counts, rows and repeated Crime IDs, and for a file with a problem the own reader's
answer (DuckDB's is set aside). Without DuckDB the own reader is used."""

from __future__ import annotations

import csv
import gzip
import re
import sys
from pathlib import Path

import pytest

from measurekit.errors import InputError
from measurekit.sources.base import SourceSpec

pytest.importorskip("duckdb", reason="needs the sql extra: pip install -e '.[sql]'")

from measurekit_police_uk import PoliceUkFormat, PoliceUkOptions, engine
from measurekit_police_uk import folder as folders
from measurekit_police_uk.folder import PoliceUkData

DATA = Path(__file__).parent / "data" / "police-uk-cheshire-2025"


def read(
    path: Path, own: bool, monkeypatch: pytest.MonkeyPatch, force: str = "Cheshire"
) -> PoliceUkData:
    folders._read_cached.cache_clear()
    monkeypatch.setenv(folders.ENGINE_VARIABLE, "0" if own else "1")
    spec = SourceSpec("crime", "police-uk", (path,), (force,), True, PoliceUkOptions(workers=1))
    try:
        return PoliceUkFormat().inspect(spec).data
    finally:
        folders._read_cached.cache_clear()


def plain_copy(tmp_path: Path) -> Path:
    """The real Cheshire files of 2025, uncompressed, in sub-folders as police.uk has them."""
    for original in DATA.glob("*-street.csv.gz"):
        target = tmp_path / original.name[:7] / original.name.removesuffix(".gz")
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(gzip.decompress(original.read_bytes()))
    return tmp_path


@pytest.mark.parametrize("compressed", [True, False])
def test_duckdb_and_the_own_reader_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compressed: bool
) -> None:
    folder = DATA if compressed else plain_copy(tmp_path)
    assert engine.read(sorted(folder.rglob("*-street.csv*"))) is not None  # DuckDB answers
    own = read(folder, True, monkeypatch)
    fast = read(folder, False, monkeypatch)
    assert fast.known_repeats is None
    assert own.known_repeats is not None
    assert fast.counts == own.counts
    assert fast.rows == own.rows > 70_000
    repeated = {path: repeated_ids(path) for path in own.files}
    assert fast.repeated == own.repeated == sum(repeated.values()) > 0
    assert fast.files_with_repeats == own.files_with_repeats
    assert {path.name for path in own.files_with_repeats} == {
        path.name for path, count in repeated.items() if count
    }
    # Each file's rows, for the appendix: counted here with the csv module.
    assert fast.files == own.files
    assert fast.file_rows == own.file_rows == tuple(data_rows(path) for path in own.files)


def repeated_ids(path: Path) -> int:
    """Rows repeating a non-blank Crime ID seen earlier in the same file, counted here
    with the csv module."""
    opener = gzip.open if path.suffix == ".gz" else open
    seen: set[str] = set()
    repeats = 0
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            crime_id = row["Crime ID"].strip()
            if crime_id:
                repeats += crime_id in seen
                seen.add(crime_id)
    return repeats


def data_rows(path: Path) -> int:
    """The rows under the header of a police.uk file, plain or gzipped."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("x1,2025-01,Cheshire Constabulary,Cheshire Constabulary,,,On \x1b street,,,Burglary,,",
         "the cell holds U+001B (ESC)"),
        ("x1,2025-02,Cheshire Constabulary,Cheshire Constabulary,,,,,,Burglary,,",
         "the month is 2025-02 but the file name says 2025-01"),
        ("x1,2025-01,Cheshire Constabulary,,,,,,,Burglary,,", "the force is blank"),
        ("x1,2025-01,Cheshire Constabulary,Cheshire Constabulary,,,,,,Burglary,", "12"),
    ],
)  # fmt: skip
def test_a_file_with_a_problem_is_read_by_the_own_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str, problem: str
) -> None:
    folder = plain_copy(tmp_path)
    path = folder / "2025-01" / "2025-01-cheshire-street.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    assert engine.read(sorted(folder.rglob("*-street.csv"))) is None
    monkeypatch.setenv(folders.ENGINE_VARIABLE, "1")
    folders._read_cached.cache_clear()
    spec = SourceSpec("crime", "police-uk", (folder,), ("Cheshire",), True, PoliceUkOptions())
    with pytest.raises(InputError, match=re.escape(problem)):
        PoliceUkFormat().open(spec)
    folders._read_cached.cache_clear()


def test_without_duckdb_the_own_reader_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = plain_copy(tmp_path)
    with_duckdb = read(folder, False, monkeypatch)
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb now fails
    assert engine.read(sorted(folder.rglob("*-street.csv"))) is None
    without = read(folder, False, monkeypatch)
    assert without.known_repeats is not None
    assert without.counts == with_duckdb.counts
