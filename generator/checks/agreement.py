"""Figures that should agree: the same thing stated twice, and the denominators they imply."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from generator.checks._common import finding, group_figures
from generator.checks.numbers import Interval, format_number, interval, round_significant
from generator.dataset.load import Dataset
from generator.dataset.periods import period_bounds, period_label
from generator.dataset.problems import Problem
from generator.dataset.schema import Figure

# Coverage moving more than this many points within a year is more likely a change of
# definition (another count of potential workers) than a change on the ground.
JUMP_POINTS = 5.0
JUMP_DAYS = 366
# Implied denominators further apart than this share are reported as different.
DENOMINATOR_SPREAD = 0.10


def _describe(dataset: Dataset, figure: Figure) -> str:
    source = dataset.sources[figure.source]
    return f"{figure.as_published} ({period_label(figure.period)}, {source.publisher})"


def check_same_period_values(dataset: Dataset) -> Iterator[Problem]:
    """Two values for the same area, indicator and period: a typo within one source, a
    disagreement between sources."""
    groups = group_figures(
        dataset.figures, lambda f: (f.area, f.indicator, f.segment, f.period, f.at)
    )
    for figures in groups.values():
        if len({f.value for f in figures}) < 2:
            continue
        same_source = len({f.source for f in figures}) < len(figures)
        listed = "; ".join(_describe(dataset, f) for f in figures)
        name = dataset.area_name(figures[0].area)
        yield finding(
            dataset,
            figures,
            f"{name}: nilai berbeda untuk periode yang sama: {listed}",
            "conflicting-values" if same_source else "sources-disagree",
            "error" if same_source else "note",
        )


def check_coverage_jumps(dataset: Dataset) -> Iterator[Problem]:
    """Coverage from two sources that moves by many points within a year."""
    groups = group_figures(
        dataset.figures,
        lambda f: f.area if f.indicator == "coverage" and f.segment is None else None,
    )
    for area, figures in groups.items():
        ordered = sorted(figures, key=lambda f: period_bounds(f.period))
        for before, after in pairwise(ordered):
            days = (period_bounds(after.period)[0] - period_bounds(before.period)[1]).days
            points = abs(after.value - before.value)
            if before.source != after.source and days <= JUMP_DAYS and points > JUMP_POINTS:
                yield finding(
                    dataset,
                    [before, after],
                    f"{dataset.area_name(area)}: cakupan berubah {format_number(points, 1)} "
                    f"poin dalam {days} hari antara dua sumber, dari {_describe(dataset, before)} "
                    f"menjadi {_describe(dataset, after)}; kemungkinan besar kedua sumber memakai "
                    "potensi pekerja (penyebut) yang berbeda, jadi keduanya tidak dapat dibaca "
                    "sebagai tren",
                    "sources-disagree",
                    "note",
                )


def _implied_denominators(
    dataset: Dataset,
) -> Iterator[tuple[tuple[str, ...], Interval, list[Figure], str]]:
    """Potential workers each (percentage, count) pair implies, per area, source and period."""
    groups = group_figures(
        dataset.figures,
        lambda f: (f.area, f.source, f.period) if f.segment is None and not f.at else None,
    )
    for (area, _, _), figures in groups.items():
        slots = {f.indicator: f for f in figures}
        if stated := slots.get("potential_workers"):
            # Stated outright: the ratio check compares it with its percentage.
            yield area, interval(stated), [stated], "potensi pekerja"
            continue
        pairs = (
            ("coverage", "active_participants", "peserta aktif"),
            ("coverage", "participants", "peserta"),
            ("coverage_gap", "uncovered_workers", "pekerja belum terdaftar"),
        )
        for percent_name, count_name, words in pairs:
            percent, count = slots.get(percent_name), slots.get(count_name)
            if percent and count and percent.value > 0:
                implied = (interval(count) / interval(percent)).scale(100)
                yield area, implied, [percent, count], words


def check_implied_denominators(dataset: Dataset) -> Iterator[Problem]:
    """Say which potential workers each percentage divides by, and where they differ."""
    by_area: dict[tuple[str, ...], list[tuple[Interval, list[Figure]]]] = {}
    for area, implied, figures, words in _implied_denominators(dataset):
        by_area.setdefault(area, []).append((implied, figures))
        if len(figures) == 2:
            percent, count = figures
            middle = (implied.low + implied.high) / 2
            yield finding(
                dataset,
                figures,
                f"{dataset.area_name(area)}: {percent.as_published} dan {count.as_published} "
                f"({words}, {period_label(count.period)}) berarti potensi pekerja sekitar "
                f"{format_number(round_significant(middle))} orang",
                "implied-denominator",
                "note",
            )
    for area, denominators in by_area.items():
        lows = [d.low for d, _ in denominators]
        highs = [d.high for d, _ in denominators]
        if min(highs) > 0 and max(lows) / min(highs) > 1 + DENOMINATOR_SPREAD:
            figures = [f for _, group in denominators for f in group]
            yield finding(
                dataset,
                figures,
                f"{dataset.area_name(area)}: angka-angka ini mengandaikan potensi pekerja yang "
                f"berbeda ({format_number(min(lows), 0)} sampai {format_number(max(highs), 0)} "
                "orang)",
                "denominators-differ",
                "note",
            )
