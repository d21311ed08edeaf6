"""Line charts for the publication formats: one drawing, as SVG or as PNG.

The web page and the PDF draw a chart as SVG, the Word document as PNG, and all three from
the same :func:`layout`: a list of shapes in a fixed 640 by 360 coordinate space. The SVG
writer prints those shapes as text with fixed precision; the PNG writer paints them with
Pillow and writes the file itself (:func:`encode_png`). Both are pure functions of the
chart, so every build gives the same bytes.

A chart is one or more lines over the same categories (months), with a title, axis titles
and a one-sentence summary of the trend. A missing value (a month the source cannot give)
breaks the line; every known point also has a marker, so a lone point between gaps still
shows. Several lines differ in marker shape as well as colour and are named in a legend,
so no line depends on colour to be told apart.
"""

from __future__ import annotations

import functools
import math
import struct
import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from measurekit.outputs.xml_escape import escape, quoted_attribute
from measurekit.shared_methods import shared_methods

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

#: The drawing's size in its own units (CSS pixels in the web page).
WIDTH = 640
HEIGHT = 360
#: Where the plotting area sits inside the drawing.
LEFT, RIGHT, TOP, BOTTOM = 76, 620, 52, 290
#: Text and axes: near-black, as the page's body text.
INK = "#0b0c0c"
#: The line and its markers: 5.2:1 against white, above the 3:1 WCAG asks of graphics.
LINE = "#1d70b8"
#: Grid lines: decoration only, lighter.
GRID = "#b1b4b6"
FONT_FAMILY = "Arial, Helvetica, 'Liberation Sans', sans-serif"
#: Labels on the category axis, at most.
MAX_TICKS = 6


@attrs.frozen
@shared_methods
class ChartLine:
    """One line of a chart: its name (shown in a legend when a chart has several lines)
    and a value per category, None where it is not known (the line breaks there)."""

    name: str
    values: tuple[float | None, ...]


@attrs.frozen
@shared_methods
class ChartData:
    """What a chart shows: a title, the two axis titles, the labels along the category
    axis (``"Jun 2023"``), one or more lines with a value per label, and one sentence
    saying what the chart shows."""

    title: str
    x_title: str
    y_title: str
    categories: tuple[str, ...]
    lines: tuple[ChartLine, ...]
    summary: str

    def __attrs_post_init__(self) -> None:
        for line in self.lines:
            if len(line.values) != len(self.categories):
                raise ValueError(f"chart {self.title!r}: line {line.name!r} has "
                                 f"{len(line.values)} values for {len(self.categories)} "
                                 "categories")  # fmt: skip


@attrs.frozen
@shared_methods
class Text:
    """Text anchored at (x, y), the baseline; ``anchor`` is ``start``, ``middle`` or
    ``end``; ``vertical`` text reads bottom to top, centred on (x, y)."""

    x: float
    y: float
    text: str
    size: float = 13
    anchor: str = "middle"
    bold: bool = False
    vertical: bool = False


@attrs.frozen
@shared_methods
class Line:
    """A straight line."""

    x1: float
    y1: float
    x2: float
    y2: float
    colour: str = INK
    width: float = 1


@attrs.frozen
@shared_methods
class Polyline:
    """A run of points joined by straight lines."""

    points: tuple[tuple[float, float], ...]
    colour: str = LINE
    width: float = 2.5


@attrs.frozen
@shared_methods
class Dot:
    """A filled marker on a point: a ``circle``, ``square`` or ``diamond`` (each line of a
    chart has its own shape, so lines differ by more than colour)."""

    x: float
    y: float
    radius: float = 3.5
    colour: str = LINE
    kind: str = "circle"


#: Each line's colour and marker, in order; all colours are at least 4.5:1 on white.
STYLES = (("#1d70b8", "circle"), ("#b4331a", "square"), ("#0b0c0c", "diamond"))


Shape = Text | Line | Polyline | Dot


def nice_step(top: float, steps: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten, and at least 1) that covers ``top`` in
    about ``steps`` steps: ``nice_step(5779)`` is 2000."""
    if top <= 0:
        return 1
    raw = top / steps
    power = 10.0 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if raw <= multiple * power:
            return max(1.0, multiple * power)
    return max(1.0, 10 * power)  # pragma: no cover - the loop always returns


def axis_number(value: float) -> str:
    """An axis label: whole numbers with thousands separators, else one decimal place."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.1f}"


