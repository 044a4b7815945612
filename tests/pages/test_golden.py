"""Golden pages: the mini fixture renders to exactly the Markdown in tests/golden/mini/.

After an intended change to a template or a page context, refresh with
`pytest tests/pages/test_golden.py --update-golden` and review the diff like code.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.build import render_site
from generator.project import BuildInfo, Project

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
GOLDEN = ROOT / "tests" / "golden" / "mini"
# A fixed build, so the golden pages do not change with the clock or SITE_URL.
BUILD = BuildInfo(
    "Cakupan BPJS Ketenagakerjaan",
    "https://example.github.io/cakupan/",
    is_offline=False,
    build_date=date(2025, 5, 1),
)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """The Markdown pages; downloads and images have tests of their own."""
    files = render_site(Project.at(ROOT, data_dir=MINI), BUILD).files
    return {path: text for path, text in files.items() if path.endswith(".md")}


def _golden_paths() -> set[str]:
    return {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")}


def _write_golden(pages: dict[str, str]) -> None:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for path, text in pages.items():
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))


def test_golden_paths(pages: dict[str, str], update_golden: bool) -> None:
    if update_golden:
        _write_golden(pages)
        pytest.skip("rewrote tests/golden/mini/; review the diff")
    assert sorted(pages) == sorted(_golden_paths()), "pages added or removed: --update-golden"


@pytest.mark.parametrize("path", sorted(_golden_paths()))
def test_golden_page(pages: dict[str, str], path: str, update_golden: bool) -> None:
    """Byte for byte; on failure pytest shows the differing lines."""
    if update_golden:
        pytest.skip("refreshing tests/golden/mini/")
    assert path in pages, f"{path} is no longer rendered: --update-golden"
    expected = (GOLDEN / path).read_bytes().decode("utf-8")
    assert pages[path].splitlines(keepends=True) == expected.splitlines(keepends=True)
