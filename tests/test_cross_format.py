"""Every format shows the same figure tables, cell by cell, and agrees with the JSON and
with changes worked out here from the counts.

Four statements: the bundled example; two ONS forces with rates per 1,000 population
(Metropolitan Police, 12 months to December 2019 from the December 2018 and 2019 editions;
Cheshire, 12 months to June 2019 from the June editions); and survey data with small
bases. Each is rendered in text,
Markdown, JSON, xlsx and ods. The tables are read back from each file (pipe tables,
plain-text columns, workbook tables), reduced to the same seven cells per row, and
compared with each other and with rows built here from the JSON's raw figures: the change
to the current figure is ``(current - earlier) / earlier * 100`` for counts and
``current - earlier`` for survey percentages, by the formula written out below, never by
measurekit's own change function.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import importlib.util
import io
import json
import math
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from measurekit.api import (
    FigureTable,
    MeasurePart,
    OutputFormat,
    SectionRenderer,
    SectionRenderers,
    StatementDocument,
    Table,
    hookimpl,
)
from measurekit.build import compute_statement, render_outputs
from measurekit.document.renderers import NO_RENDERERS
from measurekit.plugins.manager import Plugins
from measurekit.statement_file import load_statement

from .helpers import write_csv
from .ons_tables import DECEMBER_2018, DECEMBER_2019, JUNE_2018, JUNE_2019
from .workbook_checks import ods_values, xlsx_values

FORMATS = ("text", "markdown", "json", "xlsx", "ods")
COMPARISONS = {
    "current": "Current",
    "previous_year": "Previous year",
    "two_years_before": "Two years before",
    "baseline": "Baseline",
}
MONTHS = [calendar.month_name[number] for number in range(1, 13)]
#: Indicator, comparison, period, figure, responses, 95% interval, change.
Row = tuple[str, str, str, str, str, str, str]


# --- the statements ---------------------------------------------------------------------


def example_statement(folder: Path) -> Path:
    with resources.as_file(resources.files("measurekit.example")) as example:
        return example / "cheshire-2023-24-q1.toml"


def ons_statement(force: str, period: str, editions: Sequence[Path]) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        paths = json.dumps([edition.as_posix() for edition in editions])
        path = folder / "ons.toml"
        path.write_text(
            "[statement]\n"
            f'force = "{force}"\narea = "{force}"\nperiod = "{period}"\n\n'
            f'[sources.crime]\nformat = "ons-pfa"\npath = {paths}\n\n'
            '[[sections]]\nmeasures = ["homicide", "neighbourhood_crime"]\n',
            encoding="utf-8",
        )
        return path

    return write


def survey_statement(folder: Path) -> Path:
    """Small bases: 5 of 7 domestic abuse victims satisfied in the 12 months to June 2023
    and 8 of 9 a year before; none answered two years before ([w]); 40 of 52 other
    victims, then 45 of 50, then 30 of 33."""
    rows: list[tuple[str, str, str]] = []

    def add(date: str, yes: int, no: int, domestic: str) -> None:
        rows.extend([(date, "yes", domestic)] * yes + [(date, "no", domestic)] * no)

    add("2023-02-01", 5, 2, "yes")
    add("2022-02-01", 8, 1, "yes")
    add("2023-03-01", 40, 12, "no")
    add("2022-03-01", 45, 5, "no")
    add("2021-03-01", 30, 3, "no")
    write_csv(folder / "survey.csv", ("response_date", "satisfied", "domestic_abuse"), rows)
    path = folder / "survey.toml"
    path.write_text(
        "[statement]\n"
        'force = "Testshire Police"\narea = "Testshire"\nperiod = "2023/24 Q1"\n'
        'baseline = "2022-06"\n\n'
        '[sources.survey]\nformat = "survey"\npath = "survey.csv"\n'
        'start = "2020-07"\nend = "2023-06"\n\n'
        '[[sections]]\nmeasures = ["victim_satisfaction"]\n',
        encoding="utf-8",
    )
    return path


STATEMENTS: dict[str, Callable[[Path], Path]] = {
    "example": example_statement,
    # 12 months to December 2019 against 2018, and to June 2019 against 2018.
    "metropolitan": ons_statement(
        "Metropolitan Police", "2019/20 Q3", (DECEMBER_2018, DECEMBER_2019)
    ),
    "cheshire": ons_statement("Cheshire Constabulary", "2019/20 Q1", (JUNE_2018, JUNE_2019)),
    "survey": survey_statement,
}


def render(path: Path, extra: Sequence[object] = (), formats: Sequence[str] = FORMATS) -> Any:
    plugins = Plugins.load(extra=extra)
    statement = compute_statement(load_statement(path, plugins), plugins)
    return render_outputs(statement, plugins, list(formats))


@pytest.fixture(scope="module", params=sorted(STATEMENTS))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = STATEMENTS[request.param](tmp_path_factory.mktemp(request.param))
    return request.param, render(path)


# --- worked out here ----------------------------------------------------------------------


def one_place(value: float) -> str:
    """To one decimal place, halves away from zero (as published statistics round)."""
    return str(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def period(window: dict[str, Any]) -> str:
    year, month = (int(part) for part in window["end"].split("-"))
    assert window["months"] >= 12
    return f"{window['months']} months to {MONTHS[month - 1]} {year}"


def wilson(yes: int, n: int) -> tuple[float, float]:
    """The Wilson score interval at 95%, from its textbook formula."""
    z = 1.959963984540054
    p = yes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half) * 100, (centre + half) * 100


def expected_change(record: dict[str, Any], current: dict[str, Any] | None) -> str:
    """The change cell, worked out from the two figures' raw values."""
    if record["role"] == "current":
        return "[z]"
    if record["unit"] == "rate":
        return "[z]"  # rates are rows of their own; the count's row carries the change
    if current is None or current["value"] is None or record["value"] is None:
        return "[x]"
    now, before = current["value"], record["value"]
    if record["unit"] == "percent":
        return one_place(now - before)
    if before == 0:
        return "[z]"
    if now < 10 or before < 10:
        return "[u]"
    return one_place((now - before) / before * 100)


