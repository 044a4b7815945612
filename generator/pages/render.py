"""The one render path: a page's template and context -> its Markdown -> its HTML.

Jinja2 renders Markdown, where every `{{ value }}` is escaped for Markdown unless the code
marked it safe; generator.pages.html converts it as MkDocs would. Every page, area pages in
worker processes and site pages here, goes through `Renderer.page`.
"""

from __future__ import annotations

import functools
import html
import posixpath
from dataclasses import dataclass
from typing import Any

import jinja2

from generator.cache import fingerprint
from generator.charts.block import ChartBlock
from generator.pages import filters
from generator.pages.citation import Citation
from generator.pages.filters import Markdown
from generator.pages.html import Converter, Html, body
from generator.project import BuildInfo


@dataclass(frozen=True)
class PageSpec:
    """A page to render: where it goes, its template and what the template reads."""

    path: str  # relative to docs_dir
    template: str
    context: dict[str, Any]
    charts: tuple[ChartBlock, ...] = ()
    citation: Citation | None = None
    search_template: str | None = None  # a short entry for search instead of the whole page


@dataclass(frozen=True)
class Page:
    """A rendered page: its Markdown (written to docs_dir), its HTML (handed to MkDocs), the
    charts it draws and how to cite it."""

    path: str
    markdown: str
    html: Html
    charts: tuple[ChartBlock, ...] = ()
    citation: Citation | None = None
    search: str | None = None  # the HTML search indexes instead of the whole page


def _finalize(value: Any) -> Any:
    if isinstance(value, Markdown | int | float):
        return value
    return filters.md_escape(value)


@functools.lru_cache(maxsize=1 << 14)  # a page links to the same few pages many times
def href(from_path: str, to_path: str) -> Markdown:
    """Relative link between two pages of docs_dir, keeping any #anchor."""
    path, _, anchor = to_path.partition("#")
    relative = (
        path if path == from_path else posixpath.relpath(path, posixpath.dirname(from_path) or ".")
    )
    if path == from_path:
        relative = posixpath.basename(path)
    return Markdown(f"{relative}#{anchor}" if anchor else relative)


def file_href(from_path: str, to_file: str, *, is_offline: bool) -> Markdown:
    """Relative URL of a generated file (not a page) from a page, for raw HTML, which MkDocs
    leaves as written: wilayah/x.md is wilayah/x/index.html online and wilayah/x.html offline."""
    page_dir, name = posixpath.split(from_path)
    if not is_offline and name != "index.md":
        page_dir = posixpath.join(page_dir, name.removesuffix(".md"))
    return Markdown(html.escape(posixpath.relpath(to_file, page_dir or "."), quote=True))


def make_environment(build: BuildInfo) -> jinja2.Environment:
    """The templates' environment; `build` (the canonical address, offline or not, the build
    date) is a global every template can read."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown, not HTML: escaping is `_finalize` and the filters below
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        angka=filters.angka,
        persen=filters.persen,
        tanggal=filters.tanggal,
        md=filters.md_escape,
        attr=filters.html_attribute,
        json_attr=filters.json_attribute,
        html_code=filters.html_code,
        yaml=filters.yaml_string,
        trusted=filters.Markdown,  # text the generator serialized itself (JSON, BibTeX, RIS)
    )
    env.globals["href"] = href
    env.globals["file_href"] = functools.partial(file_href, is_offline=build.is_offline)
    env.globals["build"] = build
    return env


class Renderer:
    """One Jinja environment and one Markdown converter for a build's pages."""

    def __init__(self, info: BuildInfo) -> None:
        self.info = info
        self.env = make_environment(info)
        self.converter = Converter(info.markdown)

    def markdown(self, template: str, context: dict[str, Any]) -> str:
        return self.env.get_template(template).render(**context)

    def page(self, spec: PageSpec) -> Page:
        markdown = self.markdown(spec.template, spec.context)
        is_offline = self.info.is_offline
        html = self.converter.convert(body(markdown), spec.path, is_offline=is_offline)
        search = None
        if spec.search_template:
            entry = self.markdown(spec.search_template, spec.context)
            search = self.converter.convert(entry, spec.path, is_offline=is_offline).content
        return Page(spec.path, markdown, html, spec.charts, spec.citation, search)


_renderers: dict[bytes, Renderer] = {}


def renderer(info: BuildInfo) -> Renderer:
    """This process's renderer for `info`: templates compile once a process, not once a page
    (Jinja still reloads a template whose file changed)."""
    key = fingerprint(info)
    if key not in _renderers:
        _renderers[key] = Renderer(info)
    return _renderers[key]
