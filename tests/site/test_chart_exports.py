"""Every chart as PNG and SVG with its title and source inside, and as a page to embed."""

from __future__ import annotations

import functools
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import render_site
from generator.pages.context import ChartBlock
from tests.conftest import CHART_STATES, CHARTS_SETTLED, TIMEOUT_MS, Watch


def _charts(site: Path) -> Iterator[tuple[Path, BeautifulSoup]]:
    """Each chart on each page: its page and the soup around it."""
    for page in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for chart in soup.select(".vega-chart"):
            yield page, chart


def _linked(page: Path, chart: BeautifulSoup, suffix: str) -> Path:
    link = chart.find_next("a", href=lambda h: h and h.endswith(suffix))
    return (page.parent / link["href"]).resolve()


def test_every_chart_has_a_png_and_an_svg_with_title_and_source(built_site: Path) -> None:
    charts = list(_charts(built_site))
    assert len(charts) >= 8
    for page, chart in charts:
        png = _linked(page, chart, ".png")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000, png
        svg = ET.parse(_linked(page, chart, ".svg"))
        text = " ".join(" ".join(node.itertext()) for node in svg.iter())
        title = chart.find_previous("h3").get_text(" ", strip=True).removesuffix("¶").strip()
        assert title.split()[0] in text and "Sumber:" in text, page
        sources = chart.find_next(class_="chart-source").get_text(" ", strip=True)
        assert sources.removeprefix("Sumber:").split(";")[0].strip().split(",")[0] in text


def test_every_chart_has_an_embed_page_and_its_code(built_site: Path) -> None:
    for page, chart in _charts(built_site):
        embed = _linked(page, chart, ".html")
        soup = BeautifulSoup(embed.read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one(".vega-chart")["data-spec"] == chart["data-spec"]
        assert soup.select_one("details table tbody tr"), embed
        for script in soup.find_all("script", src=True):
            assert not script["src"].startswith(("http", "//")), script["src"]
            assert (embed.parent / script["src"]).resolve().is_file(), script["src"]
        code = chart.find_next("details", class_="example").get_text()
        assert "<iframe src=" in code and embed.name in code


def test_embed_code_names_the_online_url_even_in_the_offline_build(tmp_path: Path) -> None:
    from datetime import date

    from generator.project import BuildInfo, Project
    from tests.conftest import FIXTURES, ROOT

    info = BuildInfo("Situs", "https://contoh.id/cakupan/", True, date(2025, 1, 1), ("a.js",))
    files = render_site(Project.at(ROOT, data_dir=FIXTURES / "mini"), info)
    page = str(files["wilayah/kota-blitar.md"])
    assert '<iframe src="https://contoh.id/cakupan/sematkan/kota-blitar--grafik-cakupan.html"' in page
    embed = bytes(files["sematkan/kota-blitar--grafik-cakupan.html"]).decode()
    assert 'href="../wilayah/kota-blitar.html#grafik-cakupan"' in embed  # file:// opens .html


def test_export_width_is_fixed_and_source_is_a_footer() -> None:
    from generator.charts.export import EXPORT_WIDTH, export_spec

    chart = ChartBlock("grafik-x", "Judul", {"mark": "bar", "width": "container", "title": "T",
                       "datasets": {}}, "ringkas", ("a",), (("1",),), (), "uji")  # fmt: skip
    spec = export_spec(chart)
    body, footer = spec["vconcat"]
    assert body["width"] == EXPORT_WIDTH and spec["background"] == "white"
    assert footer["encoding"]["text"]["value"] == ["Sumber:"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.browser
def test_embed_page_renders_its_chart_alone(browser, server: str, watch: Watch) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 600, "height": 500})
    page = context.new_page()
    page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))

    def route(r):  # type: ignore[no-untyped-def]
        if not r.request.url.startswith(server):
            watch.outside_requests.append(r.request.url)
            return r.abort()
        return r.continue_()

    page.route("**/*", route)
    page.goto(server + "sematkan/kota-blitar--grafik-cakupan.html")
    page.wait_for_function(CHARTS_SETTLED, timeout=TIMEOUT_MS)
    charts = page.evaluate(CHART_STATES)
    assert charts and all(c["rendered"] == "true" and c["svg"] for c in charts), charts
    context.close()
    watch.assert_clean()
