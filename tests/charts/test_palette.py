"""The chart colours stay apart for colour-blind readers, and no series relies on colour alone.

Colour blindness is simulated with the matrices of Machado, Oliveira and Fernandes (2009) at full
severity; the distance is CIE76 ΔE in CIELAB (2.3 is just noticeable; 20 is plainly different).
"""

from __future__ import annotations

import colorsys
import itertools
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from generator.charts import style
from generator.charts.coverage import coverage_over_time

Matrix = tuple[tuple[float, float, float], ...]
SIMULATIONS: dict[str, Matrix] = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
PALETTE = {"highlight": style.HIGHLIGHT, "target": style.TARGET, "muted": style.MUTED}
DARK_PALETTE = {name: style.DARK_COLOURS.get(colour, colour) for name, colour in PALETTE.items()}
MIN_DELTA_E = 20
# Material's slate background: hsla(var(--md-hue), 15%, 14%) with its default hue, 232.
SLATE = "#{:02x}{:02x}{:02x}".format(
    *(round(c * 255) for c in colorsys.hls_to_rgb(232 / 360, 0.14, 0.15))
)
MIN_GRAPHIC_CONTRAST = 3.0  # WCAG 1.4.11, for the parts of a chart one needs to read it


def linear_rgb(hex_colour: str) -> list[float]:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def times(matrix: Matrix, vector: list[float]) -> list[float]:
    return [sum(m * v for m, v in zip(row, vector, strict=True)) for row in matrix]


def lab(rgb: list[float]) -> list[float]:
    """Linear sRGB (D65) to CIELAB."""
    xyz_matrix = ((0.4124, 0.3576, 0.1805), (0.2126, 0.7152, 0.0722), (0.0193, 0.1192, 0.9505))
    white = (0.95047, 1.0, 1.08883)
    x, y, z = (
        t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
        for t in (c / w for c, w in zip(times(xyz_matrix, rgb), white, strict=True))
    )
    return [116 * y - 16, 500 * (x - y), 200 * (y - z)]


def seen_as(vision: str, hex_colour: str) -> list[float]:
    simulated = times(SIMULATIONS[vision], linear_rgb(hex_colour))
    return lab([min(max(c, 0.0), 1.0) for c in simulated])


def delta_e(first: list[float], second: list[float]) -> float:
    return sum((a - b) ** 2 for a, b in zip(first, second, strict=True)) ** 0.5


@pytest.mark.parametrize("palette", [PALETTE, DARK_PALETTE], ids=["light", "dark"])
@pytest.mark.parametrize("vision", SIMULATIONS)
def test_chart_colours_stay_apart(vision: str, palette: dict[str, str]) -> None:
    for (name_a, a), (name_b, b) in itertools.combinations(palette.items(), 2):
        distance = delta_e(seen_as(vision, a), seen_as(vision, b))
        assert distance >= MIN_DELTA_E, (vision, name_a, name_b, round(distance, 1))


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours."""
    lighter, darker = sorted(
        (0.2126 * r + 0.7152 * g + 0.0722 * b for r, g, b in map(linear_rgb, (first, second))),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)


def test_dark_mode_marks_stand_out_from_the_dark_background() -> None:
    assert contrast(style.HIGHLIGHT, SLATE) < MIN_GRAPHIC_CONTRAST  # why the dark set exists
    for name, colour in DARK_PALETTE.items():
        assert contrast(colour, SLATE) >= MIN_GRAPHIC_CONTRAST, (name, colour)


def test_the_simulation_merges_red_and_green_for_deuteranopia() -> None:
    """The check can fail: a red and a green that differ plainly look alike without green cones."""
    red, green = "#d62728", "#2ca02c"
    assert delta_e(seen_as("normal", red), seen_as("normal", green)) > 60
    assert delta_e(seen_as("deuteranopia", red), seen_as("deuteranopia", green)) < MIN_DELTA_E


def test_coverage_series_differ_in_shape_and_targets_in_mark() -> None:
    day = pd.Timestamp("2023-09-06")
    points = pd.DataFrame(
        {
            "series": ["Kota Blitar", "Jawa Timur", "Target"],
            "role": ["own", "reference", "target"],
            "date": [day, day, pd.Timestamp("2023-12-31")],
            "start": [day, day, pd.Timestamp("2023-01-01")],
            "end": [day, day, pd.Timestamp("2023-12-31")],
            "share": [0.694, 0.27, 0.8],
            "d": [1, 0, 0],
            "period_label": ["6 September 2023", "6 September 2023", "2023"],
            "source": ["surya", "surya", "surya"],
            "source_label": ["Surya", "Surya", "Surya"],
        }
    )
    layers = list(leaf_layers(coverage_over_time(points, "Cakupan")))
    marks = [layer["mark"]["type"] for layer in layers]
    assert marks == ["line", "point", "rule"]
    dots = encodings(layers[1])
    assert dots["shape"]["field"] == dots["color"]["field"] == "series"
    assert layers[0]["mark"]["strokeDash"], "measured lines are dashed"
    assert layers[2]["mark"]["strokeWidth"] >= 3, "a target is a thick bar across its period"


def encodings(layer: dict[str, Any]) -> dict[str, Any]:
    return dict(layer.get("encoding", {}))


def leaf_layers(
    spec: dict[str, Any], inherited: dict[str, Any] | None = None
) -> Iterator[dict[str, Any]]:
    """The marks of a (nested) layer chart, each with the encodings its parents share with it."""
    encoding = {**(inherited or {}), **encodings(spec)}
    if "layer" not in spec:
        yield {**spec, "encoding": encoding}
        return
    for child in spec["layer"]:
        yield from leaf_layers(child, encoding)
