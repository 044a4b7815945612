"""Downloads: every area's figures and the whole dataset, as CSV and JSON equal to the dataset."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.dataset.load import load_dataset
from generator.dataset.schema import Figure
from generator.downloads import COLUMNS
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


@pytest.mark.parametrize("slug", AREAS)
def test_area_csv_equals_the_dataset_row_for_row(built_site: Path, slug: str) -> None:
    rows = _csv_rows(built_site / f"unduh/wilayah/{slug}.csv")
    expected = sorted((_expected(f) for f in _figures_of(slug)), key=lambda r: str(r["key"]))
    assert sorted((_from_csv(r) for r in rows), key=lambda r: str(r["key"])) == expected


@pytest.mark.parametrize("slug", AREAS)
def test_area_json_equals_the_dataset_row_for_row(built_site: Path, slug: str) -> None:
    document = json.loads((built_site / f"unduh/wilayah/{slug}.json").read_text(encoding="utf-8"))
    rows = [{k: r[k] for k in _expected(DATASET.figures[0])} for r in document["figures"]]
    expected = [_expected(f) for f in _figures_of(slug)]
    assert sorted(rows, key=lambda r: r["key"]) == sorted(expected, key=lambda r: str(r["key"]))
    assert all(
        type(r["value"]) is type(e["value"])
        for r, e in zip(
            sorted(rows, key=lambda r: r["key"]),
            sorted(expected, key=lambda r: str(r["key"])),
            strict=True,
        )
    ), "counts must stay integers"


def test_whole_dataset_holds_every_figure_once(built_site: Path) -> None:
    rows = _csv_rows(built_site / "unduh/semua-angka.csv")
    assert list(rows[0]) == list(COLUMNS)
    assert sorted(r["key"] for r in rows) == sorted(f.key for f in DATASET.figures)
    document = json.loads((built_site / "unduh/semua-angka.json").read_text(encoding="utf-8"))
    assert [_expected(f) for f in DATASET.figures] == sorted(
        ({k: r[k] for k in _expected(DATASET.figures[0])} for r in document["figures"]),
        key=lambda r: [f.key for f in DATASET.figures].index(r["key"]),
    )
    assert "CC BY 4.0" in document["meta"]["licence"]


def test_readme_names_every_column_and_the_licence(built_site: Path) -> None:
    readme = (built_site / "unduh/README.txt").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"  {column} " in readme, column
    assert "CC BY 4.0" in readme


def test_home_page_links_the_whole_dataset_and_readme(built_site: Path) -> None:
    page = built_site / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    targets = {(page.parent / a["href"]).resolve() for a in soup.select("#unduh ~ p a")}
    for name in ("semua-angka.csv", "semua-angka.json", "README.txt"):
        assert built_site.resolve() / "unduh" / name in targets, name
        assert (built_site / "unduh" / name).is_file()


def test_csv_is_plain_utf8_with_dot_decimals(built_site: Path) -> None:
    """Machine-readable: no BOM, commas between fields, numbers without thousands separators."""
    for path in [
        built_site / "unduh/semua-angka.csv",
        *(built_site / "unduh/wilayah").glob("*.csv"),
    ]:
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), path
        rows = _csv_rows(path)
        assert all(re.fullmatch(r"-?\d+(\.\d+)?", r["value"]) for r in rows), path
        assert {r["is_approximate"] for r in rows} <= {"true", "false"}, path
