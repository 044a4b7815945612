"""A series' point on a page: its table's location where a single figure shows its quote."""

from __future__ import annotations

from pathlib import Path

from tests.dataset.test_series import _with_series
from tests.pages.test_reuse import build_pages


def test_a_point_shows_its_location_instead_of_a_quote(mini_data: Path) -> None:
    _with_series(mini_data)

    pages, _ = build_pages(mini_data, {})

    page = pages["wilayah/kota-blitar.md"]
    key = "kota-blitar--coverage--2024--uji-kabupaten-2025-04-14"
    row = next(line for line in page.splitlines() if line.startswith("|") and key in line)
    assert "Lampiran 1" in row
    assert "“None”" not in page and "“nan”" not in page
    assert 'class="quote"' not in row
