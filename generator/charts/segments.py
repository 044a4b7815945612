"""Participants by segment."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from generator.charts import style


def participants_by_segment(bars: pd.DataFrame, title: str) -> dict[str, Any]:
    """Bars of participants per segment; `moment` tells start and end of a change apart.

    `bars` has columns label (segment and period), moment, value, as_published, source_label.
    """
    moments = list(dict.fromkeys(bars["moment"]))
    chart = (
        alt.Chart(bars)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=180)),
            yOffset=alt.YOffset("moment:N", sort=moments),
            x=alt.X("value:Q", title="Peserta (orang)", axis=alt.Axis(format=style.COUNT)),
            color=alt.Color(
                "moment:N",
                title=None,
                sort=moments,
                scale=alt.Scale(range=[style.MUTED, style.HIGHLIGHT][-len(moments) :]),
                legend=alt.Legend(orient="bottom") if len(moments) > 1 else None,
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Segmen"),
                alt.Tooltip("moment:N", title="Saat"),
                alt.Tooltip("value:Q", title="Peserta", format=style.COUNT),
                alt.Tooltip("source_label:N", title="Sumber"),
            ],
        )
    )
    return style.finish(chart, title)
