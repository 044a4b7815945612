"""Parts that must add up: segments to their total, regions to their branch office."""

from __future__ import annotations

from collections.abc import Iterator
from statistics import mean

from generator.checks._common import finding, group_figures
from generator.checks.numbers import Interval, format_number, interval
from generator.dataset.periods import period_bounds
from generator.dataset.problems import Problem
from generator.dataset.schema import Figure, Office
from generator.dataset.types import Dataset


def _sum(figures: list[Figure]) -> Interval:
    total = Interval(0, 0)
    for figure in figures:
        total = total + interval(figure)
    return total


def check_segment_totals(dataset: Dataset) -> Iterator[Problem]:
    """When a source gives every segment and the total, the segments must sum to it."""
    groups = group_figures(
        dataset.figures,
        lambda f: (f.area, f.indicator, f.period, f.at, f.source) if f.unit != "persen" else None,
    )
    for figures in groups.values():
        totals = [f for f in figures if f.segment is None]
        parts = [f for f in figures if f.segment is not None]
        if len(totals) == 1 and len(parts) >= 2 and not _sum(parts).overlaps(interval(totals[0])):
            yield finding(
                dataset,
                [totals[0], *parts],
                f"jumlah segmen {format_number(sum(p.value for p in parts))} tidak sama dengan "
                f"total {format_number(totals[0].value)}",
                "total-mismatch",
            )


def served_regions(office: Office, period: str) -> set[str]:
    """Regions the office serves during the whole of a period, by its service dates."""
    start, end = period_bounds(period)
    served = set()
    for area in office.serves:
        begins = period_bounds(area.valid_from)[0] if area.valid_from else start
        ends = period_bounds(area.valid_to)[1] if area.valid_to else end
        if begins <= start and end <= ends:
            served.add(area.region)
    return served


def _region_parts(figures: list[Figure], regions: set[str]) -> list[Figure] | None:
    """Figures whose areas cover the regions exactly once, or None."""
    parts = [f for f in figures if set(f.area) <= regions]
    covered = [slug for f in parts for slug in f.area]
    return parts if sorted(covered) == sorted(regions) and parts else None


def check_office_totals(dataset: Dataset) -> Iterator[Problem]:
    """A branch office's count must equal the sum of the regions it serves, from one source."""
    groups = group_figures(
        dataset.figures,
        lambda f: (
            (f.indicator, f.segment, f.period, f.at, f.source) if f.unit != "persen" else None
        ),
    )
    for (*_, period, _, _), figures in groups.items():
        # Each office's parts once per group, not once per total: linear in the figures.
        parts_of: dict[str, tuple[list[Figure], Interval] | None] = {}
        for total in figures:
            office = dataset.offices.get(total.area[0])
            if office is None:
                continue
            if total.area[0] not in parts_of:
                parts = _region_parts(figures, served_regions(office, period))
                parts_of[total.area[0]] = (parts, _sum(parts)) if parts else None
            if (found := parts_of[total.area[0]]) and not found[1].overlaps(interval(total)):
                yield finding(
                    dataset,
                    [total, *found[0]],
                    f"jumlah wilayah {format_number(sum(p.value for p in found[0]))} tidak sama "
                    f"dengan total {office.name} {format_number(total.value)}",
                    "total-mismatch",
                )


def check_unweighted_average(dataset: Dataset) -> Iterator[Problem]:
    """An office's coverage that equals the plain mean of its regions' is not weighted by workers."""
    groups = group_figures(
        dataset.figures,
        lambda f: (f.period, f.source) if f.indicator == "coverage" and f.segment is None else None,
    )
    for (period, _), figures in groups.items():
        parts_of: dict[str, list[Figure]] = {}  # each office's regions once per group
        for total in figures:
            office = dataset.offices.get(total.area[0])
            if office is None:
                continue
            if total.area[0] not in parts_of:
                parts_of[total.area[0]] = _served_parts(figures, served_regions(office, period))
            parts = parts_of[total.area[0]]
            if len(parts) < 2:
                continue
            average = mean(p.value for p in parts)
            if interval(total).overlaps(Interval(average - 0.005, average + 0.005)):
                yield finding(
                    dataset,
                    [total, *parts],
                    f"{office.name}: cakupan {total.as_published} sama dengan "
                    f"rata-rata sederhana cakupan {len(parts)} wilayahnya "
                    f"({format_number(average, 2)}%), bukan cakupan yang ditimbang dengan jumlah "
                    "pekerja; wilayah kecil berbobot sama dengan wilayah besar",
                    "unweighted-average",
                    "note",
                )


def _served_parts(figures: list[Figure], regions: set[str]) -> list[Figure]:
    """One figure of each served region, or none when some region has none or several."""
    parts = [f for f in figures if len(f.area) == 1 and f.area[0] in regions]
    return parts if len(parts) == len(regions) else []
