"""Every chart as PNG and SVG with its title and source inside, and as a page to embed."""

from __future__ import annotations

import copy
import functools
import json
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import render_site
from generator.charts import style
from generator.pages.context import ChartBlock
from tests.conftest import CHART_STATES, CHARTS_SETTLED, TIMEOUT_MS, Watch

# The bottoms of the embed's drawing and of its credit line, and the window's height.
EMBED_LAYOUT = """() => {
  const drawing = document.querySelector('.vega-chart img, .vega-chart svg.marks');
  const credit = document.querySelector('p.embed-credit');
  return {drawing: drawing.getBoundingClientRect().bottom, width: drawing.getBoundingClientRect().width,
    credit: credit.getBoundingClientRect().bottom, window: window.innerHeight};
}"""
IFRAME_HEIGHT = re.compile(r'<iframe src="[^"]*/sematkan/([^"/]+)"[^>]* height="(\d+)"')
TRANSLATE = re.compile(r"translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)\s*\)")


def _charts(site: Path) -> Iterator[tuple[Path, BeautifulSoup]]:
    """Each chart on each page: its page and the soup around it."""
    for page in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for chart in soup.select(".vega-chart"):
            yield page, chart


def _linked(page: Path, chart: BeautifulSoup, suffix: str) -> Path:
    link = chart.find_next("a", href=lambda h: h and h.endswith(suffix))
    return (page.parent / link["href"]).resolve()


def _words(text: str) -> str:
    return " ".join(text.split())


def _heading(chart: BeautifulSoup) -> str:
    """The chart's h3 without MkDocs' permalink."""
    heading = copy.copy(chart.find_previous("h3"))
    for link in heading.select("a.headerlink"):
        link.decompose()
    return _words(heading.get_text(" "))


def _svg_texts(node: ET.Element, dy: float = 0.0) -> Iterator[tuple[str, float]]:
    """(text, y on the image) for each text of an SVG, following translate() and nested
    pictures' y."""
    match = TRANSLATE.search(node.get("transform", ""))
    y = dy + (float(match.group(2)) if match else 0.0)
    if node.tag.endswith("}svg") or node.tag.endswith("}text"):
        y += float(node.get("y", 0))
    if node.tag.endswith("}text"):
        yield _words(" ".join(node.itertext())), y
    for child in node:
        yield from _svg_texts(child, y)


def test_every_chart_has_a_png_and_an_svg_with_title_and_source(built_site: Path) -> None:
    charts = list(_charts(built_site))
    assert len(charts) >= 8
    for page, chart in charts:
        png = _linked(page, chart, ".png")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000, png
        texts = list(_svg_texts(ET.parse(_linked(page, chart, ".svg")).getroot()))
        # The title and the source line, each wrapped to the picture's width.
        assert _heading(chart) in _words(" ".join(t for t, _ in texts)), page
        source = _words(chart.find_next(class_="chart-source").get_text())
        assert source.startswith("Sumber: ") and source in _words(" ".join(t for t, _ in texts))


def test_exported_images_and_embeds_credit_the_site_and_its_licence(built_site: Path) -> None:
    """A reposted picture or an embedded chart still names the site, its address and CC BY 4.0."""
    credit = "Cakupan BPJS Ketenagakerjaan · http://127.0.0.1:8000/ · Lisensi CC BY 4.0"
    for page, chart in _charts(built_site):
        texts = [t for t, _ in _svg_texts(ET.parse(_linked(page, chart, ".svg")).getroot())]
        assert credit in _words(" ".join(texts)), page
        embed = BeautifulSoup(_linked(page, chart, ".html").read_text("utf-8"), "html.parser")
        assert credit in _words(embed.select_one("p.embed-credit").get_text()), page


def test_exported_source_line_is_below_the_whole_drawing(built_site: Path) -> None:
    """The credit is the last thing in the image, under the chart, its axes and its legend."""
    svg = "{http://www.w3.org/2000/svg}"
    with_legend = 0
    for page, chart in _charts(built_site):
        root = ET.parse(_linked(page, chart, ".svg")).getroot()
        picture = root.find(f"{svg}svg")
        bottom = float(picture.get("y")) + float(picture.get("height"))
        drawn = [y for _, y in _svg_texts(picture, 0.0)]
        source_y = min(y for text, y in _svg_texts(root) if text.startswith("Sumber:"))
        assert max(drawn) <= bottom < source_y, page
        with_legend += chart.select_one("picture") is not None and len(drawn) > 10
    assert with_legend, "no exported chart draws its axes and legend: the test checks nothing"