def expected_rows(document: dict[str, Any]) -> list[tuple[str, ...]]:
    """Every figure as the tables should show it (all but its label), from the JSON."""
    records = document["figures"]
    current = {
        (r["measure"], r["indicator"], r["unit"]): r for r in records if r["role"] == "current"
    }
    rows = []
    for record in records:
        value, marker = record["value"], record["marker"]
        if value is None:
            shown = marker
        elif record["unit"] == "count":
            shown = f"{value:,}"
        elif record["unit"] == "percent":
            shown = f"{one_place(value)}%"
        else:
            shown = one_place(value)
        if value is not None and marker:
            shown += marker
        if record["unit"] != "percent":
            responses = interval = "[z]"
        elif value is None:
            responses = f"{record['base']:,}" if record["base"] is not None else marker
            interval = marker
        else:
            responses = f"{record['base']:,}"
            lower, upper = wilson(round(value * record["base"] / 100), record["base"])
            interval = f"{one_place(lower)} to {one_place(upper)}"
        key = (record["measure"], record["indicator"], record["unit"])
        change = expected_change(record, current.get(key))
        rows.append(
            (
                COMPARISONS[record["role"]],
                period(record["window"]),
                shown,
                responses,
                interval,
                change,
            )
        )
    return rows


# --- read back from each format --------------------------------------------------------------


def normal(cells: Sequence[str], headings: Sequence[str]) -> Row:
    """A table row as the seven cells every format is compared on."""
    by_heading = dict(zip(headings, cells, strict=True))
    change = next((c for h, c in by_heading.items() if h.startswith("Change to")), "[z]")
    return (
        by_heading["Indicator"],
        by_heading["Comparison"],
        by_heading["Period"],
        by_heading["Figure"],
        by_heading.get("Responses", "[z]"),
        by_heading.get("95% confidence interval (%)", "[z]"),
        change,
    )


def markdown_rows(markdown: str) -> list[Row]:
    rows: list[Row] = []
    for block in markdown.split("\n\n"):
        lines = block.splitlines()
        if not lines or not lines[0].startswith("| Indicator"):
            continue

        def cells(line: str) -> list[str]:
            parts = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            return [re.sub(r"\\(.)", r"\1", part.strip()) for part in parts]

        headings = cells(lines[0])
        rows += [normal(cells(line), headings) for line in lines[2:]]
    return rows


