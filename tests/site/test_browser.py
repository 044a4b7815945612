"""The built shipped site in headless Chromium: charts draw, instant navigation keeps them
drawing, phones get no sideways scroll, and nothing is fetched from outside the site.

Screenshots go to test-artifacts/ (gitignored) for humans to look at.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, CHART_STATES, CHARTS_SETTLED, TIMEOUT_MS, Watch

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def server(site_builder: Callable[..., Path]) -> Iterator[str]:
    """The shipped data/ built for, and served from, http://127.0.0.1:<free port>/.

    Material's instant navigation only intercepts links found in sitemap.xml, whose URLs keep
    site_url's port: so the port is chosen first and the site built with SITE_URL on it.
    """
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _QuietHandler)  # binds the port; not serving yet
    origin = f"http://127.0.0.1:{httpd.server_address[1]}/"
    site = site_builder("served", ROOT / "data", site_url=origin)
    httpd.RequestHandlerClass = functools.partial(_QuietHandler, directory=str(site))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield origin
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


OpenPage = Callable[..., playwright_api.Page]


@pytest.fixture
def open_page(browser: playwright_api.Browser, server: str, watch: Watch) -> Iterator[OpenPage]:
    """open_page(path, width=1280, height=900): a fresh context with outside requests aborted."""
    contexts: list[playwright_api.BrowserContext] = []

    def route(route: playwright_api.Route) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            watch.outside_requests.append(route.request.url)
            route.abort()

    def open_(path: str, width: int = 1280, height: int = 900) -> playwright_api.Page:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and watch.console_errors.append(m.text))
        page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
        page.goto(server + path, wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()


def wait_for_charts(page: playwright_api.Page) -> list[dict[str, object]]:
    page.wait_for_function(CHARTS_SETTLED, timeout=TIMEOUT_MS)
    charts = page.evaluate(CHART_STATES)
    assert charts and all(c["rendered"] == "true" and c["svg"] for c in charts), charts
    return charts


def screenshot(page: playwright_api.Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_charts_render_and_survive_instant_navigation(open_page: OpenPage, watch: Watch) -> None:
    page = open_page("wilayah/kota-blitar/")
    page.locator("article h1", has_text="Kota Blitar").wait_for()
    wait_for_charts(page)
    screenshot(page, "kota-blitar-1280")

    page.evaluate("window.__marker = 1")
    link = page.locator("article a").filter(has_text=re.compile(r"^Kantor Cabang Blitar$")).first
    link.click()
    page.wait_for_url(re.compile(r"/kantor-cabang/kantor-cabang-blitar/$"))
    page.locator("article h1", has_text="Kantor Cabang Blitar").wait_for()
    assert page.evaluate("window.__marker") == 1, "a full reload, not instant navigation"
    wait_for_charts(page)
    screenshot(page, "kantor-cabang-blitar-1280")
    watch.assert_clean()


@pytest.mark.parametrize(
    "path",
    [
        "wilayah/kota-blitar/",
        "wilayah/kabupaten-blitar/",
        "kantor-cabang/kantor-cabang-blitar/",
        "",
    ],
)
def test_phone_width_has_no_sideways_scroll(open_page: OpenPage, watch: Watch, path: str) -> None:
    page = open_page(path, width=360, height=800)
    charts = wait_for_charts(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert all(c["width"] <= 360 for c in charts), charts
    screenshot(page, f"{path.strip('/').replace('/', '-') or 'beranda'}-360")
    watch.assert_clean()
