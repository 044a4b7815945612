"""Issue 17 on the built site: what a careful reader checking the pages against the sources finds.

Each number is the source's as published, a derived number only where the sources support it,
every reading marked as ours, every disagreement noted on the notes page and on its area's page.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup

from generator.checks import run_checks
from generator.dataset.load import load_dataset
from tests.site.test_built_html import DATA, area_url, page, text


def _page_text(site: Path, url: str) -> str:
    return text(page(site, url))


def test_a_plain_average_shows_no_numerator_or_denominator(built_site: Path) -> None:
    office = _page_text(built_site, "kantor-cabang/kantor-cabang-blitar/")

    assert "686.000" not in office
    assert "÷" not in office
    assert "rata-rata tanpa bobot, tafsiran kami" in office


def test_no_page_derives_a_number_from_a_percentage_that_is_no_ratio(built_site: Path) -> None:
    dataset = load_dataset(DATA)
    averages = [f for f in dataset.figures if f.statistic is not None]
    assert averages
    for figure in averages:
        row = page(built_site, area_url(dataset, figure.area[0])).find(id=f"angka-{figure.key}")
        cells = text(row.find_parent("tr"))
        assert "÷" not in cells and "tersirat" not in cells, cells


def test_percentages_show_the_source_s_own_precision_everywhere(built_site: Path) -> None:
    kabupaten = _page_text(built_site, "wilayah/kabupaten-blitar/")
    home = _page_text(built_site, "")
    sources = _page_text(built_site, "sumber/")
    svg = (built_site / "unduh/grafik/beranda--grafik-ringkasan.svg").read_text("utf-8")

    for shown in (kabupaten, home, sources, svg):
        assert "17,60%" in shown
        assert "17,6%" not in shown


def test_a_stated_ratio_says_it_agrees_within_rounding(built_site: Path) -> None:
    province = _page_text(built_site, "wilayah/jawa-timur/")

    assert "27,7% (hitungan kami), sesuai dengan angka sumber dalam batas pembulatan" in province


def test_dates_read_from_context_are_marked_as_our_reading(built_site: Path) -> None:
    office = page(built_site, "kantor-cabang/kantor-cabang-tuban/")
    row = office.find(
        id="angka-kantor-cabang-tuban--participants--bpu--2024-Q1--start--tubankab-2024-05-30"
    )
    cells = text(row.find_parent("tr"))

    assert "awal Triwulan I 2024 (tafsiran kami)" in cells
    assert "Tafsiran kami (tanggal)" in cells
    assert "Bukan Penerima Upah (BPU) (tafsiran kami)" in cells
    citation = text(office.find(id="kutipan-teks"))
    assert "Data per 31 Maret 2024, tanggal menurut tafsiran kami" in citation


def test_a_service_area_no_sentence_states_is_shown_as_our_reading(built_site: Path) -> None:
    facts = text(page(built_site, "kantor-cabang/kantor-cabang-tuban/").select_one(".area-facts"))

    assert "Kabupaten Tuban (tafsiran kami)" in facts
    assert "Tidak ada kalimat sumber yang menyebut wilayah layanan" in facts


def test_workers_to_be_enrolled_are_not_called_funded(built_site: Path) -> None:
    row = page(built_site, "wilayah/kabupaten-blitar/").find(
        id="angka-kabupaten-blitar--planned_enrolments--2025-03_2025-12--jatimtimes-2025-04-14"
    )
    cells = text(row.find_parent("tr"))

    assert "Pekerja yang akan didaftarkan" in cells
    assert "dibiayai" not in cells.split("Catatan")[0]


def test_every_disagreement_is_on_the_notes_page_and_its_area_page(built_site: Path) -> None:
    dataset = load_dataset(DATA)
    notes = [p for p in run_checks(dataset) if p.code == "sources-differ"]
    notes_page = page(built_site, "catatan-konsistensi/")
    assert len(notes) == 3
    for note in notes:
        anchor = f"catatan-{note.code}--{note.field}".replace("+", "-").replace(".", "-")
        assert notes_page.find(id=anchor) is not None, anchor
        (area,) = note.areas
        area_page = page(built_site, area_url(dataset, area))
        link = area_page.select_one(f'a[href$="#{anchor}"]')
        assert link is not None, (area, anchor)
        assert "kemungkinan" not in text(link.find_parent("li"))


def test_a_chart_mixing_sources_says_so(built_site: Path) -> None:
    kabupaten = page(built_site, "wilayah/kabupaten-blitar/")
    caption = text(kabupaten.find(id="grafik-cakupan").find_next(class_="chart-caveat"))

    assert "berasal dari sumber yang berbeda (SURYA.co.id dan JatimTIMES)" in caption


def test_downloads_keep_published_decimals_statistic_and_readings(built_site: Path) -> None:
    with zipfile.ZipFile(built_site / "unduh/semua-angka-csv.zip") as archive:
        raw = archive.read("semua-angka.csv").decode("utf-8")
    rows = {row["key"]: row for row in csv.DictReader(io.StringIO(raw))}

    assert rows["kabupaten-blitar--coverage--2025-04-14--jatimtimes-2025-04-14"]["decimals"] == "2"
    average = rows["kantor-cabang-blitar--coverage--2023-09-06--surya-2023-09-06"]
    assert average["statistic"] == "unweighted_average"
    assert average["readings"].startswith("statistic: ")


def test_the_sources_page_says_where_each_copy_is_and_that_it_is_not_republished(
    built_site: Path,
) -> None:
    sources = _page_text(built_site, "sumber/")

    assert sources.count("disimpan di repositori untuk pemeriksaan kutipan") == 5
    assert "tersimpan di repositori" not in sources
    assert not list(built_site.rglob("snapshots")), "snapshots are never published"
    html = BeautifulSoup((built_site / "sumber/index.html").read_text("utf-8"), "html.parser")
    assert "Kalau dirata-rata" not in html.get_text(), "no source text beyond the quotes"
