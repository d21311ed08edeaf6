"""Reading a CSV file a block of lines and a chunk of rows at a time gives what reading it
line by line and row by row gives: the same lines, the same counts, the same first error.

The oracles here are independent of measurekit's readers: Python's own ``readline`` on a
stream opened with ``newline=""``, and counts worked out from the rows each test writes.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from measurekit import input_files
from measurekit.errors import InputError
from measurekit.input_files import limited_lines
from measurekit.model.periods import Month, Window
from measurekit.sources import formats, tabular
from measurekit.sources.base import Query, RecordFilter, SourceSpec
from measurekit.sources.formats import RecordsFormat

#: Text made of line endings of every kind a stream or ``str.splitlines`` knows, and cells.
LINE_TEXT = st.text(alphabet=st.sampled_from(list('ab,"\r\n\x0c\x1c\u2028\x85 ')), max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=LINE_TEXT, block=st.integers(min_value=1, max_value=9))
def test_lines_are_those_readline_gives_whatever_the_block_size(text: str, block: int) -> None:
    expected = list(iter(io.StringIO(text, newline="").readline, ""))
    original = input_files._BLOCK_CHARS
    input_files._BLOCK_CHARS = block
    try:
        got = list(limited_lines(io.StringIO(text, newline=""), Path("f.csv"), limit=100))
    finally:
        input_files._BLOCK_CHARS = original
    assert got == expected


def test_a_long_line_is_refused_after_the_lines_before_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(input_files, "_BLOCK_CHARS", 4)
    text = "ab\r\ncd\n" + "x" * 11 + "\nlast\n"
    lines = limited_lines(io.StringIO(text, newline=""), Path("f.csv"), limit=10)
    assert next(lines) == "ab\r\n"
    assert next(lines) == "cd\n"
    with pytest.raises(InputError) as caught:
        next(lines)
    assert str(caught.value).startswith("f.csv, line 3: the line is longer than 10 characters")


def test_a_line_of_exactly_the_limit_is_read() -> None:
    text = "y" * 10 + "\r\n" + "z" * 10
    lines = list(limited_lines(io.StringIO(text, newline=""), Path("f.csv"), limit=10))
    assert lines == ["y" * 10 + "\r\n", "z" * 10]


HEADER = "recorded_date,offence_code,knife_or_sharp_instrument,force\n"
CODES_1_AND_8N = Query("some codes", RecordFilter(frozenset({"1", "8N"})))


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=3),  # month of 2023
            st.integers(min_value=1, max_value=28),  # day
            st.sampled_from(["1", "8N", "105A"]),
            st.sampled_from(["", "yes", "no"]),
            st.sampled_from(["", "Testshire", "Otherland"]),
            st.booleans(),  # a blank line before the row
        ),
        min_size=1,
        max_size=40,
    ),
    chunk=st.integers(min_value=1, max_value=7),
    remembered=st.integers(min_value=1, max_value=5),
)
def test_counts_do_not_depend_on_chunks_or_memory(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[int, int, str, str, str, bool]],
    chunk: int,
    remembered: int,
) -> None:
    lines = [
        ("\n" if blank else "") + f"2023-{month:02d}-{day:02d},{code},{knife},{force}\n"
        for month, day, code, knife, force, blank in rows
    ]
    path = tmp_path_factory.mktemp("rows") / "records.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    # Testshire's rows and rows with a blank force cell, of code 1 or 8N, by month.
    ours = [row for row in rows if row[4] in {"", "Testshire"}]
    if not any(row[4] == "Testshire" for row in rows):
        ours = list(rows)  # one other force only, the statement names none: the file's own
    expected = Counter(month for month, _, code, *_ in ours if code in {"1", "8N"})
    original = (tabular.CHUNK_ROWS, formats.MAX_REMEMBERED)
    tabular.CHUNK_ROWS, formats.MAX_REMEMBERED = chunk, remembered
    try:
        source = RecordsFormat().open(SourceSpec("crime", "records", (path,), ("Testshire",)))
    finally:
        tabular.CHUNK_ROWS, formats.MAX_REMEMBERED = original
    for month in (1, 2, 3):
        window = Window(Month(2023, month), Month(2023, month))
        if source.first <= window.start and window.end <= source.last:
            assert source.count(CODES_1_AND_8N, window).value == expected[month]
    assert sum(file.rows for file in source.inputs()) == len(rows)


@pytest.mark.parametrize("chunk", [1, 2, 3, 4096])
def test_the_first_problem_is_named_whichever_chunk_holds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    # Row 3 has a code that is blank; row 5 has too many cells: the code is met first.
    path = tmp_path / "records.csv"
    path.write_text(
        HEADER + "2023-01-05,1,,\n2023-01-06, ,,\n2023-01-07,1,,\n2023-01-08,1,,,extra\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(tabular, "CHUNK_ROWS", chunk)
    with pytest.raises(InputError) as caught:
        RecordsFormat().open(SourceSpec("crime", "records", (path,), ("Testshire",)))
    assert (caught.value.location.row, caught.value.location.column) == (3, "offence_code")


@pytest.mark.parametrize("chunk", [1, 2, 4096])
def test_a_short_row_before_a_bad_cell_is_named_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    path = tmp_path / "records.csv"
    path.write_text(HEADER + "2023-01-05,1,,\n2023-01-06,1\n2023-02-30,1,,\n", encoding="utf-8")
    monkeypatch.setattr(tabular, "CHUNK_ROWS", chunk)
    with pytest.raises(InputError) as caught:
        RecordsFormat().open(SourceSpec("crime", "records", (path,), ("Testshire",)))
    assert caught.value.location.row == 3
    assert "the row has 2 cells" in str(caught.value)


def test_a_first_cell_met_again_after_memory_is_cleared_is_still_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three rows to a chunk, three first cells remembered: the second chunk brings back
    # 2023-01-01 beside a new date, which clears what was remembered.
    days = ["01", "02", "03", "01", "04", "01", "05"]
    path = tmp_path / "records.csv"
    path.write_text(HEADER + "".join(f"2023-01-{day},1,,\n" for day in days), encoding="utf-8")
    monkeypatch.setattr(tabular, "CHUNK_ROWS", 3)
    monkeypatch.setattr(formats, "MAX_REMEMBERED", 3)
    source = RecordsFormat().open(SourceSpec("crime", "records", (path,), ("Testshire",)))
    january = Window(Month(2023, 1), Month(2023, 1))
    assert source.count(CODES_1_AND_8N, january).value == 7


@pytest.mark.parametrize("blank", [",,,", " , , , ", ""])
def test_a_row_of_empty_cells_is_a_blank_row(tmp_path: Path, blank: str) -> None:
    path = tmp_path / "records.csv"
    path.write_text(HEADER + f"2023-01-05,1,,\n{blank}\n2023-01-06,8N,,\n", encoding="utf-8")
    source = RecordsFormat().open(SourceSpec("crime", "records", (path,), ("Testshire",)))
    assert source.count(CODES_1_AND_8N, Window(Month(2023, 1), Month(2023, 1))).value == 2
    assert [file.rows for file in source.inputs()] == [2]


def test_another_forces_unreadable_date_is_not_an_error(tmp_path: Path) -> None:
    # The Otherland row's date cannot be read, but the row is not Testshire's: left out.
    path = tmp_path / "records.csv"
    path.write_text(
        HEADER + "2023-01-05,1,,Testshire\nnot a date,1,,Otherland\n2023-01-06,1,,\n",
        encoding="utf-8",
    )
    source = RecordsFormat().open(SourceSpec("crime", "records", (path,), ("Testshire",)))
    assert source.count(CODES_1_AND_8N, Window(Month(2023, 1), Month(2023, 1))).value == 2


def test_the_only_forces_unreadable_date_is_named_at_its_row(tmp_path: Path) -> None:
    # One force in the file, not named by the statement: its rows are the source's own,
    # so its bad date is an error, at its row.
    path = tmp_path / "records.csv"
    path.write_text(HEADER + "2023-01-05,1,,Otherland\n2023-13-01,1,,Otherland\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        RecordsFormat().open(SourceSpec("crime", "records", (path,), ("Testshire",)))
    assert (caught.value.location.row, caught.value.location.column) == (3, "recorded_date")


def test_a_bad_row_before_a_byte_that_is_not_utf8_is_named_first(tmp_path: Path) -> None:
    # Row 3's code is blank; some 300 kB later comes a byte that is not UTF-8.
    filler = "".join(f"2023-01-{1 + n % 28:02d},1,,\n" for n in range(20_000))
    path = tmp_path / "records.csv"
    path.write_bytes(
        (HEADER + "2023-01-05,1,,\n2023-01-06,,,\n" + filler).encode() + b"2023-01-07,\xff,,\n"
    )
    with pytest.raises(InputError) as caught:
        RecordsFormat().open(SourceSpec("crime", "records", (path,), ("Testshire",)))
    assert (caught.value.location.row, caught.value.location.column) == (3, "offence_code")


def test_a_byte_that_is_not_utf8_is_named_by_its_offset_in_the_file(tmp_path: Path) -> None:
    body = HEADER + "2023-01-05,1,,\n" * 100_000
    path = tmp_path / "records.csv"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode() + b"\xc3(,1,,\n")
    with pytest.raises(InputError) as caught:
        RecordsFormat().open(SourceSpec("crime", "records", (path,), ("Testshire",)))
    # The byte-order mark (3 bytes) and the body come before the bad byte.
    assert f"not UTF-8 text (byte {3 + len(body.encode()):,})" in str(caught.value)
