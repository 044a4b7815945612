"""Dates: a source cannot report a figure for a time after it was written, unless it is a plan."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks._common import finding
from generator.dataset.periods import period_bounds, period_label
from generator.dataset.problems import Problem
from generator.dataset.types import Dataset
from generator.dataset.vocabulary import INDICATORS


def check_figure_dates(dataset: Dataset) -> Iterator[Problem]:
    for figure in dataset.figures:
        source = dataset.sources[figure.source]
        written = source.reported or source.published
        if written is None or INDICATORS[figure.indicator].is_target:
            continue
        if period_bounds(figure.period)[0] > period_bounds(written)[1]:
            yield finding(
                dataset,
                [figure],
                f"periode {period_label(figure.period)} dimulai setelah sumbernya "
                f"({period_label(written)}); hanya target atau rencana yang boleh",
                "figure-after-source",
            )
