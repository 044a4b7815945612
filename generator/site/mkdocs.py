"""Run MkDocs (strict) on a staged docs tree into a staged site directory."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.project import Project


class BuildError(Exception):
    """MkDocs refused the site (strict mode turns every warning into this)."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_mkdocs(project: Project, docs_dir: Path, site_dir: Path) -> None:
    """Build the site from docs_dir into site_dir; raise BuildError listing every warning."""
    config = load_config(
        config_file=str(project.config_file),
        docs_dir=str(docs_dir),
        site_dir=str(site_dir),
        strict=True,
    )
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        build(config)
    except Abort as error:
        details = "\n".join(f"  {message}" for message in collector.messages)
        raise BuildError(f"{error}\n{details}".rstrip()) from None
    finally:
        logger.removeHandler(collector)
