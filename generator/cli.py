"""Command line: parse options, call one library function, print, exit."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.dataset.problems import DataError, format_problem
from generator.project import Project

ROOT = Path(__file__).resolve().parents[1]

data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Dataset directory (default: data/).",
)


def _project(data_dir: Path | None, site_dir: Path | None = None) -> Project:
    return Project.at(
        Path.cwd() if (Path.cwd() / "mkdocs.yml").exists() else ROOT, data_dir, site_dir
    )


def _abort(error: DataError) -> None:
    for problem in error.problems:
        click.echo(format_problem(problem), err=True)
    click.echo(error.summary(), err=True)
    sys.exit(1)


@click.group()
def main() -> None:
    """Cakupan BPJS Ketenagakerjaan: check the dataset, build and preview the site."""


@main.command()
@data_option
def check(data_dir: Path | None) -> None:
    """Validate the dataset and run the consistency checks."""
    from generator.checks import run_checks
    from generator.dataset.load import load_dataset

    project = _project(data_dir)
    try:
        dataset = load_dataset(project.data_dir)
        findings = run_checks(dataset)
    except DataError as error:
        _abort(error)
        return
    errors = [f for f in findings if f.is_error]
    if errors:
        _abort(DataError(errors))
    for finding in findings:
        click.echo(format_problem(finding))
    notes = len(findings)
    click.echo(
        f"OK: {len(dataset.figures)} figures, {len(dataset.sources)} sources, "
        f"{len(dataset.regions)} regions, {len(dataset.offices)} offices; {notes} notes."
    )


@main.command()
@data_option
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where to write the site (default: site/).",
)
def build(data_dir: Path | None, site_dir: Path | None) -> None:
    """Check the dataset, render the pages and build the site; a failure changes nothing."""
    from generator.build import build_site
    from generator.site.mkdocs import BuildError

    project = _project(data_dir, site_dir)
    try:
        build_site(project)
    except DataError as error:
        _abort(error)
    except BuildError as error:
        click.echo(f"MkDocs build failed: {error}", err=True)
        sys.exit(1)
    click.echo(f"Built {project.site_dir}")


@main.command()
@data_option
def bundle(data_dir: Path | None) -> None:
    """Build the site to read offline (file://, no network) and zip it into dist/."""
    from generator.build import build_bundle
    from generator.site.mkdocs import BuildError

    project = _project(data_dir)
    try:
        path = build_bundle(project)
    except DataError as error:
        _abort(error)
        return
    except BuildError as error:
        click.echo(f"MkDocs build failed: {error}", err=True)
        sys.exit(1)
    click.echo(f"Wrote {path}")


@main.command()
@data_option
@click.option("--port", default=8000, show_default=True, help="Port to serve on.")
def serve(data_dir: Path | None, port: int) -> None:
    """Build, serve on localhost, and rebuild when data/, docs/ or templates change."""
    from generator.build import build_site
    from generator.site.mkdocs import BuildError
    from generator.site.serve import serve as serve_site

    project = _project(data_dir)

    def rebuild() -> None:
        try:
            build_site(project)
            click.echo("Rebuilt.")
        except DataError as error:
            for problem in error.problems:
                click.echo(format_problem(problem), err=True)
            click.echo(f"{error.summary()} Still serving the previous site.", err=True)
        except BuildError as error:
            click.echo(f"MkDocs build failed: {error}\nStill serving the previous site.", err=True)

    rebuild()
    click.echo(f"Serving {project.site_dir} on http://127.0.0.1:{port}/ (Ctrl+C to stop)")
    serve_site(project, rebuild, "127.0.0.1", port)


@main.command()
def schema() -> None:
    """Write data/schema.json from the dataset models."""
    from generator.site.write import write_schema

    path = write_schema(_project(None))
    click.echo(f"Wrote {path}")
