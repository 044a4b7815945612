"""Participants by segment."""

from __future__ import annotations

import functools
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


def _participants(channel: type[alt.X] | type[alt.Y]) -> alt.X | alt.Y:
    """The participant count on an axis, in Indonesian thousands."""
    return channel(
        field="value",
        type="quantitative",
        title="Peserta (orang)",
        axis=alt.Axis(format=style.COUNT),
    )


def _count_tooltip(approximate: bool) -> list[alt.Tooltip]:
    """The count and its source; with `approximate`, the count's text says "sekitar" where its
    source does (`count_text`, made from the data's `a`)."""
    count = (
        alt.Tooltip(field="count_text", type="nominal", title="Peserta")
        if approximate
        else alt.Tooltip(field="value", type="quantitative", title="Peserta", format=style.COUNT)
    )
    return [count, alt.Tooltip(field="source", type="nominal", title="Sumber")]


def _measured_fields(approximate: bool) -> list[str]:
    """A point's count, and whether it is "sekitar" where any is."""
    return ["value", "a"] if approximate else ["value"]


@functools.cache
def _bars_template(moments: int) -> dict[str, Any]:
    """Slots: title, subtitle, moments (their names, in order)."""
    chart = (
        alt.Chart(alt.NamedData("bars"))
        .mark_bar()
        .encode(
            y=alt.Y(
                field="label", type="nominal", title=None, sort=None, axis=alt.Axis(labelLimit=180)
            ),
            yOffset=alt.YOffset(field="moment", type="nominal", sort=style.list_slot("moments")),
            x=_participants(alt.X),
            color=alt.Color(
                field="moment",
                type="nominal",
                title=None,
                sort=style.list_slot("moments"),
                scale=alt.Scale(range=[style.MUTED, style.HIGHLIGHT][-moments:]),
                legend=alt.Legend(orient="bottom") if moments > 1 else None,
            ),
            tooltip=[
                alt.Tooltip(field="label", type="nominal", title="Segmen"),
                alt.Tooltip(field="moment", type="nominal", title="Saat"),
                # As the source wrote it ("sekitar", "36 ribu"), as the text table says it.
                alt.Tooltip(field="count_text", type="nominal", title="Peserta"),
                alt.Tooltip(field="source", type="nominal", title="Sumber"),
            ],
        )
    )
    return style.finish(chart)


def participants_by_segment(bars: pd.DataFrame, title: str) -> dict[str, Any]:
    """Bars of participants per segment; `moment` tells start and end of a change apart.

    `bars` has columns label (segment and period), moment, value, count_text (the count as
    its source wrote it, "sekitar" included), source_label.
    """
    moments = list(dict.fromkeys(bars["moment"]))
    spec: dict[str, Any] = style.fill(
        _bars_template(len(moments)), {**style.titles(title), "moments": moments}
    )
    rows = bars.assign(source=bars["source_label"])
    columns = ["label", "moment", "value", "count_text", "source"]
    spec["datasets"] = {"bars": style.records(rows, columns)}
    return spec


@functools.cache
def _lines_template(
    segments: int, is_short: bool, monthly: bool, approximate: bool
) -> dict[str, Any]:
    """Slots: title, subtitle, segments (their labels, in order), month_date if monthly. With
    `approximate`, the data says which counts are "sekitar" (`a`), and so do the tooltips."""
    domain = style.list_slot("segments")
    dots = (
        alt.Chart()
        .mark_point(filled=True, size=24, opacity=0.01)
        .properties(name=style.INTERACTIVE_ONLY)
        .encode(
            # Fixed values, not the segment: the invisible points stay out of the legend.
            color=alt.value(style.MUTED),
            strokeDash=alt.value([1, 0]),
            tooltip=[
                alt.Tooltip(field="segment", type="nominal", title="Segmen"),
                alt.Tooltip(field="period", type="nominal", title="Periode"),
                *_count_tooltip(approximate),
            ],
        )
    )
    # Data, transforms and shared channels once, on the layer: not once per mark.
    layer = alt.layer(alt.Chart().mark_line(), dots, data=alt.NamedData("points"))
    flat = style.flattened(layer, _measured_fields(approximate), monthly=monthly)
    if approximate:
        flat = flat.transform_calculate(count_text=style.APPROXIMATE_COUNT_TEXT)
    chart = flat.encode(
        x=alt.X(
            field="date",
            type="temporal",
            title="Tanggal",
            axis=style.time_axis(is_short),
            scale=alt.Scale(type=style.TIME_SCALE),
        ),
        y=_participants(alt.Y),
        color=alt.Color(
            field="segment",
            type="nominal",
            title=None,
            scale=alt.Scale(domain=domain, range=SEGMENT_COLOURS[:segments]),
            legend=alt.Legend(orient="bottom"),
        ),
        # Colour is not the only cue: each segment has its own dash pattern too.
        strokeDash=alt.StrokeDash(
            field="segment", type="nominal", title=None, scale=alt.Scale(domain=domain)
        ),
        detail=alt.Detail(field="source_index", type="nominal"),
    )
    return style.finish(chart)


def participants_over_time(points: pd.DataFrame, title: str) -> dict[str, Any]:
    """A line per segment over time, for series too long to draw as bars.

    `points` has columns segment (its label), date, value, period_label, source_label, and a
    (1 where the source says "sekitar"; may be left out where none does).
    """
    segments = list(dict.fromkeys(points["segment"]))
    approximate = "a" in points and bool(points["a"].any())
    values = {**style.titles(title), "segments": segments, "month_date": style.month_date(points)}
    is_short = (points["date"].max() - points["date"].min()).days < style.SHORT_SPAN_DAYS
    monthly = style.is_monthly(points)
    template = _lines_template(len(segments), is_short, monthly, approximate)
    spec: dict[str, Any] = style.fill(template, values)
    fields = {field: field for field in _measured_fields(approximate)}
    spec["datasets"] = style.series_data(points, "segment", fields, monthly=monthly)
    return spec
