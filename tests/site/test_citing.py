"""Citing in one click: copy buttons for the plain citation and a figure's permalink, a visible
link mark on each figure row, and a linked row shown clear of the sticky header and marked."""

from __future__ import annotations

import pytest

from tests.conftest import OpenPage, Watch

pytestmark = pytest.mark.browser

REGION = "wilayah/kota-blitar/"
ROW_MARK = "article tr a.row-link[id]"
ROW_STATE = """(id) => {
  const row = document.getElementById(id).closest('tr');
  const other = [...document.querySelectorAll('article tr')].find((r) => r !== row
    && r.querySelector('a.row-link'));
  const header = document.querySelector('.md-header').getBoundingClientRect();
  return {top: row.getBoundingClientRect().top, header: header.bottom, window: innerHeight,
    marked: getComputedStyle(row).outlineStyle, unmarked: getComputedStyle(other).outlineStyle};
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_a_figure_link_lands_clear_of_the_header_and_marked(
    open_page: OpenPage, watch: Watch, width: int
) -> None:
    anchors = open_page(REGION).eval_on_selector_all(ROW_MARK, "(l) => l.map((a) => a.id)")
    assert anchors
    target = anchors[len(anchors) // 2]
    page = open_page(f"{REGION}#{target}", width=width, height=800)
    page.wait_for_timeout(300)
    state = page.evaluate(ROW_STATE, target)
    assert state["header"] <= state["top"] < state["window"], state
    assert state["marked"] != "none" and state["unmarked"] == "none", state
    watch.assert_clean()


def test_every_figure_row_has_a_visible_link_mark(open_page: OpenPage) -> None:
    page = open_page(REGION)
    marks = page.locator(ROW_MARK)
    assert marks.count() >= 3
    for mark in marks.all():
        assert mark.is_visible() and mark.inner_text() == "#"
        assert mark.get_attribute("href").endswith("#" + mark.get_attribute("id"))


def test_copy_buttons_copy_the_citation_and_a_figures_permalink(
    open_page: OpenPage, watch: Watch
) -> None:
    page = open_page(REGION)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    citation = page.locator("#kutipan-teks")
    citation.get_by_role("button", name="Salin kutipan").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Cakupan BPJS Ketenagakerjaan.") and copied.endswith(REGION)
    assert copied in citation.inner_text()
    mark = page.locator(ROW_MARK).first
    page.get_by_role("button", name="Salin tautan angka ini").first.click()
    canonical = page.get_attribute("link[rel=canonical]", "href")
    assert (
        page.evaluate("navigator.clipboard.readText()") == f"{canonical}#{mark.get_attribute('id')}"
    )
    watch.assert_clean()
