"""What every publication format (the web page, the PDF, the Word file) draws the same
way from the statement document: cell text (the text every format prints, from
:mod:`measurekit.document.figures`), a chart's data and its table of numbers, source lines,
the date a built file carries and the office's logo."""

from __future__ import annotations

import base64
import datetime as dt
import os
from typing import Any

import attrs

from measurekit.document.figures import text_headings, text_rows
from measurekit.document.nodes import Chart, FigureTable, SourceLine, TableCell
from measurekit.errors import MeasurekitError
from measurekit.input_files import open_regular
from measurekit.limits import MAX_LOGO_BYTES
from measurekit.measures.wording import number, one_decimal
from measurekit.model.markers import Marker
from measurekit.model.statement import Branding, StatementInfo
from measurekit.outputs.publish.chart import ChartData, ChartLine
from measurekit.shared_methods import shared_methods
from measurekit.text_rules import upper_first

#: Which columns of a figure table hold numbers (right-aligned): from the fourth on.
FIRST_NUMBER_COLUMN = 3
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
#: How a PNG file and a JPEG file begin, with their media types.
LOGO_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


# --- cells and charts -----------------------------------------------------------------


def cell_text(cell: TableCell) -> str:
    """An extra table's cell as text: whole numbers with separators, other numbers to one
    decimal place, text (such as ``[x]``) as it is."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, int):
        return number(cell)
    return one_decimal(cell)


def is_number_cell(cell: TableCell) -> bool:
    """Whether a cell is a number or a marker standing for one (right-aligned)."""
    return not isinstance(cell, str) or cell.strip() in {marker.value for marker in Marker}


def short_month(label: str) -> str:
    """``"June 2023"`` as an axis label: ``"Jun 2023"``."""
    name, _, year = label.partition(" ")
    return f"{name[:3]} {year}".strip()


def chart_months(chart: Chart) -> list[Any]:
    """Every month any series of ``chart`` has a point for, oldest first."""
    return sorted({point.month for series in chart.series for point in series.points})


def chart_data(chart: Chart) -> ChartData:
    """A document chart as the chart renderer's input: one line per series, a value per
    month (None where the series has none)."""
    months = chart_months(chart)
    lines = []
    for series in chart.series:
        values = {point.month: point.value for point in series.points}
        lines.append(ChartLine(series.name, tuple(values.get(month) for month in months)))
    return ChartData(
        chart.title,
        chart.x_title,
        chart.y_title,
        tuple(short_month(month.label) for month in months),
        tuple(lines),
        chart.summary,
    )


def chart_table(chart: Chart) -> tuple[list[str], list[list[str]]]:
    """A chart's numbers as a table: a row per month, a column per series; a month a
    series has no count for shows its marker (``[x]``)."""
    months = chart_months(chart)
    headings = [chart.x_title, *(f"{series.name} (number)" for series in chart.series)]
    rows = [[month.label] for month in months]
    for series in chart.series:
        by_month = {point.month: point for point in series.points}
        for row, month in zip(rows, months, strict=True):
            point = by_month.get(month)
            if point is None:
                row.append(str(Marker.NOT_AVAILABLE))
            elif point.value is None:
                row.append(str(point.marker or Marker.NOT_AVAILABLE))
            else:
                row.append(number(point.value))
    return headings, rows


def figure_headings(table: FigureTable) -> list[str]:
    """The figure table's column headings, as every format prints them."""
    return text_headings(table)


def figure_rows(table: FigureTable) -> list[list[str]]:
    """The figure table's cells, as every format prints them."""
    return text_rows(table)


# --- source lines ---------------------------------------------------------------------


def source_notes(line: SourceLine) -> list[int]:
    """The notes a source line cites: each source's, then the notice's when it has one."""
    cited = [ref.note for ref in line.sources]
    if line.notice_note:
        cited.append(line.notice_note)
    return cited


def source_text(line: SourceLine) -> str:
    """A source line's sources named in words: ``"Police recorded crime"``, or that the
    statement file supplied no data for it."""
    if not line.sources:
        return "no data source (figures supplied in the statement file)"
    titles = [upper_first(ref.title) for ref in line.sources]
    return "; ".join(titles)


# --- the date and the logo ------------------------------------------------------------


def document_date(info: StatementInfo) -> dt.date:
    """The date a built document carries (a PDF's and a Word file's creation date), so
    that rebuilding gives the same bytes: ``SOURCE_DATE_EPOCH`` when set (the
    reproducible-builds convention), else the statement's ``published`` date when it is
    written ``YYYY-MM-DD`` or ``20 July 2023``, else the last day of the quarter."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise MeasurekitError(
                f"SOURCE_DATE_EPOCH: {epoch!r} is not a number of seconds since 1970"
            ) from None
    if info.published:
        for pattern in ("%Y-%m-%d", "%d %B %Y", "%d %b %Y"):
            try:
                return dt.datetime.strptime(info.published.strip(), pattern).date()
            except ValueError:
                continue
    end = info.quarter.end
    following = end + 1
    return dt.date(following.year, following.month, 1) - dt.timedelta(days=1)


@attrs.frozen
@shared_methods
class Logo:
    """An office's logo, read once: its bytes, media type and text alternative."""

    data: bytes
    media_type: str
    alt: str

    @property
    def data_uri(self) -> str:
        """The logo as a ``data:`` URI, so the page stays self-contained."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def read_logo(branding: Branding | None) -> Logo | None:
    """The statement file's logo, or None; an unreadable file is a one-line error. Its
    type is what its first bytes say (a JPEG named ``.png`` is a JPEG): a file that is
    neither a PNG nor a JPEG is refused, naming it."""
    if branding is None or branding.logo is None:
        return None
    path = branding.logo
    media_type = LOGO_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise MeasurekitError(f"{path}: a logo must be a PNG or JPEG file")
    with open_regular(path) as handle:
        data = handle.read(MAX_LOGO_BYTES + 1)
    if len(data) > MAX_LOGO_BYTES:
        raise MeasurekitError(
            f"{path}: a logo is larger than {MAX_LOGO_BYTES:,} bytes, the most measurekit reads"
        )
    actual = next((kind for start, kind in LOGO_SIGNATURES.items() if data.startswith(start)), None)
    if actual is None:
        raise MeasurekitError(f"{path}: the logo is neither a PNG nor a JPEG image")
    return Logo(data, actual, branding.logo_alt or "")
