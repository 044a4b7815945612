"""Downloads: every area's figures and the whole dataset, as CSV and JSON equal to the dataset."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator import downloads
from generator.dataset.load import load_dataset
from generator.dataset.schema import Figure
from generator.downloads import COLUMNS, FIGURE_COLUMNS, SOURCE_TABLE_COLUMNS
from generator.pages.context import area_path
from generator.pages.site import areas_with_pages
from tests.conftest import ROOT

DATASET = load_dataset(ROOT / "data")
AREAS = areas_with_pages(DATASET)


def _page(site: Path, slug: str) -> Path:
    return site / area_path(DATASET, slug).removesuffix(".md") / "index.html"


def _csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _expected(figure: Figure) -> dict[str, object]:
    """What a download must say of a figure, read from the dataset itself."""
    source = DATASET.sources[figure.source]
    return {
        "key": figure.key,
        "area": "+".join(figure.area),  # a joint figure names every region it covers
        "value": figure.value,
        "unit": figure.unit,
        "period": figure.period,
        "segment": figure.segment,
        "as_published": figure.as_published,
        "source_title": source.title,
        "source_publisher": source.publisher,
        "source_date": source.published or source.reported,
        "quote": figure.quote,
    }


def _from_csv(row: dict[str, str]) -> dict[str, object]:
    value = float(row["value"]) if "." in row["value"] else int(row["value"])
    fields = {k: row[k] or None for k in _expected(DATASET.figures[0]) if k != "value"}
    return {**fields, "value": value}


def _figures_of(slug: str) -> list[Figure]:
    return [f for f in DATASET.figures if slug in f.area]


@pytest.mark.parametrize("slug", AREAS)
def test_area_page_links_its_csv_and_json(built_site: Path, slug: str) -> None:
    page = _page(built_site, slug)
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.select("#unduh ~ p a")]
    targets = {(page.parent / href).resolve() for href in links}
    site = built_site.resolve()  # site/ is a link to the build's version directory
    assert site / f"unduh/wilayah/{slug}.csv" in targets
    assert site / f"unduh/wilayah/{slug}.json" in targets
    assert all(target.is_file() for target in targets), links


def _sources(site: Path) -> dict[str, dict[str, str]]:
    return {row["source_id"]: row for row in _csv_rows(site / "unduh" / downloads.SOURCES_TABLE)}


@pytest.mark.parametrize("slug", AREAS)
def test_area_csv_equals_the_dataset_row_for_row(built_site: Path, slug: str) -> None:
    rows = _csv_rows(built_site / f"unduh/wilayah/{slug}.csv")
    sources = _sources(built_site)
    joined = [_from_csv({**row, **sources[row["source_id"]]}) for row in rows]
    expected = sorted((_expected(f) for f in _figures_of(slug)), key=lambda r: str(r["key"]))
    assert sorted(joined, key=lambda r: str(r["key"])) == expected


def test_every_csv_names_a_figures_source_by_id_and_the_sources_table_holds_each_once(
    built_site: Path,
) -> None:
    """At national scale an area's figures come from a few reports: their titles on each of its
    434 rows were 24 MB of the site. The workbook keeps them on every row, for whoever opens one
    file alone."""
    sources = _csv_rows(built_site / "unduh" / downloads.SOURCES_TABLE)
    assert list(sources[0]) == list(SOURCE_TABLE_COLUMNS)
    assert sorted(s["source_id"] for s in sources) == sorted({f.source for f in DATASET.figures})
    with _zipped(built_site, "semua-angka-csv.zip") as archive:
        assert (
            archive.read(downloads.SOURCES_TABLE)
            == (built_site / "unduh" / downloads.SOURCES_TABLE).read_bytes()
        )
    for slug in AREAS:
        assert list(_csv_rows(built_site / f"unduh/wilayah/{slug}.csv")[0]) == list(FIGURE_COLUMNS)


def _json_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """A JSON download's figures as records: each point with its series' columns, joined with
    its source by source_id."""
    rows = [
        {**series_columns(series), **dict(zip(document["columns"], row, strict=True))}
        for series in document["series"]
        for row in series["figures"]
    ]
    return [{**row, **document["sources"][row["source_id"]]} for row in rows]


def series_columns(series: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in series.items() if name != "figures"}


def _by_key(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: str(r["key"]))


@pytest.mark.parametrize("slug", AREAS)
def test_area_json_equals_the_dataset_row_for_row(built_site: Path, slug: str) -> None:
    document = json.loads((built_site / f"unduh/wilayah/{slug}.json").read_text(encoding="utf-8"))
    assert sorted(document["sources"]) == sorted({f.source for f in _figures_of(slug)})
    rows = [{k: r[k] for k in _expected(DATASET.figures[0])} for r in _json_rows(document)]
    expected = [_expected(f) for f in _figures_of(slug)]
    assert _by_key(rows) == _by_key(expected)
    assert all(
        type(r["value"]) is type(e["value"])
        for r, e in zip(_by_key(rows), _by_key(expected), strict=True)
    ), "counts must stay integers"


def _zipped(built_site: Path, name: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(built_site / "unduh" / name)


def test_whole_dataset_holds_every_figure_once_and_each_source_once(built_site: Path) -> None:
    with _zipped(built_site, "semua-angka-csv.zip") as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("semua-angka.csv").decode())))
        sources = list(csv.DictReader(io.StringIO(archive.read("sumber.csv").decode())))
    assert list(rows[0]) == list(FIGURE_COLUMNS)  # no source details on a figure's row
    assert list(sources[0]) == list(SOURCE_TABLE_COLUMNS)
    assert sorted(r["key"] for r in rows) == sorted(f.key for f in DATASET.figures)
    by_id = {s["source_id"]: s for s in sources}
    assert len(by_id) == len(sources) == len({f.source for f in DATASET.figures})
    joined = [_from_csv({**row, **by_id[row["source_id"]]}) for row in rows]
    assert _by_key(joined) == _by_key([_expected(f) for f in DATASET.figures])
    with _zipped(built_site, "semua-angka-json.zip") as archive:
        document = json.loads(archive.read("semua-angka.json"))
    records = [{k: r[k] for k in _expected(DATASET.figures[0])} for r in _json_rows(document)]
    assert _by_key(records) == _by_key([_expected(f) for f in DATASET.figures])
    assert "CC BY 4.0" in document["meta"]["licence"]


def test_whole_dataset_zips_are_the_same_bytes_every_build() -> None:
    """Sorted entries, each dated 1980-01-01: the zips depend on the figures alone."""
    first = downloads.download_files(DATASET, AREAS)
    assert first == downloads.download_files(DATASET, AREAS)
    for name in (downloads.WHOLE_CSV, downloads.WHOLE_JSON, downloads.WHOLE_XLSX):
        with zipfile.ZipFile(io.BytesIO(first[name])) as archive:
            entries = archive.infolist()
        assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}, name
        if name != downloads.WHOLE_XLSX:  # a workbook's parts go in the order Excel expects
            assert [e.filename for e in entries] == sorted(e.filename for e in entries)
        assert all(e.compress_type == zipfile.ZIP_DEFLATED for e in entries)


def test_readme_names_every_column_and_the_licence(built_site: Path) -> None:
    readme = (built_site / "unduh/README.txt").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"  {column} " in readme, column
    assert "CC BY 4.0" in readme


def test_home_page_links_the_whole_dataset_and_readme(built_site: Path) -> None:
    page = built_site / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    targets = {(page.parent / a["href"]).resolve() for a in soup.select("#unduh ~ p a")}
    for name in ("semua-angka-csv.zip", "semua-angka-json.zip", "semua-angka.xlsx", "README.txt"):
        assert built_site.resolve() / "unduh" / name in targets, name
        assert (built_site / "unduh" / name).is_file()


def test_csv_is_plain_utf8_with_dot_decimals(built_site: Path) -> None:
    """Machine-readable: no BOM, commas between fields, numbers without thousands separators."""
    with _zipped(built_site, "semua-angka-csv.zip") as archive:
        whole = archive.read("semua-angka.csv")
    for raw in [whole, *(p.read_bytes() for p in (built_site / "unduh/wilayah").glob("*.csv"))]:
        assert not raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
        assert all(re.fullmatch(r"-?\d+(\.\d+)?", r["value"]) for r in rows)
        assert {r["is_approximate"] for r in rows} <= {"true", "false"}


NATIONAL_FIGURES = 301_368  # the synthetic national dataset at N = 514 (benchmarks/synthetic.py)


def test_downloads_of_the_synthetic_dataset_would_fit_github_pages_at_national_scale(
    tmp_path: Path,
) -> None:
    """Bytes a figure, scaled to the national dataset: every download about 200 MB at most (it
    was 830 MB, then 265 MB with each JSON point repeating its series and each CSV row its
    source), no file over 50 MB (the whole dataset's JSON was 250 MB)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    synthetic.write_dataset(tmp_path / "data", 9, provinces_=3, years=range(2022, 2027))
    dataset = load_dataset(tmp_path / "data")
    files = downloads.download_files(dataset, areas_with_pages(dataset))
    del files[f"{downloads.DOWNLOADS_DIR}/README.txt"], files[downloads.REGISTER_FILE]
    scale = NATIONAL_FIGURES / len(dataset.figures)
    assert sum(map(len, files.values())) * scale < 200e6
    largest = max(files, key=lambda name: len(files[name]))
    assert len(files[largest]) * scale < 50e6, largest


def test_a_series_point_downloads_with_its_location_and_no_quote(tmp_path: Path) -> None:
    """Points of a report's table carry the table's location where a figure has its quote."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    synthetic.write_dataset(tmp_path / "data", 2, provinces_=1, years=range(2026, 2027))
    dataset = load_dataset(tmp_path / "data")
    files = downloads.download_files(dataset, areas_with_pages(dataset))
    slug = next(s for s in areas_with_pages(dataset) if s in dataset.regions)
    rows = list(csv.DictReader(io.StringIO(files[downloads.download_path(slug, "csv")].decode())))
    assert rows and all(row["location"].startswith("[SINTETIS] Tabel") for row in rows)
    assert all(row["quote"] == "" for row in rows)


def test_a_json_download_holds_what_a_tables_points_share_once(tmp_path: Path) -> None:
    """A report's table is one series in the JSON: its area, indicator, segment, unit, location
    and source written once, each point an array of its own columns (national scale: 112 MB of
    per-area JSON, where a point repeating all of them was 48 MB more)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    synthetic.write_dataset(tmp_path / "data", 2, provinces_=1, years=range(2025, 2027))
    dataset = load_dataset(tmp_path / "data")
    slug = next(s for s in areas_with_pages(dataset) if s in dataset.regions)
    files = downloads.download_files(dataset, areas_with_pages(dataset))
    document = json.loads(files[downloads.download_path(slug, "json")])
    own = [f for f in dataset.figures if slug in f.area]
    tables = {(f.indicator, f.segment, f.location, f.source) for f in own}
    assert len(document["series"]) == len(tables) < len(own) / 5
    assert set(document["columns"]).isdisjoint(series_columns(document["series"][0]))
    assert set(series_columns(document["series"][0])) | set(document["columns"]) == set(
        FIGURE_COLUMNS
    )
    assert len(_json_rows(document)) == len(own)


@pytest.mark.parametrize(
    "text",
    ["kota-blitar--coverage--2024-12--src", "1.428.061", "17,60%", "-5", "+62", "=1+1", "@a",
     "a b", " lead", "trail ", 'say "x"', "a&b<c>", "tab\tin", "ümlaut", "x\\y", "kota+blitar"],
)  # fmt: skip
def test_a_text_is_written_the_same_by_the_fast_path_as_by_the_general_one(text: str) -> None:
    assert downloads._text(text) == downloads.texts_of([text])
