"""The statement as one self-contained web page, from the statement document.

Jinja2 templates (``templates/``) lay the page out; this module gives them what they need:
the document, cell text (the same text every format prints, from
:mod:`measurekit.document.figures`), charts as inline SVG, note citations linked both ways,
ids unique in the page, the stylesheet and the logo. The environment autoescapes
everything: text from a data file, a narrative or the statement file is always text, never
markup. The only markup that reaches the page unescaped is what this package makes itself
(the SVG charts, built from escaped text, and the stylesheets).

The pdf format (:mod:`.typeset`) draws the same statement document with the same cell
text, chart layout and source lines, taken from here.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import jinja2
from markupsafe import Markup

from measurekit.document.figures import text_headings, text_rows
from measurekit.document.nodes import (
    BulletList,
    Chart,
    FigureTable,
    MeasurePart,
    NoteList,
    Paragraph,
    ShorthandKey,
    SourceLine,
    StatementDocument,
    Table,
    TableCell,
)
from measurekit.document.renderers import NO_RENDERERS, SectionRenderers
from measurekit.errors import MeasurekitError
from measurekit.fields_repr import fields_repr
from measurekit.input_files import open_regular, read_text_limited
from measurekit.limits import MAX_LOGO_BYTES, MAX_STYLESHEET_BYTES
from measurekit.measures.wording import number, one_decimal
from measurekit.model.markers import Marker
from measurekit.model.statement import Branding, StatementInfo
from measurekit.outputs.publish.chart import ChartData, ChartLine, svg
from measurekit.text_rules import upper_first

TEMPLATES = Path(__file__).with_name("templates")
#: The built-in page template; an office's own may extend it
#: (``{% extends "measurekit/statement.html" %}``).
STATEMENT_TEMPLATE = "measurekit/statement.html"
OVERVIEW_TEMPLATE = "measurekit/overview.html"
#: Which columns of a figure table hold numbers (right-aligned): from the fourth on.
FIRST_NUMBER_COLUMN = 3
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
#: How a PNG file and a JPEG file begin, with their media types.
LOGO_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


class Citations:
    """Note citations and the links back to them, numbered in the order the page prints
    them: the ``k``-th citation of note ``n`` has id ``cite-n-k``; note ``n`` has id
    ``note-n``."""

    def __init__(self) -> None:
        self._count: dict[int, int] = {}

    def cite(self, number: int) -> Markup:
        """A link to note ``number``, ``[note 3]``, with an id the note links back to."""
        self._count[number] = self._count.get(number, 0) + 1
        ident = f"cite-{number}-{self._count[number]}"
        return Markup('<a class="note-ref" href="#note-{0}" id="{1}">[note {0}]</a>').format(
            number, ident
        )

    def cite_all(self, numbers: Sequence[int]) -> Markup:
        """Citations of several notes, separated by spaces."""
        return Markup(" ").join(self.cite(number) for number in numbers)

    def back_ids(self, number: int) -> list[str]:
        """The ids of every citation of note ``number`` printed so far."""
        return [f"cite-{number}-{k}" for k in range(1, self._count.get(number, 0) + 1)]


class Ids:
    """Ids unique in the page: ``table-1``, ``chart-1``, ..."""

    def __init__(self) -> None:
        self._count: dict[str, int] = {}

    def __call__(self, kind: str) -> str:
        self._count[kind] = self._count.get(kind, 0) + 1
        return f"{kind}-{self._count[kind]}"


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


def chart_svg(chart: Chart, ident: str) -> Markup:
    """The chart as inline SVG (built by :func:`measurekit.outputs.publish.chart.svg`
    from escaped text, so safe to insert as it is)."""
    return Markup(svg(chart_data(chart), ident))


def figure_headings(table: FigureTable) -> list[str]:
    """The figure table's column headings, as every format prints them."""
    return text_headings(table)


def figure_rows(table: FigureTable) -> list[list[str]]:
    """The figure table's cells, as every format prints them."""
    return text_rows(table)


# --- dates, logo, stylesheet ----------------------------------------------------------


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
@fields_repr
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


