"""Figures that should agree, and figures from different sources that readers must be told of."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from generator.checks._common import finding, group_figures
from generator.checks.denominators import COUNT_INDICATORS, Slots, figure_slots, implied_for
from generator.checks.numbers import format_number, interval, round_significant
from generator.dataset.periods import period_bounds, period_label
from generator.dataset.problems import Problem
from generator.dataset.schema import Figure
from generator.dataset.types import Dataset
from generator.dataset.vocabulary import INDICATORS

# Indicators that count the same thing, as far as readers comparing sources are concerned.
_KINDS = dict.fromkeys(COUNT_INDICATORS, "participants")


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


def _kind(figure: Figure) -> tuple[str, str | None]:
    return _KINDS.get(figure.indicator, figure.indicator), figure.statistic


def check_source_disagreements(dataset: Dataset) -> Iterator[Problem]:
    """Figures of one kind for one area from different publishers, at any dates: a neutral note
    saying what each says, when, and what the numbers imply. One publisher's series (a yearly
    report) is one source of figures: its editions follow each other without a note."""
    groups = group_figures(dataset.figures, lambda f: (f.area, _kind(f), f.segment))
    slots = figure_slots(dataset)
    publisher = {key: source.publisher for key, source in dataset.sources.items()}
    for figures in groups.values():
        if len({publisher[f.source] for f in figures}) < 2:
            continue
        ordered = sorted(figures, key=lambda f: (period_bounds(f.period), f.at or "", f.source))
        for before, after in pairwise(ordered):
            differ = publisher[before.source] != publisher[after.source]
            if differ and before.period != after.period:
                yield finding(
                    dataset,
                    [before, after],
                    _disagreement(dataset, before, after, slots),
                    "sources-differ",
                    "note",
                )


def _disagreement(
    dataset: Dataset, before: Figure, after: Figure, slots: dict[tuple[object, ...], Slots]
) -> str:
    said = "; ".join(_said(dataset, f) for f in (before, after))
    parts = [f"{dataset.area_name(before.area)}: dua sumber berbeda. {said}"]
    if before.indicator != after.indicator:
        labels = (INDICATORS[f.indicator].label.lower() for f in (before, after))
        parts.append("Yang pertama menghitung {}, yang kedua {}".format(*labels))
    for figure in (before, after):
        if implied := _implied_text(dataset, figure, slots.get((figure.source, figure.period), {})):
            parts.append(implied)
    parts.append("Sumber tidak menjelaskan penyebab perbedaannya")
    return ". ".join(parts)


def _said(dataset: Dataset, figure: Figure) -> str:
    source = dataset.sources[figure.source]
    about = "sekitar " if figure.is_approximate else ""
    return (
        f"{source.publisher} menyebut {about}{figure.as_published} ({period_label(figure.period)})"
    )


def _implied_text(dataset: Dataset, figure: Figure, slots: Slots) -> str | None:
    """What potential workers a coverage implies with the counts of its source and period."""
    if figure.indicator != "coverage" or figure.statistic is not None:
        return None
    if implied := implied_for(figure.area, slots):
        middle = (implied.workers.low + implied.workers.high) / 2
        count = implied.figures[-1].as_published
        return (
            f"{figure.as_published} dengan {count} berarti potensi pekerja sekitar "
            f"{format_number(round_significant(middle))} orang"
        )
    # A count for this region jointly with others bounds its participants from above.
    joint = [
        f
        for f in slots.values()
        if f.indicator in COUNT_INDICATORS and len(f.area) > 1 and set(figure.area) < set(f.area)
    ]
    if joint and figure.value > 0:
        bound = interval(joint[0]).high / interval(figure).low * 100
        return (
            f"{figure.as_published} dengan {joint[0].as_published} untuk "
            f"{dataset.area_name(joint[0].area)} bersama-sama berarti potensi pekerja paling "
            f"banyak sekitar {format_number(round_significant(bound))} orang"
        )
    return None
