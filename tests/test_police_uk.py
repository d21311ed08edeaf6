"""The police-uk source format, against the twelve real Cheshire files of 2025.

Expected counts are worked out here from the raw files with the csv module alone, never
through measurekit's reader.
"""

from __future__ import annotations

import csv
import gzip
import io
import shutil
from collections import Counter
from pathlib import Path

import pytest
from measurekit_police_uk import PoliceUkFormat, PoliceUkOptions
from measurekit_police_uk.source import PoliceUkSource

from measurekit.build import compute_statement
from measurekit.cli.main import main
from measurekit.errors import InputError
from measurekit.model.periods import Month, Window
from measurekit.model.statement import Role
from measurekit.plugins.manager import Plugins
from measurekit.sources.base import Answer, Count, Query, SourceSpec, Unavailable
from measurekit.statement_file import load_statement

DATA = Path(__file__).parent / "data" / "police-uk-cheshire-2025"
HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
    "LSOA name,Crime type,Last outcome category,Context"
)
YEAR_2025 = Window(Month(2025, 1), Month(2025, 12))
PARTS = {
    "burglary": "Burglary",
    "robbery": "Robbery",
    "vehicle_offences": "Vehicle crime",
    "theft_from_person": "Theft from the person",
}


def raw_rows(path: Path) -> list[list[str]]:
    """A file's data rows, read with nothing but gzip and csv."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert ",".join(rows[0]) == HEADER
    return rows[1:]


@pytest.fixture(scope="module")
def raw_by_type() -> Counter[str]:
    """Rows per Crime type (column 10) over all twelve files, counting only rows whose
    Month (column 2) lies in 2025 and whose force (Falls within, column 4) is Cheshire's."""
    months = {f"2025-{month:02d}" for month in range(1, 13)}
    counts: Counter[str] = Counter()
    for path in sorted(DATA.glob("*.csv.gz")):
        counts.update(
            row[9]
            for row in raw_rows(path)
            if row[1] in months and row[3] == "Cheshire Constabulary"
        )
    assert sum(counts.values()) == 80_955  # every row, as the data README says
    return counts


def value_of(answer: Answer) -> int:
    """The value of an answer that must be a count."""
    assert isinstance(answer, Count), answer
    return answer.value


def statement(tmp_path: Path, data: Path, extra: str = "", period: str = "2025/26 Q3") -> Path:
    """A statement file for neighbourhood crime in Cheshire from the folder ``data``."""
    path = tmp_path / "cheshire.toml"
    path.write_text(
        f"""
[statement]
force = "Cheshire Constabulary"
area = "Cheshire"
period = "{period}"
{extra}

[sources.crime]
format = "police-uk"
path = "{data.as_posix()}"

[[sections]]
measures = ["neighbourhood_crime"]
""",
        encoding="utf-8",
    )
    return path


def open_source(
    *paths: Path,
    force: str = "Cheshire Constabulary",
    explicit: bool = False,
    workers: int | None = 1,
    crime_types: dict[str, list[str]] | None = None,
) -> PoliceUkSource:
    options = PoliceUkOptions(crime_types=crime_types or {}, workers=workers)
    spec = SourceSpec("crime", "police-uk", paths, (force,), explicit, options)
    return PoliceUkFormat().open(spec)


def copy_folder(tmp_path: Path, skip: str | None = None) -> Path:
    folder = tmp_path / "police-uk"
    folder.mkdir()
    for path in DATA.glob("*.csv.gz"):
        if skip is None or not path.name.startswith(skip):
            shutil.copy(path, folder / path.name)
    return folder


def write_csv(path: Path, header: str, rows: list[str]) -> None:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def row(crime_id: str, month: str, force: str, crime_type: str) -> str:
    """A street-level row with made-up location cells."""
    return (
        f"{crime_id},{month},{force},{force},-2.5,53.2,On or near High Street,E01000001,"
        f"Somewhere 001A,{crime_type},Under investigation,"
    )


