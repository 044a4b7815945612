"""Cache misses are drawn in parallel, by Chromium where there is one or by vl-convert's worker
pool, with the same SVG bytes either way, in input order, and PNGs sized and compressed: each
chart's pictures drawn by Vega, its exported image composed around the wide one, and that
rasterised."""

from __future__ import annotations

import io
import logging
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from generator.cache import DirectoryCache
from generator.charts import chromium, export, style
from generator.pages.context import ChartBlock
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow  # draws charts with both renderers

CHROMIUM = chromium.find_chromium({})
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH")


def _chart(title: str, value: int) -> ChartBlock:
    spec = {
        "datasets": {"d": [{"a": "x", "b": value}, {"a": "y", "b": value * 2}]},
        "data": {"name": "d"},
        "mark": "bar",
        "encoding": {
            "x": {"field": "b", "type": "quantitative"},
            "y": {"field": "a", "type": "nominal"},
        },
        "title": title,
        "height": 60,
    }
    return ChartBlock(f"grafik-{value}", title, spec, "ringkasan", ("a",), (("x",),), (), "uji")


CHARTS = [_chart(f"Uji {value}", value) for value in (1, 2, 3, 4)]
PAIRS = [(chart, "index.md") for chart in CHARTS]
VL_CONVERT = export.Renderer(None)


def _specs() -> list[dict[str, Any]]:
    return [export.picture_spec(chart, 720) for chart in CHARTS]


def _exports() -> list[bytes]:
    pictures = export.draw_with_vl_convert(_specs())
    return [export.export_svg(picture, export.export_texts(chart, "kredit"), chart.summary)
            for picture, chart in zip(pictures, CHARTS, strict=True)]  # fmt: skip


def test_the_pool_and_one_worker_draw_the_same_bytes_in_order() -> None:
    alone = export.draw_with_vl_convert(_specs(), workers=1)
    pooled = export.draw_with_vl_convert(_specs(), workers=2)
    assert pooled == alone
    assert len(set(pooled)) == len(CHARTS)  # distinct charts, so order is checked
    pngs = export.rasterise_with_vl_convert(_exports(), workers=2)
    assert pngs == export.rasterise_with_vl_convert(_exports(), workers=1)
    assert len(set(pngs)) == len(CHARTS) and all(png.startswith(b"\x89PNG") for png in pngs)


def _mini_charts() -> list[tuple[ChartBlock, str]]:
    """Each chart of the mini fixture's pages (tile map, bars, lines), with its page's path."""
    from generator.build import CheckedData, render_pages
    from generator.checks import run_checks
    from generator.dataset.load import load_dataset
    from generator.project import BuildInfo
    from generator.tables import figures_frame

    dataset = load_dataset(FIXTURES / "mini")
    data = CheckedData(dataset, figures_frame(dataset), run_checks(dataset))
    info = BuildInfo("Situs", "https://contoh.id/", is_offline=False, build_date=date(2026, 1, 1))
    pages = render_pages(data, info, None)
    return [(chart, page.path) for page in pages for chart in page.charts]


@needs_chromium
def test_chromium_draws_the_same_svg_bytes_as_vl_convert() -> None:
    """Every image of every chart of the mini site: exports and pictures, both palettes."""
    charts = _mini_charts()
    faster = export.chart_files(charts, (), is_offline=False, credit="k", cache={},
                                renderer=export.Renderer(CHROMIUM))  # fmt: skip
    plain = export.chart_files(charts, (), is_offline=False, credit="k", cache={},
                               renderer=VL_CONVERT)  # fmt: skip
    assert sorted(faster) == sorted(plain) and len(charts) >= 5
    differing = [path for path in faster if faster[path] != plain[path]]
    assert [path for path in differing if not path.endswith(".png")] == []
    for path in (path for path in faster if path.endswith(".png")):
        assert Image.open(io.BytesIO(faster[path])).size == Image.open(io.BytesIO(plain[path])).size


def test_a_png_is_sized_for_link_previews_and_reduced_to_a_palette() -> None:
    svg = _exports()[0]
    (png,) = export.rasterise_with_vl_convert([svg])
    width, _ = export.svg_size(svg)
    image = Image.open(io.BytesIO(png))
    assert image.mode == "P" and len(image.getpalette() or []) <= 3 * export.PNG_COLOURS
    assert image.size[0] == int(width * export.PNG_SCALE) >= 1100  # a link preview's width
    assert image.info.keys() <= {"transparency"}  # no date, no software name: stable bytes


