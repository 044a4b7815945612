"""Tile-grid maps: each region an equal tile where it roughly lies, coloured by coverage."""

from __future__ import annotations

import functools
from typing import Any, Final

import altair as alt
import pandas as pd

from generator.charts import style

NO_DATA = "#e0e0e0"  # a tile without a figure: grey, and said so in words in its tooltip
SCHEME: Final = "blues"
# Tiles across a 360-pixel phone that still hold a label each: a map of more (the provinces,
# 15 across) shows phones its wide picture scaled down, each label inside its tile for a reader
# to zoom in on, rather than labels running into each other.
PHONE_COLUMNS = 10


def fits_a_phone(columns: int) -> bool:
    return columns <= PHONE_COLUMNS


@functools.cache
def _template() -> dict[str, Any]:
    """Slots: title, subtitle, columns and rows (each cell's index, so empty ones stay)."""
    base = alt.Chart(alt.NamedData("tiles")).encode(
        x=alt.X(
            field="column",
            type="ordinal",
            axis=None,
            scale=alt.Scale(domain=style.list_slot("columns"), paddingInner=0.08),
        ),
        y=alt.Y(
            field="row",
            type="ordinal",
            axis=None,
            scale=alt.Scale(domain=style.list_slot("rows"), paddingInner=0.08),
        ),
        tooltip=[
            alt.Tooltip(field="name", type="nominal", title="Wilayah"),
            alt.Tooltip(field="value_text", type="nominal", title="Cakupan"),
            alt.Tooltip(field="period_label", type="nominal", title="Periode"),
            alt.Tooltip(field="source_label", type="nominal", title="Sumber"),
        ],
    )
    # Every tile grey underneath; a tile with a figure coloured on top (Vega-Lite leaves out
    # the marks whose coloured field is empty).
    blank = base.mark_rect(cornerRadius=2, color=NO_DATA)
    tiles = base.mark_rect(cornerRadius=2).encode(
        color=alt.Color(
            field="share",
            type="quantitative",
            title=["Cakupan terbaru", "(tanggal angka berbeda-beda)"],
            scale=alt.Scale(scheme=SCHEME, domain=[0, 1]),
            legend=alt.Legend(orient="bottom", format=style.PERCENT_AXIS, gradientLength=160),
        )
    )
    labels = base.mark_text(fontSize=9, limit=60).encode(
        text=alt.Text(field="label", type="nominal"),
        color=alt.condition("datum.share > 0.45", alt.value("#ffffff"), alt.value("#212121")),
    )
    # On top, a clear tile for each region with a page, linking there: a tile without one has
    # no link at all (an empty href would still make it a link). A picture links nowhere: it
    # leaves them out.
    links = (
        base.transform_filter("datum.href")
        .mark_rect(opacity=0, cursor="pointer")
        .encode(href=alt.Href(field="href", type="nominal"))
        .properties(name=style.INTERACTIVE_ONLY)
    )
    return style.finish(alt.layer(blank, tiles, labels, links))


def tile_map(tiles: pd.DataFrame, title: str, subtitle: str) -> dict[str, Any]:
    """`tiles` has columns column, row, label, name, share (0-1, or NaN without a figure),
    value_text, period_label, source_label and href (the region's page, relative)."""
    columns = ["column", "row", "label", "name", "share", "value_text", "period_label",
               "source_label", "href"]  # fmt: skip
    values = {
        **style.titles(title, subtitle),
        "columns": list(range(int(tiles["column"].max()) + 1)),
        "rows": list(range(int(tiles["row"].max()) + 1)),
    }
    spec: dict[str, Any] = style.fill(_template(), values)
    spec["datasets"] = {"tiles": style.records(tiles, columns)}
    return spec
