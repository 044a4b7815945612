"""Dataset -> tidy DataFrame, one row per figure, and each area page's input. The only module
that builds frames.

An area page is a pure function of its `AreaInput`: the rows of the frame it may read (its
own figures, joint figures, its offices', its province's coverage, its peers' and its map's
latest coverage), the part of the dataset it names or links (areas, sources, events, its map)
and its notes. All of them are cut from the frame in one pass (`area_inputs`), so no page
filters the whole frame, and a page's cache key is the hash of its input: whatever it can read
is in the key.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

import numpy
import pandas as pd
from numpy.typing import ArrayLike

from generator.checks.numbers import published_form
from generator.dataset.periods import period_bounds, period_label
from generator.dataset.problems import Problem
from generator.dataset.schema import Figure, Revision
from generator.dataset.types import Dataset
from generator.dataset.vocabulary import INDICATORS, segment_label

COLUMNS = (
    "key", "area", "area_name", "indicator", "indicator_label", "segment", "segment_label",
    "value", "unit", "as_published", "is_approximate", "period", "period_label", "at",
    "date", "source", "source_label", "quote", "location", "note", "revisions", "statistic", "readings",
    "start", "end", "decimals",
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
            "segment_label": segment_label(f.segment),
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
    frame = pd.DataFrame(rows, columns=list(COLUMNS[:-3]))
    frame = _missing_as_none(frame, ("segment", "at", "quote", "location", "note", "statistic"))
    return frame.assign(**_per_value_columns(frame))


def _per_value_columns(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Columns that follow from one other column, each computed once per distinct value: a
    period's first and last day, a published text's decimals (17,60% has 2)."""
    periods = frame["period"].drop_duplicates()
    bounds = dict(zip(periods, map(period_bounds, periods), strict=True))
    texts = frame["as_published"].drop_duplicates()
    decimals = dict(zip(texts, (published_form(t)[0] for t in texts), strict=True))
    return {
        "start": pd.to_datetime(frame["period"].map(lambda p: bounds[p][0])),
        "end": pd.to_datetime(frame["period"].map(lambda p: bounds[p][1])),
        "decimals": frame["as_published"].map(decimals).astype("int64"),
    }


