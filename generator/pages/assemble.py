"""Every page of the site as (path, template, context), built from the dataset."""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from pydantic import TypeAdapter

from generator import memory, reuse
from generator.checks.maps import NATIONAL
from generator.dataset.periods import period_bounds, period_label
from generator.dataset.problems import Problem
from generator.dataset.types import Dataset
from generator.dataset.vocabulary import INDICATORS, NOTE_TITLES, REGION_TYPES
from generator.pages import chartblocks
from generator.pages.citation import Citation, canonical_url
from generator.pages.context import (
    AreaPage,
    ChartBlock,
    EventRow,
    Link,
    SourceEntry,
    area_link,
    area_path,
    download_path,
    event_rows,
    figure_row,
    figure_rows,
    headline,
    linked_source_id,
    note_anchor,
    note_rows,
    source_entries,
    source_link,
)
from generator.pages.metadata import area_jsonld
from generator.pages.render import make_environment, render_page
from generator.pages.urls import (
    HOME_PAGE,
    HOME_SLUG,
    NOTES_PAGE,
    OFFICES_INDEX,
    REGIONS_INDEX,
    REVISIONS_PAGE,
    SOURCES_PAGE,
)
from generator.project import BuildInfo
from generator.reuse import PageStore, reuse_or_make
from generator.tables import FrameIndex, Read
from generator.workers import parallel_map

PAGE_FIGURES = 40  # an area with more figures lists the latest of each kind (latest_figures)


@dataclass(frozen=True)
class PageSpec:
    path: str  # relative to docs_dir
    template: str
    context: dict[str, Any]
    charts: tuple[ChartBlock, ...] = ()
    citation: Citation | None = None
    markdown: str | None = None  # the page rendered already, where it was built (area pages)


STORED_PAGE: TypeAdapter[PageSpec] = TypeAdapter(PageSpec)  # a reused area page, as JSON


def areas_with_pages(dataset: Dataset) -> list[str]:
    """Regions with figures of their own or shared with another region, and every office."""
    with_figures = {slug for figure in dataset.figures for slug in figure.area}
    regions = [slug for slug in dataset.regions if slug in with_figures]
    return [*regions, *dataset.offices]


def _facts(dataset: Dataset, slug: str) -> tuple[str, ...]:
    if slug in dataset.offices:
        office = dataset.offices[slug]
        return ("BPJS Ketenagakerjaan", f"Provinsi {dataset.area_name(office.province)}")
    region = dataset.regions[slug]
    facts = [REGION_TYPES[region.type]]
    if region.code:
        facts.append(f"Kode Kemendagri {region.code}")
    if region.bps_code:
        facts.append(f"Kode BPS {region.bps_code}")
    if region.parent:
        facts.append(f"Provinsi {dataset.area_name(region.parent)}")
    return tuple(facts)


def _related(dataset: Dataset, slug: str, pages: frozenset[str]) -> tuple[Link, ...]:
    """Offices serving a region, or regions an office serves, linked where they have a page."""
    if slug in dataset.offices:
        served = {s.region: s.reading for s in reversed(dataset.offices[slug].serves)}
        return tuple(
            area_link(dataset, r, pages, reading) for r, reading in reversed(served.items())
        )
    offices = dataset.offices_serving.get(slug, [])
    return tuple(area_link(dataset, o, pages, _service_reading(dataset, o, slug)) for o in offices)


def _service_reading(dataset: Dataset, office: str, region: str) -> str | None:
    """Our reason for an office serving a region, where no source states it."""
    areas = [s for s in dataset.offices[office].serves if s.region == region]
    return None if any(s.quote for s in areas) else areas[0].reading


def _citation(page_path: str, title: str, rows: pd.DataFrame, info: BuildInfo) -> Citation:
    return Citation(
        title=title,
        site_name=info.site_name,
        url=canonical_url(info.site_url, page_path),
        data_date=data_iso_date(rows).isoformat(),
        is_date_read=data_date_is_read(rows),
        accessed=info.build_date,
        is_offline=info.is_offline,
        key="cakupan-bpjstk-" + page_path.removesuffix(".md").replace("/", "-"),
    )


def _jsonld(
    dataset: Dataset, rows: pd.DataFrame, slug: str, citation: Citation, info: BuildInfo
) -> str:
    downloads = {
        "text/csv": _absolute(info, download_path(slug, "csv")),
        "application/json": _absolute(info, download_path(slug, "json")),
    }
    document = area_jsonld(
        dataset, rows, slug=slug, url=citation.url, downloads=downloads,
        site_name=info.site_name, modified=info.build_date,
    )  # fmt: skip
    return json.dumps(document, ensure_ascii=True, sort_keys=True)


