"""Participants by segment."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from generator.charts import style

# Up to this many dates a segment is a bar per date; beyond, a line over time.
BARS_UP_TO_DATES = 6
SEGMENT_COLOURS = [
    style.HIGHLIGHT,
    style.TARGET,
    "#2e7d32",
    "#6a1b9a",
]  # blue, orange, green, purple


def _count_tooltip(label_field: str, label_title: str) -> list[alt.Tooltip]:
    return [
        alt.Tooltip(field=label_field, type="nominal", title=label_title),
        alt.Tooltip(field="value", type="quantitative", title="Peserta", format=style.COUNT),
        alt.Tooltip(field="source", type="nominal", title="Sumber"),
    ]


def participants_by_segment(bars: pd.DataFrame, title: str) -> dict[str, Any]:
    """Bars of participants per segment; `moment` tells start and end of a change apart.

    `bars` has columns label (segment and period), moment, value, as_published, source_label.
    """
    moments = list(dict.fromkeys(bars["moment"]))
    chart = (
        alt.Chart(alt.NamedData("bars"))
        .mark_bar()
        .encode(
            y=alt.Y(
                field="label", type="nominal", title=None, sort=None, axis=alt.Axis(labelLimit=180)
            ),
            yOffset=alt.YOffset(field="moment", type="nominal", sort=moments),
            x=alt.X(
                field="value",
                type="quantitative",
                title="Peserta (orang)",
                axis=alt.Axis(format=style.COUNT),
            ),
            color=alt.Color(
                field="moment",
                type="nominal",
                title=None,
                sort=moments,
                scale=alt.Scale(range=[style.MUTED, style.HIGHLIGHT][-len(moments) :]),
                legend=alt.Legend(orient="bottom") if len(moments) > 1 else None,
            ),
            tooltip=[
                alt.Tooltip(field="label", type="nominal", title="Segmen"),
                alt.Tooltip(field="moment", type="nominal", title="Saat"),
                *_count_tooltip("label", "Segmen")[1:],
            ],
        )
    )
    spec = style.finish(chart, title)
    rows = bars.assign(source=bars["source_label"])
    spec["datasets"] = {"bars": style.records(rows, ["label", "moment", "value", "source"])}
    return spec


def participants_over_time(points: pd.DataFrame, title: str) -> dict[str, Any]:
    """A line per segment over time, for series too long to draw as bars.

    `points` has columns segment (its label), date, value, period_label, source_label.
    """
    segments = list(dict.fromkeys(points["segment"]))
    datasets = style.series_data(points, "segment", {"value": "value"})
    base = style.flattened(alt.Chart(alt.NamedData("points")), ["value"]).encode(
        x=alt.X(
            field="date", type="temporal", title="Tanggal", axis=alt.Axis(format="%Y", labelAngle=0)
        ),
        y=alt.Y(
            field="value",
            type="quantitative",
            title="Peserta (orang)",
            axis=alt.Axis(format=style.COUNT),
        ),
        color=alt.Color(
            field="segment",
            type="nominal",
            title=None,
            scale=alt.Scale(domain=segments, range=SEGMENT_COLOURS[: len(segments)]),
            legend=alt.Legend(orient="bottom"),
        ),
        # Colour is not the only cue: each segment has its own dash pattern too.
        strokeDash=alt.StrokeDash(
            field="segment", type="nominal", title=None, scale=alt.Scale(domain=segments)
        ),
        detail=alt.Detail(field="source_index", type="nominal"),
    )
    lines = base.mark_line()
    dots = base.mark_point(filled=True, size=24, opacity=0.01).encode(
        tooltip=[
            alt.Tooltip(field="segment", type="nominal", title="Segmen"),
            alt.Tooltip(field="period", type="nominal", title="Periode"),
            *_count_tooltip("segment", "Segmen")[1:],
        ]
    )
    spec = style.finish(alt.layer(lines, dots), title)
    spec["datasets"] = datasets
    return spec
