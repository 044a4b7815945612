"""Consistency checks: pure functions from a validated dataset to findings.

Each check yields Problems: errors for numbers that cannot all be right as entered (a typo in
the dataset), notes for real disagreements between sources, which the site shows readers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from generator.checks.agreement import check_same_period_values, check_source_disagreements
from generator.checks.arithmetic import (
    check_gaps,
    check_growth,
    check_published_text,
    check_ratios,
)
from generator.checks.dates import check_figure_dates
from generator.checks.denominators import check_implied_denominators, check_parts_within_whole
from generator.checks.future import check_future_dates, latest_date
from generator.checks.maps import check_tile_maps
from generator.checks.quotes import (
    check_published_in_quote,
    check_quotes_in_snapshots,
    check_unverified_sources,
)
from generator.checks.slugs import check_reserved_slugs
from generator.checks.totals import (
    check_office_totals,
    check_segment_totals,
    check_unweighted_average,
)
from generator.dataset.problems import Problem
from generator.dataset.types import Dataset

Check = Callable[[Dataset], Iterator[Problem]]

CHECKS: tuple[Check, ...] = (
    check_quotes_in_snapshots,
    check_published_in_quote,
    check_unverified_sources,
    check_published_text,
    check_figure_dates,
    check_segment_totals,
    check_office_totals,
    check_growth,
    check_gaps,
    check_ratios,
    check_same_period_values,
    check_source_disagreements,
    check_unweighted_average,
    check_implied_denominators,
    check_parts_within_whole,
    check_tile_maps,
    check_reserved_slugs,
)


def run_checks(dataset: Dataset, today: date | None = None) -> list[Problem]:
    """Every finding of every check, sorted by file and line; `today` is the build's date
    (by default the latest date it is anywhere now: see checks.future)."""
    findings = [problem for check in CHECKS for problem in check(dataset)]
    findings.extend(check_future_dates(dataset, today or latest_date()))
    return sorted(findings)
