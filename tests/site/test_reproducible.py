"""Reproducible and atomic builds.

With SOURCE_DATE_EPOCH set, two builds of the same sources give byte-identical site trees, even
from different folders and with different hash seeds; and a build that MkDocs refuses leaves the
previous site, byte for byte, with no staging directory behind.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import make_project, snapshot

pytestmark = pytest.mark.slow  # builds the site several times

ROOT = Path(__file__).resolve().parents[2]
EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z
EPOCH_DAY = datetime.fromtimestamp(EPOCH, UTC).date()
SITE_URL = "https://example.github.io/cakupan/"


def build_command(root: Path, *args: str, hash_seed: str) -> subprocess.Popen[str]:
    """`python -m generator build ARGS` in `root`, as the Pages workflow runs it."""
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": str(EPOCH),
        "SITE_URL": SITE_URL,
        "PYTHONHASHSEED": hash_seed,
        "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", *args],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    stdout, stderr = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def leftovers(directory: Path) -> list[str]:
    """Staging or old versions (.site~*, .generated~*) in `directory`: not the live ones."""
    kept = {".cache", ".build.lock"}  # the cache by content hash, and the build lock: on purpose
    live = {p.resolve().name for p in directory.iterdir() if p.is_symlink()}  # site -> .site~*
    return sorted(
        p.name for p in directory.iterdir() if p.name.startswith(".") and p.name not in kept | live
    )


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The shipped data built twice, at once: different folders, site dirs and hash seeds."""
    first = make_project(tmp_path_factory.mktemp("build") / "cakupan")
    second = make_project(tmp_path_factory.mktemp("build") / "salinan-lain")
    for path in second.rglob("*"):  # a fresh checkout: every file with another mtime
        os.utime(path, (EPOCH, EPOCH))
    elsewhere = tmp_path_factory.mktemp("out") / "situs"
    processes = [
        build_command(first, hash_seed="1"),
        build_command(second, "--site-dir", str(elsewhere), hash_seed="2"),
    ]
    for result in map(finish, processes):
        assert result.returncode == 0, result.stdout + result.stderr
    return first / "site", elsewhere


def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = map(snapshot, two_builds)
    assert len(first) > 20, "the build wrote suspiciously few files"
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert not differing, f"files that differ between two builds: {differing}"


def test_the_build_date_is_the_commit_date(two_builds: tuple[Path, Path]) -> None:
    site = two_builds[0]
    sitemap = (site / "sitemap.xml").read_bytes()
    assert f"<lastmod>{EPOCH_DAY.isoformat()}</lastmod>".encode() in sitemap
    packed = (site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == sitemap
    midnight = datetime(EPOCH_DAY.year, EPOCH_DAY.month, EPOCH_DAY.day, tzinfo=UTC)
    assert int.from_bytes(packed[4:8], "little") == int(midnight.timestamp())  # gzip MTIME


def test_a_build_leaves_no_staging_directories(two_builds: tuple[Path, Path]) -> None:
    first, second = two_builds
    assert leftovers(first.parent) == []  # the project root: .site~*
    assert leftovers(first.parent / "docs") == []  # .generated~*
    assert leftovers(second.parent) == []  # a --site-dir elsewhere stages beside itself


def test_a_build_mkdocs_refuses_changes_nothing(
    two_builds: tuple[Path, Path], tmp_path: Path
) -> None:
    # A project whose previous build succeeded, then a hand-written page gains a broken link.
    root = tmp_path / "cakupan"
    shutil.copytree(two_builds[0].parent, root)
    page = root / "docs" / "metodologi.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nLihat [halaman yang hilang](tidak-ada.md).\n",
        encoding="utf-8",
    )
    before_site = snapshot(root / "site")
    before_generated = snapshot(root / "docs" / "generated")

    result = finish(build_command(root, hash_seed="3"))

    assert result.returncode == 1, result.stdout + result.stderr
    assert "MkDocs build failed" in result.stderr and "tidak-ada.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root / "site") == before_site
    assert snapshot(root / "docs" / "generated") == before_generated
    assert leftovers(root) == []
    assert leftovers(root / "docs") == []