# --- the twelve real files ------------------------------------------------------------


def test_neighbourhood_crime_for_2025_equals_rows_counted_from_the_raw_files(
    tmp_path: Path, raw_by_type: Counter[str]
) -> None:
    plugins = Plugins.load()
    plan = load_statement(statement(tmp_path, DATA), plugins)
    result = compute_statement(plan, plugins).measures[0]
    for indicator, crime_type in PARTS.items():
        figure = result.figure(indicator, Role.CURRENT)
        assert figure is not None
        assert figure.window == YEAR_2025
        assert figure.value == raw_by_type[crime_type], indicator
    total = result.figure("neighbourhood_crime", Role.CURRENT)
    assert total is not None
    assert total.value == sum(raw_by_type[crime_type] for crime_type in PARTS.values())
    # The same counts, found a third way: awk -F, '$10 == "Burglary"' over the published
    # CSV files (no cell is quoted, so splitting at commas is exact).
    assert {crime_type: raw_by_type[crime_type] for crime_type in PARTS.values()} == {
        "Burglary": 2558,
        "Robbery": 439,
        "Vehicle crime": 2078,
        "Theft from the person": 275,
    }
    assert total.value == 5350
    # The year before lies outside the files: [x], not a gap error and not zero.
    previous = result.figure("neighbourhood_crime", Role.PREVIOUS_YEAR)
    assert previous is not None
    assert previous.value is None
    assert previous.marker == "[x]"


def test_drugs_and_weapons_are_indicators_too(raw_by_type: Counter[str]) -> None:
    source = open_source(DATA)
    assert source.count(Query("drugs"), YEAR_2025) == Count(raw_by_type["Drugs"])
    assert source.count(Query("possession_of_weapons"), YEAR_2025) == Count(
        raw_by_type["Possession of weapons"]
    )


def test_each_month_comes_from_its_own_file() -> None:
    source = open_source(DATA)
    for path in sorted(DATA.glob("*.csv.gz")):
        month = Month.parse(path.name[:7])
        expected = sum(1 for r in raw_rows(path) if r[9] == "Theft from the person")
        answer = source.count(Query("theft_from_person"), Window(month, month))
        assert answer == Count(expected), path.name


def test_the_august_spike_is_counted() -> None:
    august = Window(Month(2025, 8), Month(2025, 8))
    assert open_source(DATA).count(Query("theft_from_person"), august) == Count(81)


def test_anti_social_behaviour_is_counted_towards_nothing(raw_by_type: Counter[str]) -> None:
    source = open_source(DATA)
    assert source.ignored_rows == raw_by_type["Anti-social behaviour"] == 7248
    counted = sum(
        answer.value
        for indicator in source.indicators
        if isinstance(answer := source.count(Query(indicator), YEAR_2025), Count)
    )
    mapped = {"Burglary", "Robbery", "Vehicle crime", "Theft from the person", "Drugs",
              "Possession of weapons"}  # fmt: skip
    assert counted == sum(raw_by_type[t] for t in mapped)


def test_repeated_crime_ids_are_reported_and_every_copy_counted() -> None:
    expected: dict[str, tuple[int, ...]] = {}
    for path in sorted(DATA.glob("*.csv.gz")):
        numbers: dict[str, list[int]] = {}
        for number, r in enumerate(raw_rows(path), start=2):
            if r[0]:
                numbers.setdefault(r[0], []).append(number)
        expected.update({k: tuple(v) for k, v in numbers.items() if len(v) > 1})
    assert len(expected) == 2  # one in July, one in August (seven repeats)
    source = open_source(DATA)
    found = {d.key.removeprefix("Crime ID "): d.rows for d in source.duplicates()}
    assert found == expected
    assert all(d.counted for d in source.duplicates())


