"""The built shipped site in headless Chromium: charts show, static first (the build's pictures)
and interactive when the reader reaches for one, instant navigation keeps them working, phones get
no sideways scroll, and nothing is fetched from outside the site.

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
    assert charts and all(c["rendered"] == "true" and c["drawn"] for c in charts), charts
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
    scrolled = page.evaluate(SCROLLED_CHARTS)
    assert all(c["width"] <= 360 or c["id"] in scrolled for c in charts), charts
    screenshot(page, f"{path.strip('/').replace('/', '-') or 'beranda'}-360")
    watch.assert_clean()


# The charts that scroll sideways in their own box, by id.
SCROLLED_CHARTS = """[...document.querySelectorAll('.vega-chart')]
  .filter((c) => c.scrollWidth > c.clientWidth && c.getBoundingClientRect().width <= 360)
  .map((c) => c.id)"""


def test_a_map_too_wide_for_a_phone_scrolls_at_its_own_size(
    open_page: OpenPage, watch: Watch
) -> None:
    """The provinces' map, 15 tiles across, scaled to a phone had labels about 5 px high: there
    it keeps its drawn size and scrolls sideways in its own box, picture and interactive alike;
    the page itself does not scroll sideways."""
    page = open_page("", width=360, height=800)
    wait_for_charts(page)
    wide = "document.querySelector('#peta-indonesia-vega img').getBoundingClientRect().width"
    assert page.evaluate(wide) == style.PICTURE_WIDTHS[-1]
    assert page.evaluate(SCROLLED_CHARTS) == ["peta-indonesia-vega"]
    page.locator("#peta-indonesia-vega").dispatch_event("click")
    page.wait_for_function(
        "document.querySelector('#peta-indonesia-vega').dataset.mode === 'interactive'"
    )
    drawn = "document.querySelector('#peta-indonesia-vega svg').getBoundingClientRect().width"
    assert page.evaluate(drawn) == style.PICTURE_WIDTHS[-1]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "beranda-peta-360")
    watch.assert_clean()


# Where the chart's drawing is, what follows it, and how many drawings it shows (one).
CHART_LAYOUT = """(c) => ({drawing: c.getBoundingClientRect().toJSON(),
  next: c.closest('figure').nextElementSibling.getBoundingClientRect().top,
  drawings: c.querySelectorAll('img, svg.marks').length})"""
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


def test_a_phone_gets_the_narrow_picture_and_a_wide_window_the_wide_one(
    open_page: OpenPage, watch: Watch
) -> None:
    page = open_page("wilayah/kota-blitar/", width=1280)
    wait_for_charts(page)
    src = "document.querySelector('.vega-chart img').currentSrc"
    assert page.evaluate(src).endswith(f"-{style.PICTURE_WIDTHS[-1]}.svg")
    page.set_viewport_size({"width": 360, "height": 800})
    page.wait_for_function(f"{src}.endsWith('-{style.PICTURE_WIDTHS[0]}.svg')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    watch.assert_clean()


AXIS_LABEL_FILL = (
    "getComputedStyle(document.querySelector('.vega-chart .role-axis-label text')).fill"
)
PALETTE = "(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)"
# The picture's address as the page sets it (currentSrc leaves out its #dark fragment).
PICTURE = "document.querySelector('.vega-chart img').getAttribute('src')"
# The first point of the first chart: Kota Blitar's own coverage, in the highlight colour.
OWN_POINT_FILL = "document.querySelector('.vega-chart .mark-symbol path').getAttribute('fill')"


def test_charts_follow_the_palette_static_and_interactive(
    open_page: OpenPage, watch: Watch
) -> None:
    page = open_page("wilayah/kota-blitar/")
    wait_for_charts(page)
    assert not page.evaluate(PICTURE).endswith("#dark")
    first = page.locator(".vega-chart").first

    page.evaluate(PALETTE, "slate")  # pictures: the same files, as their #dark fragment
    page.wait_for_function(f"{PICTURE}.endsWith('#dark')", timeout=TIMEOUT_MS)
    wait_for_charts(page)
    assert {c["mode"] for c in page.evaluate(CHART_STATES)} == {"static"}

    first.hover()  # made interactive, in the dark
    page.wait_for_function("document.querySelector('.vega-chart').dataset.mode === 'interactive'")
    dark = page.evaluate(AXIS_LABEL_FILL)
    assert page.evaluate(OWN_POINT_FILL) == style.DARK_COLOURS[style.HIGHLIGHT]
    first.locator(".mark-symbol path").first.hover(force=True)
    page.locator("#vg-tooltip-element.visible.dark-theme").wait_for()

    page.evaluate(PALETTE, "default")  # the interactive chart: drawn again by vega-embed
    page.wait_for_function(f"{AXIS_LABEL_FILL} !== {dark!r}", timeout=TIMEOUT_MS)
    assert page.evaluate(OWN_POINT_FILL) == style.HIGHLIGHT
    assert first.locator("svg.marks").count() == 1
    first.locator(".mark-symbol path").first.hover(force=True)
    page.locator("#vg-tooltip-element.visible:not(.dark-theme)").wait_for()
    assert not page.locator(".vega-chart img").first.get_attribute("src").endswith("#dark")
    watch.assert_clean()


def test_a_chart_keeps_its_picture_when_vega_cannot_load(open_page: OpenPage, watch: Watch) -> None:
    page = open_page("sumber/")
    page.route("**/vega-embed.min.js", lambda route: route.fulfill(status=404, body=""))
    page.goto(page.url.replace("sumber/", "wilayah/kota-blitar/"), wait_until="load")
    wait_for_charts(page)
    chart = page.locator(".vega-chart").first
    chart.hover()
    page.wait_for_function("(c) => c.dataset.rendered === 'error'", arg=chart.element_handle())
    assert chart.locator("img").evaluate("(i) => i.complete && i.naturalWidth > 0")
    assert watch.page_errors == [] and watch.outside_requests == []
