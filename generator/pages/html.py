"""A page's Markdown as HTML, converted as MkDocs would convert it, where the page is built.

The same Python-Markdown extensions as mkdocs.yml (`MarkdownOptions`, read by generator.site),
the same link rewriting (a link to `../sumber.md#x` becomes `../../sumber/#x` online and
`../sumber.html#x` offline) and the same table of contents. Links are only rewritten here;
which of them resolve is for the site build to decide, once every file is known
(generator.site.mkdocs checks every one, as MkDocs' strict mode does for its own pages).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit
from xml.etree import ElementTree

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from generator.project import MarkdownOptions
from generator.urls import file_url, relative_url

# An element's id, or an <a name>: what a link's #anchor may point to (MkDocs collects both).
_ANCHOR = re.compile(r'<[a-zA-Z][^>]*?\s(?:id|name)="([^"]+)"')


@dataclass(frozen=True)
class Link:
    """A link of a page to a file of the site: its path under docs_dir, an #anchor, and the
    link as the Markdown wrote it (for messages)."""

    target: str
    anchor: str
    written: str


@dataclass(frozen=True)
class Html:
    """A page's body as HTML, with what MkDocs would have learnt from converting it."""

    content: str
    toc: list[dict[str, Any]]  # Python-Markdown's toc_tokens
    anchors: tuple[str, ...]  # ids a link may point to, sorted (a cache entry keeps them)
    links: tuple[Link, ...]  # links to files of the site, the page itself included


class _Links(Treeprocessor):  # type: ignore[misc]  # Markdown has no types
    """Rewrites each relative link of a page to the URL of its target, noting the target."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.start("", is_offline=False)

    def start(self, page: str, *, is_offline: bool) -> None:
        """Rewrite the links of `page` next (a page links to the same few targets many times:
        each is worked out once)."""
        self.page, self.is_offline = page, is_offline
        self.links: list[Link] = []
        self._seen: dict[str, tuple[str, Link | None]] = {}

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            key = {"a": "href", "img": "src"}.get(element.tag)
            if key and (url := element.get(key)) is not None:
                if url not in self._seen:
                    self._seen[url] = self._rewritten(url)
                rewritten, link = self._seen[url]
                if link is not None:
                    self.links.append(link)
                element.set(key, rewritten)

    def _rewritten(self, url: str) -> tuple[str, Link | None]:
        """The URL as the site links it, and the file of the site it links to, if any."""
        scheme, netloc, path, query, anchor = urlsplit(url)
        if scheme or netloc or url.startswith(("/", "\\")) or AMP_SUBSTITUTE in url:
            return url, None  # external, absolute (strict MkDocs refuses those itself) or an e-mail
        if not path:
            return url, Link(self.page, anchor, url) if anchor else None
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), unquote(path)))
        here = file_url(self.page, is_offline=self.is_offline)
        relative = relative_url(file_url(target, is_offline=self.is_offline), here)
        return urlunsplit(("", "", relative, query, anchor)), Link(target, anchor, url)


class Converter:
    """Converts pages one after another with one Markdown instance (reset between pages)."""

    def __init__(self, options: MarkdownOptions) -> None:
        self._md = markdown.Markdown(
            extensions=list(options.extensions), extension_configs=options.configs
        )
        self._links = _Links(self._md)
        self._md.treeprocessors.register(self._links, "generator_links", 0)  # as MkDocs' relpath

    def convert(self, text: str, page: str, *, is_offline: bool) -> Html:
        """`text` (a page's body, without front matter) of the page `page` (under docs_dir)."""
        self._md.reset()
        self._links.start(page, is_offline=is_offline)
        content = self._md.convert(text)
        toc = list(getattr(self._md, "toc_tokens", []))
        anchors = tuple(sorted(set(_ANCHOR.findall(content))))
        return Html(content, toc, anchors, tuple(self._links.links))


# MkDocs' own pattern (mkdocs.utils.meta.YAML_RE) for the front matter it strips.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


def body(page_markdown: str) -> str:
    """A page's Markdown without its YAML front matter, as MkDocs hands it to Markdown."""
    match = FRONT_MATTER.match(page_markdown)
    return page_markdown[match.end() :].lstrip("\n") if match else page_markdown
