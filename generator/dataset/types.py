"""The dataset as the rest of the generator sees it: `Dataset`, validated and cross-referenced.

Only generator.dataset builds one (load.py); every later step reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from generator.dataset.problems import Position
from generator.dataset.schema import Event, Figure, Office, Region, Register, Source, TileMap


@dataclass(frozen=True)
class Dataset:
    """Everything the site is built from, validated and cross-referenced."""

    regions: dict[str, Region]
    offices: dict[str, Office]
    sources: dict[str, Source]
    events: dict[str, Event]
    # Single figures and every point of every series (quote None, location set), in file order.
    figures: tuple[Figure, ...]
    register: Register | None = None  # where the regions come from
    maps: dict[str, TileMap] = field(default_factory=dict)  # tile-grid maps by what they show
    # Where each region, office, source, event and figure was written (not part of equality).
    positions: dict[str, Position] = field(default_factory=dict, compare=False, repr=False)
    # Each source's snapshot text, by source id, for `check` to verify quotes against.
    snapshots: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def offices_serving(self) -> dict[str, list[str]]:
        """Region slug -> the offices that serve it, in dataset order (built once, not per page)."""
        serving: dict[str, list[str]] = {}
        for slug, office in self.offices.items():
            for region in dict.fromkeys(s.region for s in office.serves):
                serving.setdefault(region, []).append(slug)
        return serving

    @cached_property
    def areas_with_figures(self) -> frozenset[str]:
        """Every slug a figure names, joint figures' included (one pass, not one per caller)."""
        return frozenset(slug for figure in self.figures for slug in figure.area)

    @cached_property
    def regions_in(self) -> dict[str, list[str]]:
        """Province slug -> its kabupaten/kota, in dataset order."""
        regions: dict[str, list[str]] = {}
        for slug, region in self.regions.items():
            if region.parent:
                regions.setdefault(region.parent, []).append(slug)
        return regions

    def position_of(self, key: str) -> Position:
        return self.positions.get(key, Position("?"))

    def province_of(self, slug: str) -> str | None:
        """The province of a region or office; None for a province or an unknown slug."""
        if slug in self.offices:
            return self.offices[slug].province
        region = self.regions.get(slug)
        return region.parent if region else None

    def area_name(self, area: tuple[str, ...] | str) -> str:
        """Reader-facing name: 'Kabupaten Blitar', 'Kantor Cabang Blitar', 'Kota Blitar dan ...'."""
        slugs = (area,) if isinstance(area, str) else area
        return " dan ".join(self._name(slug) for slug in slugs)

    def _name(self, slug: str) -> str:
        if slug in self.offices:
            return self.offices[slug].name
        region = self.regions[slug]
        return region.name if region.type == "provinsi" else f"{region.type.title()} {region.name}"
