"""What a chart's images hold: the drawing and nothing an image never uses, one file for both
palettes, and no layer that only the interactive chart needs."""

from __future__ import annotations

import re

import pandas as pd

from generator.charts import export, segments, style, tilemap
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
    assert 'stroke="#00000012"' in slim and 'stroke-width="1"' in slim


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


def test_a_tile_maps_picture_has_no_link_tiles() -> None:
    tiles = pd.DataFrame({"column": [0], "row": [0], "label": ["A"], "name": ["A"],
                          "share": [0.5], "value_text": ["50%"], "period_label": ["2024"],
                          "source_label": ["S"], "href": ["a.md"]})  # fmt: skip
    spec = tilemap.tile_map(tiles, "Peta", "")
    assert style.INTERACTIVE_ONLY in _layer_names(spec)
    assert style.INTERACTIVE_ONLY not in _layer_names(export.picture_spec(_chart(spec), 720))


def test_an_exported_svg_is_named_by_its_title_escaped() -> None:
    svg = export.titled_svg(b'<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>', "Kota <A&B>")
    assert svg == (b'<svg xmlns="http://www.w3.org/2000/svg"><title>Kota &lt;A&amp;B&gt;</title>'
                   b"<g/></svg>")  # fmt: skip