def test_chart_files_renders_only_the_misses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = DirectoryCache(tmp_path / "c")
    first = export.chart_files(PAIRS[:1], (), is_offline=False, cache=cache, renderer=VL_CONVERT)
    drawn: list[int] = []
    rasterised: list[int] = []
    draw, rasterise = export.Renderer.draw, export.Renderer.rasterise

    def counting_draw(self: export.Renderer, specs: list[Any], widths: list[int]) -> Any:
        drawn.append(len(specs) * len(widths))
        return draw(self, specs, widths)

    def counting_rasterise(self: export.Renderer, svgs: list[bytes]) -> Any:
        rasterised.append(len(svgs))
        return rasterise(self, svgs)

    monkeypatch.setattr(export.Renderer, "draw", counting_draw)
    monkeypatch.setattr(export.Renderer, "rasterise", counting_rasterise)
    files = export.chart_files(PAIRS, (), is_offline=False, cache=cache, renderer=VL_CONVERT)
    # Per new chart: its picture at each width, and its exported image's PNG.
    assert drawn == [len(style.PICTURE_WIDTHS) * (len(CHARTS) - 1)]
    assert rasterised == [len(CHARTS) - 1]
    assert files[CHARTS[0].svg_path] == first[CHARTS[0].svg_path]
    assert all(chart.title.encode() in files[chart.svg_path] for chart in CHARTS)
    assert len(cache) == (1 + len(style.PICTURE_WIDTHS)) * len(CHARTS)
    assert (
        export.chart_files(PAIRS, (), is_offline=False, cache=cache, renderer=VL_CONVERT) == files
    )
    assert drawn[-1] == rasterised[-1] == 0


def test_a_png_drawn_by_another_rasteriser_is_not_taken_from_the_cache(tmp_path: Path) -> None:
    """Chromium's pixels differ from resvg's: each keeps its own PNG, and shares the SVGs."""
    cache = DirectoryCache(tmp_path / "c")
    export.chart_files(PAIRS[:1], (), is_offline=False, cache=cache, renderer=VL_CONVERT)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chromium, "chromium_version", lambda executable: "Chromium 0")
        rasteriser = export.Renderer("/nonexistent/chromium").rasteriser
    key = export.image_key(CHARTS[0])
    assert export.png_name(key, VL_CONVERT.rasteriser) in cache
    assert export.png_name(key, rasteriser) not in cache
    assert all(f"{export.picture_key(CHARTS[0], width)}.svg" in cache
               for width in style.PICTURE_WIDTHS)  # fmt: skip


def _broken(specs: list[dict[str, Any]], index: int) -> list[dict[str, Any]]:
    broken = [dict(spec) for spec in specs]
    broken[index]["mark"] = "no-such-mark"
    return broken


def test_a_failing_chart_fails_with_vl_convert_s_message() -> None:
    specs = _broken(_specs(), 2)
    with pytest.raises(ValueError, match="conversion failed") as alone:
        export.draw_with_vl_convert(specs[2:3], workers=1)
    with pytest.raises(ValueError, match="conversion failed") as pooled:
        export.draw_with_vl_convert(specs, workers=2)
    assert str(pooled.value) == str(alone.value)


def test_without_a_working_chromium_the_images_are_drawn_by_vl_convert(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chromium, "chromium_version", lambda executable: "Chromium 0")
        renderer = export.Renderer(str(broken))
        with caplog.at_level(logging.WARNING):
            drawn = renderer.draw(_specs(), [360, 720])
            pngs, is_as_keyed = renderer.rasterise(_exports())
    assert drawn == export.Renderer(None).draw(_specs(), [360, 720])
    assert [svgs[-1] for svgs in drawn] == export.draw_with_vl_convert(_specs())
    assert pngs == export.rasterise_with_vl_convert(_exports())
    assert not is_as_keyed  # so these PNGs are not kept under Chromium's name
    assert "vl-convert" in caplog.text


@needs_chromium
def test_a_bad_spec_in_chromium_fails_with_vl_convert_s_message() -> None:
    with pytest.raises(ValueError, match="conversion failed"):
        export.Renderer(CHROMIUM).draw(_broken(_specs(), 1), [720])


def test_find_chromium_can_be_switched_off(tmp_path: Path) -> None:
    assert chromium.find_chromium({"CAKUPAN_CHROMIUM": "off"}) is None
    assert chromium.find_chromium({"CAKUPAN_CHROMIUM": str(tmp_path / "none")}) is None


