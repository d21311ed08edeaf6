"""The statement as one self-contained web page, from the statement document.

Jinja2 templates (``templates/``) lay the page out; this module gives them what they need:
the document, cell text (the same text every format prints, from
:mod:`measurekit.document.figures`), charts as inline SVG, note citations linked both ways,
ids unique in the page, the stylesheet and the logo. The environment autoescapes
everything: text from a data file, a narrative or the statement file is always text, never
markup. The only markup that reaches the page unescaped is what this package makes itself
(the SVG charts, built from escaped text, and the stylesheets).

The pdf format (:mod:`.typeset`) and the Word file (:mod:`.docx`) draw the same statement
document with the same cell text, chart layout and source lines, from :mod:`.content`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from measurekit.document.nodes import (
    BulletList,
    Chart,
    FigureTable,
    MeasurePart,
    NoteList,
    Paragraph,
    ShorthandKey,
    StatementDocument,
    Table,
)
from measurekit.document.renderers import NO_RENDERERS, SectionRenderers
from measurekit.errors import MeasurekitError
from measurekit.input_files import read_text_limited
from measurekit.limits import MAX_STYLESHEET_BYTES
from measurekit.model.statement import Branding
from measurekit.outputs.publish.chart import svg
from measurekit.outputs.publish.content import (
    FIRST_NUMBER_COLUMN,
    cell_text,
    chart_data,
    chart_table,
    figure_headings,
    figure_rows,
    is_number_cell,
    read_logo,
    source_text,
)

TEMPLATES = Path(__file__).with_name("templates")
#: The built-in page template; an office's own may extend it
#: (``{% extends "measurekit/statement.html" %}``).
STATEMENT_TEMPLATE = "measurekit/statement.html"
OVERVIEW_TEMPLATE = "measurekit/overview.html"


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


def chart_svg(chart: Chart, ident: str) -> Markup:
    """The chart as inline SVG (built by :func:`measurekit.outputs.publish.chart.svg`
    from escaped text, so safe to insert as it is)."""
    return Markup(svg(chart_data(chart), ident))


# --- the stylesheet -------------------------------------------------------------------


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
