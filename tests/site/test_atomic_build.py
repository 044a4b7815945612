"""A failed build changes nothing: the previous site and generated docs stay byte for byte."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import snapshot

pytestmark = pytest.mark.slow  # builds the site

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture
def broken_data(tmp_path: Path) -> tuple[Path, int, int]:
    """A copy of mini whose first Kota Blitar coverage is 150; returns (dir, line, column)."""
    data = Path(shutil.copytree(MINI, tmp_path / "data"))
    figures = data / "figures" / "kota-blitar.yaml"
    lines = figures.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip() == "value: 53")
    lines[index] = lines[index].replace("53", "150")
    figures.write_text("".join(lines), encoding="utf-8")
    return data, index + 1, lines[index].index("150") + 1


def test_failed_build_leaves_the_site_untouched(
    built_mini_site: Path, broken_data: tuple[Path, int, int], run_generator
) -> None:
    root = built_mini_site.parent
    before_site = snapshot(built_mini_site)
    before_docs = snapshot(root / "docs")
    before_root = sorted(p.name for p in root.iterdir())
    data, line, column = broken_data

    result = run_generator(
        "build", "--data", str(data), "--site-dir", str(built_mini_site), cwd=root
    )

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    pattern = rf"^figures/kota-blitar\.yaml:{line}:{column}: .*150.* \[out-of-range\]$"
    assert re.search(pattern, result.stderr, re.MULTILINE), result.stderr
    assert snapshot(built_mini_site) == before_site
    assert snapshot(root / "docs") == before_docs
    assert sorted(p.name for p in root.iterdir()) == before_root  # no staging dirs left behind
