"""Which figures a page lists, and the date a page's data is as of."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from generator.dataset.periods import period_bounds, period_label
from generator.tables import FrameRow, grouped, is_target_indicator

PAGE_FIGURES = 40  # an area with more figures lists the latest of each kind (latest_figures)


def latest_figures(rows: Sequence[FrameRow]) -> list[FrameRow]:
    """The figures a page lists: all of them, or for a long series the latest of each kind.

    Years of monthly figures would make a page of megabytes; the downloads keep them all.
    """
    by_area = grouped(rows, lambda row: row.area)
    return [row for group in by_area.values() for row in _latest_of_area(group)]


def _latest_of_area(rows: list[FrameRow]) -> list[FrameRow]:
    if len(rows) <= PAGE_FIGURES:
        return rows
    # The last of each kind (indicator, segment, at): the latest, or the last given.
    ordered = sorted(rows, key=lambda row: row.date)
    last = {(row.indicator, row.segment, row.at): i for i, row in enumerate(ordered)}
    return [ordered[i] for i in sorted(last.values())]


def measured(rows: Sequence[FrameRow]) -> list[FrameRow]:
    """Figures that describe what was, not a target or a plan."""
    return [row for row in rows if not is_target_indicator(row.indicator)]


def _latest_period(rows: Sequence[FrameRow]) -> str:
    """The period (or a range's last part) of the latest figure that is not a target or plan."""
    latest = max(measured(rows), key=lambda row: row.date)
    return latest.period.split("/")[-1]


def data_date(rows: Sequence[FrameRow]) -> str:
    """The latest date any figure (not a target or plan) refers to."""
    return period_label(_latest_period(rows))


def data_date_is_read(rows: Sequence[FrameRow]) -> bool:
    """Whether every latest figure's date is our reading rather than its source's words."""
    figures = measured(rows)
    newest = max((row.date for row in figures), default=None)
    latest = [row.readings for row in figures if row.date == newest]
    return all(any(about in ("period", "at") for about, _ in r) for r in latest)


def data_iso_date(rows: Sequence[FrameRow]) -> date:
    """data_date as a date: the last day of that period (2025-04 -> 2025-04-30)."""
    return period_bounds(_latest_period(rows))[1]
