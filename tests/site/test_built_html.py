"""The built site, parsed: what readers get after a real MkDocs build.

The shipped data/ and the mini fixture are each built once per session (conftest.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from generator.dataset.load import load_dataset
from generator.dataset.schema import Figure
from generator.dataset.types import Dataset
from generator.pages.filters import nilai

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
MINI = ROOT / "tests" / "fixtures" / "mini"
HOSTILE = "A | B *tebal* [tautan](javascript:alert(1)) <script>alert(1)</script> _miring_ `kode`"
SEGMENTED_INDICATORS = {"participants", "active_participants"}
HOSTILE_FIGURE = "angka-kota-blitar--coverage--2023-06-09--uji-kota-2023-06-09"


@cache
def dataset(data_dir: Path = DATA) -> Dataset:
    return load_dataset(data_dir)


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url: str) -> BeautifulSoup:
    """The parsed page at a site URL such as 'wilayah/kota-blitar/'."""
    return _soup(site / url / "index.html")


def area_url(data: Dataset, slug: str) -> str:
    return f"kantor-cabang/{slug}/" if slug in data.offices else f"wilayah/{slug}/"


def text(node: Tag) -> str:
    return " ".join(node.get_text().split())


def html_pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


# --- every figure on its page, with its value, source and quote ---------------------------------


def _figure_cases() -> list[Any]:
    return [
        pytest.param(figure, slug, id=f"{slug}:{figure.key}")
        for figure in dataset().figures
        for slug in figure.area
    ]


@pytest.mark.parametrize(("figure", "slug"), _figure_cases())
def test_figure_appears_on_its_area_page(built_site: Path, figure: Figure, slug: str) -> None:
    soup = page(built_site, area_url(dataset(), slug))
    anchor = soup.find(id=f"angka-{figure.key}")
    assert anchor is not None, f"no row angka-{figure.key}"
    row = anchor.find_parent("tr")
    assert row is not None
    row_text = text(row)
    assert nilai(figure.value, figure.unit, figure.as_published) in row_text
    assert " ".join(figure.quote.split()) in row_text
    hrefs = [a["href"] for a in row.find_all("a", href=True)]
    assert any(h.endswith(f"sumber/#sumber-{figure.source}") for h in hrefs), hrefs
    assert soup.find(id=f"sumber-{figure.source}") is None  # the link points to the sources page
    assert page(built_site, "sumber").find(id=f"sumber-{figure.source}") is not None


def test_every_figure_is_listed_on_the_sources_page(built_site: Path) -> None:
    sources = page(built_site, "sumber")
    linked = {a["href"].partition("#")[2] for a in sources.select("article a[href*='#angka-']")}
    assert {f"angka-{f.key}" for f in dataset().figures} <= linked


# --- charts: inline data, text alternative ------------------------------------------------------


def _walk(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{path}[{index}]")


def _charts(site: Path) -> Iterator[tuple[str, Tag]]:
    for path in html_pages(site):
        for chart in _soup(path).select(".vega-chart"):
            yield path.relative_to(site).as_posix(), chart


def test_footer_credits_the_site_and_licence_in_indonesian(built_site: Path) -> None:
    for url in ("", "wilayah/kota-blitar/", "sumber/"):
        footer = " ".join(page(built_site, url).select_one(".md-copyright").get_text().split())
        assert "CC BY 4.0" in footer and "Cakupan BPJS Ketenagakerjaan" in footer, footer
        assert "Made with" not in footer, footer


def test_notes_page_headings_are_distinct(built_site: Path) -> None:
    headings = [h.get_text() for h in page(built_site, "catatan-konsistensi/").select("h2[id]")]
    assert len(headings) >= 4 and len(set(headings)) == len(headings), headings


def test_a_chart_title_is_printed_once_as_its_heading(built_site: Path) -> None:
    for url in ("", "wilayah/kota-blitar/", "kantor-cabang/kantor-cabang-tuban/"):
        for chart in page(built_site, url).select(".vega-chart"):
            assert "title" not in json.loads(chart["data-spec"]), (url, chart["id"])
            heading = chart.find_previous("h3").get_text().rstrip("¶")
            for img in chart.select("img, source"):
                picture = built_site / url / (img.get("src") or img["srcset"])
                assert heading not in picture.resolve().read_text(encoding="utf-8"), picture


def test_sources_show_their_snapshots_hashes_as_written(built_site: Path) -> None:
    """A copy's name was shown as `002\\_08ff…`: escaped for Markdown inside a code span. The
    Sumber page now names each snapshot by its sha256, which must show as written."""
    hashes = {s.snapshot.sha256 for s in dataset().sources.values() if s.snapshot}
    assert hashes
    codes = {code.get_text() for code in page(built_site, "sumber/").select("article code")}
    assert hashes <= codes
    assert not [c for c in codes if "\\" in c]


def test_a_region_page_lists_its_sources_with_their_addresses(built_site: Path) -> None:
    """Printed or read offline, the page says where each of its sources is."""
    data = dataset()
    body = page(built_site, "wilayah/kota-blitar/")
    entries = body.select("#sumber + ul > li")
    cited = {a["href"].split("#")[1] for a in body.select('td a[href*="sumber/#sumber-"]')}
    assert cited and cited <= {li.a["href"].split("#")[1] for li in entries}
    for li in entries:
        source = data.sources[li.a["href"].split("#sumber-")[1]]
        text = " ".join(li.get_text().split())
        assert (source.url or "Alamat web belum diketahui") in text, text
        assert not source.title or source.title in text, text


def test_charts_carry_inline_data_and_a_text_alternative(built_site: Path) -> None:
    charts = list(_charts(built_site))
    assert len(charts) >= 5
    for where, chart in charts:
        label = f"{where}#{chart.get('id')}"
        spec = json.loads(chart["data-spec"])
        assert spec.get("datasets"), f"{label}: no inline datasets"
        assert all(rows for rows in spec["datasets"].values()), f"{label}: an empty dataset"
        urls = [p for p, node in _walk(spec) if isinstance(node, dict) and "url" in node]
        assert not urls, f"{label}: data fetched from a URL at {urls}"
        assert chart.get("role") == "img"
        assert len(chart.get("aria-label", "").strip()) > 20, f"{label}: no text alternative"
        details = chart.find_next("details")
        assert details is not None, f"{label}: no data table after the chart"
        assert details.find_previous(class_="vega-chart") is chart, (
            f"{label}: table of another chart"
        )
        table = details.find("table")
        assert table is not None and table.select("tbody tr"), f"{label}: empty data table"


def _chart_ids(soup: BeautifulSoup) -> set[str]:
    return {c["id"] for c in soup.select(".vega-chart")}


def test_pages_with_enough_data_have_their_charts(built_site: Path) -> None:
    data = dataset()
    assert "grafik-ringkasan-vega" in _chart_ids(page(built_site, ""))
    for slug in {s for f in data.figures for s in f.area}:
        ids = _chart_ids(page(built_site, area_url(data, slug)))
        own = [f for f in data.figures if f.area == (slug,) and f.segment is None]
        coverage = [f for f in own if f.indicator == "coverage"]
        target = [f for f in own if f.indicator == "coverage_target"]
        if coverage and len(coverage) + len(target) >= 2:
            assert "grafik-cakupan-vega" in ids, slug
        segmented = [
            f
            for f in data.figures
            if f.area == (slug,) and f.segment and f.indicator in SEGMENTED_INDICATORS
        ]
        if segmented:
            assert "grafik-segmen-vega" in ids, slug
    kota_blitar = _chart_ids(page(built_site, "wilayah/kota-blitar/"))
    assert {"grafik-cakupan-vega", "grafik-perbandingan-vega"} <= kota_blitar


# --- the regions index lists every kabupaten/kota ----------------------------------------------


def test_regions_index_lists_all_514_kabupaten_kota(built_site: Path) -> None:
    data = dataset()
    rows = {
        text(row.find("td")): row
        for row in page(built_site, "wilayah").select("article table tbody tr")
    }
    regencies = {s: r for s, r in data.regions.items() if r.type in {"kabupaten", "kota"}}
    assert len(regencies) == 514
    with_figures = {s for f in data.figures for s in f.area}
    for slug in regencies:
        name = data.area_name(slug)
        assert name in rows, f"{name} missing from wilayah/"
        row = rows[name]
        link = row.find("td").find("a", href=True)
        if slug in with_figures:
            assert link is not None and link["href"].rstrip("/").endswith(slug), name
            assert "belum ada angka" not in text(row), name
        else:
            assert link is None, name
            assert text(row.find_all("td")[-1]) == "belum ada angka", name


# --- nothing loaded from outside the site ------------------------------------------------------


def _outside(url: str) -> bool:
    return url.strip().lower().startswith(("http:", "https:", "//"))


def test_no_script_or_stylesheet_from_outside(built_site: Path) -> None:
    for path in html_pages(built_site):
        soup = _soup(path)
        where = path.relative_to(built_site)
        for script in soup.find_all("script", src=True):
            assert not _outside(script["src"]), f"{where}: {script['src']}"
        for link in soup.find_all("link", href=True):
            if set(link.get("rel", [])) & {"stylesheet", "preload", "preconnect", "modulepreload"}:
                assert not _outside(link["href"]), f"{where}: {link['href']}"
            assert "fonts.googleapis" not in link["href"], where
            assert "fonts.gstatic" not in link["href"], where
        for style in soup.find_all("style"):
            assert "fonts.googleapis" not in style.get_text(), where


# --- hostile data text stays text (mini fixture) ------------------------------------------------


def _assert_script_is_safe(script, where: str) -> None:  # type: ignore[no-untyped-def]
    """Data may sit in JSON-LD, as escaped JSON that cannot end its element; never in code."""
    if script.get("type") == "application/ld+json":
        assert "<" not in script.string and ">" not in script.string, where
        json.loads(script.string)
    else:
        assert "alert" not in script.get_text(), f"{where}: data text inside a <script>"


def _assert_inert(soup: BeautifulSoup, where: str) -> None:
    assert HOSTILE in text(soup), f"{where}: hostile text not shown as text"
    for script in soup.find_all("script"):
        _assert_script_is_safe(script, where)
    for a in soup.find_all("a", href=True):
        assert not a["href"].strip().lower().startswith("javascript"), f"{where}: {a['href']}"


def test_hostile_quote_is_plain_text(built_mini_site: Path) -> None:
    soup = page(built_mini_site, "wilayah/kota-blitar/")
    _assert_inert(soup, "wilayah/kota-blitar/")
    row = soup.find(id=HOSTILE_FIGURE).find_parent("tr")
    cells = row.find_all("td", recursive=False)
    assert len(cells) == len(row.find_parent("table").select("thead th")) == 3
    quote = cells[2]
    assert HOSTILE in text(quote)
    assert quote.find_all(["em", "strong", "code", "script", "img"]) == []
    assert [a["href"] for a in quote.find_all("a")] == ["../../sumber/#sumber-uji-kota-2023-06-09"]


def test_hostile_source_title_is_plain_text(built_mini_site: Path) -> None:
    soup = page(built_mini_site, "sumber")
    _assert_inert(soup, "sumber/")
    heading = soup.find(id="sumber-uji-kota-2023-06-09")
    title = next(li for li in heading.find_next("ul").find_all("li") if "Judul" in li.get_text())
    assert text(title) == f"Judul: {HOSTILE}"
    assert [t.name for t in title.find_all(True)] == ["strong"]  # the label "Judul:" only


def test_hostile_text_is_inert_on_every_page(built_mini_site: Path) -> None:
    hand_written = {"metodologi/index.html", "404.html"}
    for path in html_pages(built_mini_site):
        soup = _soup(path)
        where = path.relative_to(built_mini_site).as_posix()
        for script in soup.find_all("script"):
            _assert_script_is_safe(script, where)
        assert not soup.select("a[href^='javascript' i]"), where
        if where not in hand_written:  # no emphasis, and code only in our own details blocks
            assert not soup.select("article em"), where
            assert set(soup.select("article code")) <= set(soup.select("article details code"))


def test_mini_site_has_every_mini_figure(built_mini_site: Path) -> None:
    data = dataset(MINI)
    for figure in data.figures:
        for slug in figure.area:
            soup = page(built_mini_site, area_url(data, slug))
            anchor = soup.find(id=f"angka-{figure.key}")
            assert anchor is not None, f"{slug}: {figure.key}"
            assert nilai(figure.value, figure.unit, figure.as_published) in text(
                anchor.find_parent("tr")
            )


def test_the_404_page_says_so_in_indonesian_and_leads_back(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article is not None and "Halaman tidak ditemukan" in article.h1.get_text()
    links = {a.get_text(): a["href"] for a in article.find_all("a")}
    assert links["Ke beranda"].endswith("/.") and links["Daftar wilayah"].endswith("/wilayah/")
