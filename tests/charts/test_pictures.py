"""What a chart's images hold: the drawing and nothing an image never uses, one file for both
palettes, and no layer that only the interactive chart needs."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from generator.charts import coverage, export, segments, style, tilemap
from generator.pages.context import ChartBlock

VEGA_LIKE = (
    '<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="720" height="340">'
    '<g class="mark-group role-axis" aria-hidden="true"><g transform="translate(0.5,264.5)">'
    '<path class="background" aria-hidden="true" d="M0,0h0v0h0Z" pointer-events="none"/>'
    '<line transform="translate(67.80000000000001,-264)" x2="0" y2="264" stroke="#00000012" '
    'stroke-width="1" opacity="1"/>'
    '<text transform="translate(5.670109546165884,15)" fill="#000000de">88.532 orang, 17,60%</text>'
    '<path d="M21.797,150.165L27.208,-0.04" stroke="#1565c0"/>'
    '<path class="foreground" aria-hidden="true" d="" pointer-events="none" display="none"/>'
    "</g></g></svg>"
)


def test_a_slim_svg_keeps_every_digit_of_its_texts_and_rounds_only_geometry() -> None:
    slim = export.slim_svg(VEGA_LIKE)
    assert ">88.532 orang, 17,60%</text>" in slim
    assert 'transform="translate(67.8,-264)"' in slim
    assert 'transform="translate(5.7,15)"' in slim
    assert 'd="M21.8,150.2L27.2,0"' in slim


def test_a_slim_svg_drops_what_only_a_browsers_dom_uses() -> None:
    slim = export.slim_svg(VEGA_LIKE)
    for gone in ("class=", "aria-hidden", "pointer-events", 'd="M0,0h0v0h0Z"', 'display="none"',
                 'opacity="1"'):  # fmt: skip
        assert gone not in slim, gone
    assert 'stroke="#00000012"' in slim


def test_a_picture_turns_dark_as_its_dark_fragment() -> None:
    dark = export.with_dark_palette(export.slim_svg(VEGA_LIKE).encode()).decode()
    assert dark.startswith(f'<svg id="{style.DARK_TARGET}" ')
    rules = dict(re.findall(r':root:target \[(\w+="[^"]+")\]\{([^}]+)\}', dark))
    palette = style.PAGE_PALETTES["dark"]
    assert rules == {
        'stroke="#00000012"': f"stroke:{palette['lightest']}",
        'fill="#000000de"': f"fill:{palette['fg']}",
        f'stroke="{style.HIGHLIGHT}"': f"stroke:{style.DARK_COLOURS[style.HIGHLIGHT]}",
    }
    # The light drawing itself is untouched: without the fragment, it is the light picture.
    assert dark.split("</style>", 1)[1] == export.slim_svg(VEGA_LIKE).split(">", 1)[1]


def _chart(spec: dict[str, object]) -> ChartBlock:
    return ChartBlock("grafik-segmen", "Peserta", spec, "ringkasan", ("a",), (("x",),), (), "uji")


def _layer_names(spec: object) -> list[object]:
    """Every view's name, anywhere in a spec."""
    if isinstance(spec, dict):
        return [spec.get("name"), *(n for value in spec.values() for n in _layer_names(value))]
    if isinstance(spec, list):
        return [n for item in spec for n in _layer_names(item)]
    return []


def _segment_lines() -> dict[str, object]:
    dates = pd.to_datetime(["2024-01-31", "2024-02-29", "2024-03-31"])
    points = pd.DataFrame({"segment": ["PU"] * 3, "date": dates, "value": [10, 20, 30],
                           "period_label": ["Jan", "Feb", "Mar"], "source_label": ["S"] * 3,
                           "source_index": [0] * 3})  # fmt: skip
    return segments.participants_over_time(points, "Peserta")


def test_pictures_and_exports_leave_out_the_invisible_points_that_carry_tooltips() -> None:
    spec = _segment_lines()
    assert style.INTERACTIVE_ONLY in _layer_names(spec)  # the page's interactive chart keeps them
    chart = _chart(spec)
    for image in (export.picture_spec(chart, 360), export.export_spec(chart)):
        assert style.INTERACTIVE_ONLY not in _layer_names(image)


def _coverage(months: int) -> dict[str, object]:
    dates = pd.date_range("2020-01-31", periods=months, freq="ME")
    points = pd.DataFrame({"date": dates, "start": dates, "end": dates, "series": "Kota A",
                           "share": [0.3 + i / 1000 for i in range(months)], "d": 1,
                           "role": "own", "source": "S", "source_label": "S",
                           "period_label": [f"{d:%m %Y}" for d in dates]})  # fmt: skip
    target = points.tail(1).assign(series="Target", role="target", share=0.5)
    return coverage.coverage_over_time(pd.concat([points, target]), "Cakupan")


def test_a_dense_series_is_drawn_as_lines_whose_points_only_the_interactive_chart_has() -> None:
    """With a target beside it, Altair names the layer interactive-only_0: it still goes."""
    sparse, dense = _coverage(style.DENSE_POINTS), _coverage(style.DENSE_POINTS + 1)
    assert not [name for name in _layer_names(sparse) if str(name).startswith("interactive")]
    names = [str(name) for name in _layer_names(dense) if name]
    assert any(name.startswith(style.INTERACTIVE_ONLY) for name in names), names
    picture = export.picture_spec(_chart(dense), 720)
    assert not [n for n in _layer_names(picture) if str(n).startswith(style.INTERACTIVE_ONLY)]
    assert '"point"' not in json.dumps(picture) and '"line"' in json.dumps(picture)


