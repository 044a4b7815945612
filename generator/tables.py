"""Dataset -> tidy DataFrame, one row per figure. The only module that builds frames."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pandas as pd

from generator.dataset.periods import period_bounds, period_label
from generator.dataset.schema import Figure
from generator.dataset.types import Dataset
from generator.dataset.vocabulary import INDICATORS, SEGMENTS

COLUMNS = (
    "key", "area", "area_name", "indicator", "indicator_label", "segment", "segment_label",
    "value", "unit", "as_published", "is_approximate", "period", "period_label", "at",
    "date", "source", "source_label", "quote", "location", "note", "revisions", "statistic", "readings",
)  # fmt: skip


# Marks a date or label that is our reading of the source, not what its sentence states.
READ_MARK = " (tafsiran kami)"


def _period_text(figure: Figure) -> str:
    """The period in Indonesian, marked where its date is our reading."""
    is_read = figure.is_read("period") or figure.is_read("at")
    return period_label(figure.period) + (READ_MARK if is_read else "")


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
            "period_label": _period_text(f),
            "at": f.at,
            "date": _point_in_time(f.period, f.at),
            "source": f.source,
            "source_label": source_label(dataset, f.source),
            "quote": f.quote,
            "location": f.location,
            "note": f.note,
            "revisions": tuple(f.revisions),
            "statistic": f.statistic,
            "readings": tuple((r.about, r.reason) for r in f.readings),
        }
        for f in dataset.figures
    ]
    return _missing_as_none(pd.DataFrame(rows, columns=list(COLUMNS)), ("quote", "location"))


def _missing_as_none(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Text columns that some figures lack (a series' point has no quote, a single figure no
    location) hold None where empty, as objects: pandas would otherwise infer a string column
    with NaN or an object column with None depending on the other figures, and one area's rows
    would hash differently after an edit elsewhere (generator.reuse)."""
    for column in columns:
        values = frame[column].astype(object)
        frame[column] = values.where(values.notna(), None)
    return frame


def source_label(dataset: Dataset, source_id: str) -> str:
    """Short credit for a chart's source line: 'SURYA.co.id, 6 September 2023'."""
    source = dataset.sources[source_id]
    date = source.published or source.reported
    return f"{source.publisher}, {period_label(date)}" if date else source.publisher


# A part of the frame a page read: ("area", area), ("joint", slug), or EVERYTHING.
Read = tuple[str, str]
EVERYTHING: Read = ("all", "")


class FrameIndex:
    """The figures frame split once by area, so each page costs its own figures, not all."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame
        self.reads: set[Read] | None = None  # noted by a recording view only
        self._empty = frame.iloc[0:0]
        self._by_area = {area: rows for area, rows in frame.groupby("area", sort=False)}
        joint: dict[str, list[pd.DataFrame]] = {}
        for area, rows in self._by_area.items():
            for slug in area.split("+") if "+" in area else ():
                joint.setdefault(slug, []).append(rows)
        self._joint = {slug: pd.concat(parts) for slug, parts in joint.items()}
        self._by_source = {source: rows for source, rows in frame.groupby("source", sort=False)}
        self._totals: dict[tuple[str, str], pd.DataFrame] = {}

    def recording(self) -> FrameIndex:
        """A view of this index that notes in `reads` each part of the frame it hands out, so
        a page built from it can be reused while those parts are unchanged (generator.reuse)."""
        view = copy.copy(self)
        view.reads = set()
        return view

    def _note(self, read: Read) -> None:
        if self.reads is not None:
            self.reads.add(read)

    @property
    def frame(self) -> pd.DataFrame:
        self._note(EVERYTHING)
        return self._frame

    def area_names(self) -> list[str]:
        """Every area with figures (a slug, or slugs joined by '+'), in frame order."""
        self._note(EVERYTHING)
        return list(self._by_area)

    def area(self, area: str) -> pd.DataFrame:
        """Figures whose area is exactly this one (a slug, or slugs joined by '+')."""
        self._note(("area", area))
        return self._by_area.get(area, self._empty)

    def areas(self) -> Iterator[pd.DataFrame]:
        """Each area's figures (a slug, or slugs joined by '+'), one frame per area."""
        self._note(EVERYTHING)
        yield from self._by_area.values()

    def joint(self, slug: str) -> pd.DataFrame:
        """Figures a source gives for this region together with others."""
        self._note(("joint", slug))
        return self._joint.get(slug, self._empty)

    def source(self, source_id: str) -> pd.DataFrame:
        self._note(EVERYTHING)  # a source's figures may belong to any area
        return self._by_source.get(source_id, self._empty)

    def totals(self, area: str, indicator: str) -> pd.DataFrame:
        """An area's figures for all segments together, oldest first."""
        self._note(("area", area))
        key = (area, indicator)
        if key not in self._totals:
            rows = self.area(area)
            rows = rows[(rows["indicator"] == indicator) & rows["segment"].isna()]
            self._totals[key] = rows.sort_values("date", kind="stable")
        return self._totals[key]
