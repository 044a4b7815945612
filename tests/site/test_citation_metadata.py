"""Journalists' view of a page: its citation, machine-readable metadata and permalinks."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from generator.dataset.load import load_dataset
from tests.conftest import ROOT, make_project_root

SITE_URL = "https://contoh.github.io/cakupan/"
AREA_PAGES = [
    "wilayah/kabupaten-blitar",
    "wilayah/kota-blitar",
    "kantor-cabang/kantor-cabang-tuban",
]


@pytest.fixture(scope="module")
def site(site_builder) -> Path:
    return site_builder("metadata", ROOT / "data", site_url=SITE_URL)


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def _local(site: Path, url: str) -> Path:
    """The file a canonical URL of this site points to."""
    assert url.startswith(SITE_URL), url
    path = urlparse(url).path.removeprefix(urlparse(SITE_URL).path)
    return site / path / "index.html" if path.endswith("/") or not path else site / path


@pytest.mark.parametrize("page", AREA_PAGES)
def test_citation_names_canonical_url_and_data_date(site: Path, page: str) -> None:
    sentence = _soup(site, page).select_one("#kutipan-teks").get_text()
    assert f"dari {SITE_URL}{page}/" in sentence
    assert "[Data per " in sentence and "Diakses " in sentence


def test_kabupaten_blitar_citation_is_dated_by_its_latest_figure(site: Path) -> None:
    sentence = _soup(site, "wilayah/kabupaten-blitar").select_one("#kutipan-teks").get_text()
    assert sentence.startswith(
        "Cakupan BPJS Ketenagakerjaan. (2025). Kabupaten Blitar [Data per 14 April 2025]."
    )


@pytest.mark.parametrize("page", AREA_PAGES)
def test_bibtex_and_ris_downloads_carry_the_url(site: Path, page: str) -> None:
    soup = _soup(site, page)
    links = {a.get_text(): a["href"] for a in soup.select("a[href$='.bib'], a[href$='.ris']")}
    assert set(links) == {"BibTeX (.bib)", "RIS (.ris)"}
    for href in links.values():
        text = (site / page / href).resolve().read_text(encoding="utf-8")
        assert f"{SITE_URL}{page}/" in text


@pytest.mark.parametrize("page", AREA_PAGES)
def test_jsonld_dataset_names_existing_downloads_and_sources(site: Path, page: str) -> None:
    script = _soup(site, page).find("script", type="application/ld+json")
    document = json.loads(script.string)
    assert document["@type"] == "Dataset"
    assert document["url"] == f"{SITE_URL}{page}/"
    formats = {d["encodingFormat"]: d["contentUrl"] for d in document["distribution"]}
    assert set(formats) == {"text/csv", "application/json"}
    for url in formats.values():
        assert _local(site, url).is_file(), url
    assert document["isBasedOn"] and all(w["publisher"]["name"] for w in document["isBasedOn"])
    assert "/" in document["temporalCoverage"] and document["dateModified"]


def test_jsonld_names_every_source_of_the_page(site: Path) -> None:
    dataset = load_dataset(ROOT / "data")
    script = _soup(site, "wilayah/kabupaten-blitar").find("script", type="application/ld+json")
    names = {w["name"] for w in json.loads(script.string)["isBasedOn"]}
    expected = {
        dataset.sources[f.source].title for f in dataset.figures if "kabupaten-blitar" in f.area
    }
    assert names == expected


def test_open_graph_has_title_description_and_an_existing_chart_image(site: Path) -> None:
    soup = _soup(site, "wilayah/kota-blitar")
    meta = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert meta["og:title"] == "Kota Blitar"
    assert meta["og:url"] == f"{SITE_URL}wilayah/kota-blitar/"
    assert "Kota Blitar" in meta["og:description"]
    assert _local(site, meta["og:image"]).is_file()


def test_sitemap_lists_every_area_page_under_the_site_url(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for page in AREA_PAGES:
        assert f"<loc>{SITE_URL}{page}/</loc>" in sitemap


def test_coverage_shows_its_numerator_and_denominator(site: Path) -> None:
    soup = _soup(site, "wilayah/jawa-timur")
    row = soup.find(id="angka-jawa-timur--coverage--2023-09-06--surya-2023-09-06").find_parent("tr")
    text = " ".join(row.get_text(" ").split())
    assert (
        "4,4 juta pekerja (peserta) ÷ 15,9 juta pekerja (potensi pekerja), keduanya disebut "
        "sumber, = 27,7% (hitungan kami)" in text
    )
    soup = _soup(site, "wilayah/kabupaten-tulungagung")
    row = soup.find(id="angka-kabupaten-tulungagung--coverage--2023-09-06--surya-2023-09-06")
    text = " ".join(row.find_parent("tr").get_text(" ").split())
    assert "83.923 pekerja (peserta aktif) ÷ sekitar 414.000 potensi pekerja (tersirat)" in text


def test_every_chart_has_an_anchor_to_link_to(site: Path) -> None:
    soup = _soup(site, "wilayah/kota-blitar")
    for chart in soup.select(".vega-chart"):
        anchor = chart["id"].removesuffix("-vega")
        assert soup.find(id=anchor).name == "h3"


@pytest.mark.slow
def test_a_listed_redirect_sends_the_old_url_to_the_new_page(tmp_path: Path) -> None:
    from generator.build import build_site
    from generator.project import Project

    root = make_project_root(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    old = "      redirect_maps: {}\n"
    assert old in text
    new = "      redirect_maps:\n        wilayah/kab-blitar.md: wilayah/kabupaten-blitar.md\n"
    config.write_text(text.replace(old, new), encoding="utf-8")
    build_site(Project.at(root, data_dir=ROOT / "data", site_dir=root / "site"))
    page = BeautifulSoup((root / "site/wilayah/kab-blitar/index.html").read_text(), "html.parser")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh.endswith("../kabupaten-blitar/")
