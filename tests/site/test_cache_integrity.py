"""The cache under .cache/ holds nothing loading can run, and nothing it does not vouch for.

Every entry is checked against the hash stored with it; one that fails (crafted, edited,
truncated) is a miss and is made again. A cache that cannot be read or written (a directory in
a file's place, a full disk, a read-only directory) only means building without it.
"""

from __future__ import annotations

import errno
import io
import os
import pickle
import tempfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from generator.cache import DirectoryCache
from generator.charts import export
from generator.dataset.load import load_dataset
from generator.tables import figures_frame
from tests.conftest import FIXTURES, make_project_root
from tests.site.test_image_cache import SPEC, _chart


class _Runs:
    """Unpickling this creates `path`: proof that loading an entry ran code."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return open, (str(self.path), "w")


def _entries(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file()]


def _recompressed_edit(data: bytes, old: bytes, new: bytes) -> bytes | None:
    """`data` with `old` replaced by `new` inside its zlib stream, wherever that stream starts:
    an attacker who knows the format rewrites the payload, keeping any header as it was."""
    for start in range(min(len(data), 80)):
        try:
            payload = zlib.decompress(data[start:])
        except zlib.error:
            continue
        if old in payload:
            return data[:start] + zlib.compress(payload.replace(old, new), 1)
    return None


def test_a_crafted_data_entry_neither_runs_nor_changes_the_dataset(
    mini_data: Path, tmp_path: Path
) -> None:
    cache = DirectoryCache(tmp_path / "cache" / "data")
    first = load_dataset(mini_data, cache)
    ran = tmp_path / "ran"
    for path in _entries(cache.directory):
        path.write_bytes(pickle.dumps(_Runs(ran)))
    assert load_dataset(mini_data, cache) == first
    assert not ran.exists()


def test_an_edited_page_entry_is_not_published(mini_data: Path, tmp_path: Path) -> None:
    """A page kept with "53 persen" edited to "35 persen" (same length) is built again."""
    from generator.build import CheckedData, render_pages
    from tests.pages.test_reuse import INFO

    dataset = load_dataset(mini_data)
    data = CheckedData(dataset, figures_frame(dataset), [])
    cache = DirectoryCache(tmp_path / "pages")

    def pages() -> dict[str, str]:
        return {page.path: page.markdown for page in render_pages(data, INFO, cache)}

    first = pages()
    assert any("53 persen" in text for text in first.values())
    edited = 0
    for path in _entries(cache.directory):
        if (
            changed := _recompressed_edit(path.read_bytes(), b"53 persen", b"35 persen")
        ) is not None:
            path.write_bytes(changed)
            edited += 1
    assert edited
    again = pages()
    assert again == first
    assert not any("35 persen" in text for text in again.values())


@pytest.mark.parametrize("keep", [0, 100], ids=["zero-byte", "truncated"])
def test_a_damaged_chart_image_is_rendered_again(tmp_path: Path, keep: int) -> None:
    cache = DirectoryCache(tmp_path / "charts")
    charts = [(_chart(SPEC), "index.md")]
    first = export.chart_files(charts, (), is_offline=False, cache=cache)
    (png,) = cache.directory.glob("*.png")
    png.write_bytes(png.read_bytes()[:keep])
    assert export.chart_files(charts, (), is_offline=False, cache=cache) == first


def test_an_edited_chart_image_of_the_same_length_is_rendered_again(tmp_path: Path) -> None:
    cache = DirectoryCache(tmp_path / "charts")
    charts = [(_chart(SPEC), "index.md")]
    first = export.chart_files(charts, (), is_offline=False, cache=cache)
    svgs = sorted(cache.directory.glob("*.svg"))  # the export and the page's pictures
    assert svgs
    for svg in svgs:
        svg.write_bytes(svg.read_bytes().replace(b"Uji", b"Ujo"))
    assert export.chart_files(charts, (), is_offline=False, cache=cache) == first


def test_a_directory_in_place_of_an_entry_is_a_miss(tmp_path: Path) -> None:
    cache = DirectoryCache(tmp_path / "c")
    (cache.directory / "k").mkdir(parents=True)
    assert cache.get("k") is None
    cache["k"] = b"isi"  # cannot be kept there: building goes on without it
    assert cache.get("k") is None


def test_a_cache_that_cannot_be_written_is_only_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    class FullDisk(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(handle: int, *args: object, **kwargs: object) -> FullDisk:
        os.close(handle)
        return FullDisk()

    cache = DirectoryCache(tmp_path / "c")
    monkeypatch.setattr(os, "fdopen", fdopen)
    cache["k"] = b"isi"
    cache["l"] = b"isi"
    monkeypatch.undo()
    assert cache.get("k") is None
    assert [p.name for p in cache.directory.iterdir()] == []  # no temporary file left
    assert [r.getMessage() for r in caplog.records] == [  # said once, not once an entry
        f"{cache.directory}: No space left on device; building without keeping a cache"
    ]


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_a_read_only_cache_directory_is_only_not_used(
    mini_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """As a read-only file system (or another user's directory) answers: even as root."""

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    cache = DirectoryCache(tmp_path / "c")
    assert load_dataset(mini_data, cache) == load_dataset(mini_data)
    assert list(cache) == []


@pytest.mark.slow
def test_a_build_whose_cache_is_in_the_way_builds_without_it(
    tmp_path: Path, run_generator: Any
) -> None:
    """`.cache` a file, not a directory: the build says so once a cache and publishes."""
    root = make_project_root(tmp_path / "project")
    (root / ".cache").write_bytes(b"")
    result = run_generator("build", "--data", str(FIXTURES / "mini"), cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    said = [line for line in result.stderr.splitlines() if not line.startswith("INFO ")]
    assert said  # the cache's trouble is said, besides the stages' progress lines
    assert all(line.endswith("building without keeping a cache") for line in said)
    assert (root / "site" / "index.html").is_file()
