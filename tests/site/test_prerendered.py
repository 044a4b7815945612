"""Pages the generator converted itself reach the site as it converted them, and MkDocs still
refuses a link of theirs to a missing page or anchor, as strict mode does for its own pages."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pages.html import Converter, Html, body
from generator.project import MarkdownOptions, Project
from generator.site.mkdocs import BuildError, Rendered, build_mkdocs, markdown_options
from tests.conftest import make_project_root

pytestmark = pytest.mark.slow  # runs MkDocs

PAGE = "---\ntitle: Halaman\n---\n# Halaman\n\n[Sumber](sumber.md#ada) · [unduh](#unduh)\n\n## Unduh { #unduh }\n"
SOURCES = "---\ntitle: Sumber\n---\n# Sumber\n\n## Ada { #ada }\n"


def _build(tmp_path: Path, rendered: dict[str, Rendered]) -> Path:
    root = make_project_root(tmp_path / "project")
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    (docs / "sumber.md").write_text(SOURCES, encoding="utf-8")
    nav = [{"Beranda": "index.md"}, {"Sumber": "sumber.md"}]
    build_mkdocs(Project.at(root), docs, site, {"nav": nav}, rendered)
    return site


def _html(tmp_path: Path, text: str, page: str) -> Html:
    options = markdown_options(Project.at(make_project_root(tmp_path / "options")))
    return Converter(options).convert(body(text), page, is_offline=False)


def test_converted_html_is_what_the_site_shows(tmp_path: Path) -> None:
    html = _html(tmp_path, PAGE, "index.md")
    marked = dataclasses.replace(
        html, content=html.content.replace("Sumber</a>", "Sumber (ours)</a>")
    )
    site = _build(tmp_path, {"index.md": Rendered(marked)})
    shown = (site / "index.html").read_text(encoding="utf-8")
    assert "Sumber (ours)</a>" in shown
    assert 'href="sumber/#ada"' in shown  # the link rewritten as MkDocs rewrites it


def test_a_converted_link_to_a_missing_page_fails_the_build(tmp_path: Path) -> None:
    html = _html(tmp_path, PAGE.replace("sumber.md#ada", "tidak-ada.md"), "index.md")
    with pytest.raises(BuildError, match="tidak-ada.md"):
        _build(tmp_path, {"index.md": Rendered(html)})


def test_a_converted_link_to_a_missing_anchor_fails_the_build(tmp_path: Path) -> None:
    html = _html(tmp_path, PAGE.replace("#ada", "#hilang"), "index.md")
    with pytest.raises(BuildError, match="hilang"):
        _build(tmp_path, {"index.md": Rendered(html)})


def test_a_converted_page_keeps_its_anchors_for_other_pages(tmp_path: Path) -> None:
    """MkDocs converts sumber.md itself here; its link into the converted page resolves."""
    sources = _html(tmp_path, SOURCES, "sumber.md")
    no_anchors = dataclasses.replace(sources, anchors=())
    _build(tmp_path, {"sumber.md": Rendered(sources)})
    with pytest.raises(BuildError, match="ada"):
        _build(tmp_path / "again", {"sumber.md": Rendered(no_anchors)})


def test_search_indexes_the_short_entry_and_the_page_keeps_its_content(tmp_path: Path) -> None:
    html = _html(tmp_path, PAGE, "index.md")
    short = '<h1 id="halaman">Halaman</h1>\n<p>Kode 35.72</p>'
    site = _build(tmp_path, {"index.md": Rendered(html, short)})
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    home = [entry for entry in index["docs"] if not entry["location"].startswith("sumber")]
    assert [entry["title"] for entry in home] == ["Halaman"]
    assert "35.72" in home[0]["text"]
    assert "Unduh" in (site / "index.html").read_text(encoding="utf-8")  # the page is whole


def test_markdown_options_are_mkdocs_own_reading_of_mkdocs_yml(tmp_path: Path) -> None:
    options = markdown_options(Project.at(make_project_root(tmp_path / "p")))
    assert options.extensions[:3] == MarkdownOptions().extensions  # MkDocs' built-in ones first
    assert "pymdownx.superfences" in options.extensions
    assert options.configs["toc"] == {"permalink": True}


def test_search_finds_every_area_page_by_name_and_code(built_site: Path) -> None:
    from generator.dataset.load import load_dataset
    from generator.pages.site import areas_with_pages
    from tests.conftest import ROOT

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {entry["location"]: entry for entry in index["docs"]}
    dataset = load_dataset(ROOT / "data")
    for slug in areas_with_pages(dataset):
        folder = "kantor-cabang" if slug in dataset.offices else "wilayah"
        entry = entries[f"{folder}/{slug}/"]
        assert entry["title"] == dataset.area_name(slug)
        region = dataset.regions.get(slug)
        if region and region.code:
            assert region.code in entry["text"]
        assert "<table" not in entry["text"]  # the short entry, not the page's tables


def test_a_converted_page_is_kept_as_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Set order follows PYTHONHASHSEED: a page's anchors are kept sorted, so its cache entry
    (and anything made from it) does not change from one process to the next."""
    root = make_project_root(tmp_path / "project")
    script = (
        "import sys, hashlib; from pathlib import Path; from pydantic import TypeAdapter\n"
        "from generator.pages.html import Converter, Html, body\n"
        "from generator.project import Project\n"
        "from generator.site.mkdocs import markdown_options\n"
        "text = '# A\\n\\n' + ''.join(f'## Bagian {i} {{ #b{i} }}\\n\\n' for i in range(40))\n"
        "html = Converter(markdown_options(Project.at(Path(sys.argv[1])))).convert("
        "body(text), 'index.md', is_offline=False)\n"
        "print(hashlib.sha256(TypeAdapter(Html).dump_json(html)).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script, str(root)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout  # fmt: skip
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