def tick_indices(count: int, most: int = MAX_TICKS) -> list[int]:
    """Which points get a label on the category axis: evenly spaced, always the last, at
    most ``most``."""
    if count <= most:
        return list(range(count))
    step = math.ceil(count / most)
    return sorted(range(count - 1, -1, -step))


def layout(chart: ChartData) -> list[Shape]:
    """The chart as shapes in a ``WIDTH`` by ``HEIGHT`` space: title, legend (when there
    are several lines), gridlines and value labels, axes, category labels, axis titles,
    then each line and its markers."""
    known = [value for line in chart.lines for value in line.values if value is not None]
    top_value = max([0.0, *known])
    step = nice_step(top_value)
    top = step * max(1, math.ceil(top_value / step))
    shapes: list[Shape] = [Text(WIDTH / 2, 26, chart.title, size=16, bold=True)]
    plot_top = TOP
    if len(chart.lines) > 1:
        shapes += _legend(chart.lines)
        plot_top = TOP + 14

    def y_of(value: float) -> float:
        return BOTTOM - (BOTTOM - plot_top) * value / top

    count = len(chart.categories)
    spacing = (RIGHT - LEFT) / max(1, count - 1)

    def x_of(index: int) -> float:
        return (LEFT + RIGHT) / 2 if count == 1 else LEFT + spacing * index

    ticks = round(top / step)
    for number in range(ticks + 1):
        value = step * number
        y = y_of(value)
        if number:
            shapes.append(Line(LEFT, y, RIGHT, y, colour=GRID))
        shapes.append(Text(LEFT - 8, y + 4.5, axis_number(value), anchor="end"))
    shapes += [Line(LEFT, plot_top, LEFT, BOTTOM), Line(LEFT, BOTTOM, RIGHT, BOTTOM)]
    for index in tick_indices(count):
        x = x_of(index)
        shapes += [
            Line(x, BOTTOM, x, BOTTOM + 5),
            Text(x, BOTTOM + 20, chart.categories[index], anchor=_edge_anchor(x)),
        ]
    shapes += [
        Text((LEFT + RIGHT) / 2, HEIGHT - 16, chart.x_title, size=14, bold=True),
        Text(20, (plot_top + BOTTOM) / 2, chart.y_title, size=14, bold=True, vertical=True),
    ]
    for number, line in enumerate(chart.lines):
        colour, kind = STYLES[number % len(STYLES)]
        for run in _runs(line.values):
            coordinates = tuple((x_of(index), y_of(value)) for index, value in run)
            if len(coordinates) > 1:
                shapes.append(Polyline(coordinates, colour=colour))
            shapes += [Dot(x, y, colour=colour, kind=kind) for x, y in coordinates]
    return shapes


def _legend(lines: Sequence[ChartLine]) -> list[Shape]:
    """A row under the title: each line's marker on a short stroke, then its name."""
    shapes: list[Shape] = []
    x: float = LEFT
    for number, line in enumerate(lines):
        colour, kind = STYLES[number % len(STYLES)]
        shapes += [
            Line(x, 46, x + 24, 46, colour=colour, width=2.5),
            Dot(x + 12, 46, colour=colour, kind=kind),
            Text(x + 30, 50.5, line.name, anchor="start"),
        ]
        x += 30 + 7.5 * len(line.name) + 24
    return shapes


def _edge_anchor(x: float) -> str:
    """Keep a label near either end of the axis inside the drawing."""
    if x - LEFT < 30:
        return "start"
    if RIGHT - x < 30:
        return "end"
    return "middle"


