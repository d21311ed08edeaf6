"""The shared chart renderer: the same drawing as SVG and PNG, the same bytes every time.

Coordinates are worked out by hand from the layout's constants: the plot runs from x=76 to
x=620 and from y=290 (zero) up to y=52 (the top of the value axis).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest

from measurekit.outputs.publish.chart import (
    ChartData,
    ChartLine,
    axis_number,
    nice_step,
    svg,
    tick_indices,
)

SVG = "{http://www.w3.org/2000/svg}"


def chart(*values: float | None, title: str = "Burglary each month") -> ChartData:
    categories = tuple(f"M{n}" for n in range(len(values)))
    line = ChartLine("Burglary", values)
    return ChartData(
        title, "Month", "Offences recorded (number)", categories, (line,), "It went up."
    )


@pytest.mark.parametrize(
    ("top", "step"),
    [(5779, 2000), (600, 200), (10, 2), (3, 1), (0, 1), (47, 10), (1, 1)],
)
def test_value_axis_steps_are_round(top: float, step: float) -> None:
    # 5779 / 5 = 1155.8: the next of 1000, 2000, 5000 at or above it is 2000.
    assert nice_step(top) == step


def test_axis_numbers() -> None:
    assert axis_number(2000.0) == "2,000"
    assert axis_number(0.5) == "0.5"


def test_category_labels_are_thinned_and_keep_the_last() -> None:
    assert tick_indices(4) == [0, 1, 2, 3]
    # 36 months at most 6 labels: every 6th, counted back from the last.
    assert tick_indices(36) == [5, 11, 17, 23, 29, 35]
    assert tick_indices(13) == [0, 3, 6, 9, 12]


def test_svg_is_an_image_named_by_its_title_and_described_by_its_summary() -> None:
    root = ET.fromstring(svg(chart(1, 2), "c1"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title"
    assert root.get("aria-describedby") == "c1-desc"
    assert root.findtext(f"{SVG}title") == "Burglary each month"
    assert root.findtext(f"{SVG}desc") == "It went up."
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert "Burglary each month" in texts
    assert "Month" in texts
    assert "Offences recorded (number)" in texts


def test_line_breaks_at_a_missing_value_and_lands_where_worked_out() -> None:
    # Values 0, 10, gap, 5: the axis tops out at 10 (step 2), four points 544/3 apart.
    root = ET.fromstring(svg(chart(0, 10, None, 5), "c"))
    lines = [element.get("points") for element in root.iter(f"{SVG}polyline")]
    assert lines == ["76,290 257.3,52"]  # the lone point after the gap has no line
    dots = [(c.get("cx"), c.get("cy")) for c in root.iter(f"{SVG}circle")]
    # 290 - 238 * 5 / 10 = 171
    assert dots == [("76", "290"), ("257.3", "52"), ("620", "171")]
    labels = [e.text for e in root.iter(f"{SVG}text")]
    assert labels[1:7:1] == ["0", "2", "4", "6", "8", "10"]


def test_text_from_data_is_escaped() -> None:
    text = svg(chart(1, 2, title='<script>alert("x")</script> & co'), "c")
    assert "<script>" not in text
    root = ET.fromstring(text)
    assert root.findtext(f"{SVG}title") == '<script>alert("x")</script> & co'


def test_same_chart_same_bytes() -> None:
    assert svg(chart(3, 1, 4, None, 1, 5), "c") == svg(chart(3, 1, 4, None, 1, 5), "c")


def test_png_is_the_same_drawing_with_no_metadata() -> None:
    image_module = pytest.importorskip("PIL.Image", reason="Pillow comes with the docx extra")
    from measurekit.outputs.publish.chart import png

    data = png(chart(0, 10, None, 5))
    assert data == png(chart(0, 10, None, 5))
    image = image_module.open(io.BytesIO(data))
    assert image.size == (1280, 720)
    assert not {"tIME", "tEXt", "iTXt", "zTXt"} & _png_chunks(data)
    # The marker of the last point (620, 171) is painted in the line's blue, at twice scale.
    assert image.convert("RGB").getpixel((1240, 342)) == (0x1D, 0x70, 0xB8)
    # Between the two markers the line runs: midway (166.7, 171) at scale 2 is blue too.
    assert image.convert("RGB").getpixel((333, 342)) == (0x1D, 0x70, 0xB8)


def _png_chunks(data: bytes) -> set[str]:
    chunks = set()
    position = 8
    while position < len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        chunks.add(data[position + 4 : position + 8].decode("ascii"))
        position += 12 + length
    return chunks


def test_several_lines_differ_in_marker_shape_and_are_named_in_a_legend() -> None:
    data = ChartData(
        "Two lines",
        "Month",
        "Number",
        ("M0", "M1"),
        (ChartLine("Knife crime", (1, 2)), ChartLine("Firearms", (2, 1))),
        "Both moved.",
    )
    root = ET.fromstring(svg(data, "c"))
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert "Knife crime" in texts
    assert "Firearms" in texts
    # Two points and one legend marker each: circles for the first line, squares for the second.
    assert len(list(root.iter(f"{SVG}circle"))) == 3
    assert len(list(root.iter(f"{SVG}rect"))) == 1 + 3  # the white background, then squares
    strokes = {line.get("stroke") for line in root.iter(f"{SVG}polyline")}
    assert len(strokes) == 2


def test_a_line_must_have_a_value_per_category() -> None:
    with pytest.raises(ValueError, match="has 1 values for 2 categories"):
        ChartData("T", "x", "y", ("a", "b"), (ChartLine("L", (1,)),), "s")


def _png_parts(data: bytes) -> list[tuple[bytes, bytes]]:
    """A PNG file's chunks as (type, data), each chunk's CRC-32 checked on the way."""
    import zlib

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    parts = []
    position = 8
    while position < len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        crc = int.from_bytes(data[position + 8 + length : position + 12 + length], "big")
        assert crc == zlib.crc32(kind + body)
        parts.append((kind, body))
        position += 12 + length
    return parts


def test_png_file_is_truecolour_with_unfiltered_rows() -> None:
    import zlib

    from measurekit.outputs.publish.chart import encode_png

    # Two rows of two pixels: red, green / blue, white.
    pixels = bytes([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255])
    parts = _png_parts(encode_png(pixels, 2, 2))
    assert [kind for kind, _ in parts] == [b"IHDR", b"IDAT", b"IEND"]
    # Width 2, height 2, 8 bits a sample, colour type 2 (RGB), deflate, filtering method 0,
    # not interlaced.
    assert parts[0][1] == bytes([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0])
    # Each row is its filter type, 0 (none), then its pixels unchanged.
    assert zlib.decompress(parts[1][1]) == b"\x00" + pixels[:6] + b"\x00" + pixels[6:]


def test_png_decodes_to_exactly_the_given_pixels_even_past_256_colours() -> None:
    image_module = pytest.importorskip("PIL.Image", reason="Pillow comes with the docx extra")
    from measurekit.outputs.publish.chart import encode_png

    # 40 by 30 pixels, every one a different colour: 1,200 colours, too many for a palette.
    width, height = 40, 30
    pixels = bytes(
        value
        for y in range(height)
        for x in range(width)
        for value in (x * 6, y * 8, (x * 7 + y * 13) % 256)
    )
    image = image_module.open(io.BytesIO(encode_png(pixels, width, height)))
    assert image.mode == "RGB"
    assert image.size == (width, height)
    assert image.getcolors(256) is None
    assert image.getpixel((39, 29)) == (234, 232, (39 * 7 + 29 * 13) % 256)
    assert image.tobytes() == pixels


def test_png_refuses_pixels_of_the_wrong_size() -> None:
    from measurekit.outputs.publish.chart import encode_png

    with pytest.raises(ValueError, match="not 2 by 2 RGB pixels"):
        encode_png(bytes(11), 2, 2)


def test_chart_png_decodes_to_exactly_the_painted_pixels(monkeypatch: pytest.MonkeyPatch) -> None:
    image_module = pytest.importorskip("PIL.Image", reason="Pillow comes with the docx extra")
    from measurekit.outputs.publish import chart as charts

    painted: list[bytes] = []
    encode = charts.encode_png

    def spy(pixels: bytes, width: int, height: int) -> bytes:
        painted.append(bytes(pixels))
        return encode(pixels, width, height)

    monkeypatch.setattr(charts, "encode_png", spy)
    two_lines = ChartData(
        "Two lines",
        "Month",
        "Number",
        ("M0", "M1", "M2"),
        (ChartLine("Knife crime", (1, 2, None)), ChartLine("Firearms", (2, 1, 3))),
        "Both moved.",
    )
    for data in (chart(0, 10, None, 5), two_lines):
        image = image_module.open(io.BytesIO(charts.png(data)))
        assert image.mode == "RGB"
        # The painted picture has more colours than a palette holds: antialiased text.
        assert image.getcolors(256) is None
        assert image.tobytes() == painted[-1]