def _missing_as_none(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Text columns that some figures lack (a series' point has no quote, a single figure no
    location, a total no segment) hold None where empty, as objects: pandas would otherwise
    infer a string column with NaN or an object column with None depending on the other
    figures, so that one area's rows would hash differently after an edit elsewhere, and
    frame_rows would have to look for NaN in every cell."""
    for column in columns:
        values = frame[column].astype(object)
        frame[column] = values.where(values.notna(), None)
    return frame


def source_label(dataset: Dataset, source_id: str) -> str:
    """Short credit for a chart's source line: 'SURYA.co.id, 6 September 2023'."""
    source = dataset.sources[source_id]
    date = source.published or source.reported
    return f"{source.publisher}, {period_label(date)}" if date else source.publisher


class FrameRow(NamedTuple):
    """One figure of the frame as plain Python values, for code that reads figures one by one
    (a page's tables, sentences and lookups): a pandas call costs tens of microseconds on a
    small frame, a tuple's field tens of nanoseconds. Missing text is None, and `date`,
    `start` and `end` are datetime.date."""

    key: str
    area: str
    area_name: str
    indicator: str
    indicator_label: str
    segment: str | None
    segment_label: str
    value: float
    unit: str
    as_published: str
    is_approximate: bool
    period: str
    period_label: str
    at: str | None
    date: datetime.date
    source: str
    source_label: str
    quote: str | None
    location: str | None
    note: str | None
    revisions: tuple[Revision, ...]
    statistic: str | None
    readings: tuple[tuple[str, str], ...]
    start: datetime.date
    end: datetime.date
    decimals: int
    position: int  # where it is in the frame it was read from (FrameIndex.frame_of)


def frame_rows(frame: pd.DataFrame) -> list[FrameRow]:
    """The frame's figures as FrameRows, in frame order: one pass per column, not per cell."""
    return _rows(_arrays(frame))


def _arrays(frame: pd.DataFrame) -> dict[str, numpy.ndarray]:
    return {name: column.to_numpy() for name, column in frame.items()}


def _rows(arrays: dict[str, numpy.ndarray]) -> list[FrameRow]:
    columns = [_plain_values(arrays[name]) for name in COLUMNS]
    return list(map(FrameRow._make, zip(*columns, itertools.count())))


def _plain_values(values: numpy.ndarray) -> list[Any]:
    """A column as Python values, dates as datetime.date (a missing text is None already:
    _missing_as_none)."""
    if values.dtype.kind == "M":
        values = values.astype("datetime64[D]")
    return values.tolist()  # type: ignore[no-any-return]


class FrameIndex:
    """The figures frame as FrameRows, split once by area and by source, so that a page reads
    its own figures as plain values and never filters a frame."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame
        self._arrays = _arrays(frame)
        self.rows = _rows(self._arrays)
        self._by_area = grouped(self.rows, lambda row: row.area)
        joint: dict[str, list[FrameRow]] = {}
        for area, rows in self._by_area.items():
            for slug in area.split("+") if "+" in area else ():
                joint.setdefault(slug, []).extend(rows)
        self._joint = joint
        self._by_source = grouped(self.rows, lambda row: row.source)
        self._totals: dict[tuple[str, str], list[FrameRow]] = {}

    @property
    def frame(self) -> pd.DataFrame:
        return self._frame

    def frame_of(
        self, rows: Iterable[FrameRow], columns: Iterable[str], **made: ArrayLike
    ) -> pd.DataFrame:
        """A chart's data: for `rows`, in their order and numbered from 0, the frame's `columns`
        with its types, or where `made` has a column of that name (in the rows' order), that."""
        at = numpy.fromiter((row.position for row in rows), dtype=numpy.int64)
        return pd.DataFrame({c: made[c] if c in made else self._arrays[c][at] for c in columns})

    def area_names(self) -> list[str]:
        """Every area with figures (a slug, or slugs joined by '+'), in frame order."""
        return list(self._by_area)

    def area(self, area: str) -> list[FrameRow]:
        """Figures whose area is exactly this one (a slug, or slugs joined by '+')."""
        return self._by_area.get(area, [])

    def areas(self) -> Iterator[list[FrameRow]]:
        """Each area's figures (a slug, or slugs joined by '+'), one list per area."""
        yield from self._by_area.values()

    def joint(self, slug: str) -> list[FrameRow]:
        """Figures a source gives for this region together with others."""
        return self._joint.get(slug, [])

    def source(self, source_id: str) -> list[FrameRow]:
        return self._by_source.get(source_id, [])

    def totals(self, area: str, indicator: str) -> list[FrameRow]:
        """An area's figures for all segments together, oldest first."""
        key = (area, indicator)
        if key not in self._totals:
            rows = [r for r in self.area(area) if r.indicator == indicator and r.segment is None]
            self._totals[key] = sorted(rows, key=lambda row: row.date)
        return self._totals[key]


Item = TypeVar("Item")
Key = TypeVar("Key")


def grouped(items: Iterable[Item], key: Callable[[Item], Key]) -> dict[Key, list[Item]]:
    """Items by `key`, groups in order of first appearance, items in their order."""
    groups: dict[Key, list[Item]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


# --- area pages' inputs ------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaInput:
    """Everything an area's page may read, and nothing else."""

    slug: str
    rows: pd.DataFrame  # the figures it may read, in frame order (see the module's docstring)
    dataset: Dataset  # the areas, sources, events and map it names, without figures
    notes: tuple[Problem, ...]  # the checks' notes about it
    pages: frozenset[str]  # which of the areas it names have a page, so it links to those only
    # The whole dataset's latest figures, for a page without measured figures of its own to
    # be dated by; empty for every other page, so that they do not depend on them.
    dated_by: pd.DataFrame


def area_inputs(
    dataset: Dataset, frame: pd.DataFrame, findings: list[Problem], pages: list[str]
) -> list[AreaInput]:
    """Each page's input, for the areas `pages` (areas with a page), cut from the frame once."""
    cut = _Cuts(dataset, frame)
    notes = _notes_by_area(findings)
    with_pages = frozenset(pages)
    latest, nothing = latest_measured(frame), frame.iloc[0:0]
    inputs = []
    for slug in pages:
        areas = _named_areas(dataset, slug)
        rows = frame.take(cut.positions(slug, areas))
        inputs.append(
            AreaInput(
                slug=slug,
                rows=rows,
                dataset=_dataset_part(dataset, slug, areas, rows),
                notes=tuple(notes.get(slug, ())),
                pages=with_pages & areas,
                dated_by=nothing if cut.has_measured(slug) else latest,
            )
        )
    return inputs


class _Cuts:
    """Row positions of the frame by what a page reads, each computed once for all areas."""

    def __init__(self, dataset: Dataset, frame: pd.DataFrame) -> None:
        self.dataset = dataset
        self.by_area = frame.groupby("area", sort=False).indices
        self.joint: dict[str, list[numpy.ndarray]] = {}
        for area, positions in self.by_area.items():
            for slug in area.split("+") if "+" in area else ():
                self.joint.setdefault(slug, []).append(positions)
        is_total = (frame["indicator"] == "coverage") & frame["segment"].isna()
        totals = frame[is_total].assign(position=numpy.flatnonzero(is_total.to_numpy()))
        self.coverage = totals.groupby("area", sort=False)["position"].agg(list).to_dict()
        latest = totals.sort_values("date", kind="stable").groupby("area", sort=False).tail(1)
        self.latest = dict(zip(latest["area"], latest["position"], strict=True))
        self.is_measured = ~is_target(frame).to_numpy()

    def has_measured(self, slug: str) -> bool:
        """Whether an area has figures of its own or joint ones that are not targets or plans."""
        parts = [self.by_area.get(slug, ()), *self.joint.get(slug, ())]
        return any(self.is_measured[numpy.asarray(p, dtype=numpy.int64)].any() for p in parts)

    def positions(self, slug: str, areas: frozenset[str]) -> numpy.ndarray:
        dataset = self.dataset
        parts = [self.by_area.get(slug, ()), *self.joint.get(slug, ())]
        parts += [self.by_area.get(o, ()) for o in dataset.offices_serving.get(slug, ())]
        if province := dataset.province_of(slug):
            parts.append(self.coverage.get(province, ()))
        parts.append([self.latest[area] for area in areas if area in self.latest])
        return numpy.unique(numpy.concatenate([numpy.asarray(p, dtype=numpy.int64) for p in parts]))


def _named_areas(dataset: Dataset, slug: str) -> frozenset[str]:
    """The areas an area's page may name: itself, its offices and the regions they serve, its
    province and the province's regions (its peers), the regions of its map."""
    areas = {slug}
    offices = [slug] if slug in dataset.offices else dataset.offices_serving.get(slug, [])
    areas.update(offices)
    areas.update(s.region for office in offices for s in dataset.offices[office].serves)
    if province := dataset.province_of(slug):
        areas.add(province)
        areas.update(dataset.regions_in.get(province, ()))
    areas.update(dataset.regions_in.get(slug, ()))
    if slug in dataset.maps:
        areas.update(dataset.maps[slug].tiles)
    return frozenset(areas)


def _dataset_part(
    dataset: Dataset, slug: str, areas: frozenset[str], rows: pd.DataFrame
) -> Dataset:
    """The dataset as far as one page names it: its areas (and those its joint figures name),
    the sources its rows and events cite, its events and map; no figures."""
    joint = {part for area in rows["area"].unique() for part in area.split("+")}
    named = areas | joint
    events = {key: e for key, e in dataset.events.items() if slug in e.areas}
    cited = set(rows["source"]) | {e.source for e in events.values()}
    cited |= {r.source for revisions in rows["revisions"] for r in revisions if r.source}
    return dataclasses.replace(
        dataset,
        regions={k: v for k, v in dataset.regions.items() if k in named},
        offices={k: v for k, v in dataset.offices.items() if k in named},
        sources={k: v for k, v in dataset.sources.items() if k in cited},
        events=events,
        figures=(),
        maps={slug: dataset.maps[slug]} if slug in dataset.maps else {},
        positions={},
        snapshots={},
    )


def _notes_by_area(findings: list[Problem]) -> dict[str, list[Problem]]:
    """The checks' notes each area page shows, by slug."""
    notes: dict[str, list[Problem]] = {}
    for problem in findings:
        for slug in dict.fromkeys(problem.areas) if problem.is_note else ():
            notes.setdefault(slug, []).append(problem)
    return notes


def latest_measured(frame: pd.DataFrame) -> pd.DataFrame:
    """The figures (not targets or plans) at the latest date any figure refers to."""
    measured = frame.loc[~is_target(frame)]
    return measured[measured["date"] == measured["date"].max()]


def is_target(frame: pd.DataFrame) -> pd.Series:
    """Which figures are a target or a plan rather than what was."""
    return frame["indicator"].map(is_target_indicator).astype(bool)


def is_target_indicator(indicator: str) -> bool:
    """Whether an indicator is a target or a plan rather than what was."""
    return INDICATORS[indicator].is_target
