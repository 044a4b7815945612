"""Chart images are rendered once per content: a cache keyed by everything they depend on, and
pruned of what no build has used for a while."""

from __future__ import annotations

import copy
import os
import time
from pathlib import Path

import pytest

from generator.charts import export
from generator.pages.context import ChartBlock
from generator.site.cache import DirectoryCache, prune

SPEC = {
    "datasets": {"d": [{"a": "x", "b": 1}]},
    "data": {"name": "d"},
    "mark": "bar",
    "encoding": {
        "x": {"field": "b", "type": "quantitative"},
        "y": {"field": "a", "type": "nominal"},
    },
    "title": "Uji",
    "width": "container",
    "height": 100,
}


def _chart(spec: dict[str, object]) -> ChartBlock:
    return ChartBlock("grafik-uji", "Uji", spec, "ringkasan", ("a",), (("x",),), (), "uji")


def test_directory_cache_round_trips_bytes(tmp_path: Path) -> None:
    cache = DirectoryCache(tmp_path / "c")
    assert cache.get("k") is None
    cache["k"] = b"\x00isi"
    assert DirectoryCache(tmp_path / "c")["k"] == b"\x00isi"
    assert list(cache) == ["k"]


def test_second_build_reads_images_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = DirectoryCache(tmp_path / "c")
    first = export.chart_files([(_chart(SPEC), "index.md")], (), is_offline=False, cache=cache)

    def fail(specs: list[object], **options: object) -> list[tuple[bytes, bytes]]:
        if specs:
            raise AssertionError("rendered again")
        return []

    monkeypatch.setattr(export, "render_specs", fail)
    again = export.chart_files([(_chart(SPEC), "index.md")], (), is_offline=False, cache=cache)
    assert again == first


def test_any_change_to_the_chart_changes_the_key() -> None:
    changed = copy.deepcopy(SPEC)
    changed["datasets"]["d"][0]["b"] = 2  # type: ignore[index]
    assert export.image_key(_chart(SPEC)) != export.image_key(_chart(changed))
    assert export.image_key(_chart(SPEC)) == export.image_key(_chart(copy.deepcopy(SPEC)))


def test_prune_deletes_only_entries_unused_since_the_cutoff(tmp_path: Path) -> None:
    cache = DirectoryCache(tmp_path / "c" / "pages")
    cache["old"], cache["read"], cache["new"] = b"1", b"2", b"3"
    long_ago = time.time() - 3 * 86400
    for key in ("old", "read"):
        os.utime(tmp_path / "c" / "pages" / key, (long_ago, long_ago))
    cutoff = time.time() - 86400
    assert cache["read"] == b"2"  # reading an entry marks it used
    assert prune(tmp_path / "c", cutoff) == 1
    assert sorted(cache) == ["new", "read"]
    assert prune(tmp_path / "absent", cutoff) == 0
