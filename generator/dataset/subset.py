"""Part of a dataset: one province's, for an offline bundle a district office can carry."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable

from generator.dataset.load import Dataset
from generator.dataset.references import _suggest
from generator.dataset.schema import Event, Figure, Office


class UnknownProvince(ValueError):
    """A slug that names no province of the dataset; its message is one line for the reader."""


def province_slugs(dataset: Dataset) -> frozenset[str]:
    return frozenset(slug for slug, r in dataset.regions.items() if r.type == "provinsi")


def _offices_in(dataset: Dataset, province: str, regions: Collection[str]) -> dict[str, Office]:
    """The province's offices, each serving only the province's regions."""
    return {
        slug: office.model_copy(
            update={"serves": [area for area in office.serves if area.region in regions]}
        )
        for slug, office in dataset.offices.items()
        if office.province == province
    }


def _cited(
    figures: Iterable[Figure], events: Iterable[Event], offices: Iterable[Office]
) -> set[str]:
    """Every source the figures (and their revisions), events and service areas cite."""
    cited = set()
    for figure in figures:
        cited.add(figure.source)
        cited.update(r.source for r in figure.revisions if r.source)
    cited.update(event.source for event in events)
    cited.update(area.source for office in offices for area in office.serves)
    return cited


def only_province(dataset: Dataset, slug: str) -> Dataset:
    """The province `slug`, its kabupaten/kota and its offices: their figures and events (a
    joint figure only when all its areas are in the province), the sources those cite, and the
    province's own tile map. Raises UnknownProvince for a slug that is no province."""
    if slug not in province_slugs(dataset):
        raise UnknownProvince(
            f"--province {slug!r}: no such province{_suggest(slug, province_slugs(dataset))}"
        )
    regions = {s: r for s, r in dataset.regions.items() if s == slug or r.parent == slug}
    offices = _offices_in(dataset, slug, regions)
    areas = regions.keys() | offices.keys()
    figures = tuple(f for f in dataset.figures if set(f.area) <= areas)
    events = {k: e for k, e in dataset.events.items() if set(e.areas) <= areas}
    cited = _cited(figures, events.values(), offices.values())
    return dataclasses.replace(
        dataset,
        regions=regions,
        offices=offices,
        sources={k: s for k, s in dataset.sources.items() if k in cited},
        events=events,
        figures=figures,
        maps={k: m for k, m in dataset.maps.items() if k == slug},
        snapshots={k: s for k, s in dataset.snapshots.items() if k in cited},
    )
