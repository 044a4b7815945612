"""Chart blocks for a page: the spec, its summary sentence and its data as a table.

A chart is shown only where the data supports it; each builder returns None otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import date
from typing import Any

import numpy
import pandas as pd

from generator.charts import coverage, segments, style, tilemap
from generator.charts.block import ChartBlock, Link
from generator.checks.maps import NATIONAL
from generator.dataset.types import Dataset
from generator.pages.context import approximately, area_path, figure_value, source_link
from generator.pages.filters import Markdown, md_escape, published_number
from generator.pages.render import href
from generator.project import BuildInfo
from generator.tables import FrameIndex, FrameRow, grouped
from generator.urls import HOME_SLUG, page_dir, page_href

_SEGMENT_ORDER = {"pu": 0, "bpu": 1, "jakon": 2, "pmi": 3}
# Beyond this many points, a chart's text table keeps the last point of each year per series.
TABLE_ROWS = 36
SHORT_SEGMENTS = {"pu": "PU", "bpu": "BPU", "jakon": "Jasa Konstruksi", "pmi": "PMI"}

# A chart's point: the series it belongs to (a name, or a segment's short name) and its figure.
Point = tuple[str, FrameRow]


def _count(row: FrameRow) -> str:
    """A count for a chart's text table as its source wrote it, "sekitar" included (a
    percentage is its figure_value)."""
    return approximately(row, str(published_number(row.value, row.as_published)))


def _sources(dataset: Dataset, rows: Iterable[FrameRow]) -> tuple[Link, ...]:
    return tuple(source_link(dataset, s) for s in dict.fromkeys(row.source for row in rows))


def coverage_block(dataset: Dataset, index: FrameIndex, slug: str) -> ChartBlock | None:
    """Coverage over time with targets and the province for reference."""
    own = index.totals(slug, "coverage")
    targets = index.totals(slug, "coverage_target")
    if len(own) + len(targets) < 2 or not own:
        return None
    name = dataset.area_name(slug)
    parts = [(own, name, "own"), (targets, "Target", "target")]
    if province := dataset.province_of(slug):
        parts.append((index.totals(province, "coverage"), dataset.area_name(province), "reference"))
    points = [(series, row) for rows, series, _ in parts for row in rows]
    roles = [role for rows, _, role in parts for _ in rows]
    title = f"Cakupan kepesertaan {name} dari waktu ke waktu"
    spec = coverage.coverage_over_time(_coverage_points(index, points, roles), title)
    shown = _table_points(points)
    rows = tuple((series, r.period_label, figure_value(r), r.source_label) for series, r in shown)
    if len(shown) < len(points):
        listed = "; ".join(_span(shown, figure_value))
        summary = (
            f"Cakupan kepesertaan {name} menurut sumber yang ada, {len(points)} angka: {listed}."
        )
    else:
        listed = "; ".join(f"{r[1]}: {r[2]} ({r[0]})" for r in rows)
        summary = f"Cakupan kepesertaan {name} menurut sumber yang ada: {listed}."
    return ChartBlock(
        anchor="grafik-cakupan",
        title=title,
        spec=spec,
        summary=summary,
        header=("Data", "Periode", "Cakupan", "Sumber"),
        rows=rows,
        sources=_sources(dataset, (row for _, row in points)),
        page_slug=slug,
        is_abridged=len(shown) < len(points),
        caveat=_mixed_sources_caveat(dataset, own, name),
    )


def _coverage_points(index: FrameIndex, points: list[Point], roles: list[str]) -> pd.DataFrame:
    """The coverage chart's data: its points' figures with their series, role, share and
    published decimals."""
    rows = [row for _, row in points]
    columns = ["date", "start", "end", "share", "d", "a", "series", "role", "source",
               "period_label", "source_label"]  # fmt: skip
    series = [series for series, _ in points]
    return index.frame_of(rows, columns, series=series, role=roles, **_shares(rows))


def _shares(rows: list[FrameRow]) -> dict[str, numpy.ndarray]:
    """Percentages as shares (0-1, rounded to 6 places as Series.round does), their published
    decimals and whether the source says "sekitar": the columns `share`, `d` and `a` of a
    chart's data."""
    values = numpy.array([row.value for row in rows], dtype=numpy.float64)
    decimals = numpy.array([row.decimals for row in rows], dtype=numpy.int64)
    return {"share": numpy.round(values / 100, 6), "d": decimals, "a": _approximate(rows)}