def text_rows(text: str) -> list[Row]:
    """Tables in the plain text: columns are where the dashes under the headings are; a
    line whose figure column is blank continues the row above (a wrapped cell)."""
    rows: list[Row] = []
    lines = text.splitlines()
    for number, line in enumerate(lines):
        spans = [match.span() for match in re.finditer(r"-+", line)]
        if not line.startswith("---") or len(spans) < 4:
            continue  # not a table: a heading's underline
        head = [line for line in lines[:number] if line.strip()]
        start = max(i for i, text_line in enumerate(head) if text_line.startswith("Indicator"))
        heading_lines = head[start:]
        headings = [
            " ".join(h[a : b if i < len(spans) - 1 else None].strip() for h in heading_lines)
            .strip()
            .replace("  ", " ")
            for i, (a, b) in enumerate(spans)
        ]
        headings = [" ".join(h.split()) for h in headings]
        table: list[list[str]] = []
        for body in lines[number + 1 :]:
            if not body.strip():
                break
            cells = [
                body[a : b if i < len(spans) - 1 else None].strip()
                for i, (a, b) in enumerate(spans)
            ]
            if cells[3]:
                table.append(cells)
            else:
                table[-1] = [
                    f"{old} {new}".strip() for old, new in zip(table[-1], cells, strict=True)
                ]
        rows += [normal(cells, headings) for cells in table]
    return rows


