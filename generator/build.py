"""The whole pipeline, top to bottom, one line per step."""

from __future__ import annotations

from generator.charts.export import chart_files
from generator.checks import run_checks
from generator.dataset.load import load_dataset
from generator.dataset.problems import raise_for_errors
from generator.downloads import download_files
from generator.pages.assemble import all_pages
from generator.pages.render import make_environment, render_page
from generator.project import Project
from generator.site.mkdocs import build_mkdocs
from generator.site.write import staging_dir, swap_in, write_docs
from generator.tables import figures_frame


def render_site(project: Project) -> dict[str, str | bytes]:
    """Every generated file (pages, downloads, chart images, embeds), by path under docs_dir."""
    dataset = load_dataset(project.data_dir)
    findings = run_checks(dataset)
    raise_for_errors(findings)
    frame = figures_frame(dataset)
    env = make_environment()
    specs = list(all_pages(dataset, frame, findings))
    files: dict[str, str | bytes] = {p.path: render_page(env, p.template, p.context) for p in specs}
    files.update(download_files(dataset, frame))
    files.update(chart_files(chart for spec in specs for chart in spec.charts))
    return files


def build_site(project: Project) -> None:
    """Render, build with MkDocs into staging, then swap docs and site in; failures touch nothing."""
    pages = render_site(project)
    with staging_dir(project.generated_dir) as docs, staging_dir(project.site_dir) as site:
        write_docs(project, pages, docs)
        build_mkdocs(project, docs, site)
        swap_in(docs, project.generated_dir)
        swap_in(site, project.site_dir)
