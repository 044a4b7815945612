"""Every check is linear (or n log n) in the figures, however they crowd into one area and day.

Time is not asserted: the checks run on figures that count each attribute read, and doubling
the figures must about double the reads. A check that compares every figure of a group with
every other (230,000 figures of one area and day took over 300 s) quadruples them.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.checks import run_checks
from generator.dataset.load import load_dataset
from generator.dataset.schema import Figure
from generator.dataset.types import Dataset

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
BUILT = date(2026, 11, 30)
KINDS = (("active_participants", "orang"), ("coverage", "persen"), ("potential_workers", "orang"))


class CountedFigure:
    """A figure that counts every attribute read of it into `reads`, shared by all of them."""

    __slots__ = ("_figure", "_reads")

    def __init__(self, figure: Figure, reads: list[int]) -> None:
        object.__setattr__(self, "_figure", figure)
        object.__setattr__(self, "_reads", reads)

    def __getattr__(self, name: str) -> Any:
        self._reads[0] += 1
        return getattr(self._figure, name)


def crowded_figure(area: str, number: int) -> Figure:
    """The figure number `number` of many for one area and day (benchmarks/crowded_checks.py too)."""
    indicator, unit = KINDS[number % len(KINDS)]
    value = 50 + number % 7 if unit == "persen" else 1_000 + number
    return Figure.model_validate(
        {
            "area": area,
            "indicator": indicator,
            "unit": unit,
            "value": value,
            "as_published": f"{value} {'persen' if unit == 'persen' else 'pekerja'}",
            "period": "2023-09-06",
            "source": "uji-cabang-2023-09-06",
            "quote": "Kutipan uji.",
        }
    )


def _reads(dataset: Dataset, areas: tuple[str, ...], count: int) -> int:
    """Attribute reads of figures by all checks on `count` figures spread over `areas`."""
    reads = [0]
    figures = [crowded_figure(areas[i % len(areas)], i) for i in range(count)]
    counted = tuple(CountedFigure(figure, reads) for figure in figures)
    run_checks(dataclasses.replace(dataset, figures=counted), BUILT)  # type: ignore[arg-type]
    return reads[0]


@pytest.fixture(scope="module")
def mini() -> Dataset:
    return load_dataset(MINI)


@pytest.mark.parametrize(
    "areas",
    [("kantor-cabang-blitar",), ("kota-blitar",), ("kantor-cabang-blitar", "kota-blitar")],
    ids=["one-office", "one-region", "office-and-region"],
)
def test_checks_read_each_figure_a_bounded_number_of_times(
    mini: Dataset, areas: tuple[str, ...]
) -> None:
    single, double = _reads(mini, areas, 600), _reads(mini, areas, 1_200)

    assert double / single < 2.5  # a quadratic check makes it about 4


def test_counted_figures_give_the_same_findings_as_plain_ones(mini: Dataset) -> None:
    figures = tuple(crowded_figure("kantor-cabang-blitar", i) for i in range(30))
    counted = tuple(CountedFigure(figure, [0]) for figure in figures)

    plain = run_checks(dataclasses.replace(mini, figures=figures), BUILT)
    wrapped = run_checks(dataclasses.replace(mini, figures=counted), BUILT)  # type: ignore[arg-type]

    assert [(p.code, p.figures) for p in wrapped] == [(p.code, p.figures) for p in plain]
    assert plain  # the figures disagree with each other: the checks have work to do
