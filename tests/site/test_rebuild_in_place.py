"""A second build in the same project replaces the site in place: `site` stays one symlink to
a version directory beside it, whatever the first build left."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, make_project_root

pytestmark = pytest.mark.slow  # builds the site twice


def test_two_builds_keep_site_one_link_to_one_version(tmp_path: Path) -> None:
    from generator.build import build_site
    from generator.project import Project

    root = make_project_root(tmp_path / "project")
    for _ in range(2):
        build_site(Project.at(root, data_dir=ROOT / "tests" / "fixtures" / "mini"))

    site = root / "site"
    versions = sorted(p.name for p in root.iterdir() if "site" in p.name and p.name != "site")
    assert site.is_symlink()
    assert site.resolve().parent == root.resolve()
    assert not site.resolve().is_symlink()
    assert len(versions) == 1 and versions[0].startswith(".site~"), versions
    assert (site / "index.html").is_file()
