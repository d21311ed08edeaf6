"""The xlsx and ods workbooks: layout rules on every sheet, figures, charts, safety and
reproducibility, for the bundled example and for a statement built here."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from measurekit import (
    Indicator,
    Measure,
    MeasureContext,
    MeasureResult,
    Paragraph,
    hookimpl,
)
from measurekit.build import compute_statement, render_outputs
from measurekit.document.builder import DocumentKit
from measurekit.document.nodes import Chart, SectionBlock
from measurekit.model.statement import Statement
from measurekit.plugins.manager import Plugins
from measurekit.statement_file import load_statement

from .workbook_checks import (
    check_ods,
    check_xlsx,
    libreoffice_calc,
    ods_values,
    read_ods,
    xlsx_values,
)

FORMULA = '=HYPERLINK("http://x","y")'

Build = Callable[..., dict[str, bytes]]


def example_path() -> Path:
    with resources.as_file(resources.files("measurekit.example")) as folder:
        return Path(folder) / "cheshire-2023-24-q1.toml"


def compute(path: Path, extra: Sequence[object] = ()) -> tuple[Statement, Plugins]:
    plugins = Plugins.load(extra=extra)
    return compute_statement(load_statement(path, plugins), plugins), plugins


def render(
    path: Path, extra: Sequence[object] = (), formats: Sequence[str] = ("xlsx", "ods")
) -> dict[str, bytes]:
    statement, plugins = compute(path, extra)
    return render_outputs(statement, plugins, formats)


@pytest.fixture(scope="module")
def example() -> dict[str, bytes]:
    return render(example_path())


# --- a second statement, written here -------------------------------------------------------

#: Monthly counts by indicator: value for (year, month), from January 2021 to June 2023.
MONTHS = [(year, month) for year in (2021, 2022, 2023) for month in range(1, 13)][:30]


def homicide_count(year: int, month: int) -> int:
    return (month + year) % 3


def part_count(indicator: str, year: int, month: int) -> int:
    base = {"burglary": 200, "vehicle_offences": 250, "robbery": 30, "theft_from_person": 20}
    return base[indicator] + month * 3 + (year - 2021) * 7


NARRATIVE = f"""## Force response

{FORMULA}

+44 1234 567890 is the switchboard.

## Ongoing focus

- Keep going.
"""


@pytest.fixture(scope="module")
def testshire(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("testshire")
    lines = ["indicator,period_end,months,value"]
    for year, month in MONTHS:
        lines.append(f"homicide,{year}-{month:02d},1,{homicide_count(year, month)}")
        for part in ("burglary", "vehicle_offences", "robbery", "theft_from_person"):
            lines.append(f"{part},{year}-{month:02d},1,{part_count(part, year, month)}")
    (folder / "counts.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "narrative.md").write_text(NARRATIVE, encoding="utf-8")
    statement = folder / "testshire-2023-24-q1.toml"
    statement.write_text(
        """
[statement]
force = "Testshire Police"
area = "Testshire"
organisation = "Testshire Commissioner's Office"
period = "2023/24 Q1"
published = "14 September 2023"
contact = "@testshire on social media"
notice = "-Made-up counts for a test."

[sources.crime]
format = "counts"
path = "counts.csv"
title = "=SUM(1,2) counts supplied by the force"

