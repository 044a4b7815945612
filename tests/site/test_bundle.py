"""The offline bundle: `python -m generator bundle` zips the site built to be read from file://.

The shipped data are bundled once per session, twice at once (two folders, two hash seeds), which
also gives the byte-for-byte comparison. The static tests read the unzipped files; the browser tests
(marker `browser`) open them over file:// in headless Chromium, with every request that is not for a
file aborted and recorded.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import pytest
from bs4 import BeautifulSoup

from generator.build import source_date_epoch
from generator.dataset.load import load_dataset
from generator.dataset.periods import period_label
from generator.pages.dates import data_iso_date
from generator.site import bundle as bundle_module
from generator.site.bundle import bundle_name, slugify, write_bundle
from generator.site.mkdocs import WORKER_SHIM, offline_options
from generator.tables import figures_frame, frame_rows
from tests.conftest import (
    ARTIFACTS,
    CHART_STATES,
    CHARTS_SETTLED,
    TIMEOUT_MS,
    Watch,
    make_project,
    serve_directory,
)
from tests.site.checkers import broken, not_allowed, run_linkchecker, run_vnu, vnu_allowlist

pytestmark = pytest.mark.slow  # builds the site and its offline bundle

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

ROOT = Path(__file__).resolve().parents[2]
SITE_NAME = "Cakupan BPJS Ketenagakerjaan"
SITE_URL = "https://example.github.io/cakupan/"
EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z

# Attributes through which a page makes the browser fetch something, by element.
FETCHING = {"src": None, "srcset": None, "poster": None, "data": {"object"}, "href": {"link"}}
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)|@import\s+["']([^"']+)""")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)  # http://, https://, //host
CDN = re.compile(r"fonts\.googleapis|fonts\.gstatic|cdn\.|unpkg")
URL_AROUND = re.compile(r"[\w.:/@-]*(?:fonts\.googleapis|fonts\.gstatic|cdn\.|unpkg)[\w./@-]*")
# Material's own script names two fallbacks on unpkg.com that it loads only when a page needs them,
# and none does: a ResizeObserver polyfill (every browser since 2020 has ResizeObserver) and mermaid
# (no page has a diagram). The browser tests below check that neither is ever requested.
MATERIAL_BUNDLE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
DORMANT_FALLBACKS = {
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
}


# --- building: two bundles at once ----------------------------------------------------------------


def _ignore(directory: str, names: list[str]) -> list[str]:
    top = Path(directory) == ROOT / "docs"
    return [n for n in names if n.startswith(".") or (top and n == "generated")]


def bundle_command(root: Path, hash_seed: str) -> subprocess.Popen[str]:
    """`python -m generator bundle` in `root`, without SOURCE_DATE_EPOCH: the data date it is."""
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env |= {
        "SITE_URL": SITE_URL,
        "PYTHONHASHSEED": hash_seed,
        "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "bundle"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@dataclass(frozen=True)
class Bundled:
    root: Path  # the project it was built in
    zip: Path
    stdout: str


@pytest.fixture(scope="session")
def two_bundles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Bundled, Bundled]:
    """The shipped data bundled twice at once: other folders, other file times, other hash seeds."""
    first = make_project(tmp_path_factory.mktemp("bundle") / "cakupan")
    second = make_project(tmp_path_factory.mktemp("bundle") / "salinan-lain")
    for path in second.rglob("*"):  # a fresh checkout: every file with another mtime
        os.utime(path, (EPOCH, EPOCH))
    processes = [bundle_command(first, "1"), bundle_command(second, "2")]
    results = [
        (root, *p.communicate(timeout=300), p.returncode)
        for root, p in zip((first, second), processes, strict=True)
    ]
    bundles = []
    for root, stdout, stderr, returncode in results:
        assert returncode == 0, stdout + stderr
        (zip_path,) = (root / "dist").iterdir()
        bundles.append(Bundled(root, zip_path, stdout))
    return bundles[0], bundles[1]


