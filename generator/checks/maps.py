"""Tile-grid maps against the register: one tile for every region they show, none shared."""

from __future__ import annotations

from collections.abc import Iterator

from generator.dataset.problems import Problem
from generator.dataset.schema import TileMap
from generator.dataset.types import Dataset

NATIONAL = "indonesia"  # the map of the provinces


def shown_regions(dataset: Dataset, of: str) -> list[str]:
    """What a map shows: the provinces (`indonesia`), or a province's kabupaten/kota."""
    if of == NATIONAL:
        return [slug for slug, region in dataset.regions.items() if region.type == "provinsi"]
    return dataset.regions_in.get(of, [])


def check_tile_maps(dataset: Dataset) -> Iterator[Problem]:
    """Each map has exactly one tile for each region it shows, and no two tiles on one cell."""
    for of, tile_map in dataset.maps.items():
        yield from _map_problems(dataset, of, tile_map)


def _map_problems(dataset: Dataset, of: str, tile_map: TileMap) -> Iterator[Problem]:
    where = dataset.position_of(f"map:{of}")
    if of != NATIONAL and of not in dataset.regions_in:
        message = f"{of!r} is neither 'indonesia' nor a province with kabupaten/kota"
        yield Problem(where, "map.of", message, "unknown-region")
        return
    expected = shown_regions(dataset, of)
    for slug in sorted(set(tile_map.tiles) - set(expected)):
        message = f"{slug!r} is not one of the regions this map shows ({of})"
        yield Problem(where, f"map.tiles.{slug}", message, "unknown-region")
    missing = [slug for slug in expected if slug not in tile_map.tiles]
    if missing:
        message = f"no tile for {', '.join(missing)}: every region of {of} needs exactly one"
        yield Problem(where, "map.tiles", message, "missing-tile")
    cells: dict[tuple[int, int], str] = {}
    for slug, tile in tile_map.tiles.items():
        cell = (tile.column, tile.row)
        if cell in cells:
            message = f"{slug!r} and {cells[cell]!r} share column {cell[0]}, row {cell[1]}"
            yield Problem(where, f"map.tiles.{slug}", message, "tiles-overlap")
        cells.setdefault(cell, slug)