[[sections]]
measures = ["homicide", "neighbourhood_crime"]
narrative = "narrative.md"
""",
        encoding="utf-8",
    )
    return statement


@pytest.fixture(scope="module")
def other(testshire: Path) -> dict[str, bytes]:
    return render(testshire)


def rows_of_table(data: bytes, sheet: str) -> tuple[list[str], list[list[Any]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    worksheet = book[sheet]
    table = next(iter(worksheet.tables.values()))
    cells = [[cell.value for cell in row] for row in worksheet[table.ref]]
    return cells[0], cells[1:]


# --- the layout rules ----------------------------------------------------------------------


def test_example_xlsx_meets_every_layout_rule(example: dict[str, bytes]) -> None:
    assert check_xlsx(example["xlsx"]) == []


def test_example_ods_meets_every_layout_rule(example: dict[str, bytes]) -> None:
    assert check_ods(example["ods"]) == []


def test_other_statement_meets_every_layout_rule(other: dict[str, bytes]) -> None:
    assert check_xlsx(other["xlsx"]) == []
    assert check_ods(other["ods"]) == []


def test_ods_holds_the_same_cells_as_xlsx(
    example: dict[str, bytes], other: dict[str, bytes]
) -> None:
    for built in (example, other):
        assert ods_values(built["ods"]) == xlsx_values(built["xlsx"])


def test_ods_tables_are_named_ranges_with_one_header_row(example: dict[str, bytes]) -> None:
    book = read_ods(example["ods"])
    xlsx = openpyxl.load_workbook(io.BytesIO(example["xlsx"]))
    expected = {
        table.displayName: f"{sheet.title}.{table.ref.split(':')[0]}:{sheet.title}."
        f"{table.ref.split(':')[1]}"
        for sheet in xlsx.worksheets
        for table in sheet.tables.values()
    }
    assert book.ranges == expected


def test_sheets_are_in_the_guidance_order(example: dict[str, bytes]) -> None:
    names = openpyxl.load_workbook(io.BytesIO(example["xlsx"])).sheetnames
    assert names[:3] == ["Cover_sheet", "Table_of_contents", "Notes"]
    assert names[3:5] == ["Homicide", "Homicide_monthly"]
    assert "Neighbourhood_crime" in names
    # The statement's narrative ends its body; the appendix on how the figures were made
    # follows it, as it follows the statement in every other format.
    assert names[-3:] == ["Narrative", "Methods", "Input_files"]


def test_cover_sheet_says_who_what_when(other: dict[str, bytes]) -> None:
    cover = xlsx_values(other["xlsx"])["Cover_sheet"]
    text = [row[0] for row in cover if row]
    assert "April to June 2023 (Quarter 1 2023/24)" in text
    assert "14 September 2023" in text
    assert "@testshire on social media" in text
    assert "-Made-up counts for a test." in text
    assert "Reduce murder and other homicide: applicable." in text
    assert any(line.startswith("=SUM(1,2) counts supplied by the force") for line in text)


# --- the figures ----------------------------------------------------------------------------


def test_example_figures_are_the_published_ones(example: dict[str, bytes]) -> None:
    # Cheshire's statement for Quarter 1 2023/24: homicides 0 in the 12 months to June 2023,
    # against 2 and 9 in the two years before; neighbourhood crime 5,779 against 6,067.
    headings, rows = rows_of_table(example["xlsx"], "Homicide")
    assert headings == [
        "Indicator",
        "Comparison",
        "Period",
        "Figure (number)",
        "Change to current period (%)",
    ]
    assert [row[3] for row in rows[:3]] == [0, 2, 9]
    # Counts below 10: no percentage change.
    assert [row[4] for row in rows[:3]] == ["[z]", "[u]", "[u]"]
    assert [row[2] for row in rows[:3]] == [
        "12 months to June 2023",
        "12 months to June 2022",
        "12 months to June 2021",
    ]
    _, rows = rows_of_table(example["xlsx"], "Neighbourhood_crime")
    assert [row[3] for row in rows[:2]] == [5779, 6067]
    # (5779 - 6067) / 6067 = -4.747%, the "4.7% reduction" Cheshire published.
    assert rows[1][4] == pytest.approx(-4.7470, abs=1e-4)


def test_numbers_are_numbers_with_thousands_format(example: dict[str, bytes]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(example["xlsx"]))
    sheet = book["Neighbourhood_crime"]
    table = next(iter(sheet.tables.values()))
    cell = sheet[table.ref][1][3]
    assert cell.value == 5779
    assert cell.data_type == "n"
    assert cell.number_format == "#,##0"


def test_section_of_two_measures_has_one_table_with_a_measure_column(
    other: dict[str, bytes],
) -> None:
    names = openpyxl.load_workbook(io.BytesIO(other["xlsx"])).sheetnames
    figure_sheets = [name for name in names if name.endswith("neighbourhood_crime")]
    assert figure_sheets == ["Homicide_neighbourhood_crime"]
    assert "Homicide" not in names  # the measures' own figures sheets were merged
    headings, rows = rows_of_table(other["xlsx"], figure_sheets[0])
    assert headings[:2] == ["Measure", "Indicator"]
    assert {row[0] for row in rows} == {
        "Reduce murder and other homicide",
        "Reduce neighbourhood crime",
    }


def test_window_before_the_data_is_x_with_its_reason_in_a_note(other: dict[str, bytes]) -> None:
    values = xlsx_values(other["xlsx"])
    name = "Homicide_neighbourhood_crime"
    _, rows = rows_of_table(other["xlsx"], name)
    two_years = [row for row in rows if row[2] == "Two years before" and "Homicide" in row[1]]
    assert len(two_years) == 1
    assert two_years[0][4] == "[x]"
    references = re.findall(r"\[note (\d+)\]", two_years[0][1])
    assert len(references) == 2  # the definition, then the reason for [x]
    notes = {row[0]: row[1] for row in values["Notes"][3:]}
    assert "the data start in January 2021" in notes[f"note {references[1]}"]
    assert "12 months to June 2021" in notes[f"note {references[1]}"]
    # the shorthand is explained above the table
    assert any("[x] not available" in str(row[0]) for row in values[name][:6] if row)


def test_current_figures_follow_from_the_test_data(other: dict[str, bytes]) -> None:
    name = "Homicide_neighbourhood_crime"
    _, rows = rows_of_table(other["xlsx"], name)
    current = [(year, month) for year, month in MONTHS if (year, month) >= (2022, 7)]
    assert len(current) == 12
    homicide = sum(homicide_count(year, month) for year, month in current)
    total = sum(
        part_count(part, year, month)
        for part in ("burglary", "vehicle_offences", "robbery", "theft_from_person")
        for year, month in current
    )
    by_label = {(row[1].split(" [")[0], row[2]): row[4] for row in rows}
    assert by_label["Homicide offences", "Current"] == homicide
    assert by_label["Neighbourhood crime (total)", "Current"] == total


# --- charts ---------------------------------------------------------------------------------


def test_each_count_indicator_has_a_monthly_chart_of_its_table(other: dict[str, bytes]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(other["xlsx"]))
    monthly = [name for name in book.sheetnames if name.endswith("_monthly")]
    assert monthly == [
        "Homicide_monthly",
        "Neighbourhood_crime_monthly",
        "Burglary_monthly",
        "Vehicle_offences_monthly",
        "Robbery_monthly",
        "Theft_from_person_monthly",
    ]
    _headings, rows = rows_of_table(other["xlsx"], "Homicide_monthly")
    # The data run from January 2021: 30 months up to June 2023, fewer than 36.
    assert len(rows) == 30
    assert rows[0] == ["January 2021", homicide_count(2021, 1)]
    assert rows[-1] == ["June 2023", homicide_count(2023, 6)]
    with zipfile.ZipFile(io.BytesIO(other["xlsx"])) as archive:
        charts = sorted(name for name in archive.namelist() if name.startswith("xl/charts/"))
        assert len(charts) == len(monthly)
        first = archive.read(charts[0]).decode("utf-8")
    table = next(iter(book["Homicide_monthly"].tables.values()))
    top = int(table.ref.split(":")[0][1:])
    assert f"'Homicide_monthly'!$B${top + 1}:$B${top + 30}" in first
    assert f"'Homicide_monthly'!$A${top + 1}:$A${top + 30}" in first
    assert "<lineChart>" in first
    assert "Homicide offences each month, January 2021 to June 2023" in first


def test_ods_has_a_native_chart_on_each_monthly_sheet(other: dict[str, bytes]) -> None:
    book = read_ods(other["ods"])
    with_charts = {name: objects for name, objects in book.charts.items() if objects}
    assert sorted(with_charts) == sorted(name for name in book.sheets if name.endswith("monthly"))
    with zipfile.ZipFile(io.BytesIO(other["ods"])) as archive:
        target = with_charts["Homicide_monthly"][0].removeprefix("./")
        chart = archive.read(f"{target}/content.xml").decode("utf-8")
    assert 'chart:class="chart:line"' in chart
    assert "Homicide_monthly.B6:Homicide_monthly.B35" in chart


def test_example_monthly_counts_add_up_to_the_published_year(
    example: dict[str, bytes],
) -> None:
    _, rows = rows_of_table(example["xlsx"], "Neighbourhood_crime_monthly")
    assert len(rows) == 36
    assert sum(row[1] for row in rows[-12:]) == 5779
    assert sum(row[1] for row in rows[-24:-12]) == 6067


# --- safety and reproducibility -------------------------------------------------------------


def test_formula_like_text_is_stored_as_text(other: dict[str, bytes]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(other["xlsx"]))
    texts = {
        cell.value: cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    for value in (FORMULA, "+44 1234 567890 is the switchboard.", "@testshire on social media"):
        assert value in texts
        assert texts[value].data_type == "s"
    with zipfile.ZipFile(io.BytesIO(other["xlsx"])) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in archive.read(name).decode("utf-8"), name
    ods = read_ods(other["ods"])
    cells = [cell for rows in ods.sheets.values() for row in rows for cell in row]
    formula_cells = [cell for cell in cells if cell.text == FORMULA]
    assert formula_cells
    assert all(c.value_type == "string" and c.formula is None for c in formula_cells)


def test_same_inputs_give_identical_bytes(testshire: Path, other: dict[str, bytes]) -> None:
    again = render(testshire)
    assert again["xlsx"] == other["xlsx"]
    assert again["ods"] == other["ods"]


def test_identical_bytes_from_a_fresh_process(
    testshire: Path, other: dict[str, bytes], tmp_path: Path
) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "measurekit",
            "build",
            str(testshire),
            "-f",
            "ods",
            "-f",
            "xlsx",
            "-o",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    assert (tmp_path / "testshire-2023-24-q1.xlsx").read_bytes() == other["xlsx"]
    assert (tmp_path / "testshire-2023-24-q1.ods").read_bytes() == other["ods"]


def test_document_dates_are_fixed(example: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(example["xlsx"])) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert "1980-01-01T00:00:00Z" in core


def test_importing_measurekit_loads_no_spreadsheet_library() -> None:
    code = (
        "import sys, measurekit, measurekit.cli.main, measurekit.plugins.manager; "
        "measurekit.plugins.manager.Plugins.load(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'odf')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]"


# --- measure plugins own their sheets -------------------------------------------------------

EXTRA = Indicator("extra", "Extra offences", "extra offence", "extra offences")


class ExtraMeasure(Measure):
    """A measure that adds a table of its own and drops its charts."""

    id = "extra_measure"
    title = "An extra measure"
    indicators = (EXTRA,)

    def compute(self, context: MeasureContext) -> MeasureResult:
        figures = context.counts(EXTRA, self.query(context, EXTRA))
        return self.result(
            context,
            figures,
            [Paragraph("Extra.")],
            series=[self.chart_series(context, EXTRA)],
        )

    def section_blocks(self, result: MeasureResult, kit: DocumentKit) -> Sequence[SectionBlock]:
        blocks = [block for block in kit.default_blocks(result) if not isinstance(block, Chart)]
        breakdown = kit.table(
            result, "Extra offences by kind", ["Kind", "Offences (number)"], [["Everything", 12]]
        )
        return [*blocks, breakdown]


class ExtraPlugin:
    @hookimpl
    def register_measures(self) -> list[Measure]:
        return [ExtraMeasure()]


def test_a_measure_plugin_adds_and_replaces_its_sheets(testshire: Path, tmp_path: Path) -> None:
    counts = testshire.parent / "counts.csv"
    extra = [f"extra,{year}-{month:02d},1,{month}" for year, month in MONTHS]
    (tmp_path / "counts.csv").write_text(
        counts.read_text(encoding="utf-8") + "\n".join(extra) + "\n", encoding="utf-8"
    )
    statement = tmp_path / "extra.toml"
    statement.write_text(
        """
