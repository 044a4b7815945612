"""A region page printed to A4 reads as a report: the site, the page and its data date on top,
every chart, whole table rows, the sources with their addresses, the citation at the end, and
nothing that only works on a screen."""

from __future__ import annotations

import io

import pytest

from tests.conftest import CHARTS_SETTLED, TIMEOUT_MS, OpenPage, Watch

pytestmark = pytest.mark.browser

REGION = "wilayah/kota-blitar/"
SCREEN_ONLY = [
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-search",
    ".md-footer",
    "details.example",  # the embed code
    "details.info",  # a chart's data table, folded
    ".chart-downloads",
    ".cite-downloads",
    ".md-typeset .headerlink",
    "button",
    ".page-downloads",  # links to files, no use on paper
    "a.row-link",  # each figure's link mark
]
A4_POINTS = (595, 842)


@pytest.fixture
def printed(open_page: OpenPage) -> object:
    page = open_page(REGION, width=794, height=1123)
    page.wait_for_function(CHARTS_SETTLED, timeout=TIMEOUT_MS)
    page.emulate_media(media="print")
    return page


def test_a_printed_page_shows_no_screen_only_parts(printed: object, watch: Watch) -> None:
    page = printed
    for selector in SCREEN_ONLY:
        shown = [e for e in page.locator(selector).all() if e.is_visible()]
        assert not shown, f"{selector} is printed"
    header = page.locator(".print-header")
    assert header.is_visible()
    assert "Cakupan BPJS Ketenagakerjaan" in header.inner_text()
    assert "/wilayah/kota-blitar/" in header.inner_text()
    assert page.locator(".area-facts").inner_text().startswith("Data per ")
    assert page.locator("article tr").first.evaluate("(r) => getComputedStyle(r).breakInside") == (
        "avoid"
    )
    watch.assert_clean()


def test_a_printed_page_is_a4_with_sources_and_the_citation_last(
    printed: object, watch: Watch
) -> None:
    pypdf = pytest.importorskip("pypdf")
    page = printed
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    for sheet in reader.pages:
        size = (float(sheet.mediabox.width), float(sheet.mediabox.height))
        assert all(abs(a - b) < 2 for a, b in zip(size, A4_POINTS, strict=True)), size
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    # Every source the page cites is listed under its own heading, with its title.
    cited = page.evaluate(
        "[...new Set([...document.querySelectorAll('article td a[href*=\"sumber/#sumber-\"]')]"
        ".map((a) => a.getAttribute('href').split('#')[1]))]"
    )
    listed = page.evaluate(
        "[...document.querySelectorAll('#sumber + ul li > a:first-child')]"
        ".map((a) => a.getAttribute('href').split('#')[1])"
    )
    assert cited and set(cited) <= set(listed)
    citation = " ".join(page.locator("#kutipan-teks").inner_text().split())
    assert text.index("Semua angka") < text.index("Sumber di halaman ini") < text.index(citation)
    assert len(text[text.index(citation) + len(citation) :]) < 120, "the citation is not last"
    watch.assert_clean()


# Each picture's drawing and the palette of the page.
PALETTE = """() => ({scheme: document.body.getAttribute('data-md-color-scheme'),
  pictures: [...document.querySelectorAll('.chart-picture img')].map((i) => i.getAttribute('src'))})"""


def test_a_page_on_the_dark_palette_prints_in_the_light_one(
    open_page: OpenPage, watch: Watch
) -> None:
    """Paper is white: light axis labels of the dark drawings would all but vanish on it."""
    page = open_page(REGION, width=794, height=1123, color_scheme="dark")
    page.wait_for_function(CHARTS_SETTLED, timeout=TIMEOUT_MS)
    on_screen = page.evaluate(PALETTE)
    assert on_screen["scheme"] == "slate" and on_screen["pictures"]
    assert all(src.endswith("#dark") for src in on_screen["pictures"]), on_screen
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # as the browser does
    page.wait_for_function("[...document.querySelectorAll('.chart-picture img')]"
                           ".every((i) => !i.getAttribute('src').endsWith('#dark') && i.complete)")  # fmt: skip
    assert page.evaluate(PALETTE)["scheme"] == "default"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate(PALETTE) == on_screen  # the reader's palette again
    watch.assert_clean()
