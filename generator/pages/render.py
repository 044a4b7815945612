"""Jinja2 rendering: every `{{ value }}` is escaped for Markdown unless the code marked it safe."""

from __future__ import annotations

import functools
import html
import posixpath
from typing import Any

import jinja2

from generator.pages import filters
from generator.pages.filters import Markdown
from generator.project import BuildInfo


def _finalize(value: Any) -> Any:
    if isinstance(value, Markdown | int | float):
        return value
    return filters.md_escape(value)


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


def render_page(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    return env.get_template(template).render(**context)
