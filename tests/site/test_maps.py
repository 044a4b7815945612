"""Issue 14 on the built site: tile-grid maps on the home and province pages."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _tiles(page: Path, anchor: str) -> list[dict[str, Any]]:
    spec = json.loads(_soup(page).select_one(f"#{anchor}-vega")["data-spec"])
    return spec["datasets"]["tiles"]


@pytest.mark.parametrize(
    ("page", "anchor"),
    [
        ("index.html", "peta-indonesia"),
        ("index.html", "peta-jawa-timur"),
        ("wilayah/jawa-timur/index.html", "peta"),
    ],
)
def test_each_tile_links_to_an_existing_page_or_says_it_has_no_figure(
    built_site: Path, page: str, anchor: str
) -> None:
    tiles = _tiles(built_site / page, anchor)

    assert len(tiles) == 38
    for tile in tiles:
        if tile["href"] is None:
            assert tile["share"] is None and tile["value_text"] == "belum ada angka", tile
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), tile["href"]))
        assert (built_site / target / "index.html").is_file(), tile


def test_tiles_are_coloured_by_the_latest_figure_as_published(built_site: Path) -> None:
    tiles = {t["name"]: t for t in _tiles(built_site / "wilayah/jawa-timur/index.html", "peta")}

    assert tiles["Kabupaten Blitar"]["value_text"] == "17,60%"
    assert tiles["Kabupaten Blitar"]["period_label"] == "14 April 2025"
    assert tiles["Kabupaten Tuban"]["share"] is None


def test_the_map_has_a_text_alternative_and_its_images(built_site: Path) -> None:
    soup = _soup(built_site / "wilayah/jawa-timur/index.html")
    chart = soup.select_one("#peta-vega")

    assert "Peta skematis kabupaten/kota Jawa Timur, 38 wilayah" in chart["aria-label"]
    assert (built_site / "unduh/grafik/jawa-timur--peta.svg").stat().st_size > 1000
    assert (built_site / "unduh/grafik/jawa-timur--peta.png").stat().st_size > 1000


@pytest.mark.parametrize(
    ("page", "is_offline", "expected"),
    [
        ("wilayah/jawa-timur.md", False, "../kota-blitar/"),
        ("wilayah/jawa-timur.md", True, "kota-blitar.html"),
        ("index.md", False, "wilayah/kota-blitar/"),
        ("index.md", True, "wilayah/kota-blitar.html"),
    ],
)
def test_a_tile_links_as_the_site_or_the_offline_bundle_names_pages(
    page: str, is_offline: bool, expected: str
) -> None:
    """Offline, MkDocs writes `wilayah/kota-blitar.html` (no directory URLs): a tile linked to
    `kota-blitar/index.html` there, a page the bundle does not have."""
    from generator.urls import page_dir, page_href

    here = page_dir(page, is_offline=is_offline)
    assert page_href("wilayah/kota-blitar.md", here, is_offline=is_offline) == expected
