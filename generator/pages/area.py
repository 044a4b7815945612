"""An area's page (a region's or an office's): a pure function of its input and the build."""

from __future__ import annotations

import json

from pydantic import TypeAdapter

from generator.charts.block import ChartBlock, Link
from generator.dataset.types import Dataset
from generator.dataset.vocabulary import REGION_TYPES
from generator.pages import chartblocks
from generator.pages.citation import Citation
from generator.pages.context import (
    AreaPage,
    EventRow,
    SourceEntry,
    area_link,
    area_path,
    event_rows,
    figure_rows,
    headline,
    linked_source_id,
    note_rows,
    source_entries,
)
from generator.pages.dates import data_date_is_read, data_iso_date, latest_figures, measured
from generator.pages.metadata import area_jsonld
from generator.pages.render import Page, PageSpec, renderer
from generator.project import BuildInfo
from generator.tables import AreaInput, FrameIndex, FrameRow, frame_rows
from generator.urls import canonical_url, download_path

PAGE: TypeAdapter[Page] = TypeAdapter(Page)  # a page as the cache keeps it (JSON)


def area_page(item: AreaInput, info: BuildInfo) -> Page:
    """The page of `item.slug`, rendered."""
    page = area_context(item, info)
    spec = PageSpec(
        page.path, "area.md.j2", {"page": page}, page.charts, page.citation, "_search.md.j2"
    )
    return renderer(info).page(spec)


def area_context(item: AreaInput, info: BuildInfo) -> AreaPage:
    """What the area template shows, from the page's input alone."""
    dataset, index, slug, pages = item.dataset, FrameIndex(item.rows), item.slug, item.pages
    own = index.area(slug)
    offices = dataset.offices_serving.get(slug, [])
    office_rows = [row for office in offices for row in index.area(office)]
    path = area_path(dataset, slug)
    blocks = (
        chartblocks.coverage_block(dataset, index, slug),
        chartblocks.segment_block(dataset, index, slug),
        chartblocks.comparison_block(dataset, index, slug),
        chartblocks.map_block(dataset, index, slug, (slug, path), info, pages),
    )
    name = dataset.area_name(slug)
    rows = own + index.joint(slug)
    # A page without measured figures of its own is dated by the whole dataset.
    dated_by = rows if measured(rows) else frame_rows(item.dated_by)
    citation = _citation(path, name, dated_by, info)
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
        notes=note_rows(list(item.notes), slug),
        related=_related(dataset, slug, pages),
        citation=citation,
        jsonld=_jsonld(dataset, rows, slug, citation, info),
        og_image=_absolute(info, charts[0].png_path) if charts else "",
    )


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


def _citation(page_path: str, title: str, rows: list[FrameRow], info: BuildInfo) -> Citation:
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
    dataset: Dataset, rows: list[FrameRow], slug: str, citation: Citation, info: BuildInfo
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


def _cited_sources(
    dataset: Dataset,
    charts: tuple[ChartBlock, ...],
    tables: list[list[FrameRow]],
    events: tuple[EventRow, ...],
) -> tuple[SourceEntry, ...]:
    """Every source a page cites, in its order: charts, figure tables, events."""
    ids = [linked_source_id(link) for chart in charts for link in chart.sources]
    ids += [row.source for table in tables for row in table]
    ids += [linked_source_id(event.source) for event in events]
    return source_entries(dataset, ids)


def _absolute(info: BuildInfo, path: str) -> str:
    """Absolute URL of a file (not a page) of the site."""
    return info.site_url.rstrip("/") + "/" + path
