"""Cache misses are drawn in parallel, by Chromium where there is one or by vl-convert's worker
pool, with the same SVG bytes either way, in input order, and PNGs sized and compressed."""

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


def _jobs() -> list[export.Job]:
    return [export.Job(export.export_spec(chart), with_png=True) for chart in CHARTS]


def test_the_pool_and_one_worker_draw_the_same_bytes_in_order() -> None:
    alone = export.draw_with_vl_convert(_jobs(), workers=1)
    pooled = export.draw_with_vl_convert(_jobs(), workers=2)
    assert pooled == alone
    assert len({svg for svg, _ in pooled}) == len(CHARTS)  # distinct charts, so order is checked
    for (svg, png), chart in zip(pooled, CHARTS, strict=True):
        assert chart.title.encode() in svg and png and png.startswith(b"\x89PNG")


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
    ((svg, png),) = export.draw_with_vl_convert(_jobs()[:1])
    width, _ = export.svg_size(svg)
    image = Image.open(io.BytesIO(png))
    assert image.mode == "P" and len(image.getpalette() or []) <= 3 * export.PNG_COLOURS
    assert image.size[0] == int(width * export.PNG_SCALE)
    assert image.info.keys() <= {"transparency"}  # no date, no software name: stable bytes


def test_chart_files_renders_only_the_misses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = DirectoryCache(tmp_path / "c")
    first = export.chart_files(PAIRS[:1], (), is_offline=False, cache=cache, renderer=VL_CONVERT)
    drawn: list[int] = []
    draw = export.Renderer.draw

    def counting(self: export.Renderer, jobs: list[export.Job]) -> Any:
        drawn.append(len(jobs))
        return draw(self, jobs)

    monkeypatch.setattr(export.Renderer, "draw", counting)
    files = export.chart_files(PAIRS, (), is_offline=False, cache=cache, renderer=VL_CONVERT)
    # Per chart: its exported SVG and PNG, and its light picture at each width.
    assert drawn == [(1 + len(style.PICTURE_WIDTHS)) * (len(CHARTS) - 1)]
    assert files[CHARTS[0].svg_path] == first[CHARTS[0].svg_path]
    assert all(chart.title.encode() in files[chart.svg_path] for chart in CHARTS)
    assert len(cache) == (2 + len(style.PICTURE_WIDTHS)) * len(CHARTS)
    assert (
        export.chart_files(PAIRS, (), is_offline=False, cache=cache, renderer=VL_CONVERT) == files
    )
    assert drawn[-1] == 0


def test_a_png_drawn_by_another_rasteriser_is_not_taken_from_the_cache(tmp_path: Path) -> None:
    """Chromium's pixels differ from resvg's: each keeps its own PNG, and shares the SVG."""
    cache = DirectoryCache(tmp_path / "c")
    export.chart_files(PAIRS[:1], (), is_offline=False, cache=cache, renderer=VL_CONVERT)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chromium, "chromium_version", lambda executable: "Chromium 0")
        rasteriser = export.Renderer("/nonexistent/chromium").rasteriser
    export_svg_and_png = export.wanted_images(CHARTS[0], "", rasteriser)[0]
    assert export_svg_and_png.svg_name in cache
    assert export_svg_and_png.png_name not in cache


def test_a_failing_chart_fails_with_vl_convert_s_message() -> None:
    jobs = _jobs()
    jobs[2].spec["vconcat"][0]["mark"] = "no-such-mark"
    with pytest.raises(ValueError, match="conversion failed") as alone:
        export.draw_with_vl_convert(jobs[2:3], workers=1)
    with pytest.raises(ValueError, match="conversion failed") as pooled:
        export.draw_with_vl_convert(jobs, workers=2)
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
            drawn, is_as_keyed = renderer.draw(_jobs())
    assert drawn == export.draw_with_vl_convert(_jobs())
    assert not is_as_keyed  # so these PNGs are not kept under Chromium's name
    assert "vl-convert" in caplog.text


@needs_chromium
def test_a_bad_spec_in_chromium_fails_with_vl_convert_s_message() -> None:
    jobs = _jobs()
    jobs[1].spec["vconcat"][0]["mark"] = "no-such-mark"
    with pytest.raises(ValueError, match="conversion failed"):
        export.Renderer(CHROMIUM).draw(jobs)


def test_find_chromium_can_be_switched_off(tmp_path: Path) -> None:
    assert chromium.find_chromium({"CAKUPAN_CHROMIUM": "off"}) is None
    assert chromium.find_chromium({"CAKUPAN_CHROMIUM": str(tmp_path / "none")}) is None


def test_a_page_picture_carries_no_aria_labels_and_the_download_keeps_them() -> None:
    """The page hides its pictures from assistive technology (the chart is described on its
    outer element), so they go without a label a mark: half the bytes. A downloaded SVG is a
    document of its own and keeps them."""
    chart = CHARTS[0]
    jobs = [export.Job(export.picture_spec(chart, 360), with_png=False), _jobs()[0]]
    (picture, _), (download, _) = export.draw_with_vl_convert(jobs)
    assert b"aria-label" not in picture
    assert b"aria-label" in download


def test_a_chromium_that_cannot_start_is_a_chromium_error(tmp_path: Path) -> None:
    unstartable = tmp_path / "chromium"
    unstartable.write_text("not a program")
    unstartable.chmod(0o755)
    with pytest.raises(chromium.ChromiumError):
        chromium.Browser(str(tmp_path / "no-such-dir" / "chromium"), [])
    with pytest.raises(chromium.ChromiumError):
        chromium.Browser(str(unstartable), [])
