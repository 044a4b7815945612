"""A corrected figure keeps its history: on its own row and on the changelog page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import FIXTURES

REVISION = """\
    revisions:
      - date: 2026-05-02
        old_value: 17.5
        reason: Salah ketik saat memasukkan data; sumber menulis 17,60%.
"""


@pytest.fixture(scope="module")
def revised_site(site_builder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("revised") / "data"
    shutil.copytree(FIXTURES / "mini", data)
    path = data / "figures" / "kabupaten-blitar.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "    quote: &now Cakupan baru 17,60%, sehingga masih ada gap 14,34% terhadap target.\n"
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + REVISION, 1), encoding="utf-8")
    return site_builder("revised-site", data)


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_revision_shows_on_the_figure_row(revised_site: Path) -> None:
    soup = _soup(revised_site, "wilayah/kabupaten-blitar")
    anchor = soup.find(id="angka-kabupaten-blitar--coverage--2025-04-14--uji-kabupaten-2025-04-14")
    row_text = " ".join(anchor.find_parent("tr").get_text(" ").split())
    assert "Riwayat revisi" in row_text
    assert "2 Mei 2026: 17,5% → 17,60%" in row_text
    assert "Salah ketik" in row_text


def test_changelog_lists_the_revision_with_a_link_to_the_figure(revised_site: Path) -> None:
    soup = _soup(revised_site, "riwayat-revisi")
    rows = soup.select("article table tbody tr")
    assert len(rows) == 1
    cells = [" ".join(td.get_text(" ").split()) for td in rows[0].find_all("td")]
    assert cells[0] == "2 Mei 2026"
    assert cells[2] == "17,5% → 17,60%"
    link = rows[0].find("a")["href"]
    assert link.endswith(
        "wilayah/kabupaten-blitar/#angka-kabupaten-blitar--coverage--2025-04-14--uji-kabupaten-2025-04-14"
    )


def test_changelog_without_revisions_says_so(built_mini_site: Path) -> None:
    assert "Belum ada revisi." in _soup(built_mini_site, "riwayat-revisi").get_text()
