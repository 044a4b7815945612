"""The potential workers (denominators) that percentages imply, and whether they can all hold.

A coverage percentage stated with its count implies how many potential workers it divides by.
Parts of a whole (the regions an office serves, or a province's regions) cannot imply more
potential workers than the whole, nor leave the rest of the whole covered above 100%, or above
every coverage its remaining regions state. A percentage that is no ratio (`statistic`, e.g. the
speaker's plain average of four regions) implies nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.checks._common import finding, group_figures
from generator.checks.numbers import Interval, format_number, interval, round_significant
from generator.dataset.periods import period_label
from generator.dataset.problems import Problem
from generator.dataset.schema import Figure
from generator.dataset.types import Dataset

COUNT_INDICATORS = ("active_participants", "participants")
# (percentage, count, what the count is): pairs whose quotient is the potential workers.
_PAIRS = (
    ("coverage", "active_participants", "peserta aktif"),
    ("coverage", "participants", "peserta"),
    ("coverage_gap", "uncovered_workers", "pekerja belum terdaftar"),
)

Slots = dict[str, Figure]


@dataclass(frozen=True)
class Implied:
    """Potential workers of one area that one source states or implies for one period."""

    area: tuple[str, ...]
    workers: Interval
    figures: tuple[Figure, ...]  # the stated potential, or (percentage, count)
    words: str  # what the count is, in Indonesian

    @property
    def is_stated(self) -> bool:
        return len(self.figures) == 1


def is_ratio(figure: Figure) -> bool:
    """A percentage that divides a count by potential workers (not a plain average)."""
    return figure.statistic is None


def figure_slots(dataset: Dataset) -> dict[tuple[object, ...], Slots]:
    """Each (source, period) with its whole-area figures by (area, indicator)."""
    groups = group_figures(
        dataset.figures,
        lambda f: (f.source, f.period) if f.segment is None and not f.at and is_ratio(f) else None,
    )
    return {
        key: {_slot(f.area, f.indicator): f for f in figures} for key, figures in groups.items()
    }


def _slot(area: tuple[str, ...], indicator: str) -> str:
    return "+".join(area) + "@" + indicator


def implied_for(area: tuple[str, ...], slots: Slots) -> Implied | None:
    """The potential workers an area's figures state or imply, from one source and period."""
    if stated := slots.get(_slot(area, "potential_workers")):
        return Implied(area, interval(stated), (stated,), "potensi pekerja")
    for percent_name, count_name, words in _PAIRS:
        percent = slots.get(_slot(area, percent_name))
        count = slots.get(_slot(area, count_name))
        if percent and count and percent.value > 0:
            workers = (interval(count) / interval(percent)).scale(100)
            return Implied(area, workers, (percent, count), words)
    return None


def implied_denominators(dataset: Dataset) -> Iterator[Implied]:
    """Every area's stated or implied potential workers, once per source and period."""
    for slots in figure_slots(dataset).values():
        areas = dict.fromkeys(f.area for f in slots.values())
        for area in areas:
            if implied := implied_for(area, slots):
                yield implied


def check_implied_denominators(dataset: Dataset) -> Iterator[Problem]:
    """Say which potential workers each percentage divides by, and where they differ."""
    by_area: dict[tuple[str, ...], list[Implied]] = {}
    for implied in implied_denominators(dataset):
        by_area.setdefault(implied.area, []).append(implied)
        if not implied.is_stated:
            percent, count = implied.figures
            middle = (implied.workers.low + implied.workers.high) / 2
            yield finding(
                dataset,
                list(implied.figures),
                f"{dataset.area_name(implied.area)}: {percent.as_published} dan "
                f"{count.as_published} ({implied.words}, {period_label(count.period)}) berarti "
                f"potensi pekerja sekitar {format_number(round_significant(middle))} orang",
                "implied-denominator",
                "note",
            )
    for area, denominators in by_area.items():
        lows = [d.workers.low for d in denominators]
        highs = [d.workers.high for d in denominators]
        if min(highs) > 0 and max(lows) / min(highs) > 1 + DENOMINATOR_SPREAD:
            yield finding(
                dataset,
                [f for d in denominators for f in d.figures],
                f"{dataset.area_name(area)}: angka-angka ini mengandaikan potensi pekerja yang "
                f"berbeda ({format_number(min(lows), 0)} sampai {format_number(max(highs), 0)} "
                "orang)",
                "denominators-differ",
                "note",
            )


# Implied denominators further apart than this share are reported as different.
DENOMINATOR_SPREAD = 0.10


