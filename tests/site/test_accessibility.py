"""axe-core finds no accessibility violation, of any impact, on every kind of page in light and
dark mode; charts can be reached and read with the keyboard and a screen reader.

axe comes from its own npm package, injected into the page by Playwright (headless Chromium).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CHARTS_SETTLED, TIMEOUT_MS, OpenPage, Watch, serve_directory
from tests.site.checkers import AXE_JS, npm_file

pytestmark = pytest.mark.browser

# One page of each kind.
PAGES = {
    "beranda": "",
    "wilayah": "wilayah/kota-blitar/",
    "provinsi": "wilayah/jawa-timur/",
    "kantor-cabang": "kantor-cabang/kantor-cabang-blitar/",
    "daftar-wilayah": "wilayah/",
    "daftar-kantor": "kantor-cabang/",
    "sumber": "sumber/",
    "metodologi": "metodologi/",
    "riwayat-revisi": "riwayat-revisi/",
    "catatan-konsistensi": "catatan-konsistensi/",
    "sematan": "sematkan/kota-blitar--grafik-cakupan.html",
    "404": "404.html",
}
SCHEMES = {"light": "default", "dark": "slate"}  # emulated preference -> Material's palette
VIOLATIONS = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
  .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)"""


def violations(page: Any) -> list[str]:
    page.wait_for_function(CHARTS_SETTLED, timeout=TIMEOUT_MS)  # axe sees the drawn charts
    page.add_script_tag(path=str(npm_file(AXE_JS)))
    return list(page.evaluate(VIOLATIONS))


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_axe_finds_no_violation(open_page: OpenPage, watch: Watch, path: str, scheme: str) -> None:
    page = open_page(path, color_scheme=scheme)
    if not path.startswith("sematkan/"):  # embed pages have no palette
        palette = page.get_attribute("body", "data-md-color-scheme")
        assert palette == SCHEMES[scheme]
    assert violations(page) == []
    watch.assert_clean()


CHARTS = """() => [...document.querySelectorAll('.vega-chart')].map((c) => {
  let next = c.closest('figure').nextElementSibling;  // the chart's own text alternative
  while (next && !next.matches('details, figure, h2, h3')) next = next.nextElementSibling;
  return {id: c.id, role: c.getAttribute('role'), label: c.getAttribute('aria-label'),
          tabindex: c.tabIndex, table: !!(next && next.matches('details') && next.querySelector('table'))};
})"""


def test_every_chart_is_an_image_with_its_summary_as_name(open_page: OpenPage) -> None:
    page = open_page("wilayah/kota-blitar/")
    page.wait_for_function(CHARTS_SETTLED, timeout=TIMEOUT_MS)
    charts = page.evaluate(CHARTS)
    assert len(charts) >= 2
    for chart in charts:
        assert chart["role"] == "img" and chart["tabindex"] == 0 and chart["table"], chart
        # Chromium's accessibility tree: drawing the chart kept its role and name.
        assert page.get_by_role("img", name=chart["label"], exact=True).count() == 1, chart


def test_a_chart_and_its_data_table_work_with_the_keyboard_alone(open_page: OpenPage) -> None:
    page = open_page("wilayah/kota-blitar/")
    page.wait_for_function(CHARTS_SETTLED, timeout=TIMEOUT_MS)
    first = page.locator(".vega-chart").first
    tab_until(page, lambda: first.evaluate("(c) => c === document.activeElement"))
    assert first.evaluate("(c) => getComputedStyle(c).outlineStyle") != "none", "no focus ring"
    # Focus makes a static chart interactive; the chart keeps its focus, role and name.
    page.wait_for_function("(c) => c.dataset.mode === 'interactive'", arg=first.element_handle())
    assert first.evaluate("(c) => c === document.activeElement && c.getAttribute('role')") == "img"
    summary = page.locator("summary", has_text="Data grafik dalam bentuk teks").first
    tab_until(page, lambda: summary.evaluate("(s) => s === document.activeElement"))
    page.keyboard.press("Enter")
    table = page.locator("details[open] table").first
    table.wait_for()
    assert table.is_visible()


def tab_until(page: Any, is_focused: Any, limit: int = 200) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if is_focused():
            return
    raise AssertionError(f"not reached in {limit} presses of Tab")


def test_the_404_page_passes_axe_even_where_its_stylesheets_do_not_load(
    built_site: Path, browser: Any
) -> None:
    """GitHub Pages serves 404.html for any missing address, and its links are absolute (for
    any depth): served elsewhere than its site_url (a fork's Pages, a moved copy) it comes
    without stylesheets, which left Material's two toggle checkboxes unlabelled and outside any
    landmark."""
    with serve_directory(built_site.parent) as url:  # the site one folder down: /site/404.html
        page = browser.new_page()
        try:
            page.goto(f"{url}{built_site.name}/404.html")
            page.add_script_tag(path=str(npm_file(AXE_JS)))
            found = list(page.evaluate(VIOLATIONS))
        finally:
            page.close()
    assert found == []
