"""Slugs the site keeps for its own pages and files (generator.urls): no area may take one."""

from __future__ import annotations

from collections.abc import Iterator

from generator.dataset.load import Dataset
from generator.dataset.problems import Position, Problem
from generator.urls import reserved_slugs


def check_reserved_slugs(dataset: Dataset) -> Iterator[Problem]:
    """A region or office `index` would replace the Wilayah or Kantor Cabang index, exit 0."""
    for section, is_office in (("regions", False), ("offices", True)):
        reserved = reserved_slugs(is_office=is_office)
        for slug in getattr(dataset, section):
            if slug in reserved:
                yield Problem(
                    dataset.positions.get(f"{section}:{slug}", Position("?")),
                    f"{section}.{slug}",
                    f"slug {slug!r} dipakai situs sendiri: halaman atau berkasnya akan menimpa "
                    f"{reserved[slug]}; pilih slug lain",
                    "reserved-slug",
                )