def test_every_copy_of_a_repeated_row_is_counted(tmp_path: Path) -> None:
    # The Crime ID repeated eight times in August is a "Public order" crime.
    august_file = DATA / "2025-08-cheshire-street.csv.gz"
    expected = sum(1 for r in raw_rows(august_file) if r[9] == "Public order")
    source = open_source(DATA, force="Cheshire", crime_types={"public_order": ["Public order"]})
    august = Window(Month(2025, 8), Month(2025, 8))
    assert source.count(Query("public_order"), august) == Count(expected)
    unique = len({r[0] for r in raw_rows(august_file) if r[9] == "Public order"})
    assert expected - unique == 7


def test_reading_in_two_processes_gives_the_same_counts() -> None:
    one = open_source(DATA, workers=1)
    two = open_source(DATA, workers=2)
    assert one.data.counts == two.data.counts
    assert one.data.files_with_repeats == two.data.files_with_repeats
    assert one.data.repeated == two.data.repeated == 8


# --- a month missing, a mangled file --------------------------------------------------


def test_a_missing_month_inside_the_data_is_a_gap(tmp_path: Path) -> None:
    source = open_source(copy_folder(tmp_path, skip="2025-03"))
    answer = source.count(Query("burglary"), YEAR_2025)
    assert isinstance(answer, Unavailable)
    assert answer.missing_month == Month(2025, 3)
    # A window that avoids the missing month is still answered.
    assert isinstance(source.count(Query("burglary"), Window(Month(2025, 4), Month(2025, 6))),
                      Count)  # fmt: skip


def test_build_with_a_missing_month_fails_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = statement(tmp_path, copy_folder(tmp_path, skip="2025-03"))
    output = tmp_path / "output"
    assert main(["build", str(path), "-o", str(output)]) == 1
    error = capsys.readouterr().err
    assert "March 2025" in error
    assert "allow_gaps" in error
    assert not output.exists() or not any(output.iterdir())


def test_build_with_a_missing_month_allowed_shows_x(tmp_path: Path) -> None:
    path = statement(tmp_path, copy_folder(tmp_path, skip="2025-03"), "allow_gaps = true")
    plugins = Plugins.load()
    result = compute_statement(load_statement(path, plugins), plugins).measures[0]
    figure = result.figure("burglary", Role.CURRENT)
    assert figure is not None
    assert figure.value is None
    assert figure.marker == "[x]"


def test_a_mangled_header_is_an_error_naming_the_file_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_folder(tmp_path, skip="2025-05")
    with gzip.open(DATA / "2025-05-cheshire-street.csv.gz", "rt", encoding="utf-8") as handle:
        text = handle.read()
    mangled = folder / "2025-05-cheshire-street.csv"
    mangled.write_text(text.replace("Crime type", "Crime_type", 1), encoding="utf-8")
    output = tmp_path / "output"
    assert main(["build", str(statement(tmp_path, folder)), "-o", str(output)]) == 1
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert str(mangled) in error
    assert "'Crime type'" in error
    assert "row 1" in error
    assert not output.exists() or not any(output.iterdir())


def test_a_month_that_disagrees_with_the_file_name_is_an_error_at_its_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "2025-07-cheshire-street.csv"
    write_csv(path, HEADER, [row(f"id{i}", "2025-07", "Cheshire Constabulary", "Burglary")
                             for i in range(5)])  # fmt: skip
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("2025-07", "2025-06")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        open_source(path)
    assert caught.value.location is not None
    assert (caught.value.location.path, caught.value.location.row) == (str(path), 4)
    assert caught.value.location.column == "Month"
    assert "2025-06" in str(caught.value)
    assert "2025-07" in str(caught.value)


