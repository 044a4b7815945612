"""The site works under a sub-path, as GitHub Pages serves a project: https://OWNER.github.io/REPO/.

The shipped data is built with SITE_URL=http://127.0.0.1:PORT/cakupan/ into a folder named
`cakupan`, its parent is served with http.server, and every internal href and src of every page
(links, stylesheets, scripts, images, the search index and worker, the sitemap) must answer 200.
No browser: the pages are parsed with BeautifulSoup and fetched with urllib.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest
from bs4 import BeautifulSoup

from tests.conftest import make_project, serve_directory

pytestmark = pytest.mark.slow  # builds the site for a sub-path

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "/cakupan/"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's fallback, for local previews only
NOT_FETCHED = ("mailto:", "tel:", "javascript:", "data:")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """(site folder, its URL): the site built for, and served under, /cakupan/ on a free port."""
    public = tmp_path_factory.mktemp("public")
    with serve_directory(public) as origin:
        base = origin.rstrip("/") + PREFIX
        site = public / PREFIX.strip("/")
        project = make_project(tmp_path_factory.mktemp("project") / "repo")
        env = {
            **os.environ,
            "SITE_URL": base,
            "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
        }
        result = subprocess.run(
            [sys.executable, "-m", "generator", "build", "--site-dir", str(site)],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        yield site, base


def status(url: str, cache: dict[str, int]) -> int:
    if url not in cache:
        try:
            with urlopen(url, timeout=10) as response:
                response.read()
                cache[url] = response.status
        except HTTPError as error:
            error.close()
            cache[url] = error.code
    return cache[url]


def page_url(site: Path, base: str, html: Path) -> str:
    """Where a page is served; 404.html is what GitHub Pages answers for any missing path."""
    relative = html.relative_to(site).as_posix()
    if relative == "404.html":
        return urljoin(base, "tidak/ada/di/sini/")
    return urljoin(base, relative.removesuffix("index.html"))


def references(soup: BeautifulSoup) -> Iterator[str]:
    """Every href and src (and srcset candidate) in the page."""
    for tag in soup.find_all(True):
        for attribute in ("href", "src"):
            if (value := tag.get(attribute)) is not None:
                yield str(value).strip()
        for candidate in str(tag.get("srcset") or "").split(","):
            if candidate.strip():
                yield candidate.split()[0]


def search_urls(soup: BeautifulSoup, url: str) -> list[str]:
    """The search index and worker that Material's JavaScript loads, from the page's __config."""
    script = soup.find("script", id="__config")
    if script is None:  # a standalone embed page: no Material, no search
        return []
    config = json.loads(script.string)
    base = urljoin(url, config["base"].rstrip("/") + "/")
    return [urljoin(base, "search/search_index.json"), urljoin(url, config["search"])]


def test_site_url_gains_the_trailing_slash(monkeypatch: pytest.MonkeyPatch) -> None:
    # configure-pages' base_url has none: https://OWNER.github.io/REPO
    from mkdocs.config import load_config

    monkeypatch.setenv("SITE_URL", "https://owner.github.io/cakupan")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs"))
    assert config.site_url == "https://owner.github.io/cakupan/"


def test_site_url_comes_from_the_environment(served: tuple[Path, str]) -> None:
    site, base = served
    index = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.find("link", rel="canonical")["href"] == base
    texts = [p for p in sorted(site.rglob("*")) if p.suffix in {".html", ".xml", ".json"}]
    leaks = [
        path.relative_to(site).as_posix()
        for path in texts
        if DEFAULT_SITE_URL.encode() in path.read_bytes()
    ]
    assert not leaks, f"the preview address {DEFAULT_SITE_URL} is in {leaks}"


def test_every_internal_reference_resolves_under_the_sub_path(served: tuple[Path, str]) -> None:
    site, base = served
    origin = urlsplit(base).netloc
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    cache: dict[str, int] = {}
    broken: list[str] = []
    checked = 0
    for html in pages:
        url = page_url(site, base, html)
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        targets = [r for r in references(soup) if r and not r.lower().startswith(NOT_FETCHED)]
        resolved = [urldefrag(urljoin(url, target)).url for target in targets]
        resolved += search_urls(soup, url)
        for target in resolved:
            if urlsplit(target).netloc != origin:
                continue  # a source's own website: not ours to serve
            checked += 1
            where = f"{html.relative_to(site).as_posix()} → {target}"
            if not urlsplit(target).path.startswith(PREFIX):
                broken.append(f"{where} (outside {PREFIX})")
            elif (code := status(target, cache)) != 200:
                broken.append(f"{where} ({code})")
    assert checked > 100
    assert not broken, "\n".join(broken)


def test_sitemap_lists_pages_under_the_sub_path(served: tuple[Path, str]) -> None:
    # Material's instant navigation loads sitemap.xml from the site's base and only takes over
    # links to the addresses it lists.
    site, base = served
    cache: dict[str, int] = {}
    assert status(urljoin(base, "sitemap.xml"), cache) == 200
    assert status(urljoin(base, "sitemap.xml.gz"), cache) == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = ET.parse(site / "sitemap.xml")
    locations = [e.text or "" for e in sitemap.findall(".//s:loc", namespace)]
    assert len(locations) > 10
    assert all(loc.startswith(base) for loc in locations), locations
    assert {loc: status(loc, cache) for loc in locations} == dict.fromkeys(locations, 200)
