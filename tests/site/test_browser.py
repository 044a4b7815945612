"""The built shipped site in headless Chromium: charts draw, static first (by a Web Worker) and
interactive when the reader reaches for one, instant navigation keeps them drawing, phones get no
sideways scroll, and nothing is fetched from outside the site.

Screenshots go to test-artifacts/ (gitignored) for humans to look at.
"""

from __future__ import annotations

import re

import pytest

from generator.charts import style
from tests.conftest import ARTIFACTS, CHART_STATES, CHARTS_SETTLED, TIMEOUT_MS, OpenPage, Watch

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser


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
    chart = page.locator(".vega-chart").first
    chart.hover()  # the new page's charts listen for the reader too
    page.wait_for_function("(c) => c.dataset.mode === 'interactive'", arg=chart.element_handle())
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


# Scripts the page itself requested (a worker's own requests have their own timeline).
MAIN_THREAD_SCRIPTS = "() => performance.getEntriesByType('resource').map((r) => r.name)"
VEGA = "/vendor/vega"
WORKER = "/charts-worker.js"


def main_thread_requests(page: playwright_api.Page, part: str) -> list[str]:
    return [url for url in page.evaluate(MAIN_THREAD_SCRIPTS) if part in url]


def test_pages_load_the_chart_worker_only_when_a_chart_nears_the_screen(
    open_page: OpenPage, watch: Watch
) -> None:
    page = open_page("sumber/", width=412, height=823)
    page.wait_for_load_state("networkidle")
    assert not main_thread_requests(page, WORKER), "a page without charts started the worker"
    assert not main_thread_requests(page, VEGA), "a page without charts loaded Vega"
    page = open_page("", width=412, height=823)  # the home page's chart is below the fold
    page.wait_for_load_state("networkidle")
    assert not main_thread_requests(page, WORKER)
    assert page.locator(".vega-chart[data-rendered]").count() == 0
    wait_for_charts(page)  # scrolls to the chart
    assert main_thread_requests(page, WORKER)
    assert not main_thread_requests(page, VEGA)
    watch.assert_clean()


def test_a_region_page_draws_its_first_chart_static_without_vega_on_the_main_thread(
    open_page: OpenPage, watch: Watch
) -> None:
    """The first chart is in a phone's first screen: drawn during the page load, by the worker."""
    page = open_page("wilayah/kota-blitar/", width=412, height=823)  # Lighthouse's phone
    first = page.locator(".vega-chart").first
    first.locator(":scope > .vega-view[aria-hidden=true] > svg.marks").wait_for()
    assert first.get_attribute("data-mode") == "static"
    assert page.evaluate("typeof window.vega + typeof window.vegaEmbed") == "undefinedundefined"
    assert not main_thread_requests(page, VEGA)
    assert [w.evaluate("typeof vega.View") for w in page.workers if WORKER in w.url] == ["function"]
    # Vega measured the labels with a canvas, as in the page: the title wraps as the page's does.
    assert first.locator(".role-title-text tspan").count() >= 2
    watch.assert_clean()


CHART_LAYOUT = """(c) => ({svg: c.querySelector('svg').getBoundingClientRect().toJSON(),
  next: c.closest('figure').nextElementSibling.getBoundingClientRect().top,
  views: c.querySelectorAll('.vega-view').length, svgs: c.querySelectorAll('svg').length})"""
# The three ways a reader reaches for a chart.
REACH = {
    "pointer": lambda chart: chart.hover(),
    "tap": lambda chart: chart.dispatch_event("click"),
    "focus": lambda chart: chart.focus(),
}


def test_a_finger_scrolling_past_a_chart_leaves_it_static(
    open_page: OpenPage, watch: Watch
) -> None:
    page = open_page("wilayah/kota-blitar/", width=360, height=800)
    wait_for_charts(page)
    chart = page.locator(".vega-chart").first
    chart.scroll_into_view_if_needed()
    chart.dispatch_event("pointerenter", {"pointerType": "touch"})
    chart.dispatch_event("touchstart")
    page.wait_for_timeout(200)
    assert chart.get_attribute("data-mode") == "static"
    # An upgrade adds Vega's scripts to the page at once.
    assert page.evaluate("document.querySelector('script[src*=\"vega-embed\"]')") is None
    watch.assert_clean()


