"""Coverage charts: a region over time, and a region beside its neighbours."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from generator.charts import style

BAR_LINES = "|"  # joins a bar's name and date in its label, split into two lines by the axis
ROLE_COLOURS = {"own": style.HIGHLIGHT, "target": style.TARGET, "reference": style.MUTED}


def _tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip(field="series", type="nominal", title="Data"),
        alt.Tooltip(field="share_text", type="nominal", title="Cakupan"),
        alt.Tooltip(field="period", type="nominal", title="Periode"),
        alt.Tooltip(field="source", type="nominal", title="Sumber"),
    ]


def _points(dense: bool) -> Any:  # an Altair chart
    """The measured points: each a dot in the series' colour and shape (one legend with the
    colour); for a dense series, where dots would merge into a band, invisible ones that only
    the interactive chart draws, for its tooltips."""
    if not dense:
        return (
            alt.Chart()
            .mark_point(filled=True, size=90)
            .encode(
                # Same field and domain as the colour: one legend showing both colour and shape.
                shape=alt.Shape(
                    field="series",
                    type="nominal",
                    title=None,
                    scale=alt.Scale(domain=style.list_slot("series")),
                ),
                tooltip=_tooltip(),
            )
        )
    return (
        alt.Chart()
        .mark_point(filled=True, size=24, opacity=0.01)
        # Fixed values, not the series: the invisible points stay out of the legend.
        .encode(color=alt.value(style.MUTED), strokeDash=alt.value([1, 0]), tooltip=_tooltip())
        .properties(name=style.INTERACTIVE_ONLY)
    )


def _lines(dense: bool) -> Any:  # an Altair chart
    """A line through one source's points: dashed between dots; for a dense series, the line is
    the drawing, each series with its own dash pattern too (colour is not the only cue)."""
    detail = alt.Detail(field="source_index", type="nominal")
    if not dense:
        return alt.Chart().mark_line(strokeDash=[4, 3]).encode(detail=detail)
    dash = alt.StrokeDash(
        field="series",
        type="nominal",
        title=None,
        scale=alt.Scale(domain=style.list_slot("series")),
    )
    return alt.Chart().mark_line(strokeWidth=2).encode(detail=detail, strokeDash=dash)


def _measured_fields(approximate: bool) -> list[str]:
    """A point's share and its published decimals, and whether it is "sekitar" where any is."""
    return ["share", "d", "a"] if approximate else ["share", "d"]


@functools.cache
def _over_time_template(
    is_short: bool, has_targets: bool, monthly: bool, dense: bool, approximate: bool
) -> dict[str, Any]:
    """Slots: title, subtitle, series (names), palette (their colours), top (y maximum), and
    for a monthly chart month_date (style.flattened). With `approximate`, the data says which
    figures are "sekitar" (`a`), and so do the tooltips."""
    share_text = style.APPROXIMATE_SHARE_TEXT if approximate else style.SHARE_TEXT
    values = _measured_fields(approximate)
    color = alt.Color(
        field="series",
        type="nominal",
        title=None,
        scale=alt.Scale(domain=style.list_slot("series"), range=style.list_slot("palette")),
        legend=alt.Legend(orient="bottom"),
    )
    x = alt.X(
        field="date",
        type="temporal",
        title="Tanggal",
        axis=style.time_axis(is_short),
        scale=alt.Scale(type=style.TIME_SCALE, padding=16),
    )
    y = alt.Y(
        field="share",
        type="quantitative",
        title="Cakupan kepesertaan",
        axis=alt.Axis(format=style.PERCENT_AXIS),
        scale=alt.Scale(domain=[0, style.slot("top")]),
    )
    # Data, transforms and shared channels once, on the layer: not once per mark.
    layer = alt.layer(_lines(dense), _points(dense), data=alt.NamedData("points"))
    measured = style.flattened(layer, values, monthly=monthly).transform_calculate(
        share_text=share_text
    )
    layers: list[alt.Chart | alt.LayerChart] = [measured.encode(x=x, y=y, color=color)]
    if has_targets:
        # A target applies to a whole period (a year): a bar across it, not a point at its end.
        parse = {"start": style.DATE_PARSE, "end": style.DATE_PARSE}
        target_format = alt.DataFormat(parse=parse)  # type: ignore[no-untyped-call]
        target_data = alt.NamedData("targets", format=target_format)
        layers.append(
            alt.Chart(target_data)
            .transform_calculate(share_text=share_text)
            .mark_rule(strokeWidth=4)
            .encode(
                x=alt.X(field="start", type="temporal", scale=alt.Scale(type=style.TIME_SCALE)),
                # A day, so that its description is written in UTC too, as x's is by its scale.
                x2=alt.X2(field="end", timeUnit="utcyearmonthdate"),
                y=y,
                color=color,
                tooltip=_tooltip(),
            )
        )
    return style.finish(alt.layer(*layers))