def workbook_rows(data: bytes) -> list[Row]:
    """The figure tables of an xlsx workbook, numbers shown as their format shows them."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    rows: list[Row] = []
    for sheet in book.worksheets:
        for table in sheet.tables.values():
            cells = [[cell.value for cell in row] for row in sheet[table.ref]]
            headings = [str(h) for h in cells[0]]
            if "Comparison" not in headings:
                continue
            figure = next(h for h in headings if h.startswith("Figure"))
            for values in cells[1:]:
                row = dict(zip(headings, values, strict=True))
                unit = row.get("Unit") or figure.partition("(")[2].rstrip(")")
                value = row[figure]
                if isinstance(value, str):
                    shown = value
                elif unit == "number":
                    shown = f"{value:,}"
                else:
                    shown = one_place(value) + ("%" if unit == "%" else "")
                if row.get("Shorthand", "none") != "none":
                    shown += row["Shorthand"]
                responses = row.get("Responses (number)", "[z]")
                if not isinstance(responses, str):
                    responses = f"{responses:,}"
                lower = row.get("95% confidence interval, lower (%)", "[z]")
                upper = row.get("95% confidence interval, upper (%)", "[z]")
                interval = (
                    lower if isinstance(lower, str) else f"{one_place(lower)} to {one_place(upper)}"
                )
                change = next((v for h, v in row.items() if h.startswith("Change to")), "[z]")
                if not isinstance(change, str):
                    change = one_place(change)
                label = re.sub(r" \[note \d+\]", "", str(row["Indicator"]))
                rows.append(
                    (label, row["Comparison"], row["Period"], shown, responses, interval, change)
                )
    return rows


def without_labels(rows: Sequence[Row]) -> list[tuple[str, ...]]:
    return [row[1:] for row in rows]


# --- the tests ----------------------------------------------------------------------------


def test_every_format_shows_the_same_tables_as_the_json_and_the_counts(built: Any) -> None:
    name, outputs = built
    document = json.loads(outputs["json"])
    expected = expected_rows(document)
    markdown = markdown_rows(outputs["markdown"].decode())
    text = text_rows(outputs["text"].decode())
    workbook = workbook_rows(outputs["xlsx"])
    assert len(expected) >= 8, name
    assert without_labels(markdown) == expected, name
    assert text == markdown, name
    assert workbook == markdown, name
    # The ods workbook holds the xlsx workbook's cells, cell by cell.
    assert ods_values(outputs["ods"]) == xlsx_values(outputs["xlsx"]), name


def test_json_changes_and_intervals_follow_from_the_figures(built: Any) -> None:
    name, outputs = built
    records = json.loads(outputs["json"])["figures"]
    current = {
        (r["measure"], r["indicator"], r["unit"]): r for r in records if r["role"] == "current"
    }
    for record in records:
        if record["role"] == "current":
            assert "change" not in record
            continue
        now = current[(record["measure"], record["indicator"], record["unit"])]
        change = record["change"]
        shown = expected_change(record, now)
        if change["value"] is None:
            assert change["marker"] == shown, (name, record)
        else:
            assert change["marker"] is None
            assert one_place(change["value"]) == shown, (name, record)
            assert change["unit"] == ("points" if record["unit"] == "percent" else "percent")
    for record in records:
        if record["unit"] == "percent" and record["value"] is not None:
            lower, upper = wilson(round(record["value"] * record["base"] / 100), record["base"])
            assert record["interval"] == {
                "lower": pytest.approx(lower, abs=1e-9),
                "upper": pytest.approx(upper, abs=1e-9),
                "level": 95,
            }


def neighbourhood_total(outputs: Any, role: str) -> dict[str, Any]:
    records = json.loads(outputs["json"])["figures"]
    return next(
        r
        for r in records
        if r["indicator"] == "neighbourhood_crime" and r["role"] == role and r["unit"] == "count"
    )


@pytest.mark.parametrize("force", ["metropolitan", "cheshire"])
def test_a_rate_row_never_replaces_its_counts_change(force: str, tmp_path: Path) -> None:
    outputs = render(STATEMENTS[force](tmp_path))
    now = neighbourhood_total(outputs, "current")["value"]
    before = neighbourhood_total(outputs, "previous_year")["value"]
    change = one_place((now - before) / before * 100)
    if force == "cheshire":
        # 8,158 against 8,256 in P1 of the two June editions: -98 / 8,256 = -1.19%.
        assert (now, before, change) == (8158, 8256, "-1.2")  # not [u], as Markdown once said
    month = "December" if force == "metropolitan" else "June"
    for rows in (
        markdown_rows(outputs["markdown"].decode()),
        text_rows(outputs["text"].decode()),
        workbook_rows(outputs["xlsx"]),
    ):
        total = [row for row in rows if row[0] == "Neighbourhood crime (total)"]
        assert total[1][1:3] == ("Previous year", f"12 months to {month} 2018")
        assert total[1][6] == change  # not -100.0, the rate taken for the count
        rate = [row for row in rows if row[0].endswith("per 1,000 population")]
        assert rate, "the rate has rows of its own"
        assert {row[6] for row in rate} == {"[z]"}


def test_survey_figures_with_small_bases_carry_responses_and_intervals(tmp_path: Path) -> None:
    outputs = render(survey_statement(tmp_path))
    rows = markdown_rows(outputs["markdown"].decode())
    domestic = [row for row in rows if row[0] == "Domestic abuse victims satisfied"]
    # 5 of 7 = 71.4%; Wilson 95%: 35.9 to 91.8 (by hand: centre 0.6384, half-width
    # 0.2794); 8 of 9 = 88.9%: 56.5 to 98.0; 71.4 - 88.9 = -17.5 points (-17.46).
    assert domestic[0][3:] == ("71.4%", "7", "35.9 to 91.8", "[z]")
    assert domestic[1][3:6] == ("88.9%", "9", "56.5 to 98.0")
    assert domestic[1][6] == "-17.5"
    # Nobody answered two years before: [w], none recorded in survey.
    assert domestic[2][3:] == ("[w]", "0", "[w]", "[x]")
    # The baseline is the previous year's window: the same figures, named once in words.
    assert domestic[3][2:] == domestic[1][2:]
    text = " ".join(outputs["text"].decode().split())
    assert "the 12 months to June 2022 or the 12 months to June 2022" not in text
    assert "The baseline is the 12 months to June 2022, compared above." in text


# --- a third party's format and a third party's look --------------------------------------


class TabSeparated(OutputFormat):
    """A third party's format: every table of every measure as tab-separated lines, laid
    out from the document alone (no code for any measure)."""

    name = "tables-tsv"
    extension = ".tsv"

    def render(
        self, document: StatementDocument, renderers: SectionRenderers = NO_RENDERERS
    ) -> bytes:
        from measurekit.api import text_headings, text_rows

        lines = []
        for part in document.measure_parts():
            for block in part.blocks:
                if isinstance(block, FigureTable):
                    lines.append(f"# {part.measure_id}")
                    lines += ["\t".join(row) for row in [text_headings(block), *text_rows(block)]]
                elif isinstance(block, Table):
                    lines.append(f"# {part.measure_id}: {block.title}")
                    lines.append("\t".join(block.headings))
                    lines += ["\t".join(str(cell) for cell in row) for row in block.rows]
        return ("\n".join(lines) + "\n").encode()


class BoldNeighbourhood(SectionRenderer):
    """A plugin's own Markdown look for one measure: a lead line, then the default."""

    output_format = "markdown"
    measure = "neighbourhood_crime"

    def render(self, part: MeasurePart, default: Callable[[MeasurePart], Any]) -> Any:
        return f"**{part.title}, as its plugin draws it.**\n\n{default(part)}"


