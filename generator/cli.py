"""Command line: parse options, call one library function, print, exit."""

from __future__ import annotations

import errno
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from generator.dataset.problems import DataError, format_problem
from generator.project import Project

ROOT = Path(__file__).resolve().parents[1]

# What a disk answers when it cannot take the site: full, over quota, read-only, not ours.
DISK_REFUSALS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM})

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


def _error_text(error: Exception) -> str:
    """A user's mistake as they should read it: every located problem, or MkDocs' warnings."""
    from generator.dataset.subset import UnknownProvince
    from generator.site.serve import ServeError

    if isinstance(error, DataError):
        return "\n".join([*(format_problem(p) for p in error.problems), error.summary()])
    if isinstance(error, ServeError | UnknownProvince):
        return str(error)
    if isinstance(error, OSError):
        return f"{error.filename}: cannot write: {error.strerror}"
    return f"MkDocs build failed: {error}"


class _Stderr(logging.Handler):
    """Log lines to whatever stderr is when they are said (click swaps it in tests)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


def _stages() -> Any:
    """The build's stages, each said on stderr as MkDocs says its own steps."""
    from generator.progress import Stages

    logger = logging.getLogger("generator.progress")
    if not logger.handlers:
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return Stages(sys.stderr)


def _say_waiting() -> None:
    click.echo("Another build of this project is running; waiting for it to finish.", err=True)


def _abort(error: Exception) -> NoReturn:
    click.echo(_error_text(error), err=True)
    sys.exit(1)


@contextmanager
def _exit_on_user_error() -> Iterator[None]:
    """Bad data or a refused build: print it and exit 1, never a traceback. Bugs keep theirs."""
    from generator.dataset.subset import UnknownProvince
    from generator.site.mkdocs import BuildError
    from generator.site.serve import ServeError

    try:
        yield
    except (DataError, BuildError, ServeError, UnknownProvince) as error:
        _abort(error)
    except OSError as error:
        if error.errno not in DISK_REFUSALS:
            raise
        _abort(error)


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
    with _exit_on_user_error():
        dataset = load_dataset(project.data_dir)
        findings = run_checks(dataset)
    errors = [f for f in findings if f.is_error]
    if errors:
        _abort(DataError(errors))
    for finding in findings:
        click.echo(format_problem(finding))
    notes = sum(f.is_note for f in findings)
    warnings = len(findings) - notes
    click.echo(
        f"OK: {len(dataset.figures)} figures, {len(dataset.sources)} sources, "
        f"{len(dataset.regions)} regions, {len(dataset.offices)} offices; {notes} notes, "
        f"{warnings} warnings."
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

    project = _project(data_dir, site_dir)
    with _exit_on_user_error():
        build_site(project, _say_waiting, _stages())
    click.echo(f"Built {project.site_dir}")


@main.command()
@data_option
@click.option(
    "--province",
    metavar="SLUG",
    default=None,
    help="Bundle one province alone (its pages, offices, kabupaten/kota and downloads).",
)
def bundle(data_dir: Path | None, province: str | None) -> None:
    """Build the site to read offline (file://, no network) and zip it into dist/."""
    from generator.build import build_bundle

    project = _project(data_dir)
    with _exit_on_user_error():
        path = build_bundle(project, _say_waiting, _stages(), province)
    click.echo(f"Wrote {path}")


@main.command()
@data_option
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to serve on.",
)
def serve(data_dir: Path | None, port: int) -> None:
    """Build, serve on localhost, and rebuild when data/, docs/ or templates change."""
    from generator.build import build_site
    from generator.site.mkdocs import BuildError
    from generator.site.serve import open_server
    from generator.site.serve import serve as serve_site

    project = _project(data_dir)
    with _exit_on_user_error():  # a port in use is refused before the first build
        server = open_server(project, "127.0.0.1", port)

    def rebuild() -> None:
        try:
            build_site(project, _say_waiting, _stages())
            click.echo("Rebuilt.")
        except (DataError, BuildError) as error:
            click.echo(f"{_error_text(error)}\nStill serving the previous site.", err=True)

    rebuild()
    click.echo(f"Serving {project.site_dir} on http://127.0.0.1:{port}/ (Ctrl+C to stop)")
    serve_site(server, project, rebuild)


@main.command()
def schema() -> None:
    """Write data/schema.json from the dataset models."""
    from generator.site.write import write_schema

    path = write_schema(_project(None))
    click.echo(f"Wrote {path}")
