"""Area pages built across worker processes equal those built in one process."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.build import check_data
from generator.pages import assemble
from generator.project import BuildInfo
from tests.conftest import FIXTURES, scratch_project

INFO = BuildInfo("Situs", "https://contoh.id/", False, date(2025, 5, 1))


def _area_pages(
    min_tasks: int, monkeypatch: pytest.MonkeyPatch, root: Path
) -> list[assemble.PageSpec]:
    data = check_data(scratch_project(root, FIXTURES / "mini"))
    slugs = assemble.areas_with_pages(data.dataset)
    monkeypatch.setattr(assemble, "AREAS_PER_TASK", 1)
    monkeypatch.setattr(assemble, "MIN_TASKS_FOR_POOL", min_tasks)
    return assemble.area_pages(data.dataset, data.frame, data.findings, INFO, slugs)


@pytest.mark.slow
def test_pooled_area_pages_equal_in_process_ones(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    alone = _area_pages(10**6, monkeypatch, tmp_path / "alone")
    pooled = _area_pages(1, monkeypatch, tmp_path / "pooled")
    assert [spec.path for spec in alone] == [
        "wilayah/kota-blitar.md",
        "wilayah/kabupaten-blitar.md",
        "kantor-cabang/kantor-cabang-blitar.md",
    ]
    assert pooled == alone
    assert assemble._inputs == {}  # nothing of the build lingers in this process