class ThirdParty:
    @hookimpl
    def register_output_formats(self) -> list[OutputFormat]:
        return [TabSeparated()]

    @hookimpl
    def register_section_renderers(self) -> list[SectionRenderer]:
        return [BoldNeighbourhood()]


def tsv_rows(tsv: str) -> Iterator[Row]:
    headings: list[str] = []
    for line in tsv.splitlines():
        if line.startswith("# "):
            headings = []
        elif not headings:
            headings = line.split("\t")
        else:
            yield normal(line.split("\t"), headings)


def test_a_third_party_format_lays_out_every_measures_tables(tmp_path: Path) -> None:
    path = example_statement(tmp_path)
    outputs = render(path, extra=[ThirdParty()], formats=("tables-tsv", "markdown", "json"))
    tsv = outputs["tables-tsv"].decode()
    measures = [line[2:] for line in tsv.splitlines() if line.startswith("# ")]
    # Every measure with figures, each with its table, with no code for any of them.
    assert measures == [
        "homicide",
        "serious_violence",
        "drugs_supply",
        "neighbourhood_crime",
        "victim_satisfaction",
    ]
    rows = list(tsv_rows(tsv))
    assert without_labels(rows) == expected_rows(json.loads(outputs["json"]))
    # The plugin's Markdown look changed how the section looks, not what it says.
    markdown = outputs["markdown"].decode()
    assert "**Reduce neighbourhood crime, as its plugin draws it.**" in markdown
    assert markdown_rows(markdown) == rows


# --- the appendix "How these figures were made" -------------------------------------------

#: Every format; docx and pdf only where their extras are installed (they come with the
#: test extra: '.[test]' installs '.[all]').
ALL_FORMATS = tuple(
    name
    for name, module in (
        *((name, None) for name in ("text", "markdown", "json", "xlsx", "ods", "html")),
        ("docx", "docx"),
        ("pdf", "typst"),
    )
    if module is None or importlib.util.find_spec(module) is not None
)


