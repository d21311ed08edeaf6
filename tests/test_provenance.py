"""Input files' digests and row counts, as every output's appendix lists them."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from measurekit.sources.provenance import RowCounter, files_of, sha256_of

#: The SHA-256 of "abc", the example in FIPS 180-2, appendix B.1.
ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#: The SHA-256 of no bytes at all.
EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_digests_are_those_of_the_published_test_vectors(tmp_path: Path) -> None:
    (tmp_path / "abc.txt").write_bytes(b"abc")
    (tmp_path / "empty.txt").write_bytes(b"")
    assert sha256_of(tmp_path / "abc.txt") == ABC
    assert sha256_of(tmp_path / "empty.txt") == EMPTY


def test_a_changed_file_is_hashed_again(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"abc")
    assert sha256_of(path) == ABC
    path.write_bytes(b"")
    os.utime(path, ns=(1, 1))  # a different modification time, whatever the clock says
    assert sha256_of(path) == EMPTY


def test_a_folder_lists_its_files_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.csv").write_bytes(b"abc")
    (tmp_path / "1.csv").write_bytes(b"")
    (tmp_path / ".hidden").write_bytes(b"x")
    found = files_of([tmp_path])
    assert [(item.path.relative_to(tmp_path).as_posix(), item.sha256) for item in found] == [
        ("1.csv", EMPTY),
        ("b/2.csv", ABC),
    ]
    assert all(item.rows is None for item in found)


def test_rows_are_counted_per_file(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"abc")
    (tmp_path / "b").write_bytes(b"")
    counter = RowCounter()
    assert list(counter.counted(tmp_path / "a", "xyz")) == ["x", "y", "z"]
    assert list(counter.counted(tmp_path / "b", [])) == []
    assert [(item.path.name, item.rows, item.sha256) for item in counter.inputs()] == [
        ("a", 3, ABC),
        ("b", 0, EMPTY),
    ]


def test_a_source_no_measure_uses_is_not_read_or_listed(tmp_path: Path) -> None:
    """Only sources the statement read are listed with files: a spare folder of data no
    measure uses is neither hashed nor listed (its files may not be meant to be read)."""
    import json

    from measurekit.cli.main import main

    from .helpers import RECORD_HEADER, records, write_csv

    write_csv(tmp_path / "crime.csv", RECORD_HEADER, records(("2023-06-30", "1", 2)))
    spare = tmp_path / "spare"
    spare.mkdir()
    (spare / "notes.bin").write_bytes(b"\x00\xff not a table")
    statement = tmp_path / "statement.toml"
    statement.write_text(
        '[statement]\nforce = "Testshire Police"\nperiod = "2023/24 Q1"\n'
        '[sources.crime]\nformat = "records"\npath = "crime.csv"\n'
        '[sources.spare]\nformat = "records"\npath = "spare"\n'
        '[[sections]]\nmeasures = ["homicide"]\n',
        encoding="utf-8",
    )
    assert main(["build", str(statement), "-f", "json", "-o", str(tmp_path / "out")]) == 0
    document = json.loads((tmp_path / "out" / "statement.json").read_text(encoding="utf-8"))
    files = {source["name"]: source["files"] for source in document["sources"]}
    assert files["spare"] == []
    [crime] = files["crime"]
    assert crime["path"] == "crime.csv"
    assert crime["rows"] == 2
    assert crime["sha256"] == hashlib.sha256((tmp_path / "crime.csv").read_bytes()).hexdigest()
