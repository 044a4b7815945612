"""Every reference to a region, office or source must name one that exists."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from generator.dataset.schema import DataFile

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Names:
    """The ids the whole dataset defines."""

    regions: frozenset[str]
    offices: frozenset[str]
    sources: frozenset[str]

    @cached_property
    def areas(self) -> frozenset[str]:
        """Regions and offices: what a figure or an event may be about."""
        return self.regions | self.offices


@dataclass(frozen=True)
class BadReference:
    path: FieldPath
    message: str
    code: str


def _suggest(name: str, options: frozenset[str]) -> str:
    matches = difflib.get_close_matches(name, sorted(options), n=1, cutoff=0.6)
    return f"; did you mean {matches[0]!r}?" if matches else ""


def _check(
    name: str | None, options: frozenset[str], kind: str, path: FieldPath
) -> Iterator[BadReference]:
    if name is not None and name not in options:
        yield BadReference(
            path, f"unknown {kind} {name!r}{_suggest(name, options)}", f"unknown-{kind}"
        )


def _area_references(
    area: tuple[str, ...], names: Names, path: FieldPath
) -> Iterator[BadReference]:
    if len(area) == 1 and area[0] in names.areas:
        return  # the common case, first: 300.000 figures pass here
    for index, slug in enumerate(area):
        where = path if len(area) == 1 else (*path, index)
        options = names.areas if len(area) == 1 else names.regions
        yield from _check(slug, options, "region" if len(area) > 1 else "area", where)


def file_references(content: DataFile, names: Names) -> Iterator[BadReference]:
    """Yield every reference in one file that names nothing the dataset defines."""
    for slug, region in (content.regions or {}).items():
        yield from _check(region.parent, names.regions, "region", ("regions", slug, "parent"))
    for slug, office in (content.offices or {}).items():
        yield from _check(office.province, names.regions, "region", ("offices", slug, "province"))
        for index, served in enumerate(office.serves):
            path: FieldPath = ("offices", slug, "serves", index)
            yield from _check(served.region, names.regions, "region", (*path, "region"))
            yield from _check(served.source, names.sources, "source", (*path, "source"))
    for slug, event in (content.events or {}).items():
        yield from _check(event.source, names.sources, "source", ("events", slug, "source"))
        for index, area in enumerate(event.areas):
            path = ("events", slug, "areas", index)
            yield from _check(area, names.areas, "area", path)
    for index, figure in enumerate(content.figures or ()):
        yield from _area_references(figure.area, names, ("figures", index, "area"))
        yield from _check(figure.source, names.sources, "source", ("figures", index, "source"))
        for number, revision in enumerate(figure.revisions):
            path = ("figures", index, "revisions", number, "source")
            yield from _check(revision.source, names.sources, "source", path)
    for index, series in enumerate(content.series or ()):
        yield from _area_references(series.area, names, ("series", index, "area"))
        yield from _check(series.source, names.sources, "source", ("series", index, "source"))
