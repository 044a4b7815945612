"""House style shared by every chart; colours of the page come from the browser theme."""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt

HEIGHT = 280
# Each chart's box on the page: its height plus title, axis labels and legend.
RESERVED_EXTRA = 110
TITLE_CHARACTERS = 42
HIGHLIGHT = "#1565c0"
MUTED = "#9e9e9e"
TARGET = "#e65100"
PERCENT_AXIS = ".0%"
PERCENT = ".4~%"  # 69,4% ; 20,25% ; 33%
COUNT = ",.0f"  # 226.342 with the Indonesian locale the page passes to vega-embed


def finish(chart: alt.Chart | alt.LayerChart, title: str, subtitle: str = "") -> dict[str, Any]:
    """Size, title and serialize a chart: the inline spec the page embeds."""
    titled = chart.properties(
        width="container",
        height=HEIGHT,
        title=alt.Title(_lines(title), subtitle=_lines(subtitle) or alt.Undefined, anchor="start"),
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    ).configure_view(stroke=None)
    spec: dict[str, Any] = titled.to_dict(validate=False)
    spec.pop("$schema", None)  # the vendored vega-lite knows its own version
    return spec


def _lines(text: str) -> list[str]:
    """Vega titles do not wrap: break them so they fit a 360-pixel phone."""
    return textwrap.wrap(text, TITLE_CHARACTERS)
