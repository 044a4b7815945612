"""The whole pipeline, top to bottom, one line per step."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from generator.cache import DirectoryCache, cached_map, prune
from generator.charts.export import chart_files, credit_line
from generator.checks import run_checks
from generator.dataset.load import Dataset, load_dataset
from generator.dataset.problems import Problem, raise_for_errors
from generator.downloads import area_parts, download_files
from generator.memory import collector_paused
from generator.pages.area import PAGE, area_page
from generator.pages.citation import citation_files
from generator.pages.dates import data_iso_date
from generator.pages.render import Page, renderer
from generator.pages.site import areas_with_pages, site_pages
from generator.project import BuildInfo, Project
from generator.site.bundle import bundle_name, write_bundle
from generator.site.lock import build_lock
from generator.site.mkdocs import (
    Rendered,
    build_mkdocs,
    markdown_options,
    offline_options,
    read_config,
    site_url,
)
from generator.site.write import remove_leftovers, staging_dir, swap_in, write_docs
from generator.tables import FrameIndex, area_inputs, figures_frame


def source_date_epoch(environ: Mapping[str, str] = os.environ) -> datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time (MkDocs dates the sitemap by it too); None when unset."""
    value = environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(value), UTC) if value else None


def build_info(
    project: Project, config: Mapping[str, Any], *, is_offline: bool, when: datetime
) -> BuildInfo:
    return BuildInfo(
        site_name=str(config["site_name"]),
        site_url=site_url(config),
        is_offline=is_offline,
        build_date=when.date(),
        scripts=tuple(str(script) for script in config["extra_javascript"]),
        markdown=markdown_options(project),
    )


@dataclass(frozen=True)
class CheckedData:
    """The dataset once loaded and checked, with its tidy frame and the checks' notes."""

    dataset: Dataset
    frame: pd.DataFrame
    findings: list[Problem]


def check_data(project: Project) -> CheckedData:
    """Load and check the dataset; raise DataError on any error."""
    dataset = load_dataset(project.data_dir, DirectoryCache(project.cache_dir / "data"))
    findings = run_checks(dataset)
    raise_for_errors(findings)
    return CheckedData(dataset, figures_frame(dataset), findings)


def _untimed(name: str, function: Callable[..., Any], *args: Any) -> Any:
    return function(*args)


@dataclass(frozen=True)
class RenderedSite:
    """Every generated file by path under docs_dir, and the pages' HTML for MkDocs."""

    files: dict[str, str | bytes]
    pages: dict[str, Rendered]


def render_pages(
    data: CheckedData, info: BuildInfo, cache: MutableMapping[str, bytes] | None
) -> list[Page]:
    """Every page, rendered: the site's own here, area pages from their inputs, each read back
    from `cache` when its input is unchanged, the others across every core."""
    dataset, frame, findings = data.dataset, data.frame, data.findings
    slugs = areas_with_pages(dataset)
    render = renderer(info)
    pages = [render.page(spec) for spec in site_pages(dataset, FrameIndex(frame), findings, info)]
    inputs = area_inputs(dataset, frame, findings, slugs)
    return pages + cached_map(functools.partial(area_page, info=info), inputs, cache, PAGE)


def render_site(
    project: Project,
    info: BuildInfo,
    data: CheckedData | None = None,
    *,
    stopwatch: Callable[..., Any] = _untimed,
) -> RenderedSite:
    """Every generated file (pages, downloads, chart images, embeds) and the pages' HTML.

    `stopwatch(name, function, *args)` runs each step; the benchmark passes one that times it.
    """
    step = stopwatch
    data = data or check_data(project)
    dataset, cache = data.dataset, project.cache_dir
    pages = step("pages", render_pages, data, info, DirectoryCache(cache / "pages"))
    files: dict[str, str | bytes] = {page.path: page.markdown for page in pages}
    slugs = areas_with_pages(dataset)
    downloads = DirectoryCache(cache / "downloads")
    parts = lambda: area_parts(dataset, downloads)  # noqa: E731
    files.update(step("downloads", lambda: download_files(dataset, slugs, parts(), downloads)))
    charts = [(chart, page.path) for page in pages for chart in page.charts]
    images = lambda: chart_files(  # noqa: E731
        charts,
        info.scripts,
        is_offline=info.is_offline,
        credit=credit_line(info.site_name, info.site_url),
        cache=DirectoryCache(cache / "charts"),
    )
    files.update(step("images", images))
    files.update(citation_files([page.citation for page in pages if page.citation]))
    rendered = {page.path: Rendered(page.html, page.search) for page in pages}
    return RenderedSite(files, rendered)


# A cache entry no build has used for this long is deleted after a successful build: a day, so
# that building the site and the bundle in turn still reuses what the other one made.
KEEP_UNUSED = timedelta(days=1)


@collector_paused()
def build_site(project: Project, on_wait: Callable[[], None] | None = None) -> None:
    """Render, build with MkDocs into staging, then swap docs and site in; failures touch nothing.

    One build of a project at a time: `on_wait()` is called when it must wait for another.
    """
    with build_lock(project, on_wait):
        _build_site(project)


def _build_site(project: Project) -> None:
    started = datetime.now(UTC)
    when = source_date_epoch() or datetime.now(UTC)
    config = read_config(project)
    info = build_info(project, config, is_offline=False, when=when)
    rendered = render_site(project, info)
    remove_killed_builds(project)
    with staging_dir(project.generated_dir) as docs, staging_dir(project.site_dir) as site:
        write_docs(project, rendered.files, docs)
        build_mkdocs(project, docs, site, rendered=rendered.pages)
        swap_in(docs, project.generated_dir)
        swap_in(site, project.site_dir)
    prune(project.cache_dir, (started - KEEP_UNUSED).timestamp())


def remove_killed_builds(project: Project) -> None:
    """Staging and old versions of docs and site a killed build left (under the build lock)."""
    remove_leftovers(project.generated_dir)
    remove_leftovers(project.site_dir)


@collector_paused()
def build_bundle(project: Project, on_wait: Callable[[], None] | None = None) -> Path:
    """Render and build the site for file:// in staging, zip it into dist/; touches nothing else.

    Without SOURCE_DATE_EPOCH the bundle is dated by its data, so a rebuild gives the same bytes.
    """
    with build_lock(project, on_wait):
        return _build_bundle(project)


def _build_bundle(project: Project) -> Path:
    started = datetime.now(UTC)
    config = read_config(project)
    data = check_data(project)
    data_date = data_iso_date(data.frame)
    when = source_date_epoch() or datetime.combine(data_date, time(tzinfo=UTC))
    info = build_info(project, config, is_offline=True, when=when)
    rendered = render_site(project, info, data)
    target = project.dist_dir / bundle_name(str(config["site_name"]), data_date)
    remove_killed_builds(project)
    with staging_dir(project.generated_dir) as docs, staging_dir(project.site_dir) as site:
        write_docs(project, rendered.files, docs)
        build_mkdocs(project, docs, site, offline_options(config), rendered.pages)
        bundle = write_bundle(site, target, when)
    prune(project.cache_dir, (started - KEEP_UNUSED).timestamp())
    return bundle
