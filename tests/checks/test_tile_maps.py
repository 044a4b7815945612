"""Issue 14: tile-grid maps are data files, checked against the register."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.checks import run_checks
from generator.checks.maps import shown_regions
from generator.dataset.load import load_dataset

ROOT = Path(__file__).resolve().parents[2]
JATIM = "maps/jawa-timur.yaml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "data", tmp_path / "data"))


def _errors(data_dir: Path) -> list[tuple[str, str, str]]:
    problems = run_checks(load_dataset(data_dir))
    return [(p.code, p.position.file, p.field) for p in problems if p.is_error]


def _edit(data_dir: Path, old: str, new: str) -> None:
    path = data_dir / JATIM
    text = path.read_text("utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), "utf-8")


def test_every_region_of_the_register_has_exactly_one_tile_and_no_two_overlap() -> None:
    dataset = load_dataset(ROOT / "data")
    provinces = shown_regions(dataset, "indonesia")

    assert sorted(dataset.maps) == sorted(["indonesia", *provinces])
    tiled = []
    for of, tile_map in dataset.maps.items():
        cells = [(t.column, t.row) for t in tile_map.tiles.values()]
        assert sorted(tile_map.tiles) == sorted(shown_regions(dataset, of)), of
        assert len(set(cells)) == len(cells), of
        labels = [t.label for t in tile_map.tiles.values()]
        assert len(set(labels)) == len(labels), of
        tiled += [slug for slug in tile_map.tiles if of != "indonesia"]
    assert len(tiled) == len(set(tiled)) == 514
    assert len(dataset.maps["indonesia"].tiles) == len(dataset.maps["jawa-timur"].tiles) == 38


def test_two_tiles_on_one_cell_are_an_error(data: Path) -> None:
    _edit(data, "kota-surabaya: {column: 4, row: 1", "kota-surabaya: {column: 4, row: 0")

    assert _errors(data) == [("tiles-overlap", JATIM, "map.tiles.kota-surabaya")]


def test_a_region_without_a_tile_is_an_error(data: Path) -> None:
    _edit(data, "    kota-batu: {column: 3, row: 4, label: Batu}\n", "")

    assert _errors(data) == [("missing-tile", JATIM, "map.tiles")]


def test_a_tile_for_a_region_of_another_province_is_an_error(data: Path) -> None:
    _edit(
        data, "    kota-batu:", "    kota-batu: {column: 9, row: 9, label: Bdg}\n    kota-bandung:"
    )

    assert ("unknown-region", JATIM, "map.tiles.kota-bandung") in _errors(data)
