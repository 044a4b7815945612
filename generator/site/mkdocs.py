"""Run MkDocs (strict) on a staged docs tree into a staged site directory."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.utils.yaml import yaml_load

from generator.project import Project

# iframe-worker's shim (MIT), vendored from npm's iframe-worker 1.0.4 (shim/index.js). From file://
# Chromium refuses `new Worker(...)`; the shim runs Material's search worker in an iframe instead.
# Material's offline plugin would otherwise add https://unpkg.com/iframe-worker/shim.
WORKER_SHIM = "assets/vendor/iframe-worker-1.0.4/shim.js"


class BuildError(Exception):
    """MkDocs refused the site (strict mode turns every warning into this)."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def read_config(project: Project) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (!ENV and INHERIT resolved), before validation."""
    with project.config_file.open("rb") as file:
        return yaml_load(file)


def site_url(config: Mapping[str, Any]) -> str:
    """The canonical address, with the trailing slash MkDocs adds."""
    url = str(config["site_url"])
    return url if url.endswith("/") else f"{url}/"


def offline_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """Overrides for a site read from file://: Material's offline plugin, its shim served locally.

    The plugin turns off directory URLs (links open index.html files) and inlines the search
    index as search/search_index.js, which a script tag can load where fetch() cannot.
    """
    plugins = config.get("plugins") or []
    added = {**plugins, "offline": {}} if isinstance(plugins, Mapping) else [*plugins, "offline"]
    extra = dict(config.get("extra") or {})
    # A polyfill naming iframe-worker keeps the plugin from adding its unpkg.com one.
    extra["polyfills"] = [*extra.get("polyfills", []), WORKER_SHIM]
    # No site_url: a page's canonical URL would name the .html path, which the web site lacks.
    return {"plugins": added, "extra": extra, "site_url": ""}


def build_mkdocs(
    project: Project, docs_dir: Path, site_dir: Path, options: Mapping[str, Any] | None = None
) -> None:
    """Build the site from docs_dir into site_dir; raise BuildError listing every warning.

    `options` override mkdocs.yml for this build only (offline_options for the bundle).
    """
    config = load_config(
        config_file=str(project.config_file),
        **(options or {}),
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
