"""Publishing survives faults: a kill at any step of the switch leaves a whole site, a killed
build's leftovers are removed, published files have ordinary permissions, and two builds of one
project at once take turns."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from generator.site import write
from generator.site.write import remove_leftovers, staging_dir, swap_in
from tests.conftest import ROOT, make_project, snapshot

pytestmark = pytest.mark.slow  # builds sites, some interrupted


class Killed(BaseException):
    """A kill -9 at that instant: nothing after it runs, not even `finally` in the code."""


# Every call by which the switch can change the file system, and the exchange of two paths.
STEPS = [(os, "rename"), (os, "replace"), (os, "symlink"), (os, "unlink"), (os, "rmdir"),
         (write, "exchange")]  # fmt: skip


@contextmanager
def killed_at(step: int) -> Iterator[list[str]]:
    """Raise Killed instead of the `step`th file-system change (1-based); yields the steps run."""
    done: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        for module, name in STEPS:
            real = getattr(module, name)

            def counted(*args: object, _real: Callable[..., object] = real, _name: str = name,
                        **kwargs: object) -> object:  # fmt: skip
                if len(done) + 1 == step:
                    raise Killed(_name)
                done.append(_name)
                return _real(*args, **kwargs)

            patch.setattr(module, name, counted)
        yield done


def _site(directory: Path, text: str) -> Path:
    """A whole small site: an index and a page below it, each saying `text`."""
    (directory / "wilayah").mkdir(parents=True, exist_ok=True)
    (directory / "index.html").write_text(f"beranda {text}", encoding="utf-8")
    (directory / "wilayah" / "index.html").write_text(f"wilayah {text}", encoding="utf-8")
    return directory


def _old_site(root: Path, layout: str) -> Path:
    """root/site as an older build left it: a plain directory, or a link to a version."""
    target = root / "site"
    if layout == "directory":
        _site(target, "lama")
    else:
        with staging_dir(target) as staged:
            swap_in(_site(staged, "lama"), target)
    return target


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
@pytest.mark.parametrize("layout", ["directory", "versioned"])
def test_a_kill_at_any_step_of_the_switch_leaves_a_whole_site(
    tmp_path: Path, layout: str, exchange: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not exchange:
        monkeypatch.setattr(write, "exchange", lambda first, second: False)
        if layout == "directory":
            pytest.skip("without an exchange, the one-time move from a plain directory has a gap")
    old, new = snapshot(_site(tmp_path / "a", "lama")), snapshot(_site(tmp_path / "b", "baru"))
    for step in range(1, 50):
        root = tmp_path / f"kill-{step}"
        target = _old_site(root, layout)
        staged = Path(write.tempfile.mkdtemp(prefix=".site~", dir=root))
        _site(staged, "baru")
        try:
            with killed_at(step) as done:
                swap_in(staged, target)
        except Killed as kill:
            assert snapshot(target) in (old, new), f"killed at {kill} after {done}"
        else:
            assert snapshot(target) == new
            break
        # The next build removes what the killed one left, and publishes.
        remove_leftovers(target)
        with staging_dir(target) as again:
            swap_in(_site(again, "baru"), target)
        assert snapshot(target) == new
        assert sorted(p.name for p in root.iterdir()) == sorted(["site", target.resolve().name])
    else:
        raise AssertionError("the switch never completed")
    assert step > 2, done  # the kill did hit every step before the last


def test_a_killed_builds_staging_is_removed_by_the_next_build(tmp_path: Path) -> None:
    target = _old_site(tmp_path, "versioned")
    live = target.resolve()
    for name in (".site~abc123", ".site~def456-link", ".site~def456-old"):
        _site(tmp_path / name, "setengah")  # what builds killed at each step leave
    remove_leftovers(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", live.name])
    assert (target / "index.html").read_text(encoding="utf-8") == "beranda lama"


def test_another_target_beside_keeps_its_versions(tmp_path: Path) -> None:
    site, preview = _old_site(tmp_path, "versioned"), tmp_path / "site-preview"
    with staging_dir(preview) as staged:
        swap_in(_site(staged, "pratinjau"), preview)
    remove_leftovers(site)
    assert (preview / "index.html").read_text(encoding="utf-8") == "beranda pratinjau"


def _modes(directory: Path) -> set[tuple[str, int]]:
    paths = [directory, *directory.rglob("*")]
    return {("dir" if p.is_dir() else "file", stat.S_IMODE(p.stat().st_mode)) for p in paths}


def test_site_and_generated_docs_have_ordinary_permissions(built_mini_site: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    expected = {("dir", 0o777 & ~umask), ("file", 0o666 & ~umask)}
    assert _modes(built_mini_site) == expected
    assert _modes(built_mini_site.parent / "docs" / "generated") <= expected


# A build that holds the project for a while once it starts publishing (MkDocs' step).
SLOW_BUILD = """
import sys, time
from pathlib import Path
from generator import build
from generator.project import Project
real = build.build_mkdocs
def slow(*args, **kwargs):
    Path(sys.argv[2]).write_text("started")
    time.sleep(3)
    real(*args, **kwargs)
build.build_mkdocs = slow
if __name__ == "__main__":
    build.build_site(Project.at(Path(sys.argv[1])))
"""


def test_two_builds_at_once_take_turns(tmp_path: Path, run_generator: Callable[..., Any]) -> None:
    root = make_project(tmp_path / "project")
    shutil.rmtree(root / "data")
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", root / "data")
    script = tmp_path / "slow_build.py"
    script.write_text(SLOW_BUILD, encoding="utf-8")
    started = tmp_path / "started"
    command = [sys.executable, str(script), str(root), str(started)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.Popen(command, env=env, text=True, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not started.exists():
        assert time.monotonic() < deadline and first.poll() is None, first.communicate()
        time.sleep(0.05)
    second = run_generator("build", cwd=root)
    _, first_errors = first.communicate(timeout=180)
    assert first.returncode == 0, first_errors
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in first_errors + second.stderr
    assert "Another build of this project is running; waiting" in second.stderr
    assert (root / "site" / "index.html").is_file()
    assert sorted(p.name for p in root.glob(".site~*")) == [(root / "site").resolve().name]
