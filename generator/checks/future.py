"""Dates that have not come yet: a figure, a source or a correction cannot be from the future.

A target or a plan may be (`coverage_target` for 2026), and so may an event (an agreement runs
until 2027); nothing else may begin after the day of the build. The day of the build is passed
in, so tests never depend on the clock; by default it is the latest date it is anywhere
(UTC+14), so a source read this morning in Jakarta is never "tomorrow" to a build in UTC.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from generator.checks._common import finding
from generator.dataset.periods import period_bounds, period_label
from generator.dataset.problems import Problem
from generator.dataset.types import Dataset
from generator.dataset.vocabulary import INDICATORS

EARLIEST_TIME_ZONE = timedelta(hours=14)  # Line Islands, the first place each day begins


def latest_date(now: datetime | None = None) -> date:
    """Today's date where it is latest: no date written anywhere today lies after it."""
    return ((now or datetime.now(UTC)) + EARLIEST_TIME_ZONE).date()


def check_future_dates(dataset: Dataset, today: date) -> Iterator[Problem]:
    yield from _future_figures(dataset, today)
    yield from _future_sources(dataset, today)


def _future_figures(dataset: Dataset, today: date) -> Iterator[Problem]:
    for figure in dataset.figures:
        if not INDICATORS[figure.indicator].is_target and period_bounds(figure.period)[0] > today:
            yield finding(
                dataset,
                [figure],
                f"periode {period_label(figure.period)} belum dimulai pada {today.isoformat()}, "
                "tanggal build; hanya target atau rencana yang boleh",
                "future-date",
            )
        for revision in figure.revisions:
            if revision.date > today:
                yield finding(
                    dataset,
                    [figure],
                    f"revisi bertanggal {revision.date.isoformat()}, setelah {today.isoformat()}, "
                    "tanggal build",
                    "future-date",
                )


def _future_sources(dataset: Dataset, today: date) -> Iterator[Problem]:
    for source_id, source in dataset.sources.items():
        dates = {
            "published": source.published and period_bounds(source.published)[0],
            "reported": source.reported and period_bounds(source.reported)[0],
            "accessed": source.accessed,
        }
        for name, when in dates.items():
            if when and when > today:
                yield Problem(
                    dataset.position_of(f"sources:{source_id}"),
                    f"sources.{source_id}.{name}",
                    f"{name} {when.isoformat()} setelah {today.isoformat()}, tanggal build",
                    "future-date",
                )