def test_a_short_row_is_an_error_at_its_row(tmp_path: Path) -> None:
    path = tmp_path / "2025-07-cheshire-street.csv"
    rows = [row(f"id{i}", "2025-07", "Cheshire Constabulary", "Burglary") for i in range(4)]
    rows.insert(2, "id9,2025-07,Cheshire Constabulary")
    write_csv(path, HEADER, rows)
    with pytest.raises(InputError, match=r"row 4.*3 cells; the header has 12"):
        open_source(path)


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing here", encoding="utf-8")
    with pytest.raises(InputError, match=r"no police\.uk street-level files"):
        open_source(tmp_path)


# --- small made-up files: forces, blank IDs --------------------------------------------


def two_force_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "two-forces"
    (folder / "2025-01").mkdir(parents=True)
    (folder / "2025-02").mkdir(parents=True)
    write_csv(folder / "2025-01" / "2025-01-cheshire-street.csv", HEADER, [
        row("a1", "2025-01", "Cheshire Constabulary", "Burglary"),
        row("a2", "2025-01", "Cheshire Constabulary", "Burglary"),
        row("", "2025-01", "Cheshire Constabulary", "Anti-social behaviour"),
        row("", "2025-01", "Cheshire Constabulary", "Anti-social behaviour"),
        row("", "2025-01", "Cheshire Constabulary", "Anti-social behaviour"),
    ])  # fmt: skip
    write_csv(folder / "2025-01" / "2025-01-merseyside-street.csv", HEADER, [
        row("b1", "2025-01", "Merseyside Police", "Burglary"),
        row("b2", "2025-01", "Merseyside Police", "Robbery"),
        row("b3", "2025-01", "Merseyside Police", "Robbery"),
    ])  # fmt: skip
    write_csv(folder / "2025-02" / "2025-02-cheshire-street.csv", HEADER, [
        row("a3", "2025-02", "Cheshire Constabulary", "Robbery"),
    ])  # fmt: skip
    write_csv(folder / "2025-02" / "2025-02-merseyside-street.csv", HEADER, [
        row("b4", "2025-02", "Merseyside Police", "Burglary"),
    ])  # fmt: skip
    (folder / "2025-01" / "2025-01-cheshire-outcomes.csv").write_text("x\n", encoding="utf-8")
    return folder


def test_the_force_comes_from_falls_within(tmp_path: Path) -> None:
    folder = two_force_folder(tmp_path)
    both = Window(Month(2025, 1), Month(2025, 2))
    cheshire = open_source(folder)
    assert value_of(cheshire.count(Query("burglary"), both)) == 2
    assert value_of(cheshire.count(Query("robbery"), both)) == 1
    merseyside = open_source(folder, force="Merseyside", explicit=True)
    assert value_of(merseyside.count(Query("burglary"), both)) == 2
    assert value_of(merseyside.count(Query("robbery"), both)) == 2
    with pytest.raises(InputError, match="'Cheshire Constabulary', 'Merseyside Police'"):
        open_source(folder, force="Kent", explicit=True)


def test_blank_crime_ids_are_not_duplicates_and_asb_is_ignored(tmp_path: Path) -> None:
    source = open_source(two_force_folder(tmp_path))
    assert source.duplicates() == []
    assert source.ignored_rows == 3
    assert value_of(source.count(Query("burglary"), Window(Month(2025, 1), Month(2025, 1)))) == 2


def test_the_same_file_twice_is_an_error(tmp_path: Path) -> None:
    folder = two_force_folder(tmp_path)
    shutil.copy(folder / "2025-02" / "2025-02-cheshire-street.csv", folder)
    with pytest.raises(InputError, match="appears twice"):
        open_source(folder)


def test_an_explicit_file_list_needs_no_folder(tmp_path: Path) -> None:
    january = DATA / "2025-01-cheshire-street.csv.gz"
    plain = tmp_path / "jan.csv"
    plain.write_bytes(gzip.decompress(january.read_bytes()))
    expected = sum(1 for r in csv.reader(io.StringIO(plain.read_text("utf-8")))
                   if r[9] == "Burglary")  # fmt: skip
    source = open_source(plain)
    month = Window(Month(2025, 1), Month(2025, 1))
    assert value_of(source.count(Query("burglary"), month)) == expected


