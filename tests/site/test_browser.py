"""The built shipped site in headless Chromium: charts draw, instant navigation keeps them
drawing, phones get no sideways scroll, and nothing is fetched from outside the site.

Screenshots go to test-artifacts/ (gitignored) for humans to look at.
"""

from __future__ import annotations

import re

import pytest

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


VEGA_REQUESTED = (
    "() => performance.getEntriesByType('resource').some((r) => r.name.includes('/vendor/vega'))"
)


def test_vega_loads_only_when_a_chart_nears_the_screen(open_page: OpenPage, watch: Watch) -> None:
    page = open_page("sumber/", width=412, height=823)
    page.wait_for_load_state("networkidle")
    assert not page.evaluate(VEGA_REQUESTED), "a page without charts loaded Vega"
    page = open_page("", width=412, height=823)  # the home page's chart is below the fold
    page.wait_for_load_state("networkidle")
    assert not page.evaluate(VEGA_REQUESTED)
    assert page.locator(".vega-chart[data-rendered]").count() == 0
    wait_for_charts(page)  # scrolls to the chart
    assert page.evaluate(VEGA_REQUESTED)
    watch.assert_clean()


AXIS_LABEL_FILL = (
    "getComputedStyle(document.querySelector('.vega-chart .role-axis-label text')).fill"
)


def test_chart_shows_tooltips_and_follows_the_palette(open_page: OpenPage, watch: Watch) -> None:
    page = open_page("wilayah/kota-blitar/")
    wait_for_charts(page)
    light = page.evaluate(AXIS_LABEL_FILL)
    page.locator(".vega-chart .mark-symbol path").first.hover(force=True)
    tooltip = page.locator("#vg-tooltip-element.visible")
    tooltip.wait_for()
    assert "Cakupan" in tooltip.inner_text()

    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.wait_for_function(f"{AXIS_LABEL_FILL} !== {light!r}", timeout=TIMEOUT_MS)
    assert page.locator(".vega-chart").first.locator("svg").count() == 1  # redrawn, not added
    page.locator(".vega-chart .mark-symbol path").first.hover(force=True)
    page.locator("#vg-tooltip-element.visible.dark-theme").wait_for()
    watch.assert_clean()
