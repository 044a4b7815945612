"""Dataset -> tidy DataFrame, one row per figure. The only module that builds frames."""

from __future__ import annotations

import pandas as pd

from generator.dataset.load import Dataset
from generator.dataset.periods import period_bounds, period_label
from generator.dataset.vocabulary import INDICATORS, SEGMENTS

COLUMNS = (
    "key", "area", "area_name", "indicator", "indicator_label", "segment", "segment_label",
    "value", "unit", "as_published", "is_approximate", "period", "period_label", "at",
    "date", "source", "source_label", "quote", "note",
)  # fmt: skip


def _point_in_time(period: str, at: str | None) -> pd.Timestamp:
    """The date a figure is drawn at: the start or end it names, else the end of its period."""
    start, end = period_bounds(period)
    return pd.Timestamp(start if at == "start" else end)


def figures_frame(dataset: Dataset) -> pd.DataFrame:
    rows = [
        {
            "key": f.key,
            "area": "+".join(f.area),
            "area_name": dataset.area_name(f.area),
            "indicator": f.indicator,
            "indicator_label": INDICATORS[f.indicator].label,
            "segment": f.segment,
            "segment_label": SEGMENTS.get(f.segment or "", "Semua segmen"),
            "value": float(f.value),
            "unit": f.unit,
            "as_published": f.as_published,
            "is_approximate": f.is_approximate,
            "period": f.period,
            "period_label": period_label(f.period),
            "at": f.at,
            "date": _point_in_time(f.period, f.at),
            "source": f.source,
            "source_label": source_label(dataset, f.source),
            "quote": f.quote,
            "note": f.note,
        }
        for f in dataset.figures
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def source_label(dataset: Dataset, source_id: str) -> str:
    """Short credit for a chart's source line: 'SURYA.co.id, 6 September 2023'."""
    source = dataset.sources[source_id]
    date = source.published or source.reported
    return f"{source.publisher}, {period_label(date)}" if date else source.publisher