[statement]
force = "Testshire Police"
period = "2023/24 Q1"

[sources.crime]
format = "counts"
path = "counts.csv"

[[sections]]
measures = ["extra_measure"]

[[sections]]
measures = ["homicide"]
""",
        encoding="utf-8",
    )
    built = render(statement, extra=[ExtraPlugin()], formats=("xlsx", "ods", "markdown"))
    names = openpyxl.load_workbook(io.BytesIO(built["xlsx"])).sheetnames
    assert names[3:6] == ["Extra_measure", "Extra_offences_by_kind", "Homicide"]
    assert "Extra_monthly" not in names  # it left its chart out
    assert "Homicide_monthly" in names
    assert check_xlsx(built["xlsx"]) == []
    assert check_ods(built["ods"]) == []
    contents = xlsx_values(built["xlsx"])["Table_of_contents"]
    assert any(row[0] == "Extra_offences_by_kind" for row in contents if row)
    headings, rows = rows_of_table(built["xlsx"], "Extra_offences_by_kind")
    assert (headings, rows) == (["Kind", "Offences (number)"], [["Everything", 12]])
    # Every format draws the same extra table.
    assert "| Everything | 12 |" in " ".join(built["markdown"].decode().split())


# --- LibreOffice, where installed -----------------------------------------------------------


def test_libreoffice_opens_both_and_reads_the_same_numbers(
    other: dict[str, bytes], tmp_path: Path
) -> None:
    """LibreOffice Calc opens each workbook and saves it as the other format; what it
    saved is what it read: the same sheets in the same order, the same named tables over
    the same cells, the same numbers, and every chart.

    The layout rules (fonts, wrapping, row heights) are checked on our own files, not on
    LibreOffice's: it sets its own fonts and sizes rows by its own measure of the text.
    Rendered to PDF by LibreOffice 7.4, every wrapped cell of both workbooks shows all of
    its text, so there is nothing for a row-height rule to catch in its files; an estimate
    of ours applied to them only measured our estimate against its layout.
    """
    soffice = libreoffice_calc()
    converted = {
        extension: _libreoffice_convert(soffice, tmp_path, extension, other[extension])
        for extension in ("xlsx", "ods")
    }
    # converted["xlsx"] is LibreOffice's ODS of our xlsx; converted["ods"] its xlsx of our ODS.
    expected = _numbers(xlsx_values(other["xlsx"]))
    assert _numbers(ods_values(converted["xlsx"])) == expected
    assert _numbers(xlsx_values(converted["ods"])) == expected
    sheets = openpyxl.load_workbook(io.BytesIO(other["xlsx"])).sheetnames
    assert list(read_ods(converted["xlsx"]).sheets) == sheets
    assert openpyxl.load_workbook(io.BytesIO(converted["ods"])).sheetnames == sheets
    tables = _xlsx_tables(other["xlsx"])
    assert len(tables) == len(sheets) - 1  # every sheet but the cover holds one
    assert _ods_tables(other["ods"]) == tables
    assert _ods_tables(converted["xlsx"]) == tables
    assert _xlsx_tables(converted["ods"]) == tables
    for data in (other["xlsx"], converted["ods"]):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        assert len(charts) == 6
    assert sum(map(len, read_ods(converted["xlsx"]).charts.values())) == 6


def _libreoffice_convert(soffice: str, folder: Path, extension: str, data: bytes) -> bytes:
    """``data`` (a workbook with ``extension``) opened by LibreOffice and saved as the
    other format."""
    source = folder / f"in-{extension}.{extension}"
    source.write_bytes(data)
    target = "ods" if extension == "xlsx" else "xlsx"
    out = folder / f"out-{extension}"
    # A profile of its own: with the shared default one, a LibreOffice started elsewhere
    # (another test run, a desktop session) takes the job over or leaves this one waiting.
    profile = f"-env:UserInstallation={(folder / 'profile').as_uri()}"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", target, "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (out / f"{source.stem}.{target}").read_bytes()


def _xlsx_tables(data: bytes) -> dict[str, tuple[str, str]]:
    """Each Excel table's name, with its sheet and cells (``A3:B19``)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {
        table.displayName: (sheet.title, table.ref)
        for sheet in book.worksheets
        for table in sheet.tables.values()
    }