def coverage_over_time(points: pd.DataFrame, title: str) -> dict[str, Any]:
    """Coverage and the province as points (as lines, past style.DENSE_POINTS), targets as bars
    across their period.

    `points` has columns date, start, end, share (0-1), d (its published decimals), a (1 where
    the source says "sekitar"; may be left out where none does), series, role (own, target, reference), source, period_label,
    source_label. A line joins one source's points only: figures from
    different sources may have different denominators. The data is columnar (style.series_data)
    so years of monthly figures stay small inside the page.
    """
    roles = dict(zip(points["series"], points["role"], strict=False))
    is_target = points["role"] == "target"
    measured, targets = points[~is_target], points[is_target]
    is_short = (points["date"].max() - points["date"].min()).days < style.SHORT_SPAN_DAYS
    monthly = style.is_monthly(measured)
    dense = len(measured) > style.DENSE_POINTS
    approximate = "a" in points and bool(points["a"].any())
    spec: dict[str, Any] = style.fill(
        _over_time_template(is_short, not targets.empty, monthly, dense, approximate),
        {
            **style.titles(title, "Angka dari sumber berbeda tidak dihubungkan garis."),
            "series": list(roles),
            "palette": [ROLE_COLOURS[role] for role in roles.values()],
            "top": max(0.5, float(points["share"].max()) * 1.1),
            "month_date": style.month_date(measured),
        },
    )
    values = _measured_fields(approximate)
    spec["datasets"] = style.series_data(
        measured, "series", {v: v for v in values}, monthly=monthly, extra=["role"]
    )
    if not targets.empty:
        spec["datasets"]["targets"] = style.records(
            targets.assign(period=targets["period_label"], source=targets["source_label"]),
            ["series", "start", "end", *values, "period", "source"],
        )
    return spec


@functools.cache
def _comparison_template() -> dict[str, Any]:
    """Slots: title, subtitle, highlights (the names of the areas drawn in the highlight colour).

    Each bar is labelled with its area's name and, under it, the date of its figure. The bars
    come sorted: sorting in the chart ("-x") gives each layer its own sort, which Vega warns of.
    """
    base = alt.Chart(alt.NamedData("bars")).encode(
        y=alt.Y(
            field="bar",
            type="nominal",
            title=None,
            sort=None,
            axis=alt.Axis(labelLimit=170, labelExpr=f"split(datum.label, '{BAR_LINES}')"),
        ),
        x=alt.X(
            field="share",
            type="quantitative",
            title="Cakupan kepesertaan",
            axis=alt.Axis(format=style.PERCENT_AXIS),
        ),
        tooltip=[
            alt.Tooltip(field="area_name", type="nominal", title="Wilayah"),
            alt.Tooltip(field="share_text", type="nominal", title="Cakupan"),
            alt.Tooltip(field="period_label", type="nominal", title="Periode"),
            alt.Tooltip(field="source_label", type="nominal", title="Sumber"),
        ],
    )
    bars = base.mark_bar().encode(
        color=alt.condition(
            alt.FieldOneOfPredicate(field="area_name", oneOf=style.list_slot("highlights")),
            alt.value(style.HIGHLIGHT),
            alt.value(style.MUTED),
        )
    )
    # The values are text in the page's text colour: a bar's blue is too dark to read on the
    # dark palette.
    labels = base.mark_text(align="left", dx=4).encode(
        text=alt.Text(field="share_text", type="nominal")
    )
    return style.finish(alt.layer(bars, labels))


def coverage_comparison(
    bars: pd.DataFrame, highlights: Sequence[str], title: str, subtitle: str = ""
) -> dict[str, Any]:
    """Coverage of several areas, each bar saying its date, those named in `highlights` in the
    highlight colour, in the given order.

    `bars` has columns area_name, share (0-1), share_text (as the source published it,
    "sekitar" included: a bar's label), period_label, source_label.
    """
    values = {**style.titles(title, subtitle), "highlights": list(highlights)}
    spec: dict[str, Any] = style.fill(_comparison_template(), values)
    labelled = bars.assign(bar=bars["area_name"] + BAR_LINES + bars["period_label"])
    columns = ["bar", "area_name", "share", "share_text", "period_label", "source_label"]
    spec["datasets"] = {"bars": style.records(labelled, columns)}
    return spec
