"""Cache misses render across processes, with the same bytes as in-process and in input order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.charts import export, style
from generator.pages.context import ChartBlock
from generator.site.cache import DirectoryCache


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


@pytest.mark.slow
def test_pool_and_in_process_render_the_same_bytes_in_order() -> None:
    specs = [export.export_spec(chart) for chart in CHARTS]
    alone = export.render_specs(specs, workers=1)
    pooled = export.render_specs(specs, workers=2)
    assert pooled == alone
    assert len({svg for svg, _ in pooled}) == len(specs)  # distinct charts, so order is checked
    for (svg, png), chart in zip(pooled, CHARTS, strict=True):
        assert chart.title.encode() in svg and png.startswith(b"\x89PNG")


def test_chart_files_renders_only_the_misses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = DirectoryCache(tmp_path / "c")
    first = export.chart_files([(CHARTS[0], "index.md")], (), is_offline=False, cache=cache)
    rendered: list[int] = []
    render_specs = export.render_specs

    def counting(specs: list[dict[str, Any]], **kwargs: Any) -> list[tuple[bytes, bytes]]:
        rendered.append(len(specs))
        return render_specs(specs, **kwargs)

    monkeypatch.setattr(export, "render_specs", counting)
    pairs = [(chart, "index.md") for chart in CHARTS]
    files = export.chart_files(pairs, (), is_offline=False, cache=cache)
    assert rendered == [len(CHARTS) - 1]
    assert files[CHARTS[0].svg_path] == first[CHARTS[0].svg_path]
    assert all(chart.title.encode() in files[chart.svg_path] for chart in CHARTS)
    # Per chart: its exported SVG and PNG, and its light picture at each width.
    assert len(cache) == (2 + len(style.PICTURE_WIDTHS)) * len(CHARTS)
    assert export.chart_files(pairs, (), is_offline=False, cache=cache) == files
    assert rendered == [len(CHARTS) - 1, 0]


@pytest.mark.slow
def test_a_failing_chart_in_the_pool_fails_with_its_own_message() -> None:
    specs = [export.export_spec(chart) for chart in CHARTS]
    specs[2]["vconcat"][0]["mark"] = "no-such-mark"
    with pytest.raises(ValueError, match="conversion failed") as alone:
        export.render_specs(specs[2:3], workers=1)
    with pytest.raises(ValueError, match="conversion failed") as pooled:
        export.render_specs(specs, workers=2)
    assert str(pooled.value) == str(alone.value)