def test_quoted_cells_crlf_and_a_byte_order_mark_read_as_csv(tmp_path: Path) -> None:
    # police.uk never quotes, but a file saved by a spreadsheet program may: commas inside
    # quotes are part of the cell, and Windows line endings are still one row per line.
    path = tmp_path / "2025-03-cheshire-street.csv"
    rows = [
        "q1,2025-03,Cheshire Constabulary,Cheshire Constabulary,-2.5,53.2,"
        '"On or near Park Lane, Hale",E01000001,"Somewhere, 001A",Burglary,'
        "Under investigation,",
        row("q2", "2025-03", "Cheshire Constabulary", "Burglary"),
        row("q3", "2025-03", "Cheshire Constabulary", "Robbery"),
    ]
    path.write_bytes(("\ufeff" + "\r\n".join([HEADER, *rows]) + "\r\n").encode("utf-8"))
    source = open_source(path)
    march = Window(Month(2025, 3), Month(2025, 3))
    assert value_of(source.count(Query("burglary"), march)) == 2
    assert value_of(source.count(Query("robbery"), march)) == 1


def test_a_file_that_is_not_utf8_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "2025-03-cheshire-street.csv"
    text = "\n".join([HEADER, row("q1", "2025-03", "Cheshire Constabulary", "Burglary")])
    path.write_bytes(text.replace("Burglary", "Burgl\xe4ry").encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8") as caught:
        open_source(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("short_rows", "more"), [(2, "1 more row cannot"), (3, "2 more rows cannot")]
)
def test_the_error_counts_the_other_unreadable_rows(
    tmp_path: Path, short_rows: int, more: str
) -> None:
    path = tmp_path / "2025-07-cheshire-street.csv"
    rows = [row(f"id{i}", "2025-07", "Cheshire Constabulary", "Burglary") for i in range(4)]
    rows += ["id9,2025-07,Cheshire Constabulary"] * short_rows
    write_csv(path, HEADER, rows)
    with pytest.raises(InputError, match=rf"row 6: .*\({more} be read; 'measurekit check'"):
        open_source(path)


def test_burglary_and_robbery_say_they_include_businesses(tmp_path: Path) -> None:
    source = open_source(DATA)
    burglary = source.scope("burglary")
    assert burglary is not None
    assert burglary.label == "Burglary (residential and business)"
    assert "of business premises as well as homes" in burglary.definition
    robbery = source.scope("robbery")
    assert robbery is not None
    assert robbery.label == "Robbery (personal and business property)"
    assert "of business as well as personal property" in robbery.definition
    assert source.scope("vehicle_offences") is None
    assert source.count(Query("vehicle_offences"), YEAR_2025) == Count(2078)
    # A statement that maps burglary itself says what it counts: no scope from the default.
    own = open_source(DATA, crime_types={"burglary": ["Burglary"]})
    assert own.count(Query("burglary"), YEAR_2025) == Count(2558)
    assert own.scope("burglary") is None


def test_repeats_of_another_force_are_not_listed_as_this_forces(tmp_path: Path) -> None:
    cheshire = tmp_path / "2025-01-cheshire-street.csv"
    merseyside = tmp_path / "2025-01-merseyside-street.csv"
    write_csv(cheshire, HEADER, [row("c1", "2025-01", "Cheshire Constabulary", "Burglary")])
    write_csv(merseyside, HEADER, [row("m1", "2025-01", "Merseyside Police", "Robbery")] * 2)
    source = open_source(cheshire, merseyside, force="Cheshire", explicit=True)
    assert source.duplicates() == []
    [repeats] = [d.message for d in source.diagnostics() if "a Crime ID" in d.message]
    assert repeats.startswith(
        "1 row repeats a Crime ID already seen in their file (counting every force in the files)"
    )