def stylesheet(branding: Branding | None) -> Markup:
    """The built-in stylesheet, followed by the office's own when the statement file
    gives one (so it can override any rule)."""
    parts = [(TEMPLATES / "statement.css").read_text(encoding="utf-8")]
    if branding is not None and branding.stylesheet is not None:
        extra = read_text_limited(branding.stylesheet, MAX_STYLESHEET_BYTES, "a stylesheet")
        if "</" in extra:
            raise MeasurekitError(
                f"{branding.stylesheet}: a stylesheet may not contain '</' (it would end "
                "the page's style element)"
            )
        parts.append(extra)
    return Markup("\n".join(parts))


# --- the environment ------------------------------------------------------------------


def environment(branding: Branding | None) -> jinja2.Environment:
    """A Jinja2 environment that autoescapes every template and fails on an undefined
    name. Built-in templates are named ``measurekit/...``; an office's template is found
    by its file name in its own folder, and may extend a built-in one.

    One environment serves each folder of templates for the life of the process, so each
    template is compiled once however many pages are drawn from it (the web page and the
    PDF's, a page for each force); Jinja compiles a template again if its file changes.
    It is shared: render with it, never change it.
    """
    template = branding.template if branding is not None else None
    return _environment(None if template is None else template.parent)


@functools.lru_cache(maxsize=16)
def _environment(folder: Path | None) -> jinja2.Environment:
    """The environment of :func:`environment` for an office's template ``folder`` (None:
    the built-in templates alone)."""
    loaders: list[jinja2.BaseLoader] = [
        jinja2.PrefixLoader({"measurekit": jinja2.FileSystemLoader(TEMPLATES)})
    ]
    if folder is not None:
        loaders.insert(0, jinja2.FileSystemLoader(folder))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests.update(
        paragraph=lambda block: isinstance(block, Paragraph),
        bullets=lambda block: isinstance(block, BulletList),
        notelist=lambda block: isinstance(block, NoteList),
        shorthand=lambda block: isinstance(block, ShorthandKey),
        figuretable=lambda block: isinstance(block, FigureTable),
        table=lambda block: isinstance(block, Table),
        chart=lambda block: isinstance(block, Chart),
        number_cell=is_number_cell,
    )
    env.filters.update(cell=cell_text)
    env.globals.update(
        figure_headings=figure_headings,
        figure_rows=figure_rows,
        chart_svg=chart_svg,
        chart_table=chart_table,
        FIRST_NUMBER_COLUMN=FIRST_NUMBER_COLUMN,
    )
    return env


def render_template(
    env: jinja2.Environment, name: str, context: dict[str, Any], where: str = "page"
) -> str:
    """Render template ``name``; a mistake in an office's template is a one-line error
    naming its file and line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as error:
        raise MeasurekitError(
            f"{error.filename or where}, line {error.lineno}: template error: {error.message}"
        ) from None
    except jinja2.TemplateError as error:
        raise MeasurekitError(f"{where}: template error: {error}") from None


def render_page(
    document: StatementDocument,
    renderers: SectionRenderers = NO_RENDERERS,
) -> str:
    """The statement as one HTML page: the office's template when the statement file
    names one, else the built-in ``statement.html``.

    ``renderers`` may give a measure's part its own drawing: a section renderer for this
    format returns the part's HTML as a string (it is trusted plugin code; the default it
    receives escapes everything).
    """
    branding = document.info.branding
    env = environment(branding)
    citations = Citations()
    ids = Ids()
    context: dict[str, Any] = {
        "document": document,
        "cite": citations.cite,
        "cite_all": citations.cite_all,
        "back_ids": citations.back_ids,
        "new_id": ids,
        "stylesheet": stylesheet(branding),
        "logo": read_logo(branding),
        "source_text": source_text,
    }

    def default_part(part: MeasurePart) -> str:
        return Markup(
            render_template(env, "measurekit/part.html", {**context, "part": part}, "page")
        )

    def draw_part(part: MeasurePart) -> Markup:
        return Markup(renderers.render(part, default_part, str))

    context["draw_part"] = draw_part
    name = STATEMENT_TEMPLATE
    where = "the built-in page template"
    if branding is not None and branding.template is not None:
        name = branding.template.name
        where = str(branding.template)
    return render_template(env, name, context, where)


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
