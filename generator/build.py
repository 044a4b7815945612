"""The whole pipeline, top to bottom, one line per step."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from generator.cache import DirectoryCache, cached_map, prune
from generator.charts.export import chart_files, credit_line
from generator.checks import run_checks
from generator.dataset.load import load_dataset
from generator.dataset.problems import Problem, raise_for_errors
from generator.dataset.subset import only_province
from generator.dataset.types import Dataset
from generator.downloads import download_files
from generator.memory import collector_paused
from generator.pages.area import PAGE, area_page
from generator.pages.citation import citation_files
from generator.pages.dates import data_iso_date
from generator.pages.render import Page, renderer
from generator.pages.site import areas_with_pages, site_pages
from generator.progress import Stages, say
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
from generator.tables import FrameIndex, area_inputs, figures_frame, frame_rows, latest_measured


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


def check_data(
    project: Project, stages: Stages | None = None, province: str | None = None
) -> CheckedData:
    """Load and check the dataset (only `province`'s part, when given); raise DataError on any
    error, UnknownProvince for a slug that is no province."""
    cache = DirectoryCache(project.cache_dir / "data")
    dataset = say(stages, "load", load_dataset, project.data_dir, cache)
    if province is not None:
        dataset = only_province(dataset, province)
    findings = say(stages, "checks", run_checks, dataset)
    raise_for_errors(findings)
    return CheckedData(dataset, say(stages, "tidy", figures_frame, dataset), findings)


@dataclass(frozen=True)
class RenderedSite:
    """Every generated file by path under docs_dir, and the pages' HTML for MkDocs."""

    files: dict[str, str | bytes]
    pages: dict[str, Rendered]


# Fewer area pages than this are built in this process: starting workers costs seconds, and a
# page about 50 ms.
POOLED_PAGES = 64


def render_pages(
    data: CheckedData,
    info: BuildInfo,
    cache: MutableMapping[str, bytes] | None,
    stages: Stages | None = None,
) -> list[Page]:
    """Every page, rendered: the site's own here, area pages from their inputs, each read back
    from `cache` when its input is unchanged, the others across every core."""
    dataset, frame, findings = data.dataset, data.frame, data.findings
    render = renderer(info)
    specs = site_pages(dataset, FrameIndex(frame), findings, info)
    pages = say(stages, "site pages", lambda: [render.page(spec) for spec in specs])
    inputs = say(stages, "inputs", area_inputs, dataset, frame, findings, areas_with_pages(dataset))
    progress = stages.bar("area pages", len(inputs)) if stages else None
    area = functools.partial(area_page, info=info)
    made = lambda: cached_map(area, inputs, cache, PAGE, min_items=POOLED_PAGES, progress=progress)  # noqa: E731
    return pages + say(stages, "area pages", made)


def render_site(
    project: Project,
    info: BuildInfo,
    data: CheckedData | None = None,
    stages: Stages | None = None,
) -> RenderedSite:
    """Every generated file (pages, downloads, chart images, embeds) and the pages' HTML."""
    data = data or check_data(project, stages)
    dataset, cache = data.dataset, project.cache_dir
    pages = render_pages(data, info, DirectoryCache(cache / "pages"), stages)
    files: dict[str, str | bytes] = {page.path: page.markdown for page in pages}
    slugs = areas_with_pages(dataset)
    files.update(say(stages, "downloads", download_files, dataset, slugs))
    charts = [(chart, page.path) for page in pages for chart in page.charts]
    images = lambda: chart_files(  # noqa: E731
        charts,
        info.scripts,
        is_offline=info.is_offline,
        credit=credit_line(info.site_name, info.site_url),
        cache=DirectoryCache(cache / "charts"),
    )
    files.update(say(stages, "images", images))
    files.update(citation_files([page.citation for page in pages if page.citation]))
    rendered = {page.path: Rendered(page.html, page.search) for page in pages}
    return RenderedSite(files, rendered)


# A cache entry no build has used for this long is deleted after a successful build: a day, so
# that building the site and the bundle in turn still reuses what the other one made.
KEEP_UNUSED = timedelta(days=1)


@collector_paused()
def build_site(
    project: Project, on_wait: Callable[[], None] | None = None, stages: Stages | None = None
) -> None:
    """Render, build with MkDocs into staging, then swap docs and site in; failures touch nothing.

    One build of a project at a time: `on_wait()` is called when it must wait for another.
    """
    with build_lock(project, on_wait):
        when = source_date_epoch() or datetime.now(UTC)
        config = read_config(project)
        info = build_info(project, config, is_offline=False, when=when)

        def switch(docs: Path, site: Path) -> None:
            swap_in(docs, project.generated_dir)
            swap_in(site, project.site_dir)

        _built(project, info, check_data(project, stages), {}, switch, stages)


@collector_paused()
def build_bundle(
    project: Project,
    on_wait: Callable[[], None] | None = None,
    stages: Stages | None = None,
    province: str | None = None,
) -> Path:
    """Render and build the site for file:// in staging, zip it into dist/; touches nothing else.
    With `province`, the site of that province alone (dataset.subset.only_province).

    Without SOURCE_DATE_EPOCH the bundle is dated by its data, so a rebuild gives the same bytes.
    """
    with build_lock(project, on_wait):
        config = read_config(project)
        data = check_data(project, stages, province)
        data_date = data_iso_date(frame_rows(latest_measured(data.frame)))
        when = source_date_epoch() or datetime.combine(data_date, time(tzinfo=UTC))
        info = build_info(project, config, is_offline=True, when=when)
        target = project.dist_dir / bundle_name(str(config["site_name"]), data_date, province)
        zipped = lambda docs, site: write_bundle(site, target, when)  # noqa: E731
        return _built(project, info, data, offline_options(config), zipped, stages)


Done = TypeVar("Done")


def _built(
    project: Project,
    info: BuildInfo,
    data: CheckedData,
    options: Mapping[str, Any],
    finish: Callable[[Path, Path], Done],
    stages: Stages | None,
) -> Done:
    """Render, write docs and build the site in staging, then `finish(docs, site)` with them
    (the site: swap them in; the bundle: zip the site); staging never outlives the build."""
    started = datetime.now(UTC)
    rendered = render_site(project, info, data, stages)
    remove_killed_builds(project)
    with staging_dir(project.generated_dir) as docs, staging_dir(project.site_dir) as site:
        say(stages, "write", write_docs, project, rendered.files, docs)
        say(stages, "mkdocs", build_mkdocs, project, docs, site, options, rendered.pages)
        done = finish(docs, site)
    prune(project.cache_dir, (started - KEEP_UNUSED).timestamp())
    return done


def remove_killed_builds(project: Project) -> None:
    """Staging and old versions of docs and site a killed build left (under the build lock)."""
    remove_leftovers(project.generated_dir)
    remove_leftovers(project.site_dir)
