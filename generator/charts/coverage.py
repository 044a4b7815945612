"""Coverage charts: a region over time, and a region beside its neighbours."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from generator.charts import style

ROLE_COLOURS = {"own": style.HIGHLIGHT, "target": style.TARGET, "reference": style.MUTED}


def _time_axis(dates: pd.Series) -> alt.Axis:
    """Monthly ticks over a short span, yearly over a long one: never a label twice."""
    if (dates.max() - dates.min()).days < 400:
        ticks = alt.TimeIntervalStep(interval="month", step=1)
        return alt.Axis(format="%b %Y", labelAngle=0, labelOverlap=True, tickCount=ticks)
    ticks = alt.TimeIntervalStep(interval="year", step=1)
    return alt.Axis(format="%Y", labelAngle=0, labelOverlap=True, tickCount=ticks)


def _tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("series:N", title="Data"),
        alt.Tooltip("share:Q", title="Cakupan", format=style.PERCENT),
        alt.Tooltip("period_label:N", title="Periode"),
        alt.Tooltip("source_label:N", title="Sumber"),
    ]


def coverage_over_time(points: pd.DataFrame, title: str) -> dict[str, Any]:
    """Coverage and the province as points, targets as bars across their period.

    A line joins one source's points only.

    `points` has columns date, start, end, share (0-1), series, role (own, target, reference),
    source,
    period_label, source_label.
    Figures from different sources are never joined: their denominators may differ.
    """
    roles = dict(zip(points["series"], points["role"], strict=False))
    series = list(roles)
    palette = [ROLE_COLOURS[roles[name]] for name in series]
    points = points.assign(line_group=points["series"] + "|" + points["source"])
    base = alt.Chart(points).encode(
        x=alt.X(
            "date:T",
            title="Tanggal",
            axis=_time_axis(points["date"]),
            scale=alt.Scale(padding=16),
        ),
        y=alt.Y(
            "share:Q",
            title="Cakupan kepesertaan",
            axis=alt.Axis(format=style.PERCENT_AXIS),
            scale=alt.Scale(domain=[0, max(0.5, float(points["share"].max()) * 1.1)]),
        ),
        color=alt.Color(
            "series:N",
            title=None,
            scale=alt.Scale(domain=series, range=palette),
            legend=alt.Legend(orient="bottom"),
        ),
    )
    measured = base.transform_filter(alt.datum.role != "target")
    lines = measured.mark_line(strokeDash=[4, 3]).encode(detail="line_group:N")
    dots = measured.mark_point(filled=True, size=90).encode(
        # Same field and domain as the colour: one legend showing both colour and shape.
        shape=alt.Shape("series:N", title=None, scale=alt.Scale(domain=series)),
        tooltip=_tooltip(),
    )
    # A target applies to a whole period (a year): a bar across it, not a point at its end.
    targets = (
        base.transform_filter(alt.datum.role == "target")
        .mark_rule(strokeWidth=4)
        .encode(x="start:T", x2="end:T", tooltip=_tooltip())
    )
    return style.finish(
        alt.layer(lines, dots, targets),
        title,
        "Angka dari sumber berbeda tidak dihubungkan garis.",
    )


def coverage_comparison(bars: pd.DataFrame, highlight: str, title: str) -> dict[str, Any]:
    """Coverage of several areas at about the same date, one highlighted.

    `bars` has columns area_name, share (0-1), period_label, source_label.
    """
    base = alt.Chart(bars).encode(
        y=alt.Y("area_name:N", title=None, sort="-x", axis=alt.Axis(labelLimit=160)),
        x=alt.X("share:Q", title="Cakupan kepesertaan", axis=alt.Axis(format=style.PERCENT_AXIS)),
        tooltip=[
            alt.Tooltip("area_name:N", title="Wilayah"),
            alt.Tooltip("share:Q", title="Cakupan", format=style.PERCENT),
            alt.Tooltip("period_label:N", title="Periode"),
            alt.Tooltip("source_label:N", title="Sumber"),
        ],
    )
    chart = base.mark_bar().encode(
        color=alt.condition(
            alt.datum.area_name == highlight,
            alt.value(style.HIGHLIGHT),
            alt.value(style.MUTED),
        ),
    )
    # The values are text in the page's text colour: a bar's blue is too dark to read on the
    # dark palette.
    labels = base.mark_text(align="left", dx=4).encode(
        text=alt.Text("share:Q", format=style.PERCENT)
    )
    return style.finish(alt.layer(chart, labels), title)