def _approximate(rows: list[FrameRow]) -> numpy.ndarray:
    """1 where a figure's source says "sekitar", else 0: the column `a` of a chart's data."""
    return numpy.array([row.is_approximate for row in rows], dtype=numpy.int64)


def _mixed_sources_caveat(dataset: Dataset, own: list[FrameRow], name: str) -> str | None:
    """A series of one area's figures from several sources: say so, without guessing why."""
    publishers = list(dict.fromkeys(dataset.sources[row.source].publisher for row in own))
    if len(publishers) < 2:
        return None
    listed = ", ".join(publishers[:-1]) + " dan " + publishers[-1]
    return (
        f"Angka {name} dalam grafik ini berasal dari sumber yang berbeda ({listed}); sumber "
        "tidak menjelaskan apakah angka-angkanya dapat dibandingkan sebagai tren."
    )


def _table_points(points: list[Point]) -> list[Point]:
    """A chart's points for its text table; a long series keeps the last point of each year."""
    if len(points) <= TABLE_ROWS:
        return points
    order = {series: i for i, series in enumerate(dict.fromkeys(s for s, _ in points))}
    last = {(p[0], p[1].date.year): p for p in sorted(points, key=lambda p: p[1].date)}
    return sorted(last.values(), key=lambda p: (order[p[0]], p[1].date))


def _span(shown: list[Point], text: Callable[[FrameRow], str]) -> list[str]:
    """'Kota X dari 48,4% (Januari 2018) sampai 62,1% (September 2026)', one per series."""
    spans = []
    for series, points in grouped(shown, lambda point: point[0]).items():
        (_, first), (_, last) = points[0], points[-1]
        spans.append(
            f"{series} dari {text(first)} ({first.period_label}) "
            f"sampai {text(last)} ({last.period_label})"
        )
    return spans


def _peers(dataset: Dataset, slug: str) -> list[str]:
    """Areas to compare with: the other regions of its office, else of its province."""
    if slug in dataset.offices:
        return [s.region for s in dataset.offices[slug].serves]
    if offices := dataset.offices_serving.get(slug):
        return [s.region for s in dataset.offices[offices[0]].serves]
    province = dataset.province_of(slug) or slug
    return dataset.regions_in.get(province, [])


# The one rule behind the home page and every comparison, said on each of them.
LATEST_RULE = "Angka terbaru dari tiap wilayah"


def latest_coverage(dataset: Dataset, index: FrameIndex, areas: list[str]) -> dict[str, FrameRow]:
    """Each region's latest coverage figure (all segments together), by slug, for the regions
    of `areas` that have one; offices are left out, as they serve several regions at once."""
    latest = {}
    for area in areas:
        own = index.totals(area, "coverage") if area not in dataset.offices else None
        if own:
            latest[area] = own[-1]
    return latest


def comparison_block(dataset: Dataset, index: FrameIndex, slug: str) -> ChartBlock | None:
    """The area beside its neighbours and its province, each by its latest figure."""
    province = dataset.province_of(slug)
    areas = list(dict.fromkeys([slug, *_peers(dataset, slug), *([province] if province else [])]))
    latest = latest_coverage(dataset, index, areas)
    if len(latest) < 2 or (slug not in dataset.offices and slug not in latest):
        return None
    name = dataset.area_name(slug)
    office = dataset.offices.get(slug)
    if office is None:
        highlights, summary = [name], f"Cakupan {name} dan wilayah sekitarnya"
    else:  # no bar of its own: the regions it serves stand out
        served = dict.fromkeys(s.region for s in office.serves if s.valid_to is None)
        highlights = [dataset.area_name(region) for region in served]
        summary = f"Cakupan wilayah yang dilayani {name} (disorot) dan wilayah sekitarnya"
    return _bars_block(
        dataset,
        index,
        list(latest.values()),
        highlights=highlights,
        anchor="grafik-perbandingan",
        title="Cakupan kepesertaan dibanding wilayah lain",
        summary=summary,
        page_slug=slug,
    )


def comparison_note(bars: pd.DataFrame) -> str:
    """The rule, and what differs between the bars: their dates, their sources."""
    notes = [f"{LATEST_RULE}."]
    if bars["date"].nunique() > 1:
        notes.append("Tanggalnya berbeda-beda: lihat tanggal di bawah nama wilayah.")
    if bars["source"].nunique() > 1:
        notes.append("Angka dari sumber berbeda bisa memakai penyebut yang berbeda.")
    return " ".join(notes)