def _ods_tables(data: bytes) -> dict[str, tuple[str, str]]:
    """Each named database range, as :func:`_xlsx_tables` gives a table."""
    found = {}
    for name, address in read_ods(data).ranges.items():
        start, end = address.replace("$", "").split(":")
        sheet, first = start.rsplit(".", 1)
        found[name] = (sheet.strip("'"), f"{first}:{end.rsplit('.', 1)[1]}")
    return found


def _numbers(values: dict[str, list[list[Any]]]) -> dict[str, list[float]]:
    return {
        sheet: [
            float(value)
            for row in rows
            for value in row
            if isinstance(value, int | float) and not isinstance(value, bool)
        ]
        for sheet, rows in values.items()
    }


def test_a_gap_in_the_months_is_x_in_the_table_and_the_chart_starts_after_it(
    tmp_path: Path,
) -> None:
    months = [(year, month) for year, month in MONTHS if (year, month) != (2022, 3)]
    lines = ["indicator,period_end,months,value"]
    lines += [
        f"homicide,{year}-{month:02d},1,{homicide_count(year, month)}" for year, month in months
    ]
    (tmp_path / "counts.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    statement = tmp_path / "gappy.toml"
    statement.write_text(
        """
[statement]
force = "Testshire Police"
period = "2023/24 Q1"
allow_gaps = true

[sources.crime]
format = "counts"
path = "counts.csv"

[[sections]]
measures = ["homicide"]
""",
        encoding="utf-8",
    )
    built = render(statement)
    assert check_xlsx(built["xlsx"]) == []
    assert check_ods(built["ods"]) == []
    _, rows = rows_of_table(built["xlsx"], "Homicide_monthly")
    assert ["March 2022", "[x]"] in rows
    assert len(rows) == 30
    book = openpyxl.load_workbook(io.BytesIO(built["xlsx"]))
    table = next(iter(book["Homicide_monthly"].tables.values()))
    top = int(table.ref.split(":")[0][1:])
    # January 2021 is the table's first row, so April 2022 is its 16th.
    with zipfile.ZipFile(io.BytesIO(built["xlsx"])) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode("utf-8")
    assert f"'Homicide_monthly'!$B${top + 16}:$B${top + 30}" in chart
    assert "April 2022 to June 2023" in chart
    with zipfile.ZipFile(io.BytesIO(built["ods"])) as archive:
        ods_chart = archive.read("Object 1/content.xml").decode("utf-8")
    assert f"Homicide_monthly.B{top + 16}:Homicide_monthly.B{top + 30}" in ods_chart


def test_narrative_sheet_labels_each_summary_with_its_measures_heading(
    example: dict[str, bytes],
) -> None:
    _, rows = rows_of_table(example["xlsx"], "Narrative")
    parts_by_section: dict[str, set[str]] = {}
    for row in rows:
        parts_by_section.setdefault(row[0], set()).add(row[1])
    satisfaction = next(title for title in parts_by_section if "satisfaction" in title)
    homicide = next(title for title in parts_by_section if "homicide" in title)
    # Survey figures are not recorded crime: their summary has its own heading.
    assert "Survey results" in parts_by_section[satisfaction]
    assert "Recorded crime levels" not in parts_by_section[satisfaction]
    assert "Recorded crime levels" in parts_by_section[homicide]