# --- parts within their whole ------------------------------------------------------------------


def _parts_of(dataset: Dataset, whole: str) -> set[str]:
    """The regions a whole is made of: those an office serves, or a province's regions."""
    if whole in dataset.offices:
        return {area.region for area in dataset.offices[whole].serves}
    return set(dataset.regions_in.get(whole, ()))


def _total(figures: list[Figure]) -> Interval:
    total = Interval(0, 0)
    for figure in figures:
        total = total + interval(figure)
    return total


def _counts_of(slots: Slots, parts: set[str]) -> dict[tuple[str, ...], Figure]:
    """One participant count per area lying within `parts` (a region, or regions jointly)."""
    counts: dict[tuple[str, ...], Figure] = {}
    for figure in slots.values():
        if figure.indicator in COUNT_INDICATORS and set(figure.area) <= parts:
            counts.setdefault(figure.area, figure)
    return counts


def check_parts_within_whole(dataset: Dataset) -> Iterator[Problem]:
    """A whole's potential workers must hold its parts', and leave the rest coverable."""
    for slots in figure_slots(dataset).values():
        wholes = {f.area[0] for f in slots.values() if len(f.area) == 1}
        for whole in sorted(wholes):
            parts = _parts_of(dataset, whole)
            implied = implied_for((whole,), slots) if parts else None
            if implied is not None:
                yield from _whole_problems(dataset, implied, parts, slots)


def _whole_problems(
    dataset: Dataset, whole: Implied, parts: set[str], slots: Slots
) -> Iterator[Problem]:
    known = [i for r in sorted(parts) if (i := implied_for((r,), slots)) is not None]
    if not known:
        return
    name = dataset.area_name(whole.area)
    known_total = Interval(sum(i.workers.low for i in known), sum(i.workers.high for i in known))
    figures = [*whole.figures, *(f for i in known for f in i.figures)]
    if known_total.low > whole.workers.high:
        yield finding(
            dataset,
            figures,
            f"{name}: potensi pekerja yang tersirat ({_about(whole.workers)}) lebih kecil dari "
            f"jumlah potensi pekerja wilayah-wilayahnya ({_about(known_total)})",
            "parts-exceed-whole",
        )
        return
    yield from _remainder_problems(dataset, whole, known, known_total, parts, slots)


def _remainder_problems(
    dataset: Dataset,
    whole: Implied,
    known: list[Implied],
    known_total: Interval,
    parts: set[str],
    slots: Slots,
) -> Iterator[Problem]:
    """The regions without a denominator of their own share what the whole's leaves over."""
    rest = parts - {r for i in known for r in i.area}
    counts = _counts_of(slots, rest)
    if not counts:
        return
    left = Interval(
        max(whole.workers.low - known_total.high, 0.0), whole.workers.high - known_total.low
    )
    participants = _total(list(counts.values()))
    coverages = [f for r in sorted(rest) if (f := slots.get(_slot((r,), "coverage")))]
    counted = {r for area in counts for r in area}
    # With every remaining region counted and each stating its coverage, theirs together is a
    # weighted mean of those coverages, so it cannot exceed the highest of them.
    highest = None
    if counted == rest and len(coverages) == len(rest):
        highest = max(coverages, key=lambda f: interval(f).high)
    ceiling = min(100.0, interval(highest).high) if highest else 100.0
    share = participants.low / left.high * 100 if left.high > 0 else float("inf")
    if share <= ceiling:
        return
    limit = (
        f"cakupan tertinggi yang disebut untuknya ({highest.as_published})" if highest else "100%"
    )
    names = " dan ".join(dataset.area_name(area) for area in counts)
    figures = [*whole.figures, *(f for i in known for f in i.figures), *counts.values(), *coverages]
    yield finding(
        dataset,
        figures,
        f"{dataset.area_name(whole.area)}: sisa potensi pekerja setelah wilayah yang "
        f"penyebutnya diketahui paling banyak {_about(Interval(left.high, left.high))}, "
        f"sedangkan {names} sudah {format_number(participants.low, 0)} peserta: cakupan "
        f"tersiratnya paling sedikit {_percent(share)}, di atas {limit}",
        "implied-coverage-impossible",
    )


def _about(workers: Interval) -> str:
    return f"sekitar {format_number(round_significant((workers.low + workers.high) / 2))} orang"


def _percent(share: float) -> str:
    return "tak terhingga" if share == float("inf") else f"{format_number(share, 1)}%"