def test_a_tile_maps_picture_has_no_link_tiles() -> None:
    tiles = pd.DataFrame({"column": [0], "row": [0], "label": ["A"], "name": ["A"],
                          "share": [0.5], "value_text": ["50%"], "period_label": ["2024"],
                          "source_label": ["S"], "href": ["a.md"]})  # fmt: skip
    spec = tilemap.tile_map(tiles, "Peta", "")
    assert style.INTERACTIVE_ONLY in _layer_names(spec)
    assert style.INTERACTIVE_ONLY not in _layer_names(export.picture_spec(_chart(spec), 720))


PICTURE = b'<svg xmlns="http://www.w3.org/2000/svg" width="720" height="340"><g/></svg>'


def test_an_exported_image_is_the_picture_with_its_texts_around_it_escaped() -> None:
    texts = export.ExportTexts(("Kota <A&B>",), ("Catatan",), ("Sumber: X", "Kredit · CC BY"))
    svg = export.export_svg(PICTURE, texts, 'Ringkasan "A" < B')
    root = ET.fromstring(svg)  # well-formed, whatever the texts hold
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Kota <A&B>"
    assert root.find(f"{ns}desc").text == 'Ringkasan "A" < B'
    picture = root.find(f"{ns}svg")
    top, bottom = float(picture.get("y")), float(picture.get("y")) + 340
    lines = {text.text: float(text.get("y")) for text in root.iter(f"{ns}text")}
    assert lines["Kota <A&B>"] < lines["Catatan"] < top
    assert bottom < lines["Sumber: X"] < lines["Kredit · CC BY"] < float(root.get("height"))
    assert int(root.get("width")) == 720 + 2 * export.EXPORT_PADDING


def test_export_texts_wrap_the_title_to_the_picture_and_end_with_the_credit() -> None:
    chart = ChartBlock("grafik-x", "Judul", {"title": {"text": ["Cakupan kepesertaan Kota",
                       "Blitar dari waktu ke waktu"], "subtitle": ["Angka dari sumber"]}},
                       "ringkasan", ("a",), (("1",),), (), "uji")  # fmt: skip
    texts = export.export_texts(chart, "Situs · https://contoh.id/ · Lisensi CC BY 4.0")
    assert texts.title == ("Cakupan kepesertaan Kota Blitar dari waktu ke waktu",)
    assert texts.subtitle == ("Angka dari sumber",)
    assert texts.footer == ("Sumber:", "Situs · https://contoh.id/ · Lisensi CC BY 4.0")


def test_a_title_wrapped_for_a_phone_reads_the_same_in_the_export_and_under_the_heading() -> None:
    """Lines break at spaces only: rejoined, they are the title again, never a word split in
    two ('Toli- Toli', or a space inside a name too long for a line)."""
    title = "Cakupan kepesertaan Kabupaten Toli-Toli dan " + "Sangatpanjangsekali" * 3 + " ke waktu"
    subtitle = "Angka dari sumber berbeda tidak dihubungkan garis: Tidore-Kepulauan, Baubau"
    lines = style.titles(title, subtitle)
    spec = {"title": {"text": lines["title"], "subtitle": lines["subtitle"]}}
    chart = ChartBlock("grafik-x", title, spec, "ringkasan", ("a",), (("1",),), (), "uji")
    texts = export.export_texts(chart, "Situs")
    assert " ".join(texts.title) == title
    assert " ".join(texts.subtitle) == subtitle
    assert chart.caption == subtitle


def test_a_slim_svg_leaves_out_what_svg_assumes_and_names_its_font_once() -> None:
    texts = '<text font-family="Liberation Sans" font-size="10px">a</text>' * 2
    slim = export.slim_svg(VEGA_LIKE.replace("</g></g></svg>", texts + "</g></g></svg>"))
    assert slim.startswith('<svg font-family="Liberation Sans" ') and slim.count("font-fam") == 1
    assert 'x2="0"' not in slim and 'y2="264"' in slim and 'stroke-width="1"' not in slim
    widened = VEGA_LIKE.replace("<g transform", '<g stroke-width="2" transform')
    assert 'stroke-width="1"' in export.slim_svg(widened)  # its own width, not the group's


def test_a_slim_svg_draws_the_same_pixels_as_vegas_own(tmp_path: Path) -> None:
    """Attributes SVG assumes anyway, left out, draw the same: resvg rasterises a real chart's
    pictures with and without them to the same pixels."""
    import vl_convert

    for width in style.PICTURE_WIDTHS:
        raw = vl_convert.vegalite_to_svg(
            export.picture_spec(_chart(_segment_lines()), width), vl_version=export.VL_VERSION
        )
        rounded = export._GEOMETRY.sub(export._rounded, raw)
        slim = export.without_defaults(rounded)
        assert len(slim) < 0.9 * len(rounded)
        pixels = [vl_convert.svg_to_png(svg, scale=1) for svg in (rounded, slim)]
        assert _decoded(pixels[0]) == _decoded(pixels[1])


def _decoded(png: bytes) -> bytes:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return image.convert("RGBA").tobytes()


@pytest.mark.parametrize(
    "number",
    ["150.165", "0.25", "0.35", "0.45", "-0.04", "-0.05", "-0.06", "9.96", "99.95", "10.04",
     "67.80000000000001", "5.670109546165884", "-264.00", "1234567.891"],
)  # fmt: skip
def test_a_coordinate_rounds_to_a_tenth_as_round_does(number: str) -> None:
    expected = f"{round(float(number), 1):.1f}".rstrip("0").rstrip(".")
    assert export._to_a_tenth(number) == ("0" if expected == "-0" else expected)
