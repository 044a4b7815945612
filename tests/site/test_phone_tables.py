"""On a 360-pixel phone no table scrolls sideways, and every figure shows its value and date."""

from __future__ import annotations

import pytest

from tests.conftest import OpenPage, Watch

pytestmark = pytest.mark.browser

PHONE = 360
# Each table: how far it reaches right, and whether it (or the box around it) scrolls sideways.
TABLES = """(width) => [...document.querySelectorAll('article table')].filter((t) => t.offsetParent)
  .map((t) => {
    const box = t.parentElement;
    return {right: Math.round(t.getBoundingClientRect().right),
      scrolls: t.scrollWidth > t.clientWidth + 1 || box.scrollWidth > box.clientWidth + 1,
      head: t.querySelector('th') ? t.querySelector('th').textContent : ''};
  })"""
# Each figure row's cells (its date, its value, its source and quote), and whether each is on
# screen in full.
FIGURE_CELLS = """(width) => [...document.querySelectorAll('article tr')]
  .filter((r) => r.querySelector('a[id^="angka-"]'))
  .map((r) => [...r.cells].map((c) => {
    const box = c.getBoundingClientRect();
    return {text: c.innerText.trim(), link: Boolean(c.querySelector('a[href*="sumber"]')),
      shown: box.width > 0 && box.left >= 0 && box.right <= width, width: box.width};
  }))"""


@pytest.mark.parametrize(
    "path", ["", "wilayah/", "wilayah/kota-blitar/", "kantor-cabang/kantor-cabang-tuban/"]
)
def test_no_table_scrolls_sideways_on_a_phone(open_page: OpenPage, watch: Watch, path: str) -> None:
    page = open_page(path, width=PHONE, height=800)
    tables = page.evaluate(TABLES, PHONE)
    assert tables
    for table in tables:
        assert not table["scrolls"] and table["right"] <= PHONE, table
    watch.assert_clean()


@pytest.mark.parametrize("path", ["wilayah/kota-blitar/", "kantor-cabang/kantor-cabang-tuban/"])
def test_every_figure_shows_its_date_value_and_source_on_a_phone(
    open_page: OpenPage, path: str
) -> None:
    page = open_page(path, width=PHONE, height=800)
    rows = page.evaluate(FIGURE_CELLS, PHONE)
    assert rows
    for date, value, source in rows:
        assert date["shown"] and value["shown"] and source["shown"], (date, value, source)
        assert date["text"] and any(ch.isdigit() for ch in value["text"]), (date, value)
        assert source["link"], source
        # Not squeezed to a word a line beside the other columns.
        assert source["width"] >= PHONE / 2, source


def test_a_long_quote_folds_on_a_phone_and_unfolds_when_tapped(open_page: OpenPage) -> None:
    page = open_page("wilayah/kota-blitar/", width=PHONE, height=800)
    folded = page.evaluate(
        "[...document.querySelectorAll('article .quote')].map((q) => q.scrollHeight > q.clientHeight)"
    )
    assert any(folded), "no quote is folded"
    quote = page.locator("article .quote").nth(folded.index(True))
    folded_height = quote.bounding_box()["height"]
    quote.click()
    assert quote.bounding_box()["height"] > folded_height


# The smallest box a finger can hit (WCAG 2.2, 2.5.8 target size, minimum): 24 by 24 pixels.
TARGET = 24
CITING_CONTROLS = """() => [...document.querySelectorAll('article a.row-link, article .copy-button')]
  .filter((c) => c.offsetParent)
  .map((c) => { const b = c.getBoundingClientRect();
    return {what: c.className, width: b.width, height: b.height}; })"""


def test_a_figures_link_and_copy_button_are_big_enough_to_tap_on_a_phone(
    open_page: OpenPage,
) -> None:
    page = open_page("wilayah/kota-blitar/", width=PHONE, height=800)
    page.wait_for_selector("article .copy-button")  # cite.js adds them
    controls = page.evaluate(CITING_CONTROLS)
    assert {c["what"] for c in controls} >= {"row-link", "copy-button"}
    for control in controls:
        assert control["width"] >= TARGET and control["height"] >= TARGET, control


# Each table's width as a share of the room it stands in (its box's width inside the padding).
TABLE_SHARES = """() => [...document.querySelectorAll('article table')].filter((t) => t.offsetParent)
  .map((t) => {
    const box = t.closest('.md-typeset__scrollwrap').parentElement, style = getComputedStyle(box);
    const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return t.getBoundingClientRect().width / room;
  })"""


@pytest.mark.parametrize("path", ["", "wilayah/kota-blitar/"])
def test_a_table_on_a_phone_takes_the_full_width_of_the_text(
    open_page: OpenPage, path: str
) -> None:
    """Material wraps each table in an inline box once its script runs: a table of short rows
    would shrink to them and leave most of a phone's width empty."""
    page = open_page(path, width=PHONE, height=800)
    page.wait_for_selector("article .md-typeset__table", state="attached")  # Material ran
    widths = page.evaluate(TABLE_SHARES)
    assert widths and min(widths) > 0.98, widths


def test_a_folded_quote_is_reached_with_the_keyboard_and_unfolds(open_page: OpenPage) -> None:
    """Tab from a folded quote's source link reaches the quote and unfolds it, as a tap does;
    a quote shown whole is no stop on the way."""
    page = open_page("wilayah/kota-blitar/", width=PHONE, height=800)
    page.wait_for_selector("article .copy-button")  # the page's scripts ran
    quotes = page.evaluate(
        "[...document.querySelectorAll('article .quote')].map((q) => "
        "({folded: q.scrollHeight > q.clientHeight + 1, tabindex: q.getAttribute('tabindex')}))"
    )
    assert any(q["folded"] for q in quotes) and not all(q["folded"] for q in quotes), quotes
    for quote in quotes:
        assert quote["tabindex"] == ("0" if quote["folded"] else "-1"), quote
    folded = page.locator("article .quote").nth([q["folded"] for q in quotes].index(True))
    height = folded.bounding_box()["height"]
    folded.locator("xpath=preceding-sibling::a[1]").focus()  # its source's link
    page.keyboard.press("Tab")
    assert folded.evaluate("(q) => q === document.activeElement")
    assert folded.bounding_box()["height"] > height