def area_page(
    dataset: Dataset,
    index: FrameIndex,
    notes: list[Problem],
    slug: str,
    info: BuildInfo,
    pages: frozenset[str],
) -> AreaPage:
    """An area's page, built from `index` alone for its figures, and its `notes` (findings);
    `pages` are the areas with a page (areas_with_pages), the only ones it links to."""
    own = index.area(slug)
    offices = dataset.offices_serving.get(slug, [])
    office_rows = pd.concat([index.area(o) for o in offices]) if offices else own[:0]
    blocks = (
        chartblocks.coverage_block(dataset, index, slug),
        chartblocks.segment_block(dataset, index, slug),
        chartblocks.comparison_block(dataset, index, slug),
        chartblocks.map_block(dataset, index, slug, (slug, area_path(dataset, slug)), info, pages),
    )
    name = dataset.area_name(slug)
    path = area_path(dataset, slug)
    rows = pd.concat([own, index.joint(slug)])
    # A page without measured figures of its own is dated by the whole dataset.
    citation = _citation(path, name, rows if not measured(rows).empty else index.frame, info)
    listed = latest_figures(own)
    charts = tuple(b for b in blocks if b is not None)
    joint, office = latest_figures(index.joint(slug)), latest_figures(office_rows)
    events = event_rows(dataset, slug)
    return AreaPage(
        path=path,
        slug=slug,
        title=name,
        description=f"Cakupan kepesertaan BPJS Ketenagakerjaan {name}: setiap angka dengan sumbernya.",
        facts=_facts(dataset, slug),
        headline=headline(dataset, own),
        charts=charts,
        figures=figure_rows(dataset, listed, own),
        joint_figures=figure_rows(dataset, joint),
        office_figures=figure_rows(dataset, office),
        figure_counts=(len(listed), len(own)),
        events=events,
        sources=_cited_sources(dataset, charts, [listed, joint, office], events),
        notes=note_rows(notes, slug),
        related=_related(dataset, slug, pages),
        citation=citation,
        jsonld=_jsonld(dataset, rows, slug, citation, info),
        og_image=_absolute(info, charts[0].png_path) if charts else "",
    )


def _cited_sources(
    dataset: Dataset,
    charts: tuple[ChartBlock, ...],
    tables: list[pd.DataFrame],
    events: tuple[EventRow, ...],
) -> tuple[SourceEntry, ...]:
    """Every source a page cites, in its order: charts, figure tables, events."""
    ids = [linked_source_id(link) for chart in charts for link in chart.sources]
    ids += [key for table in tables for key in table["source"]]
    ids += [linked_source_id(event.source) for event in events]
    return source_entries(dataset, ids)


def latest_figures(rows: pd.DataFrame) -> pd.DataFrame:
    """The figures a page lists: all of them, or for a long series the latest of each kind.

    Years of monthly figures would make a page of megabytes; the downloads keep them all.
    """
    parts = [_latest_of_area(group) for _, group in rows.groupby("area", sort=False)]
    return pd.concat(parts) if len(parts) > 1 else (parts[0] if parts else rows)


def _latest_of_area(rows: pd.DataFrame) -> pd.DataFrame:
    if len(rows) <= PAGE_FIGURES:
        return rows
    kinds = ["indicator", "segment", "at"]  # the last of each kind: the latest, or the last given
    return rows.sort_values("date", kind="stable").drop_duplicates(kinds, keep="last")


def _absolute(info: BuildInfo, path: str) -> str:
    """Absolute URL of a file (not a page) of the site."""
    return info.site_url.rstrip("/") + "/" + path


def measured(frame: pd.DataFrame) -> pd.DataFrame:
    """Figures that describe what was, not a target or a plan."""
    is_target = frame["indicator"].map(lambda i: INDICATORS[i].is_target).astype(bool)
    return frame.loc[~is_target]


def _latest_period(frame: pd.DataFrame) -> str:
    """The period (or a range's last part) of the latest figure that is not a target or plan."""
    rows = measured(frame)
    latest = rows.loc[rows["date"].idxmax()]
    return str(latest["period"]).split("/")[-1]


def data_date(frame: pd.DataFrame) -> str:
    """The latest date any figure (not a target or plan) refers to."""
    return period_label(_latest_period(frame))


def data_date_is_read(frame: pd.DataFrame) -> bool:
    """Whether every latest figure's date is our reading rather than its source's words."""
    rows = measured(frame)
    latest = rows.loc[rows["date"] == rows["date"].max(), "readings"]
    return all(any(about in ("period", "at") for about, _ in r) for r in latest)


def data_iso_date(frame: pd.DataFrame) -> date:
    """data_date as a date: the last day of that period (2025-04 -> 2025-04-30)."""
    return period_bounds(_latest_period(frame))[1]


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
            "data_date": data_date(index.frame),
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
    return {key for rows in index.areas() for key in latest_figures(rows)["key"]}