def _bars_block(
    dataset: Dataset,
    index: FrameIndex,
    latest: list[FrameRow],
    highlights: list[str],
    anchor: str,
    title: str,
    summary: str,
    page_slug: str,
) -> ChartBlock:
    """A coverage bar chart of several areas (`latest`: a figure each), each bar with its date,
    with its summary and text table."""
    columns = ["area_name", "share", "share_text", "period_label", "source_label", "value", "date",
               "source"]  # fmt: skip
    texts = [figure_value(row) for row in latest]  # as the text table says it, with "sekitar"
    bars = index.frame_of(latest, columns, share_text=texts, **_shares(latest))
    bars = bars.sort_values("value", ascending=False)
    ordered = [latest[i] for i in bars.index]
    note = comparison_note(bars)
    chart_columns = ["area_name", "share", "share_text", "period_label", "source_label"]
    spec = coverage.coverage_comparison(bars[chart_columns], highlights, title, note)
    rows = tuple(
        (r.area_name, text, r.period_label, r.source_label)
        for r, text in zip(ordered, bars["share_text"], strict=True)
    )
    listed = "; ".join(f"{r[0]} {r[1]} ({r[2]})" for r in rows)
    return ChartBlock(
        anchor=anchor,
        title=title,
        spec=spec,
        summary=f"{summary}, {LATEST_RULE.lower()}: {listed}.",
        header=("Wilayah", "Cakupan", "Periode", "Sumber"),
        rows=rows,
        sources=_sources(dataset, ordered),
        page_slug=page_slug,
        height=style.bars_height(len(bars), lines=2),
    )


def _moment(row: FrameRow) -> str:
    if row.at == "start":
        return "Awal periode"
    return "Akhir periode" if row.at == "end" else "Pada tanggal"


def _segment_order(row: FrameRow) -> tuple[int, date]:
    """PU, BPU, Jasa Konstruksi, PMI, then oldest first."""
    return (_SEGMENT_ORDER[str(row.segment)], row.date)


def segment_block(dataset: Dataset, index: FrameIndex, slug: str) -> ChartBlock | None:
    """Participants by segment, where a source breaks them down: bars, or lines over years."""
    counted = ("active_participants", "participants")
    counts = [r for r in index.area(slug) if r.indicator in counted and r.segment is not None]
    if not counts:
        return None
    name = dataset.area_name(slug)
    title = f"Peserta per segmen, {name}"
    counts.sort(key=_segment_order)
    if len({row.date for row in counts}) > segments.BARS_UP_TO_DATES:
        return _segment_lines(dataset, index, counts, name, title, slug)
    labels = [f"{SHORT_SEGMENTS[str(r.segment)]} · {r.period_label}" for r in counts]
    moments = [_moment(row) for row in counts]
    texts = [_count(row) for row in counts]
    columns = ["label", "moment", "value", "count_text", "source_label"]
    bars = index.frame_of(counts, columns, label=labels, moment=moments, count_text=texts)
    spec = segments.participants_by_segment(bars, title)
    table = tuple(
        (label, moment, text, r.source_label)
        for label, moment, text, r in zip(labels, moments, texts, counts, strict=True)
    )
    listed = "; ".join(f"{r[0]} ({r[1].lower()}): {r[2]} orang" for r in table)
    return ChartBlock(
        anchor="grafik-segmen",
        title=title,
        spec=spec,
        summary=f"Peserta {name} per segmen: {listed}.",
        header=("Segmen dan periode", "Saat", "Peserta", "Sumber"),
        rows=table,
        sources=_sources(dataset, counts),
        page_slug=slug,
    )


def _segment_lines(
    dataset: Dataset, index: FrameIndex, counts: list[FrameRow], name: str, title: str, slug: str
) -> ChartBlock:
    points = [(SHORT_SEGMENTS[str(row.segment)], row) for row in counts]
    columns = ["segment", "date", "value", "a", "period_label", "source_label"]
    segment = [segment for segment, _ in points]
    lines = index.frame_of(counts, columns, segment=segment, a=_approximate(counts))
    spec = segments.participants_over_time(lines, title)
    shown = _table_points(points)
    table = tuple((segment, r.period_label, _count(r), r.source_label) for segment, r in shown)
    listed = "; ".join(_span(shown, lambda r: f"{_count(r)} orang"))
    return ChartBlock(
        anchor="grafik-segmen",
        title=title,
        spec=spec,
        summary=f"Peserta {name} per segmen, {len(points)} angka: {listed}.",
        header=("Segmen", "Periode", "Peserta", "Sumber"),
        rows=table,
        sources=_sources(dataset, counts),
        page_slug=slug,
        is_abridged=len(shown) < len(points),
    )


