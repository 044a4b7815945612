"""The site's own pages (home, indexes, sources, notes, revisions) from the whole dataset."""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from generator.charts.block import ChartBlock, Link
from generator.checks.maps import NATIONAL
from generator.dataset.periods import period_bounds, period_label
from generator.dataset.problems import Problem
from generator.dataset.types import Dataset
from generator.dataset.vocabulary import NOTE_TITLES, REGION_TYPES
from generator.pages import chartblocks
from generator.pages.context import (
    area_link,
    area_path,
    figure_row,
    note_anchor,
    source_link,
)
from generator.pages.dates import data_date, latest_figures
from generator.pages.render import PageSpec
from generator.project import BuildInfo
from generator.tables import FrameIndex, FrameRow
from generator.urls import (
    HOME_PAGE,
    HOME_SLUG,
    NOTES_PAGE,
    OFFICES_INDEX,
    REGIONS_INDEX,
    REVISIONS_PAGE,
    SOURCES_PAGE,
)


def areas_with_pages(dataset: Dataset) -> list[str]:
    """Regions with figures of their own or shared with another region, and every office."""
    regions = [slug for slug in dataset.regions if slug in dataset.areas_with_figures]
    return [*regions, *dataset.offices]


def site_pages(
    dataset: Dataset, index: FrameIndex, findings: list[Problem], info: BuildInfo
) -> list[PageSpec]:
    """Every page but the areas' own."""
    slugs = areas_with_pages(dataset)
    return [
        home_page(dataset, index, slugs, info),
        regions_index(dataset, index, slugs),
        offices_index(dataset, frozenset(slugs)),
        sources_page(dataset, index),
        notes_page(dataset, findings),
        revisions_page(dataset, index.rows),
    ]


def _latest_coverage(dataset: Dataset, index: FrameIndex, slugs: list[str]) -> list[dict[str, Any]]:
    """Each area's name, page and latest coverage (chartblocks.latest_coverage, or None)."""
    latest = chartblocks.latest_coverage(dataset, index, slugs)
    return [
        {
            "name": dataset.area_name(slug),
            "path": area_path(dataset, slug),
            "latest": figure_row(dataset, latest[slug]) if slug in latest else None,
        }
        for slug in slugs
    ]


def _provinces(dataset: Dataset) -> list[str]:
    return [slug for slug, region in dataset.regions.items() if region.type == "provinsi"]


def scope_name(dataset: Dataset) -> str:
    """What the site covers: its one province ('Jawa Timur'), or 'Indonesia'."""
    provinces = _provinces(dataset)
    return dataset.area_name(provinces[0]) if len(provinces) == 1 else "Indonesia"


def _home_maps(
    dataset: Dataset, index: FrameIndex, slugs: list[str], info: BuildInfo
) -> list[ChartBlock]:
    """The map of the provinces; and, where the figures lie in one province, that province's."""
    regions = [s for s in slugs if s in dataset.regions and dataset.regions[s].parent]
    provinces = list(dict.fromkeys(str(dataset.regions[s].parent) for s in regions))
    shown = [NATIONAL, *provinces] if len(provinces) == 1 else [NATIONAL]
    home, pages = (HOME_SLUG, HOME_PAGE), frozenset(slugs)
    blocks = [chartblocks.map_block(dataset, index, of, home, info, pages) for of in shown]
    return [
        dataclasses.replace(block, anchor=f"peta-{of}")
        for of, block in zip(shown, blocks, strict=True)
        if block is not None
    ]


def home_page(dataset: Dataset, index: FrameIndex, slugs: list[str], info: BuildInfo) -> PageSpec:
    """With figures from several provinces, the home page compares provinces, not 500 areas."""
    provinces = [s for s in _provinces(dataset) if s in slugs]
    featured = provinces if len(provinces) > 1 else slugs
    with_coverage = [r for r in _latest_coverage(dataset, index, featured) if r["latest"]]
    chart = chartblocks.overview_block(dataset, index, featured)
    maps = _home_maps(dataset, index, slugs, info)
    return PageSpec(
        HOME_PAGE,
        "home.md.j2",
        {
            "scope": scope_name(dataset),
            "data_date": data_date(index.rows),
            "rule": chartblocks.LATEST_RULE,
            "coverage": with_coverage,
            "chart": chart,
            "maps": maps,
            "areas": [Link(dataset.area_name(s), area_path(dataset, s)) for s in featured],
            "lists_provinces": featured is provinces,
            "counts": {
                "figures": len(index.frame),
                "sources": len(dataset.sources),
                "regions": sum(1 for r in dataset.regions.values() if r.type != "provinsi"),
                "regions_with_figures": sum(
                    1
                    for s in slugs
                    if s in dataset.regions and dataset.regions[s].type != "provinsi"
                ),
            },
        },
        charts=((chart,) if chart else ()) + tuple(maps),
    )


def _by_province(dataset: Dataset, slugs: list[str]) -> list[tuple[str, str, list[str]]]:
    """(province slug, name, its areas), provinces in dataset order; the province comes first."""
    groups: dict[str, list[str]] = {p: [] for p in _provinces(dataset)}
    for slug in slugs:
        groups.setdefault(_province_group(dataset, slug), []).append(slug)
    return [
        (p, dataset.area_name(p) if p in dataset.regions else p, areas)
        for p, areas in groups.items()
        if areas
    ]


