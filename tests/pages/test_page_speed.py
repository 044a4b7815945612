"""An area page reads its figures as plain values (tables.FrameRow): pandas is called a fixed
number of times a page (each chart's data), never once per figure, per lookup or per sort,
which at national scale cost 50 ms a page (STYLE.md section 7: pandas' per-call overhead)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Any

import pandas as pd
import pytest

import generator
from generator.checks import run_checks
from generator.dataset.load import load_dataset
from generator.pages.area import area_context
from generator.pages.site import areas_with_pages
from generator.project import BuildInfo
from generator.tables import AreaInput, area_inputs, figures_frame
from tests.conftest import FIXTURES

PANDAS = str(Path(pd.__file__).parent)
GENERATOR = str(Path(generator.__file__).parent)
CHARTS = str(Path(generator.__file__).parent / "charts")  # drawing a chart's data frame is theirs
INFO = BuildInfo("Situs", "https://contoh.id/", False, date(2025, 5, 1))
# Per page: reading its rows (two calls a column) and each chart's data frame; the old
# per-figure code made 570 to 760 on the mini dataset's pages.
MOST_PANDAS_CALLS = 110


def pandas_calls(function: Callable[[], Any]) -> Counter[str]:
    """The pandas functions the generator (outside generator/charts) calls while `function`
    runs, by caller and callee."""
    calls: Counter[str] = Counter()

    def note(frame: FrameType, event: str, _: object) -> None:
        caller = frame.f_back
        if event != "call" or caller is None or not frame.f_code.co_filename.startswith(PANDAS):
            return
        where = caller.f_code.co_filename
        if where.startswith(GENERATOR) and not where.startswith(CHARTS):
            calls[f"{caller.f_code.co_name} -> {frame.f_code.co_name}"] += 1

    sys.setprofile(note)
    try:
        function()
    finally:
        sys.setprofile(None)
    return calls


@pytest.fixture(scope="module")
def inputs() -> list[AreaInput]:
    dataset = load_dataset(FIXTURES / "mini")
    findings = run_checks(dataset)
    frame = figures_frame(dataset)
    return area_inputs(dataset, frame, findings, areas_with_pages(dataset))


def test_an_area_page_calls_pandas_a_fixed_number_of_times(inputs: list[AreaInput]) -> None:
    for item in inputs:
        calls = pandas_calls(lambda item=item: area_context(item, INFO))
        assert sum(calls.values()) <= MOST_PANDAS_CALLS, (item.slug, calls.most_common(8))


def test_no_page_iterates_a_frame_row_by_row(inputs: list[AreaInput]) -> None:
    calls = Counter[str]()
    for item in inputs:
        calls += pandas_calls(lambda item=item: area_context(item, INFO))
    per_row = {name for name in calls if name.endswith(("iterrows", "itertuples", "apply"))}
    assert not per_row
