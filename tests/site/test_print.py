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