def overview_block(dataset: Dataset, index: FrameIndex, slugs: list[str]) -> ChartBlock | None:
    """Latest coverage of every region with data, for the home page."""
    latest = latest_coverage(dataset, index, slugs)
    if len(latest) < 2:
        return None
    return _bars_block(
        dataset,
        index,
        list(latest.values()),
        highlights=[],
        anchor="grafik-ringkasan",
        title="Cakupan kepesertaan terbaru tiap wilayah",
        summary="Cakupan kepesertaan tiap wilayah",
        page_slug=HOME_SLUG,
    )


def map_block(
    dataset: Dataset,
    index: FrameIndex,
    of: str,
    page: tuple[str, str],
    info: BuildInfo,
    pages: Collection[str],
) -> ChartBlock | None:
    """The tile-grid map of `of` (its kabupaten/kota, or 'indonesia': the provinces), coloured
    by each region's latest coverage; `page` is (slug, path) of the page it is drawn on, and a
    tile links to its region's page where that is one of `pages` (areas_with_pages)."""
    tile_map = dataset.maps.get(of)
    if tile_map is None:
        return None
    slug, path = page
    here = page_dir(path, is_offline=info.is_offline)
    rows: list[dict[str, Any]] = []
    for region, tile in tile_map.tiles.items():
        latest = index.totals(region, "coverage")
        row = latest[-1] if latest else None
        rows.append(
            {
                "column": tile.column,
                "row": tile.row,
                "label": tile.label,
                "name": dataset.area_name(region),
                "share": row.value / 100 if row is not None else None,
                "value_text": figure_value(row) if row is not None else "belum ada angka",
                "period_label": row.period_label if row is not None else "",
                "source_label": row.source_label if row is not None else "",
                "href": page_href(area_path(dataset, region), here, is_offline=info.is_offline)
                if region in pages
                else None,
                "page": area_path(dataset, region) if region in pages else None,
            }
        )
    tiles = pd.DataFrame(rows)
    what = "provinsi" if of == NATIONAL else f"kabupaten/kota {dataset.area_name(of)}"
    title = f"Peta cakupan {what}"
    subtitle = (
        "Peta skematis: satu kotak per wilayah, letaknya perkiraan. Warna: angka terbaru tiap "
        "wilayah, dari tanggal dan sumber yang berbeda-beda; abu-abu: belum ada angka."
    )
    shown = [r for r in rows if r["share"] is not None]
    table = tuple(
        (_linked(r["name"], path, r["page"]), r["value_text"], r["period_label"], r["source_label"])
        for r in rows
    )
    listed = "; ".join(f"{r['name']} {r['value_text']} ({r['period_label']})" for r in shown)
    without = len(rows) - len(shown)
    summary = (
        f"Peta skematis {what}, {len(rows)} wilayah: {listed or 'belum ada yang punya angka'}"
        f"{'; ' if listed else ''}{without} wilayah belum ada angka"
    )
    sources = [s for s in dict.fromkeys(_source_ids(index, tile_map.tiles))]
    return ChartBlock(
        anchor="peta",
        title=title,
        spec=tilemap.tile_map(tiles, title, subtitle),
        summary=summary + ".",
        header=("Wilayah", "Cakupan terbaru", "Periode", "Sumber"),
        rows=table,
        sources=tuple(source_link(dataset, s) for s in sources),
        page_slug=slug,
        has_narrow_picture=tilemap.fits_a_phone(
            1 + max((tile.column for tile in tile_map.tiles.values()), default=0)
        ),
    )


def _linked(name: str, from_page: str, to_page: str | None) -> str:
    """A region's name in a chart's text table, linked to its page where it has one."""
    if to_page is None:
        return name
    return Markdown(f"[{md_escape(name)}]({href(from_page, to_page)})")


def _source_ids(index: FrameIndex, regions: Iterable[str]) -> Iterator[str]:
    for region in regions:
        latest = index.totals(region, "coverage")
        if latest:
            yield latest[-1].source