def test_every_chart_has_an_embed_page_and_its_code(built_site: Path) -> None:
    for page, chart in _charts(built_site):
        embed = _linked(page, chart, ".html")
        soup = BeautifulSoup(embed.read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one(".vega-chart img")["src"] == "../unduh/grafik/" + embed.stem + ".svg"
        assert soup.select_one("details table tbody tr"), embed
        for script in soup.find_all("script", src=True):
            assert not script["src"].startswith(("http", "//")), script["src"]
            assert (embed.parent / script["src"]).resolve().is_file(), script["src"]
        code = chart.find_next("details", class_="example").get_text()
        assert "<iframe src=" in code and embed.name in code


def test_an_embed_pages_spec_is_the_exported_spec_in_as_few_bytes_as_a_pages(
    built_site: Path,
) -> None:
    """Its JSON in a single-quoted attribute, as on the area pages: a double-quoted one spends
    six bytes on each of the spec's quotes (6.6 MB of the national site)."""
    for page, chart in _charts(built_site):
        text = _linked(page, chart, ".html").read_text(encoding="utf-8")
        attribute = re.search(r"data-spec=(.)", text)
        assert attribute and attribute[1] == "'" and "&quot;" not in text, page
        spec = json.loads(BeautifulSoup(text, "html.parser").select_one("[data-spec]")["data-spec"])
        assert spec["vconcat"], page


@pytest.mark.slow
def test_embed_code_names_the_online_url_even_in_the_offline_build(tmp_path: Path) -> None:
    from datetime import date

    from generator.project import BuildInfo
    from tests.conftest import FIXTURES, scratch_project

    info = BuildInfo("Situs", "https://contoh.id/cakupan/", True, date(2025, 1, 1), ("a.js",))
    files = render_site(scratch_project(tmp_path, FIXTURES / "mini"), info).files
    page = str(files["wilayah/kota-blitar.md"])
    assert (
        '<iframe src="https://contoh.id/cakupan/sematkan/kota-blitar--grafik-cakupan.html"' in page
    )
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


def _suggested_heights(site: Path) -> dict[str, int]:
    """Each embed page's name and the iframe height its embed code suggests."""
    heights = {}
    for _, chart in _charts(site):
        code = chart.find_next("details", class_="example").get_text()
        heights.update((name, int(h)) for name, h in IFRAME_HEIGHT.findall(code))
    return heights


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 360, 700, 1200])
def test_embed_pages_show_their_chart_and_credit_in_the_suggested_iframe(  # type: ignore[no-untyped-def]
    browser, server: str, built_site: Path, watch: Watch, width: int
) -> None:
    """Every embed page shows its picture without Material, fetches nothing from outside, and
    fits the iframe its embed code suggests at any width, credit line included, before and
    after the chart turns interactive."""
    heights = _suggested_heights(built_site)
    embeds = sorted((built_site / "sematkan").glob("*.html"))
    assert embeds and {e.name for e in embeds} == set(heights)
    for embed in embeds:
        context = browser.new_context(viewport={"width": width, "height": heights[embed.name]})
        context.set_default_timeout(TIMEOUT_MS)

        def route(r):  # type: ignore[no-untyped-def]
            if not r.request.url.startswith(server):
                watch.outside_requests.append(r.request.url)
                return r.abort()
            return r.continue_()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and watch.console_errors.append(m.text))
        page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
        page.goto(f"{server}sematkan/{embed.name}", wait_until="load")
        assert page.evaluate("typeof window.document$") == "undefined", "Material on an embed page"
        page.wait_for_function(CHARTS_SETTLED, timeout=TIMEOUT_MS)
        charts = page.evaluate(CHART_STATES)
        assert len(charts) == 1 and charts[0]["mode"] == "static" and charts[0]["drawn"], charts
        assert page.evaluate("document.documentElement.scrollWidth") <= width, embed.name
        layout = page.evaluate(EMBED_LAYOUT)
        assert layout["drawing"] <= layout["credit"] <= layout["window"], (embed.name, layout)
        assert "Sumber:" in page.locator("p.embed-credit").inner_text()
        # A phone-wide iframe shows the page's narrow picture under the title as text, not the
        # exported one shrunk to half its size; a wider one, the exported picture.
        shown = page.evaluate("document.querySelector('.vega-chart img').currentSrc")
        title = page.evaluate("document.querySelector('header h1').getBoundingClientRect().width")
        has_narrow = page.evaluate("document.querySelector('.vega-chart source') !== null")
        if width <= style.NARROW_WINDOW and has_narrow:
            assert shown.endswith(f"--{style.PICTURE_WIDTHS[0]}.svg") and title > 100, shown
        else:
            assert "/unduh/grafik/" in shown and title <= 1, shown
        if width <= style.NARROW_WINDOW and has_narrow:
            # The exported spec drawn interactive would shrink to half its size and say its
            # title and source again under the ones above it: a phone's tap leaves the picture.
            page.locator(".vega-chart").click()
            page.wait_for_timeout(500)
            assert page.evaluate(CHART_STATES)[0]["mode"] == "static", embed.name
            assert page.evaluate("document.querySelectorAll('.vega-chart svg').length") == 0
            context.close()
            continue
        page.locator(".vega-chart").hover()  # made interactive in place
        page.wait_for_function(
            "document.querySelector('.vega-chart').dataset.mode === 'interactive'"
        )
        after = page.evaluate(EMBED_LAYOUT)
        assert after["credit"] <= after["window"], (embed.name, after)
        context.close()
    watch.assert_clean()


def test_a_map_too_wide_for_a_phone_offers_phones_its_wide_picture(built_site: Path) -> None:
    """The provinces' map is 15 tiles across: at a phone's width its labels would run into each
    other, so phones get the wide picture (on the page at its own size, scrolling sideways:
    tests/site/test_browser.py; in its embed, scaled); East Java's, 8 across, keeps its narrow
    one."""
    for page, chart in (
        ("index.html", "peta-indonesia"),
        ("sematkan/beranda--peta-indonesia.html", None),
    ):
        soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
        pictures = soup.select(f"#{chart}-vega picture" if chart else ".vega-chart picture")
        assert pictures and not pictures[0].find("source"), page
    home = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select("#peta-jawa-timur-vega picture source")
