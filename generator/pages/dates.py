"""Which figures a page lists, and the date a page's data is as of."""

from __future__ import annotations

from datetime import date

import pandas as pd

from generator.dataset.periods import period_bounds, period_label
from generator.tables import is_target

PAGE_FIGURES = 40  # an area with more figures lists the latest of each kind (latest_figures)


def latest_figures(rows: pd.DataFrame) -> pd.DataFrame:
    """The figures a page lists: all of them, or for a long series the latest of each kind.

    Years of monthly figures would make a page of megabytes; the downloads keep them all.
    """
    parts = [_latest_of_area(group) for _, group in rows.groupby("area", sort=False)]
    return pd.concat(parts) if len(parts) > 1 else (parts[0] if parts else rows)


def _latest_of_area(rows: pd.DataFrame) -> pd.DataFrame:
    if len(rows) <= PAGE_FIGURES:
        return rows
    kinds = ["indicator", "segment", "at"]  # the last of each kind: the latest, or the last given
    return rows.sort_values("date", kind="stable").drop_duplicates(kinds, keep="last")


def measured(frame: pd.DataFrame) -> pd.DataFrame:
    """Figures that describe what was, not a target or a plan."""
    return frame.loc[~is_target(frame)]


def _latest_period(frame: pd.DataFrame) -> str:
    """The period (or a range's last part) of the latest figure that is not a target or plan."""
    rows = measured(frame)
    latest = rows.loc[rows["date"].idxmax()]
    return str(latest["period"]).split("/")[-1]


def data_date(frame: pd.DataFrame) -> str:
    """The latest date any figure (not a target or plan) refers to."""
    return period_label(_latest_period(frame))


def data_date_is_read(frame: pd.DataFrame) -> bool:
    """Whether every latest figure's date is our reading rather than its source's words."""
    rows = measured(frame)
    latest = rows.loc[rows["date"] == rows["date"].max(), "readings"]
    return all(any(about in ("period", "at") for about, _ in r) for r in latest)


def data_iso_date(frame: pd.DataFrame) -> date:
    """data_date as a date: the last day of that period (2025-04 -> 2025-04-30)."""
    return period_bounds(_latest_period(frame))[1]