def sources_page(dataset: Dataset, index: FrameIndex) -> PageSpec:
    """Each source with links to the rows of the figures it supports; a figure no page lists
    (an older point of a long series) is counted under its area instead."""
    listed = listed_keys(index)
    sources = []
    for source_id, source in sorted(
        dataset.sources.items(),
        key=lambda item: period_bounds(item[1].published or item[1].reported or "1900"),
    ):
        rows = index.source(source_id).sort_values(["area", "date"])
        is_listed = rows["key"].isin(listed)
        supports = [
            {"row": figure_row(dataset, row), "path": _page_of(dataset, row["area"])}
            for _, row in rows[is_listed].iterrows()
        ]
        unlisted = rows[~is_listed].groupby("area", sort=False).size()
        others = [
            {
                "count": int(count),
                "link": Link(dataset.area_name(area.split("+")), _page_of(dataset, area)),
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


def revisions_page(dataset: Dataset, frame: pd.DataFrame) -> PageSpec:
    """Every correction of every figure, newest first."""
    revised = frame[frame["revisions"].map(len) > 0]
    items = []
    for _, row in revised.iterrows():
        figure = figure_row(dataset, row)
        path = _page_of(dataset, row["area"])
        for revision, when in zip(figure.revisions, row["revisions"], strict=True):
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


def all_pages(
    dataset: Dataset,
    index: FrameIndex,
    findings: list[Problem],
    info: BuildInfo,
    store: PageStore | None = None,
) -> Iterator[PageSpec]:
    """Every page; with a `store`, area pages whose inputs are unchanged are reused."""
    slugs = areas_with_pages(dataset)
    yield home_page(dataset, index, slugs, info)
    yield regions_index(dataset, index, slugs)
    yield offices_index(dataset, frozenset(slugs))
    yield sources_page(dataset, index)
    yield notes_page(dataset, findings)
    yield revisions_page(dataset, index.frame)
    yield from area_pages(dataset, index.frame, findings, info, slugs, store)


# --- area pages, across every core, and reused across builds: they are most of the site -------

AREAS_PER_TASK = 20
MIN_TASKS_FOR_POOL = 4  # fewer run in-process: spawning workers costs a few seconds
_inputs: dict[str, Any] = {}  # what every area page reads, set once per worker process


def _keep_inputs(
    dataset: Dataset,
    frame: pd.DataFrame,
    notes: dict[str, list[Problem]],
    info: BuildInfo,
    pages: frozenset[str],
) -> None:
    env = make_environment(info)
    _inputs.update(
        dataset=dataset, index=FrameIndex(frame), notes=notes, info=info, env=env, pages=pages
    )
    memory.freeze_inputs()  # they live as long as the worker: no collection need scan them


def _area_specs(slugs: list[str]) -> list[tuple[PageSpec, frozenset[Read]]]:
    """Each area's page, rendered, with the parts of the frame it read (for generator.reuse)."""
    dataset, index, notes, info, env, pages = (
        _inputs[k] for k in ("dataset", "index", "notes", "info", "env", "pages")
    )
    made = []
    for slug in slugs:
        view = index.recording()
        page = area_page(dataset, view, notes.get(slug, []), slug, info, pages)
        markdown = render_page(env, "area.md.j2", {"page": page})
        # Rendered here: the spec needs no context, and is kept as JSON (STORED_PAGE) as it is.
        spec = PageSpec(page.path, "area.md.j2", {}, page.charts, page.citation, markdown)
        made.append((spec, frozenset(view.reads or ())))
    return made


def _make_area_specs(
    dataset: Dataset,
    frame: pd.DataFrame,
    notes: dict[str, list[Problem]],
    info: BuildInfo,
    pages: frozenset[str],
    slugs: list[str],
) -> list[tuple[PageSpec, frozenset[Read]]]:
    """`_area_specs` over these slugs (of all `pages`), spread over worker processes when there
    are many.

    Workers get the dataset without its figures (pages read them from the frame) and without
    positions: less to pickle into each.
    """
    slim = dataclasses.replace(dataset, figures=(), positions={})
    tasks = [slugs[i : i + AREAS_PER_TASK] for i in range(0, len(slugs), AREAS_PER_TASK)]
    try:
        done = parallel_map(
            _area_specs, tasks, min_items=MIN_TASKS_FOR_POOL, initializer=_keep_inputs,
            initargs=(slim, frame, notes, info, pages),
        )  # fmt: skip
    finally:
        _inputs.clear()  # in-process, the inputs must not outlive the build
    return [made for batch in done for made in batch]


def notes_by_area(findings: list[Problem]) -> dict[str, list[Problem]]:
    """The checks' findings each area page shows, by slug."""
    notes: dict[str, list[Problem]] = {}
    for problem in findings:
        for slug in dict.fromkeys(problem.areas) if problem.is_note else ():
            notes.setdefault(slug, []).append(problem)
    return notes


def area_pages(
    dataset: Dataset,
    frame: pd.DataFrame,
    findings: list[Problem],
    info: BuildInfo,
    slugs: list[str],
    store: PageStore | None = None,
) -> list[PageSpec]:
    """Every region's and office's page, in order.

    With a `store`, a page whose inputs are unchanged since a previous build is read back from
    it (generator.reuse); the others are built, across worker processes when there are many.
    """
    notes = notes_by_area(findings)
    # Which areas have pages is in every key: a page links to those, and only to those.
    common = reuse.code_version() + reuse.dataset_version(dataset) + repr((info, slugs)).encode()
    bases = {slug: common + repr((slug, notes.get(slug, []))).encode() for slug in slugs}
    make = functools.partial(_make_area_specs, dataset, frame, notes, info, frozenset(slugs))
    return reuse_or_make(slugs, bases, store, make)
