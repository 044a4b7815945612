"""Charts are pictures first: the build draws each one (two widths, one file for both palettes),
so a page shows every chart with JavaScript off, on paper and before Vega loads."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pytest

from generator.charts import style
from tests.conftest import CHART_STATES, CHARTS_SETTLED, TIMEOUT_MS, OpenPage, Watch

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

REGION = "wilayah/kota-blitar/"
# Each chart's image: shown (loaded, with room on the page) and its text alternative.
IMAGES = """() => [...document.querySelectorAll('.vega-chart')].map((c) => {
  const img = c.querySelector('img');
  const box = img ? img.getBoundingClientRect() : null;
  return {label: c.getAttribute('aria-label'), alt: img && img.alt,
    loaded: Boolean(img && img.complete && img.naturalWidth > 0),
    width: box ? box.width : 0, height: box ? box.height : 0, src: img && img.currentSrc};
})"""


@pytest.mark.parametrize("width", [360, 1280])
def test_without_javascript_every_chart_is_an_image_with_its_text(
    open_page: OpenPage, watch: Watch, width: int
) -> None:
    page = open_page(REGION, width=width, javascript=False)
    page.wait_for_function(CHARTS_SETTLED, timeout=TIMEOUT_MS)
    images = page.evaluate(IMAGES)
    assert len(images) >= 2
    for image in images:
        assert image["loaded"] and image["height"] > 150, image
        assert image["alt"] and image["alt"] == image["label"], image
        assert image["width"] <= width, image
    picked = style.PICTURE_WIDTHS[0 if width <= style.NARROW_WINDOW else -1]
    assert all(image["src"].endswith(f"--{picked}.svg") for image in images), images
    watch.assert_clean()


def _chart_only_texts(site: Path, pictures: list[str], page_text: str) -> Counter[str]:
    """The texts drawn in the pictures that the page's own text does not hold."""
    texts: Counter[str] = Counter()
    for picture in pictures:
        svg = (site / picture).read_text(encoding="utf-8")
        for text in re.findall(r"<text[^>]*>([^<]+)</text>", svg):
            if len(text) >= 3 and text not in page_text:
                texts[text] += 1
    return texts


def test_a_printed_region_page_has_every_chart(
    open_page: OpenPage, built_site: Path, watch: Watch
) -> None:
    """page.pdf() without scrolling: each chart's own texts (its axis ticks) are in the PDF."""
    pypdf = pytest.importorskip("pypdf")
    page = open_page(REGION)
    pictures = page.evaluate(
        "[...document.querySelectorAll('.vega-chart img')].map((i) => new URL(i.currentSrc)"
        ".pathname.slice(1))"
    )
    assert len(pictures) >= 2
    page_text = page.evaluate("document.body.innerText")
    wanted = _chart_only_texts(built_site, pictures, page_text)
    assert wanted, "the pictures draw nothing the page does not say: the test checks nothing"
    printed = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(page.pdf())).pages)
    missing = {text: n for text, n in wanted.items() if printed.count(text) < n}
    assert not missing, f"chart texts not printed: {missing}"
    watch.assert_clean()


PALETTE_VARIABLES = """() => {
  const s = getComputedStyle(document.body);
  const get = (name) => s.getPropertyValue(name).trim();
  return {fg: get('--md-typeset-color'), light: get('--md-default-fg-color--light'),
    lightest: get('--md-default-fg-color--lightest')};
}"""


@pytest.mark.parametrize(("scheme", "palette"), [("light", "light"), ("dark", "dark")])
def test_pictures_are_drawn_in_the_pages_own_colours(
    open_page: OpenPage, scheme: str, palette: str
) -> None:
    page = open_page(REGION, color_scheme=scheme)
    assert page.evaluate(PALETTE_VARIABLES) == style.PAGE_PALETTES[palette]


def _luminances(png: bytes) -> list[int]:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return list(image.convert("L").tobytes())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_picture_is_drawn_in_the_palette_of_the_page(
    open_page: OpenPage, scheme: str
) -> None:
    """The one file a width shows its dark colours as picture.svg#dark: the axis labels, light
    on the dark palette (luminance over 180), dark on the light one (under 80)."""
    page = open_page(REGION, color_scheme=scheme)
    page.wait_for_function(CHARTS_SETTLED, timeout=TIMEOUT_MS)
    pictures = page.locator(".vega-chart img")
    assert pictures.count() >= 2
    for index in range(pictures.count()):
        picture = pictures.nth(index)
        src = picture.get_attribute("src") or ""  # currentSrc leaves the fragment out
        assert src.endswith(f"#{style.DARK_TARGET}") == (scheme == "dark"), src
        shades = _luminances(picture.screenshot())
        if scheme == "dark":
            assert sum(shade > 180 for shade in shades) > 100, src
        else:
            assert sum(shade < 80 for shade in shades) > 100, src


def test_a_region_page_loads_no_vega_until_a_reader_reaches_for_a_chart(
    open_page: OpenPage, watch: Watch
) -> None:
    page = open_page(REGION, width=412, height=823)  # Lighthouse's phone
    page.wait_for_function(CHARTS_SETTLED, timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    requested = page.evaluate("performance.getEntriesByType('resource').map((r) => r.name)")
    assert not [url for url in requested if "/vendor/vega" in url]
    assert {c["mode"] for c in page.evaluate(CHART_STATES)} == {"static"}
    page.locator(".vega-chart").first.hover()
    page.wait_for_function("document.querySelector('.vega-chart').dataset.mode === 'interactive'")
    assert page.evaluate("typeof window.vegaEmbed") == "function"
    watch.assert_clean()


CHART_ROOM = """() => [...document.querySelectorAll('.vega-chart')].map((c) => {
  const drawing = c.querySelector('img, svg.marks');
  return [c.id, c.getBoundingClientRect().height, drawing.getBoundingClientRect().height];
})"""


@pytest.mark.parametrize("width", [360, 1280])
def test_a_chart_takes_the_room_of_its_drawing_and_no_more(open_page: OpenPage, width: int) -> None:
    """No blank under a bar chart: the room kept for a chart is its drawing's, static or not."""
    page = open_page(REGION, width=width)
    page.wait_for_function(CHARTS_SETTLED, timeout=TIMEOUT_MS)
    for chart, room, drawing in page.evaluate(CHART_ROOM):
        assert abs(room - drawing) <= 2, (chart, room, drawing)
    page.locator(".vega-chart").nth(1).hover()
    page.wait_for_function(
        "document.querySelectorAll('.vega-chart')[1].dataset.mode === 'interactive'"
    )
    for chart, room, drawing in page.evaluate(CHART_ROOM):
        assert abs(room - drawing) <= 2, (chart, room, drawing)
