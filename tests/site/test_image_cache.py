"""Chart images are rendered once per content: a cache keyed by everything they depend on (the
spec as built, the export code, the renderer), and pruned of what no build has used for a while."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cache import DirectoryCache, prune
from generator.charts import export
from generator.pages.context import ChartBlock
from tests.conftest import FIXTURES, ROOT, make_project_root

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

    def fail(self: object, jobs: list[object], *widths: object) -> list[object]:
        if jobs:
            raise AssertionError("drawn again")
        return []

    monkeypatch.setattr(export.Renderer, "draw", fail)
    monkeypatch.setattr(export.Renderer, "rasterise", lambda self, svgs: (fail(self, svgs), True))
    again = export.chart_files([(_chart(SPEC), "index.md")], (), is_offline=False, cache=cache)
    assert again == first


def test_any_change_to_the_chart_changes_the_key() -> None:
    changed = copy.deepcopy(SPEC)
    changed["datasets"]["d"][0]["b"] = 2  # type: ignore[index]
    assert export.image_key(_chart(SPEC)) != export.image_key(_chart(changed))
    assert export.image_key(_chart(SPEC)) == export.image_key(_chart(copy.deepcopy(SPEC)))
    assert export.image_key(_chart(SPEC), "kredit") != export.image_key(_chart(SPEC))
    assert export.picture_key(_chart(SPEC), 360) != export.picture_key(_chart(SPEC), 720)


def test_a_key_is_the_spec_as_built_with_no_export_spec_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chart = _chart(SPEC)
    key = export.image_key(chart)

    def no_copies(*args: object) -> None:
        raise AssertionError("a key must not build the export spec")

    monkeypatch.setattr(export, "export_spec", no_copies)
    monkeypatch.setattr(export, "picture_spec", no_copies)
    monkeypatch.setattr(export, "export_svg", no_copies)
    assert export.image_key(chart) == key
    export.picture_key(chart, 360)


def test_an_export_spec_shares_the_data_instead_of_copying_it() -> None:
    chart = _chart(SPEC)
    assert export.export_spec(chart)["datasets"] is chart.spec["datasets"]
    assert export.picture_spec(chart, 360)["datasets"] is chart.spec["datasets"]


def _chart_entries(root: Path) -> set[str]:
    return {path.name for path in (root / ".cache" / "charts").iterdir()}


def _build_with(package: Path, root: Path) -> None:
    """`python -m generator build` in `root`, with the generator imported from `package`."""
    env = {**os.environ, "PYTHONPATH": str(package), "SOURCE_DATE_EPOCH": "1795000000"}
    result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, env=env,
                            capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_only_a_change_to_the_export_code_draws_the_images_again(tmp_path: Path) -> None:
    """Other code (here a page filter) changing keeps every image; export.py changing does not."""
    package = tmp_path / "package"
    shutil.copytree(ROOT / "generator", package / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    root = make_project_root(tmp_path / "project")
    shutil.copytree(FIXTURES / "mini", root / "data")
    _build_with(package, root)
    drawn = _chart_entries(root)
    assert drawn

    with (package / "generator" / "pages" / "filters.py").open("a") as source:
        source.write("\n# a change that draws nothing\n")
    _build_with(package, root)
    assert _chart_entries(root) == drawn  # nothing drawn again

    with (package / "generator" / "charts" / "export.py").open("a") as source:
        source.write("\n# a change to the export code\n")
    _build_with(package, root)
    assert len(_chart_entries(root) - drawn) == len(drawn)  # every image drawn anew


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