def _runs(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """The known values as runs of consecutive indices, split where a value is missing."""
    runs: list[list[tuple[int, float]]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((index, value))
    return [run for run in runs if run]


# --- SVG ------------------------------------------------------------------------------


def _n(value: float) -> str:
    """A coordinate with at most one decimal place and no trailing zero."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def svg(chart: ChartData, ident: str) -> str:
    """The chart as an SVG element for a web page: ``role="img"`` named by its ``<title>``
    and described by its ``<desc>`` (the summary), scaling to its container's width.

    ``ident`` must be unique in the page: it prefixes the ids of the title and description.
    Every piece of text is escaped.
    """
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" class="chart" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
        f"font-family={quoted_attribute(FONT_FAMILY)}>",
        f'<title id="{ident}-title">{escape(chart.title)}</title>',
        f'<desc id="{ident}-desc">{escape(chart.summary)}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    parts += [_svg_shape(shape) for shape in layout(chart)]
    parts.append("</svg>")
    return "\n".join(parts)


def _svg_shape(shape: Shape) -> str:
    if isinstance(shape, Text):
        weight = ' font-weight="bold"' if shape.bold else ""
        place = f'x="{_n(shape.x)}" y="{_n(shape.y)}"'
        if shape.vertical:
            place = f'transform="translate({_n(shape.x)} {_n(shape.y)}) rotate(-90)"'
        return (
            f'<text {place} font-size="{_n(shape.size)}" text-anchor="{shape.anchor}" '
            f'fill="{INK}"{weight}>{escape(shape.text)}</text>'
        )
    if isinstance(shape, Line):
        return (
            f'<line x1="{_n(shape.x1)}" y1="{_n(shape.y1)}" x2="{_n(shape.x2)}" '
            f'y2="{_n(shape.y2)}" stroke="{shape.colour}" stroke-width="{_n(shape.width)}"/>'
        )
    if isinstance(shape, Polyline):
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points)
        return (
            f'<polyline points="{points}" fill="none" stroke="{shape.colour}" '
            f'stroke-width="{_n(shape.width)}" stroke-linejoin="round"/>'
        )
    x, y, r = shape.x, shape.y, shape.radius
    if shape.kind == "square":
        return (
            f'<rect x="{_n(x - r)}" y="{_n(y - r)}" width="{_n(2 * r)}" height="{_n(2 * r)}" '
            f'fill="{shape.colour}"/>'
        )
    if shape.kind == "diamond":
        r *= 1.3
        points = f"{_n(x)},{_n(y - r)} {_n(x + r)},{_n(y)} {_n(x)},{_n(y + r)} {_n(x - r)},{_n(y)}"
        return f'<polygon points="{points}" fill="{shape.colour}"/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{shape.colour}"/>'


# --- PNG ------------------------------------------------------------------------------

#: Pixels per drawing unit in the PNG: 1280 by 720, sharp when printed at 16 cm wide.
PNG_SCALE = 2
#: zlib's level for the PNG's pixel data (the pixels are the same at any level). On the
#: example's nine charts level 3 takes under half the time of levels 4 to 6, which search
#: harder for repeats, for larger files: 428 KB in all against 344 KB at level 4 and
#: 309 KB at level 6 (Pillow's own writer at level 4 made 358 KB in four times the time of
#: level 3). The Word file deflates its pictures again: the example's is 407 KB with level
#: 3, 316 KB with level 6.
PNG_COMPRESS_LEVEL = 3
#: Rows handed to zlib at a time (64 rows of a chart: 246 KB).
PNG_BLOCK_ROWS = 64
#: The first bytes of every PNG file.
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png(chart: ChartData, scale: int = PNG_SCALE) -> bytes:
    """The chart as a PNG image, ``WIDTH * scale`` by ``HEIGHT * scale`` pixels, painted
    from the same layout as :func:`svg` with Pillow and its bundled font, and written by
    :func:`encode_png`.

    The file holds no date or other metadata, so the same chart gives the same bytes.
    Needs Pillow (installed with the ``docx`` extra).
    """
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH * scale, HEIGHT * scale), "#ffffff")
    draw = ImageDraw.Draw(image)
    for shape in layout(chart):
        _paint(image, draw, shape, scale)
    return encode_png(image.tobytes(), image.width, image.height)


def encode_png(pixels: bytes, width: int, height: int, level: int = PNG_COMPRESS_LEVEL) -> bytes:
    """An RGB image as a PNG file: ``pixels`` are its rows top to bottom, three bytes (red,
    green, blue) a pixel, as Pillow's ``Image.tobytes()`` gives them for an ``RGB`` image.

    The file is 8-bit truecolour (colour type 2), not interlaced, and holds only the
    ``IHDR``, one ``IDAT`` and ``IEND`` chunks: no date, resolution or other metadata, so
    the same pixels give the same bytes. Every row has filter type 0 (none), which deflates
    the charts smaller and quicker than Pillow's choosing a filter for each row.

    A chart cannot be a palette image (a third of the data to deflate): its antialiased
    text has all 256 shades between ink and white, and with the line's and the grid's
    colours a chart has at least 258 colours, more than a PNG palette holds.
    """
    stride = 3 * width
    if width <= 0 or height <= 0 or len(pixels) != stride * height:
        raise ValueError(f"{len(pixels)} bytes are not {width} by {height} RGB pixels")
    view = memoryview(pixels)
    compressor = zlib.compressobj(level)
    deflated = []
    # A block of rows at a time: the same stream as deflating the whole at once, in about
    # half the time of joining and deflating 2.8 MB (a block stays in the processor's cache).
    block_size = stride * PNG_BLOCK_ROWS
    for block in range(0, len(pixels), block_size):
        rows: list[bytes | memoryview] = []
        for start in range(block, min(block + block_size, len(pixels)), stride):
            rows += (b"\x00", view[start : start + stride])  # the filter type, then the row
        deflated.append(compressor.compress(b"".join(rows)))
    deflated.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        [
            PNG_SIGNATURE,
            _png_chunk(b"IHDR", header),
            _png_chunk(b"IDAT", b"".join(deflated)),
            _png_chunk(b"IEND", b""),
        ]
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, and the CRC-32 of type and data."""
    return b"".join(
        [
            struct.pack(">I", len(data)),
            kind,
            data,
            struct.pack(">I", zlib.crc32(data, zlib.crc32(kind))),
        ]
    )


@functools.cache
def _font(size: float, scale: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled font at ``size`` drawing units; loaded once per size for the
    process (loading decodes the whole font each time). Threads may share one: Pillow
    renders with a font object for one caller at a time."""
    from PIL import ImageFont

    return ImageFont.load_default(size=size * scale)


def _paint(image: object, draw: ImageDraw.ImageDraw, shape: Shape, scale: int) -> None:
    from PIL import Image, ImageDraw

    assert isinstance(image, Image.Image)
    if isinstance(shape, Line):
        draw.line(
            [(shape.x1 * scale, shape.y1 * scale), (shape.x2 * scale, shape.y2 * scale)],
            fill=shape.colour,
            width=max(1, round(shape.width * scale)),
        )
    elif isinstance(shape, Polyline):
        draw.line(
            [(x * scale, y * scale) for x, y in shape.points],
            fill=shape.colour,
            width=round(shape.width * scale),
            joint="curve",
        )
    elif isinstance(shape, Dot):
        r = shape.radius * scale
        x, y = shape.x * scale, shape.y * scale
        if shape.kind == "square":
            draw.rectangle([x - r, y - r, x + r, y + r], fill=shape.colour)
        elif shape.kind == "diamond":
            r *= 1.3
            draw.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill=shape.colour)
        else:
            draw.ellipse([x - r, y - r, x + r, y + r], fill=shape.colour)
    else:
        font = _font(shape.size, scale)
        # The bundled font has no bold face: a one-pixel outline in the same ink stands in.
        stroke = 1 if shape.bold else 0
        if not shape.vertical:
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
            draw.text((shape.x * scale, shape.y * scale), shape.text, fill=INK, font=font,
                      anchor=anchor, stroke_width=stroke, stroke_fill=INK)  # fmt: skip
            return
        left, top, right, bottom = draw.textbbox(
            (0, 0), shape.text, font=font, anchor="lt", stroke_width=stroke
        )
        label = Image.new("RGB", (round(right - left), round(bottom - top)), "#ffffff")
        ImageDraw.Draw(label).text((-left, -top), shape.text, fill=INK, font=font, anchor="lt",
                                   stroke_width=stroke, stroke_fill=INK)  # fmt: skip
        turned = label.transpose(Image.Transpose.ROTATE_90)
        image.paste(
            turned,
            (round(shape.x * scale - turned.width / 2), round(shape.y * scale - turned.height / 2)),
        )