def test_images_carry_no_aria_labels_and_the_download_is_named_and_described() -> None:
    """The page hides its pictures from assistive technology (the chart is described on its
    outer element), so they go without Vega's English label a mark: half the bytes. A
    downloaded SVG is a document of its own: its title names it, the chart's summary describes
    it."""
    chart = CHARTS[0]
    (picture,) = export.draw_with_vl_convert([export.picture_spec(chart, 360)])
    download = _exports()[0]
    assert b"aria-label" not in picture and b"aria-label" not in download
    assert f"<title>{chart.title}</title><desc>{chart.summary}</desc>".encode() in download


def test_a_chromium_that_cannot_start_is_a_chromium_error(tmp_path: Path) -> None:
    unstartable = tmp_path / "chromium"
    unstartable.write_text("not a program")
    unstartable.chmod(0o755)
    with pytest.raises(chromium.ChromiumError):
        chromium.Browser(str(tmp_path / "no-such-dir" / "chromium"), [])
    with pytest.raises(chromium.ChromiumError):
        chromium.Browser(str(unstartable), [])


# Thousands of colours: hues across, each darkening downwards.
GRADIENT = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="752" height="200"><defs>'
    '<linearGradient id="h"><stop offset="0" stop-color="#ff0000"/>'
    '<stop offset="0.5" stop-color="#00ff00"/><stop offset="1" stop-color="#0000ff"/>'
    '</linearGradient><linearGradient id="v" x2="0" y2="1"><stop offset="0" stop-opacity="0"/>'
    '<stop offset="1" stop-opacity="1"/></linearGradient></defs>'
    '<rect width="752" height="200" fill="white"/><rect width="752" height="150" fill="url(#h)"/>'
    '<rect width="752" height="150" fill="url(#v)"/>'
    '<text x="10" y="180" font-size="20">Cakupan 17,60%</text></svg>'
)


@needs_chromium
def test_chromium_reduces_its_pngs_to_a_palette_in_the_page_the_same_bytes_every_time() -> None:
    """Chromium's PNGs are reduced where they are drawn: a palette of at most PNG_COLOURS, even
    for thousands of colours (a gradient), no metadata, and the same bytes from every browser."""
    svgs = [*_exports(), GRADIENT.encode()]
    first = export.rasterise_with_chromium(CHROMIUM, svgs)
    assert first == export.rasterise_with_chromium(CHROMIUM, list(reversed(svgs)))[::-1]
    plain = export.rasterise_with_vl_convert(svgs)
    for png, reference in zip(first, plain, strict=True):
        image, expected = Image.open(io.BytesIO(png)), Image.open(io.BytesIO(reference))
        assert image.mode == "P" and len(image.getpalette() or []) <= 3 * export.PNG_COLOURS
        assert image.size == expected.size and image.info.keys() <= {"transparency"}
        ours = image.convert("RGB").get_flattened_data()
        theirs = expected.convert("RGB").get_flattened_data()
        pairs = zip(ours, theirs, strict=True)
        far = sum(max(abs(a - b) for a, b in zip(p, q, strict=True)) > 64 for p, q in pairs)
        assert far / len(ours) < 0.01  # the same picture: only edges anti-aliased differently


@needs_chromium
def test_a_builds_pictures_and_pngs_share_the_browsers_started_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Starting Chromium and loading Vega into it takes about a second: once for the pictures
    and again for the PNGs was a second of every build, an edit's too."""
    started: list[object] = []
    start = chromium.Browser.__init__

    def counted(self: chromium.Browser, *args: Any) -> None:
        started.append(self)
        start(self, *args)

    monkeypatch.setattr(chromium.Browser, "__init__", counted)
    files = export.chart_files(PAIRS, (), is_offline=False, cache={},
                               renderer=export.Renderer(CHROMIUM))  # fmt: skip
    assert all(files[chart.png_path].startswith(b"\x89PNG") for chart in CHARTS)
    assert len(started) == 1  # four charts: one batch, one browser


@needs_chromium
def test_a_pool_starts_more_browsers_when_more_are_asked_for() -> None:
    """A build with a few pictures to draw and many PNGs (its site's address changed) had the
    one browser of its pictures draw every PNG."""
    pool = chromium.Pool(CHROMIUM, [])
    try:
        first = pool.browsers(1)[0]
        browsers = pool.browsers(2)
        assert len(browsers) == 2 and browsers[0] is first
        assert pool.browsers(1) == browsers  # never fewer: they are already started
    finally:
        pool.close()
