"""The whole pipeline, top to bottom, one line per step."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
from mkdocs.config.defaults import MkDocsConfig

from generator.charts.export import chart_files, credit_line
from generator.checks import run_checks
from generator.dataset.load import load_dataset
from generator.dataset.problems import Problem, raise_for_errors
from generator.dataset.types import Dataset
from generator.downloads import area_parts, download_files
from generator.memory import collector_paused
from generator.pages.assemble import (
    STORED_PAGE,
    PageSpec,
    all_pages,
    areas_with_pages,
    data_iso_date,
)
from generator.pages.citation import citation_files
from generator.pages.render import make_environment, render_page
from generator.project import BuildInfo, Project
from generator.reuse import FrameVersions, PageStore
from generator.site.bundle import bundle_name, write_bundle
from generator.site.cache import DirectoryCache, prune
from generator.site.lock import build_lock
from generator.site.mkdocs import build_mkdocs, offline_options, read_config, site_url
from generator.site.write import remove_leftovers, staging_dir, swap_in, write_docs
from generator.tables import FrameIndex, figures_frame


def source_date_epoch(environ: Mapping[str, str] = os.environ) -> datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time (MkDocs dates the sitemap by it too); None when unset."""
    value = environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(value), UTC) if value else None


def build_info(config: MkDocsConfig, *, is_offline: bool, when: datetime) -> BuildInfo:
    return BuildInfo(
        site_name=str(config["site_name"]),
        site_url=site_url(config),
        is_offline=is_offline,
        build_date=when.date(),
        scripts=tuple(str(script) for script in config["extra_javascript"]),
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


def rendered_pages(specs: list[PageSpec], info: BuildInfo) -> dict[str, str]:
    """Each page's Markdown: rendered where it was built (area pages), or here."""
    env = make_environment(info)
    return {
        spec.path: spec.markdown
        if spec.markdown is not None
        else render_page(env, spec.template, spec.context)
        for spec in specs
    }


def render_site(
    project: Project,
    info: BuildInfo,
    data: CheckedData | None = None,
    *,
    stopwatch: Callable[..., Any] = _untimed,
) -> dict[str, str | bytes]:
    """Every generated file (pages, downloads, chart images, embeds), by path under docs_dir.

    `stopwatch(name, function, *args)` runs each step; the benchmark passes one that times it.
    """
    step = stopwatch
    data = data or check_data(project)
    dataset, frame, findings = data.dataset, data.frame, data.findings
    cache = project.cache_dir
    versions = FrameVersions(FrameIndex(frame))  # each part of the frame hashed, for reuse
    store = PageStore(DirectoryCache(cache / "pages"), versions, STORED_PAGE)
    specs = step("specs", lambda: list(all_pages(dataset, versions.index, findings, info, store)))
    files: dict[str, str | bytes] = step("pages", rendered_pages, specs, info)
    slugs = areas_with_pages(dataset)
    downloads = DirectoryCache(cache / "downloads")
    parts = lambda: area_parts(dataset, versions, downloads)  # noqa: E731
    files.update(step("downloads", lambda: download_files(dataset, slugs, parts(), downloads)))
    charts = [(chart, spec.path) for spec in specs for chart in spec.charts]
    images = lambda: chart_files(  # noqa: E731
        charts,
        info.scripts,
        is_offline=info.is_offline,
        credit=credit_line(info.site_name, info.site_url),
        cache=DirectoryCache(cache / "charts"),
    )
    files.update(step("images", images))
    files.update(citation_files([spec.citation for spec in specs if spec.citation]))
    return files


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
    info = build_info(config, is_offline=False, when=when)
    pages = render_site(project, info)
    remove_killed_builds(project)
    with staging_dir(project.generated_dir) as docs, staging_dir(project.site_dir) as site:
        write_docs(project, pages, docs)
        build_mkdocs(project, docs, site)
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
    info = build_info(config, is_offline=True, when=when)
    pages = render_site(project, info, data)
    target = project.dist_dir / bundle_name(str(config["site_name"]), data_date)
    remove_killed_builds(project)
    with staging_dir(project.generated_dir) as docs, staging_dir(project.site_dir) as site:
        write_docs(project, pages, docs)
        build_mkdocs(project, docs, site, offline_options(config))
        bundle = write_bundle(site, target, when)
    prune(project.cache_dir, (started - KEEP_UNUSED).timestamp())
    return bundle
