"""Run MkDocs (strict) on a staged docs tree into a staged site directory.

The generator converts its own pages' Markdown to HTML where it builds them (generator.pages.
html); `_Prerendered`, a plugin added to this build only, hands MkDocs that HTML, its table of
contents, its anchors and its links, so MkDocs neither converts those pages again nor lets a
broken link through: it checks their links and anchors as strictly as its own pages'.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.yaml import yaml_load

from generator.pages.html import Html
from generator.project import MarkdownOptions, Project

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


def markdown_options(project: Project) -> MarkdownOptions:
    """The Markdown extensions MkDocs converts pages with, as it reads them from mkdocs.yml."""
    config = load_config(config_file=str(project.config_file), docs_dir=str(project.docs_dir))
    return MarkdownOptions(tuple(config.markdown_extensions), dict(config.mdx_configs or {}))


@dataclass(frozen=True)
class Rendered:
    """A page the generator converted: its HTML, and the short HTML search indexes instead of
    the whole page (None: the whole page)."""

    html: Html
    search: str | None = None


class _Prerendered(BasePlugin):  # type: ignore[type-arg]
    """Hands MkDocs the HTML of the pages the generator converted (by path under docs_dir)."""

    def __init__(self, pages: Mapping[str, Rendered]) -> None:
        super().__init__()
        self.pages = pages
        self.content: dict[str, str] = {}  # a page's HTML while search indexes its short entry

    def on_page_markdown(self, markdown: str, *, page: Page, **_: Any) -> str:
        return "" if page.file.src_uri in self.pages else markdown  # nothing left to convert

    def on_page_content(self, html: str, *, page: Page, files: Files, **_: Any) -> str:
        rendered = self.pages.get(page.file.src_uri)
        if rendered is None:
            return html
        page.toc = get_toc(rendered.html.toc)  # type: ignore[arg-type]
        page.present_anchor_ids = set(rendered.html.anchors)
        page.links_to_anchors = _links_to_anchors(page, rendered.html, files)
        if rendered.search is None:
            return rendered.html.content
        self.content[page.file.src_uri] = rendered.html.content
        return rendered.search

    @event_priority(-100)  # after the search plugin has indexed the short entry
    def on_page_context(self, context: Any, *, page: Page, **_: Any) -> Any:
        if page.file.src_uri in self.content:
            page.content = self.content.pop(page.file.src_uri)
        return context


def _links_to_anchors(page: Page, html: Html, files: Files) -> dict[Any, dict[str, str]]:
    """A page's links by target file, for MkDocs to check their anchors; a link to a file that
    is not in the site is a warning, which strict mode makes an error (as for its own pages)."""
    by_target: dict[Any, dict[str, str]] = {}
    for link in html.links:
        target = files.get_file_from_path(link.target)
        if target is None:
            logging.getLogger("mkdocs.generator").warning(
                "Doc file '%s' contains a link '%s', but the target '%s' is not found among "
                "documentation files.",
                page.file.src_uri, link.written, link.target,
            )  # fmt: skip
        elif link.anchor:
            by_target.setdefault(target, {}).setdefault(link.anchor, link.written)
    return by_target


def build_mkdocs(
    project: Project,
    docs_dir: Path,
    site_dir: Path,
    options: Mapping[str, Any] | None = None,
    rendered: Mapping[str, Rendered] | None = None,
) -> None:
    """Build the site from docs_dir into site_dir; raise BuildError listing every warning.

    `options` override mkdocs.yml for this build only (offline_options for the bundle);
    `rendered` are the pages the generator converted to HTML itself, by path under docs_dir.
    """
    config = load_config(
        config_file=str(project.config_file),
        **(options or {}),
        docs_dir=str(docs_dir),
        site_dir=str(site_dir),
        strict=True,
    )
    config.plugins["generator-pages"] = _Prerendered(rendered or {})
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