@pytest.fixture(scope="module", params=sorted(STATEMENTS))
def published(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A statement in every format, with the statement file's path."""
    path = STATEMENTS[request.param](tmp_path_factory.mktemp(f"{request.param}-all"))
    return path, render(path, formats=ALL_FORMATS)


def flat(text: str) -> str:
    """``text`` with every run of whitespace one space (formats wrap lines differently)."""
    return " ".join(text.split())


def html_text(data: bytes) -> str:
    from html.parser import HTMLParser

    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

    Text().feed(data.decode("utf-8"))
    return flat("".join(parts))


def docx_text(data: bytes) -> str:
    import docx

    return flat("\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs))


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def appendix_lines(methods: dict[str, Any], files: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """What every prose format must print, put together here from the JSON's records."""
    labels = {
        "current": "Current",
        "previous_year": "Previous year",
        "two_years_before": "Two years before",
        "baseline": "Baseline",
    }
    lines = [methods["title"], methods["introduction"]]
    for entry in methods["indicators"]:
        lines.append(f"{entry['label']} ({entry['indicator']})")
        if entry["definition"]:
            lines.append(f"Definition: {entry['definition']}")
        lines += [f"Selected: {selection}." for selection in entry["selections"]]
        if entry["derived"]:
            lines.append(f"Worked out: {entry['derived']}")
        windows = [
            f"{labels[w['role']]}: {w['months']} months to {period(w).split(' to ')[1]} "
            f"({w['start']} to {w['end']})"
            for w in entry["windows"]
        ]
        lines.append("Windows: " + "; ".join(windows) + ".")
    for source, item in files:
        rows = "" if item["rows"] is None else f", {item['rows']:,} rows"
        lines.append(f"Source '{source}': {item['path']}{rows}, SHA-256 {item['sha256']}")
    return lines


def test_every_format_carries_the_same_appendix(published: Any) -> None:
    _, outputs = published
    document = json.loads(outputs["json"])
    methods = document["methods"]
    files = [(s["name"], f) for s in document["sources"] for f in s["files"]]
    assert methods["title"] == "How these figures were made"
    assert files, "every statement here reads at least one file"
    # Each window of the appendix is a window the statement's figures of that indicator
    # cover, and the other way round.
    for entry in methods["indicators"]:
        held = {
            (f["role"], f["window"]["start"], f["window"]["end"])
            for f in document["figures"]
            if f["indicator"] == entry["indicator"] and f["measure"] == entry["measure"]
        }
        assert {(w["role"], w["start"], w["end"]) for w in entry["windows"]} == held
    expected = [flat(line) for line in appendix_lines(methods, files)]
    prose = {
        "text": flat(outputs["text"].decode("utf-8")),
        "markdown": flat(
            re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>])", r"\1", outputs["markdown"].decode())
        ),
        "html": html_text(outputs["html"]),
    }
    if "docx" in outputs:
        prose["docx"] = docx_text(outputs["docx"])
    for name, text in prose.items():
        appendix = text[text.index("How these figures were made") :]
        at = 0
        for line in expected:  # in this order, after the statement
            found = appendix.find(line, at)
            assert found >= 0, f"{name}: {line!r} missing or out of order"
            at = found + len(line)
    # The PDF is the page printed: a digest may break across lines, so compare without
    # whitespace.
    if "pdf" in outputs:
        pdf = "".join(pdf_text(outputs["pdf"]).split())
        assert "Howthesefiguresweremade" in pdf
        for _, item in files:
            assert item["sha256"] in pdf
        for entry in methods["indicators"]:
            for selection in entry["selections"]:
                assert "".join(selection.split()) in pdf
    # The workbooks: a row per indicator and window, and a row per file.
    for name, values in (
        ("xlsx", xlsx_values(outputs["xlsx"])),
        ("ods", ods_values(outputs["ods"])),
    ):
        method_rows = values["Methods"][
            values["Methods"].index(
                [
                    "Indicator",
                    "Indicator id",
                    "Measure",
                    "Definition",
                    "Selection",
                    "Window",
                    "First month",
                    "Last month",
                    "Months (number)",
                ]
            )
            + 1 :
        ]
        assert [(row[1], row[6], row[7], int(row[8])) for row in method_rows] == [
            (entry["indicator"], w["start"], w["end"], w["months"])
            for entry in methods["indicators"]
            for w in entry["windows"]
        ], name
        file_rows = values["Input_files"][
            values["Input_files"].index(["File", "Source", "Rows (number)", "SHA-256 digest"]) + 1 :
        ]
        assert [
            (row[0], row[1], None if row[2] == "[z]" else int(row[2]), row[3]) for row in file_rows
        ] == [(f["path"], source, f["rows"], f["sha256"]) for source, f in files], name


def test_the_files_listed_are_the_files_read_with_their_digests_and_rows(published: Any) -> None:
    path, outputs = published
    document = json.loads(outputs["json"])
    for source in document["sources"]:
        for item in source["files"]:
            file = (path.parent / item["path"]).resolve()
            assert item["sha256"] == hashlib.sha256(file.read_bytes()).hexdigest()
            if file.suffix == ".csv":
                with file.open(newline="", encoding="utf-8-sig") as handle:
                    assert item["rows"] == sum(1 for row in csv.reader(handle) if row) - 1
            else:  # an ONS workbook of published tables has no rows to count
                assert item["rows"] is None


def test_a_rebuild_gives_the_same_bytes(published: Any) -> None:
    path, outputs = published
    again = render(path, formats=ALL_FORMATS)
    for name in ALL_FORMATS:
        assert again[name] == outputs[name], name