@pytest.mark.parametrize("how", REACH)
def test_reaching_for_a_chart_makes_it_interactive_in_place(
    open_page: OpenPage, watch: Watch, how: str
) -> None:
    page = open_page("wilayah/kota-blitar/", width=360, height=800)
    wait_for_charts(page)
    chart = page.locator(".vega-chart").first
    chart.scroll_into_view_if_needed()
    assert chart.get_attribute("data-mode") == "static"
    static = chart.evaluate(CHART_LAYOUT)
    REACH[how](chart)
    page.wait_for_function(
        "(c) => c.dataset.mode === 'interactive'", arg=chart.element_handle(), timeout=TIMEOUT_MS
    )
    assert chart.evaluate(CHART_LAYOUT) == static, "the chart moved or grew when it was redrawn"
    assert page.evaluate("typeof window.vegaEmbed") == "function"
    assert page.locator(".vega-chart").nth(1).get_attribute("data-mode") == "static"
    chart.locator(".mark-symbol path").first.hover(force=True)
    tooltip = page.locator("#vg-tooltip-element.visible")
    tooltip.wait_for()
    assert "Cakupan" in tooltip.inner_text()
    screenshot(page, f"kota-blitar-360-{how}")
    watch.assert_clean()


SVG_WIDTH = "document.querySelector('.vega-chart svg').getAttribute('width')"


def test_a_static_chart_is_drawn_again_at_its_new_width(open_page: OpenPage, watch: Watch) -> None:
    page = open_page("wilayah/kota-blitar/", width=1280)
    wait_for_charts(page)
    wide = page.evaluate(SVG_WIDTH)
    page.set_viewport_size({"width": 360, "height": 800})
    page.wait_for_function(f"{SVG_WIDTH} !== {wide!r}", timeout=TIMEOUT_MS)
    chart = page.locator(".vega-chart").first
    assert chart.get_attribute("data-mode") == "static"
    assert chart.evaluate("(c) => +c.querySelector('svg').getAttribute('width') === c.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    watch.assert_clean()


AXIS_LABEL_FILL = (
    "getComputedStyle(document.querySelector('.vega-chart .role-axis-label text')).fill"
)
PALETTE = "(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)"
# The first point of the first chart: Kota Blitar's own coverage, in the highlight colour.
OWN_POINT_FILL = "document.querySelector('.vega-chart .mark-symbol path').getAttribute('fill')"


def test_charts_follow_the_palette_static_and_interactive(
    open_page: OpenPage, watch: Watch
) -> None:
    page = open_page("wilayah/kota-blitar/")
    wait_for_charts(page)
    light = page.evaluate(AXIS_LABEL_FILL)
    first = page.locator(".vega-chart").first

    page.evaluate(PALETTE, "slate")  # static charts: drawn again by the worker
    page.wait_for_function(f"{AXIS_LABEL_FILL} !== {light!r}", timeout=TIMEOUT_MS)
    assert {c["mode"] for c in page.evaluate(CHART_STATES)} == {"static"}
    assert first.locator("svg").count() == 1  # redrawn, not added
    dark = page.evaluate(AXIS_LABEL_FILL)
    assert page.evaluate(OWN_POINT_FILL) == style.DARK_COLOURS[style.HIGHLIGHT]

    first.locator(".mark-symbol path").first.hover(force=True)  # made interactive, in the dark
    page.wait_for_function("document.querySelector('.vega-chart').dataset.mode === 'interactive'")
    assert page.evaluate(AXIS_LABEL_FILL) == dark
    first.locator(".mark-symbol path").first.hover(force=True)
    page.locator("#vg-tooltip-element.visible.dark-theme").wait_for()

    assert page.evaluate(OWN_POINT_FILL) == style.DARK_COLOURS[style.HIGHLIGHT]

    page.evaluate(PALETTE, "default")  # the interactive chart: drawn again by vega-embed
    page.wait_for_function(f"{AXIS_LABEL_FILL} === {light!r}", timeout=TIMEOUT_MS)
    assert page.evaluate(OWN_POINT_FILL) == style.HIGHLIGHT
    assert first.locator("svg").count() == 1
    first.locator(".mark-symbol path").first.hover(force=True)
    page.locator("#vg-tooltip-element.visible:not(.dark-theme)").wait_for()
    watch.assert_clean()


def test_charts_draw_on_the_main_thread_when_the_worker_fails(
    open_page: OpenPage, watch: Watch
) -> None:
    page = open_page("sumber/")
    page.route(f"**{WORKER}", lambda route: route.fulfill(body="throw new Error('broken')"))
    page.goto(page.url.replace("sumber/", "wilayah/kota-blitar/"), wait_until="load")
    charts = wait_for_charts(page)
    assert {c["mode"] for c in charts} == {"interactive"}
    assert watch.page_errors == [] and watch.outside_requests == []