def _province_group(dataset: Dataset, slug: str) -> str:
    """The province an area is listed under; a province heads its own group."""
    if slug in dataset.offices:
        return dataset.offices[slug].province
    region = dataset.regions[slug]
    return slug if region.type == "provinsi" or not region.parent else region.parent


def regions_index(dataset: Dataset, index: FrameIndex, slugs: list[str]) -> PageSpec:
    """Every region, with or without figures, grouped by province."""
    pages = set(slugs)
    groups = []
    for province, name, regions in _by_province(dataset, list(dataset.regions)):
        entries = []
        for slug, row in zip(regions, _latest_coverage(dataset, index, regions), strict=True):
            region = dataset.regions[slug]
            entries.append(
                {
                    "name": row["name"],
                    "type": REGION_TYPES[region.type],
                    "code": region.code,
                    "path": row["path"] if slug in pages else None,
                    "latest": row["latest"],
                }
            )
        groups.append({"anchor": f"provinsi-{province}", "name": name, "entries": entries})
    counts = {
        "regions": len(dataset.regions),
        "with_page": sum(1 for slug in dataset.regions if slug in pages),
    }
    context = {
        "groups": groups,
        "counts": counts,
        "scope": scope_name(dataset),
        "register": dataset.register,
    }
    return PageSpec(REGIONS_INDEX, "regions.md.j2", context)


def offices_index(dataset: Dataset, pages: frozenset[str]) -> PageSpec:
    groups = []
    for province, name, offices in _by_province(dataset, list(dataset.offices)):
        entries = [
            {
                "name": dataset.offices[slug].name,
                "path": area_path(dataset, slug),
                "serves": [
                    area_link(dataset, s.region, pages) for s in dataset.offices[slug].serves
                ],
            }
            for slug in offices
        ]
        groups.append({"anchor": f"provinsi-{province}", "name": name, "offices": entries})
    return PageSpec(OFFICES_INDEX, "offices.md.j2", {"groups": groups})


def listed_keys(index: FrameIndex) -> set[str]:
    """Keys of the figures that some page lists in a table, so a link to their row resolves."""
    return {row.key for rows in index.areas() for row in latest_figures(rows)}


def sources_page(dataset: Dataset, index: FrameIndex) -> PageSpec:
    """Each source with links to the rows of the figures it supports; a figure no page lists
    (an older point of a long series) is counted under its area instead."""
    listed = listed_keys(index)
    sources = []
    for source_id, source in sorted(
        dataset.sources.items(),
        key=lambda item: period_bounds(item[1].published or item[1].reported or "1900"),
    ):
        rows = sorted(index.source(source_id), key=lambda row: (row.area, row.date))
        supports = [
            {"row": figure_row(dataset, row), "path": _page_of(dataset, row.area)}
            for row in rows
            if row.key in listed
        ]
        unlisted = Counter(row.area for row in rows if row.key not in listed)
        others = [
            {
                "count": count,
                "link": Link(dataset.area_name(tuple(area.split("+"))), _page_of(dataset, area)),
            }
            for area, count in unlisted.items()
        ]
        sources.append(
            {
                "id": source_id,
                "source": source,
                "link": source_link(dataset, source_id),
                "supports": supports,
                "others": others,
            }
        )
    return PageSpec(
        SOURCES_PAGE,
        "sources.md.j2",
        {"sources": sources, "period_label": period_label, "register": dataset.register},
    )


def _page_of(dataset: Dataset, area: str) -> str:
    """The page that lists an area's figures: a joint figure's first region."""
    return area_path(dataset, area.split("+")[0])


def revisions_page(dataset: Dataset, rows: list[FrameRow]) -> PageSpec:
    """Every correction of every figure, newest first."""
    items: list[dict[str, Any]] = []
    for row in (row for row in rows if row.revisions):
        figure = figure_row(dataset, row)
        path = _page_of(dataset, row.area)
        for revision, when in zip(figure.revisions, row.revisions, strict=True):
            items.append({"row": figure, "revision": revision, "path": path, "when": when.date})
    items.sort(key=lambda item: (item["when"], item["row"].anchor), reverse=True)
    return PageSpec(REVISIONS_PAGE, "revisions.md.j2", {"revisions": items})


def note_title(dataset: Dataset, problem: Problem) -> str:
    """A note's heading: its kind and the areas it is about, so that no two read alike."""
    areas = [dataset.area_name(a) for a in dict.fromkeys(problem.areas) if "+" not in a]
    kind = NOTE_TITLES.get(problem.code, problem.code)
    return f"{kind}: {', '.join(areas)}" if areas else kind


def notes_page(dataset: Dataset, findings: list[Problem]) -> PageSpec:
    notes = [
        {
            "anchor": note_anchor(p),
            "title": note_title(dataset, p),
            "problem": p,
            "areas": [
                Link(dataset.area_name(a), area_path(dataset, a)) for a in p.areas if "+" not in a
            ],
        }
        for p in findings
        if p.is_note
    ]
    return PageSpec(NOTES_PAGE, "notes.md.j2", {"notes": notes})
