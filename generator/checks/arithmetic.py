"""Stated numbers against each other: published text, growth, gap, percentage."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks._common import finding, group_figures
from generator.checks.numbers import Interval, format_number, interval, parse_published
from generator.dataset.problems import Problem
from generator.dataset.schema import Figure
from generator.dataset.types import Dataset

COUNTS = ("active_participants", "participants")


def check_published_text(dataset: Dataset) -> Iterator[Problem]:
    """`as_published` must spell the same number as `value`: catches a lost or added digit."""
    for figure in dataset.figures:
        parsed = parse_published(figure.as_published)
        if parsed is None or abs(parsed[0] - figure.value) > 1e-9 * max(1.0, abs(parsed[0])):
            yield finding(
                dataset,
                [figure],
                f"nilai {figure.value!r} tidak sama dengan angka yang tertulis di sumber "
                f"{figure.as_published!r}",
                "published-mismatch",
            )


def _by_source_and_period(dataset: Dataset) -> dict[tuple[object, ...], dict[str, Figure]]:
    """Each (area, source, period, segment) with its figures by indicator and end."""
    groups = group_figures(dataset.figures, lambda f: (f.area, f.source, f.period, f.segment))
    return {key: {_slot(f): f for f in figures} for key, figures in groups.items()}


def _slot(figure: Figure) -> str:
    return f"{figure.indicator}@{figure.at}" if figure.at else figure.indicator


def check_growth(dataset: Dataset) -> Iterator[Problem]:
    """A stated growth percentage must follow from its start and end values."""
    for slots in _by_source_and_period(dataset).values():
        growth = slots.get("participant_growth")
        for indicator in COUNTS:
            start, end = slots.get(f"{indicator}@start"), slots.get(f"{indicator}@end")
            if growth and start and end:
                implied = (interval(end) / interval(start)).scale(100)
                implied = Interval(implied.low - 100, implied.high - 100)
                if not implied.overlaps(interval(growth)):
                    yield finding(
                        dataset,
                        [growth, start, end],
                        f"pertumbuhan {growth.as_published} tidak sesuai dengan "
                        f"{format_number(start.value)} → {format_number(end.value)} "
                        f"({format_number(implied.low, 1)}–{format_number(implied.high, 1)}%)",
                        "growth-mismatch",
                    )


def check_gaps(dataset: Dataset) -> Iterator[Problem]:
    """A stated gap must equal target minus current coverage, from the same source."""
    groups = group_figures(dataset.figures, lambda f: (f.area, f.source))
    for figures in groups.values():
        by_indicator = {f.indicator: f for f in figures if f.segment is None}
        gap, target = by_indicator.get("coverage_gap"), by_indicator.get("coverage_target")
        current = by_indicator.get("coverage")
        if gap and target and current:
            implied = interval(target) - interval(current)
            if not implied.overlaps(interval(gap)):
                yield finding(
                    dataset,
                    [gap, target, current],
                    f"selisih {gap.as_published} bukan target "
                    f"{target.as_published} dikurangi cakupan "
                    f"{current.as_published}",
                    "gap-mismatch",
                )


def check_ratios(dataset: Dataset) -> Iterator[Problem]:
    """A stated coverage must equal participants divided by potential workers."""
    for slots in _by_source_and_period(dataset).values():
        coverage, potential = slots.get("coverage"), slots.get("potential_workers")
        for indicator in COUNTS:
            participants = slots.get(indicator)
            if coverage and potential and participants:
                implied = (interval(participants) / interval(potential)).scale(100)
                if not implied.overlaps(interval(coverage)):
                    yield finding(
                        dataset,
                        [coverage, participants, potential],
                        f"cakupan {coverage.as_published} tidak sesuai dengan "
                        f"{format_number(participants.value)} / {format_number(potential.value)} "
                        f"({format_number(implied.low, 1)}–{format_number(implied.high, 1)}%)",
                        "ratio-mismatch",
                    )