@pytest.fixture(scope="session")
def bundle(two_bundles: tuple[Bundled, Bundled], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first bundle, unzipped as a reader would; returns its one folder."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(two_bundles[0].zip) as archive:
        archive.extractall(target)
    (folder,) = target.iterdir()
    return folder


@cache
def shipped_data_date() -> date:
    return data_iso_date(frame_rows(figures_frame(load_dataset(ROOT / "data"))))


# --- the zip itself -------------------------------------------------------------------------------


def test_the_bundle_is_named_after_the_site_and_its_data_date(
    two_bundles: tuple[Bundled, Bundled],
) -> None:
    zip_path = two_bundles[0].zip
    assert zip_path.name == f"cakupan-bpjs-ketenagakerjaan-{shipped_data_date().isoformat()}.zip"
    assert zip_path.parent == two_bundles[0].root / "dist"
    assert two_bundles[0].stdout.strip() == f"Wrote {zip_path}"


def test_two_bundles_are_byte_identical(two_bundles: tuple[Bundled, Bundled]) -> None:
    first, second = (b.zip.read_bytes() for b in two_bundles)
    assert len(first) > 100_000, "a suspiciously small bundle"
    assert first == second


def test_entries_are_sorted_files_in_one_folder_with_one_time_and_mode(
    two_bundles: tuple[Bundled, Bundled],
) -> None:
    zip_path = two_bundles[0].zip
    with zipfile.ZipFile(zip_path) as archive:
        entries = archive.infolist()
    names = [e.filename for e in entries]
    assert names == sorted(names)
    assert all(n.startswith(f"{zip_path.stem}/") and not n.endswith("/") for n in names)
    # Without SOURCE_DATE_EPOCH, every entry is dated at midnight of the data date.
    midnight = datetime.combine(shipped_data_date(), time()).timetuple()[:6]
    assert {e.date_time for e in entries} == {midnight}
    assert {e.external_attr >> 16 for e in entries} == {0o100644}
    assert {(e.create_system, e.compress_type) for e in entries} == {(3, zipfile.ZIP_DEFLATED)}
    assert oct(zip_path.stat().st_mode & 0o777) == oct(0o644)


def test_bundling_touches_nothing_but_dist(two_bundles: tuple[Bundled, Bundled]) -> None:
    root = two_bundles[0].root
    names = sorted(p.name for p in root.iterdir())
    # no site/, no .site~*; .cache holds chart images by content hash, reused by every build;
    # .build.lock lets one build of the project run at a time
    assert names == [".build.lock", ".cache", "data", "dist", "docs", "mkdocs.yml", "overrides"]
    assert not (root / "docs" / "generated").exists()
    assert [p.name for p in (root / "docs").iterdir() if p.name.startswith(".")] == []
    assert [p.name for p in (root / "dist").iterdir()] == [two_bundles[0].zip.name]


# --- nothing leaves the bundle --------------------------------------------------------------------


def bundle_files(folder: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in suffixes)


def area_pages(bundle: Path) -> list[Path]:
    """The home page and every region and office page."""
    areas = [
        p
        for folder in ("wilayah", "kantor-cabang")
        for p in sorted((bundle / folder).glob("*.html"))
    ]
    return [bundle / "index.html", *(p for p in areas if p.name != "index.html")]


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def css_urls(text: str) -> Iterator[str]:
    for match in CSS_URL.finditer(text):
        yield next(group for group in match.groups() if group is not None)


def fetched_urls(page: Path) -> Iterator[str]:
    """Every URL the page makes the browser fetch: src, srcset, link href, object data, CSS url()."""
    html = soup(page)
    for element in html.find_all(True):
        for attribute, elements in FETCHING.items():
            value = element.get(attribute)
            if value is None or (elements is not None and element.name not in elements):
                continue
            if attribute == "srcset":
                yield from (part.split()[0] for part in str(value).split(",") if part.strip())
            else:
                yield str(value)
        yield from css_urls(str(element.get("style", "")))
    for style in html.find_all("style"):
        yield from css_urls(style.get_text())


def outside(folder: Path, base: Path, url: str) -> str | None:
    """Why `url`, read in the file `base`, is not a file inside `folder`; None when it is."""
    if url.startswith(("data:", "#")) or not url:
        return None
    if EXTERNAL.match(url):
        return "outside the bundle"
    parts = urlsplit(url)
    if parts.scheme == "file":
        target = Path(url2pathname(parts.path))
    elif parts.scheme:
        return f"scheme {parts.scheme}:"
    else:
        target = base.parent / unquote(parts.path)
    target = target.resolve()
    if not target.is_relative_to(folder.resolve()):
        return "outside the bundle folder"
    return None if target.is_file() else "missing from the bundle"


def test_every_fetched_url_is_a_file_in_the_bundle(bundle: Path) -> None:
    problems = []
    for page in bundle_files(bundle, ".html"):
        problems += [
            (page.relative_to(bundle).as_posix(), url, why)
            for url in fetched_urls(page)
            if (why := outside(bundle, page, url))
        ]
    for sheet in bundle_files(bundle, ".css"):
        urls = css_urls(sheet.read_text(encoding="utf-8"))
        problems += [
            (sheet.relative_to(bundle).as_posix(), url, why)
            for url in urls
            if (why := outside(bundle, sheet, url))
        ]
    assert problems == []


def material_pages(bundle: Path) -> list[Path]:
    """Pages Material rendered (not redirect stubs or standalone embeds): they carry its config."""
    return [p for p in bundle_files(bundle, ".html") if soup(p).find("script", id="__config")]


def test_material_finds_its_worker_and_search_index_in_the_bundle(bundle: Path) -> None:
    assert len(material_pages(bundle)) > 10
    for page in material_pages(bundle):
        config = json.loads(soup(page).find("script", id="__config").string)
        worker = (page.parent / config["search"]).resolve()
        assert worker.is_file() and worker.is_relative_to(bundle.resolve()), page
        index = page.parent / config["base"] / "search" / "search_index.js"
        assert index.read_text(encoding="utf-8").startswith("var __index = "), page


def test_every_page_loads_the_worker_shim_from_the_bundle(bundle: Path) -> None:
    vendored = (ROOT / "docs" / WORKER_SHIM).read_bytes()
    assert b"IFrameWorker" in vendored
    for page in material_pages(bundle):
        scripts = [s["src"] for s in soup(page).find_all("script", src=True)]
        shims = [s for s in scripts if "iframe-worker" in s]
        assert len(shims) == 1 and not EXTERNAL.match(shims[0]), (page, shims)
        assert (page.parent / shims[0]).read_bytes() == vendored
        # Before Material's own script, which creates the search worker.
        assert scripts.index(shims[0]) < next(i for i, s in enumerate(scripts) if "bundle." in s)


def external_values(page: Path) -> Iterator[tuple[str, str, str]]:
    """(element, attribute, value) for every attribute that names another host (xmlns aside)."""
    for element in soup(page).find_all(True):
        for attribute, value in element.attrs.items():
            values = value if isinstance(value, list) else [value]
            for item in values:
                if not attribute.startswith("xmlns") and EXTERNAL.match(str(item)):
                    yield element.name, attribute, str(item)


def test_other_hosts_appear_only_in_links_and_metadata(bundle: Path) -> None:
    found = {v for page in bundle_files(bundle, ".html") for v in external_values(page)}
    unexpected = sorted(v for v in found if v[:2] not in {("a", "href"), ("meta", "content")})
    assert unexpected == [], "another host in an attribute that is neither a link nor metadata"
    links = sorted({url for element, _, url in found if element == "a"})
    print("Links to other sites, opened only when a reader clicks one:", *links, sep="\n  ")
    assert "https://squidfunk.github.io/mkdocs-material/" in links  # the footer's credit
    # <meta content> (og:url, og:image) names the online site for whoever shares a page: not fetched.
    assert all(url.startswith(SITE_URL) for element, _, url in found if element == "meta")


def link_problem(bundle: Path, page: Path, href: str) -> str | None:
    if EXTERNAL.match(href) or href.startswith(("#", "mailto:")):
        return None
    if urlsplit(href).path.endswith("/"):
        return "a folder: from file:// a browser lists it instead of opening its index.html"
    return outside(bundle, page, href)


def links(page: Path) -> Iterator[str]:
    """Where the page's links go, and where a redirect stub (meta refresh) sends the reader."""
    html = soup(page)
    yield from (str(a["href"]) for a in html.find_all("a", href=True))
    for refresh in html.find_all("meta", attrs={"http-equiv": "refresh"}):
        yield str(refresh["content"]).partition("url=")[2]


def test_every_internal_link_opens_a_file_not_a_folder(bundle: Path) -> None:
    broken = [
        (page.relative_to(bundle).as_posix(), href, why)
        for page in bundle_files(bundle, ".html")
        for href in links(page)
        if (why := link_problem(bundle, page, href))
    ]
    assert broken == []


def test_every_bundle_page_is_valid_html_but_for_the_allowlist(bundle: Path) -> None:
    pages = bundle_files(bundle, ".html")
    assert len(pages) > 20
    assert not_allowed(run_vnu(pages), vnu_allowlist()) == []


def test_linkchecker_finds_no_broken_link_or_anchor_in_the_bundle(bundle: Path) -> None:
    # Over HTTP: LinkChecker run as root reads files as `nobody`, who cannot enter pytest's
    # private temporary folders. The file:// specifics are checked above (no folder links).
    with serve_directory(bundle) as origin:
        checked = run_linkchecker(origin + "index.html")
    pages = {c.url.partition("#")[0] for c in checked if c.url.endswith(".html")}
    assert len(pages) > 20, "followed suspiciously few links"
    assert broken(checked) == []


def test_no_script_or_style_names_a_font_service_or_cdn(bundle: Path) -> None:
    found = set()
    for path in bundle_files(bundle, ".js", ".css", ".html"):
        text = path.read_text(encoding="utf-8", errors="replace")
        if CDN.search(text):
            found |= {
                (path.relative_to(bundle).as_posix(), url) for url in URL_AROUND.findall(text)
            }
    dormant = {
        (name, url)
        for name, url in found
        if MATERIAL_BUNDLE.match(name) and url in DORMANT_FALLBACKS
    }
    assert found - dormant == set()


def test_the_search_index_and_pages_are_html_files(bundle: Path) -> None:
    pages = {p.relative_to(bundle).as_posix() for p in bundle_files(bundle, ".html")}
    assert {
        "index.html",
        "wilayah/index.html",
        "wilayah/kota-blitar.html",
        "kantor-cabang/kantor-cabang-blitar.html",
    } <= pages
    assert "404.html" not in pages  # only a web server shows it
    assert not (bundle / "sitemap.xml").exists()


def test_the_citation_names_the_online_page_and_the_bundle_date(bundle: Path) -> None:
    bundle_day = period_label(
        shipped_data_date().isoformat()
    )  # no SOURCE_DATE_EPOCH: the data date
    pages = area_pages(bundle)[1:]
    for path in pages:
        online = SITE_URL + path.relative_to(bundle).with_suffix("").as_posix() + "/"
        citation = soup(path).select_one("#kutipan-teks")
        assert citation is not None, path
        text = " ".join(citation.get_text().split())
        assert online in text and bundle_day in text, text


# --- the parts, on small inputs -------------------------------------------------------------------


def test_slug_and_name() -> None:
    assert slugify(SITE_NAME) == "cakupan-bpjs-ketenagakerjaan"
    assert slugify("  Cakupan: Jawa Timur — 2025! ") == "cakupan-jawa-timur-2025"
    assert (
        bundle_name(SITE_NAME, date(2025, 4, 14)) == "cakupan-bpjs-ketenagakerjaan-2025-04-14.zip"
    )
    assert (
        bundle_name(SITE_NAME, date(2025, 4, 14), "jawa-timur")
        == "cakupan-bpjs-ketenagakerjaan-jawa-timur-2025-04-14.zip"
    )


def test_source_date_epoch_is_read_as_utc() -> None:
    assert source_date_epoch({"SOURCE_DATE_EPOCH": str(EPOCH)}) == datetime(
        2023, 11, 14, 22, 13, 20, tzinfo=UTC
    )
    assert source_date_epoch({}) is None


def test_offline_options_add_the_plugin_and_the_local_shim() -> None:
    options = offline_options({"plugins": ["search"], "extra": {"polyfills": ["a.js"], "x": 1}})
    assert options == {
        "plugins": ["search", "offline"],
        "extra": {"polyfills": ["a.js", WORKER_SHIM], "x": 1},
        "site_url": "",
    }
    assert offline_options({"plugins": {"search": {}}})["plugins"] == {"search": {}, "offline": {}}


def make_site(folder: Path, order: list[str], mode: int, mtime: int) -> Path:
    for name in order:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"isi {name}\n", encoding="utf-8")
        path.chmod(mode)
        os.utime(path, (mtime, mtime))
    return folder


