"""Area pages built across worker processes equal those built in one process."""

from __future__ import annotations

import functools
from datetime import date

from generator.cache import cached_map
from generator.checks import run_checks
from generator.dataset.load import load_dataset
from generator.pages.area import PAGE, area_page
from generator.pages.render import Page
from generator.pages.site import areas_with_pages
from generator.project import BuildInfo
from generator.tables import area_inputs, figures_frame
from tests.conftest import FIXTURES

INFO = BuildInfo("Situs", "https://contoh.id/", False, date(2025, 5, 1))


def _area_pages(min_items: int) -> list[Page]:
    dataset = load_dataset(FIXTURES / "mini")
    findings = run_checks(dataset)
    inputs = area_inputs(dataset, figures_frame(dataset), findings, areas_with_pages(dataset))
    page = functools.partial(area_page, info=INFO)
    return cached_map(page, inputs, None, PAGE, min_items=min_items)


def test_pooled_area_pages_equal_in_process_ones() -> None:
    alone = _area_pages(10**6)
    pooled = _area_pages(1)
    assert [page.path for page in alone] == [
        "wilayah/kota-blitar.md",
        "wilayah/kabupaten-blitar.md",
        "kantor-cabang/kantor-cabang-blitar.md",
    ]
    assert pooled == alone
