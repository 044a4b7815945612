"""The national shape in miniature: the synthetic dataset (benchmarks/synthetic.py) with two
provinces, six kabupaten/kota and three years of monthly figures, built into a whole site.

Speed is measured by benchmarks/build_speed.py, never here; these tests check what must hold
at any size: pages list the latest figures and stay small, charts keep every point, indexes
group by province and filter, and every link and anchor resolves.
"""

from __future__ import annotations

import json
import posixpath
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

pytestmark = pytest.mark.slow  # builds a national-scale site

YEARS = range(2024, 2027)
MONTHS = len(synthetic.months(YEARS))  # January 2024 to October 2026
PROVINCES = [p.slug for p in synthetic.provinces(2)]  # the register's first two: Aceh, Sumut
SLUG = synthetic.regions(6, synthetic.random.Random(0), 2)[2].slug  # a region with figures
REGION = f"wilayah/{SLUG}/index.html"


@pytest.fixture(scope="module")
def site(site_builder: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("synthetic") / "data"
    synthetic.write_dataset(data, 6, provinces_=2, years=YEARS)
    return site_builder("synthetic", data)


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _spec(soup: BeautifulSoup, anchor: str) -> dict:
    return json.loads(soup.select_one(f"#{anchor}-vega")["data-spec"])


def test_a_long_series_page_lists_the_latest_figure_of_each_kind(site: Path) -> None:
    soup = _soup(site / REGION)
    rows = soup.select(f"#semua-angka ~ * a[id^='angka-{SLUG}--']")
    kinds = {a["id"].split("--")[1] + a["id"].split("--")[2] for a in rows}
    # coverage, the coverage target, and the three segments: each once, the latest
    assert len(rows) == len(kinds) == 5
    total = MONTHS * 4 + len(YEARS)
    assert f"(5 dari {total} angka)" in soup.get_text(" ")
    assert "2026-10" in " ".join(a["id"] for a in rows)


def test_charts_keep_every_monthly_point(site: Path) -> None:
    soup = _soup(site / REGION)
    coverage = _spec(soup, "grafik-cakupan")["datasets"]
    own = next(p for p in coverage["points"] if p["role"] == "own")
    assert len(own["share"]) == len(own["p"]) == MONTHS
    assert own["p"] == list(range(MONTHS))  # month offsets: the chart computes each date
    assert "periods" not in coverage and len(coverage["targets"]) == len(YEARS)
    segments = _spec(soup, "grafik-segmen")["datasets"]["points"]
    assert [s["segment"] for s in segments] == ["PU", "BPU", "Jasa Konstruksi"]
    assert all(len(s["value"]) == MONTHS for s in segments)


def test_text_tables_of_long_series_keep_the_last_point_of_each_year(site: Path) -> None:
    details = _soup(site / REGION).select_one("#grafik-cakupan-vega").find_next("details")
    rows = details.select("tbody tr")
    assert len(rows) == 3 * len(YEARS)  # own, province and target: one row a year
    assert "semua angka ada di" in details.get_text(" ")


def test_region_pages_stay_under_60_kb(site: Path) -> None:
    sizes = {p.parent.name: p.stat().st_size for p in site.glob("wilayah/*/index.html")}
    assert len(sizes) == 2 + 6
    assert max(sizes.values()) < 60_000, sizes


def test_home_page_compares_provinces(site: Path) -> None:
    soup = _soup(site / "index.html")
    assert soup.h1.get_text(strip=True).startswith("Cakupan BPJS Ketenagakerjaan di Indonesia")
    table = soup.select_one("#cakupan-terbaru ~ div table, #cakupan-terbaru ~ table")
    names = [tr.td.get_text(strip=True) for tr in table.select("tbody tr")]
    assert names == ["Aceh", "Sumatera Utara"]


def test_regions_index_groups_regions_under_their_province(site: Path) -> None:
    soup = _soup(site / "wilayah" / "index.html")
    register = synthetic.register()
    for province in PROVINCES:
        heading = soup.select_one(f"#provinsi-{province}")
        table = heading.find_next("table")
        codes = {tr.select("td")[2].get_text(strip=True) for tr in table.select("tbody tr")}
        expected = {r["code"] for s, r in register.items() if province in (s, r.get("parent"))}
        assert codes == expected  # every region of the register, with figures or not
    assert soup.select_one("[data-filter] input[type=search]") is not None


def _targets(site: Path) -> dict[str, set[str]]:
    """Every HTML file of the site with the ids it defines."""
    return {
        p.relative_to(site).as_posix(): {tag["id"] for tag in _soup(p).select("[id]")}
        for p in site.rglob("*.html")
    }


def _resolve(page: str, path: str, site: Path) -> str:
    """The file a relative link from `page` opens, as a path under the site."""
    if not path:
        return page
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))
    if path.endswith("/") or (site / target).is_dir():
        target = posixpath.join(target, "index.html")
    return target.removeprefix("./")


def broken_links(site: Path) -> tuple[list[str], int]:
    """Every internal link of the site to a missing file or anchor, and how many were checked."""
    ids = _targets(site)
    broken, checked = [], 0
    for page in ids:
        if page == "404.html":  # its links are absolute, for any depth: checked by MkDocs
            continue
        for link in _soup(site / page).select("a[href]"):
            url = urlsplit(link["href"])
            if url.scheme or url.netloc or url.path.startswith("/"):
                continue
            target = _resolve(page, url.path, site)
            checked += 1
            if not (site / target).is_file():
                broken.append(f"{page}: {link['href']}")
            elif url.fragment and target in ids and unquote(url.fragment) not in ids[target]:
                broken.append(f"{page}: {link['href']} (no such anchor)")
    return broken, checked


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    broken, checked = broken_links(site)
    assert broken == []
    assert checked > 500  # the check saw the site


@pytest.mark.browser
def test_search_box_filters_the_regions_index(site: Path, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto((site / "wilayah" / "index.html").as_uri())
        page.fill("[data-filter] input", "12.02")
        visible = page.eval_on_selector_all(
            "table tbody tr", "rows => rows.filter(r => r.offsetParent).map(r => r.textContent)"
        )
        headings = page.eval_on_selector_all(
            "h2[id^=provinsi-]", "hs => hs.filter(h => h.offsetParent).map(h => h.id)"
        )
        count = page.text_content(".table-filter-count")
    finally:
        page.close()
    rows = sum(1 for r in synthetic.register().values() if (r.get("parent") or "") in PROVINCES)
    assert len(visible) == 1 and "12.02" in visible[0]
    assert headings == [f"provinsi-{PROVINCES[1]}"]
    assert count == f"1 dari {rows + len(PROVINCES)} baris cocok"