def test_the_same_files_zip_to_the_same_bytes(tmp_path: Path) -> None:
    names = ["index.html", "wilayah/kota-blitar.html", "assets/a.css", "404.html", "sitemap.xml"]
    first = make_site(tmp_path / "a", names, 0o600, EPOCH)
    second = make_site(tmp_path / "b", names[::-1], 0o755, EPOCH + 86_400)
    when = datetime.fromtimestamp(EPOCH, UTC)
    zips = [
        write_bundle(site, tmp_path / out / "situs.zip", when)
        for site, out in ((first, "x"), (second, "y"))
    ]
    assert zips[0].read_bytes() == zips[1].read_bytes()
    with zipfile.ZipFile(zips[0]) as archive:
        assert archive.namelist() == [
            "situs/assets/a.css",
            "situs/index.html",
            "situs/wilayah/kota-blitar.html",
        ]
        assert {e.date_time for e in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_a_failed_zip_leaves_the_previous_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site", ["index.html"], 0o644, EPOCH)
    target = tmp_path / "dist" / "situs.zip"
    target.parent.mkdir()
    target.write_bytes(b"the previous bundle")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(bundle_module, "write_zip", fail)
    with pytest.raises(OSError, match="disk full"):
        write_bundle(site, target, datetime.fromtimestamp(EPOCH, UTC))
    assert target.read_bytes() == b"the previous bundle"
    assert [p.name for p in target.parent.iterdir()] == ["situs.zip"]


# --- in a browser, over file:// -------------------------------------------------------------------


@pytest.fixture
def offline_page(browser: Browser, watch: Watch) -> Iterator[Page]:
    """A page in a fresh context where every request but file: is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            watch.outside_requests.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and watch.console_errors.append(m.text))
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
    yield page
    context.close()


@pytest.mark.browser
def test_every_chart_draws_from_file_urls(bundle: Path, offline_page: Page, watch: Watch) -> None:
    page = offline_page
    drawn = 0
    for path in area_pages(bundle):
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function(CHARTS_SETTLED, timeout=TIMEOUT_MS)
        charts = page.evaluate(CHART_STATES)
        assert all(c["rendered"] == "true" and c["drawn"] for c in charts), (path.name, charts)
        # The build's pictures, as over http: nothing a file:// page cannot load.
        assert all(c["mode"] == "static" and c["drawn"] == "img" for c in charts), charts
        drawn += len(charts)
    assert len(area_pages(bundle)) > 5 and drawn > 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "bundle-last-area.png"), full_page=True)
    watch.assert_clean()


@pytest.mark.browser
def test_navigation_opens_html_files(bundle: Path, offline_page: Page, watch: Watch) -> None:
    page = offline_page
    page.goto((bundle / "index.html").as_uri(), wait_until="load")
    nav = page.locator(".md-sidebar--primary a.md-nav__link")
    nav.filter(has_text=re.compile(r"^\s*Wilayah\s*$")).first.click()
    page.wait_for_url(re.compile(r"/wilayah/index\.html$"))
    page.locator("article a", has_text=re.compile(r"^Kota Blitar$")).first.click()
    page.wait_for_url(re.compile(r"/wilayah/kota-blitar\.html$"))
    page.locator("article h1", has_text="Kota Blitar").wait_for()
    watch.assert_clean()


@pytest.mark.browser
def test_search_finds_blitar_from_file_urls(bundle: Path, offline_page: Page, watch: Watch) -> None:
    page = offline_page
    page.goto((bundle / "index.html").as_uri(), wait_until="load")
    query = page.locator("input[data-md-component=search-query]")
    query.click()
    query.press_sequentially("Blitar", delay=30)  # Material searches on key events, not on fill()
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert results.count() > 0
    assert "Blitar" in results.first.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "bundle-search-blitar.png"))
    watch.assert_clean()


DOWNLOAD_LINKS = ('a[href$=".csv"]', 'a[href$=".json"]', 'a[href$=".bib"]', 'a[href$=".ris"]')


def first_download(bundle: Path) -> tuple[Path, str] | None:
    """A page and a selector for a download link on it: a CSV if any page has one."""
    for selector in DOWNLOAD_LINKS:
        for page in bundle_files(bundle, ".html"):
            if soup(page).select_one(f"article {selector}"):
                return page, f"article {selector}"
    return None


@pytest.mark.browser
def test_a_download_link_opens_a_file_in_the_bundle(
    bundle: Path, offline_page: Page, watch: Watch
) -> None:
    found = first_download(bundle)
    if found is None:
        pytest.skip("no page links a download (CSV, JSON, BibTeX or RIS) yet")
    path, selector = found
    page = offline_page
    page.goto(path.as_uri(), wait_until="load")
    href = page.locator(selector).first.evaluate("(a) => a.href")
    assert href.startswith("file:"), href
    target = Path(url2pathname(urlsplit(href).path)).resolve()
    assert target.is_file() and target.is_relative_to(bundle.resolve()), href
    assert target.suffix != ".html"
    watch.assert_clean()
